"""User-interface preferences (never project data), each declared once with its default."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from advisor.i18n import LANGUAGES, system_language

MAX_RECENT_FILES = 8
PAPERS = ("a4", "letter")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
CONFIG_DIR_VARIABLE = "RETENTION_ADVISOR_CONFIG_DIR"


def config_dir() -> Path:
    """Where settings and recovery copies live; the environment variable overrides it."""
    override = os.environ.get(CONFIG_DIR_VARIABLE)
    if override:
        return Path(override)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(location or Path.home() / ".config" / "retention-advisor")


class AppSettings:
    """Typed access to the preferences stored in ``settings.ini`` of :func:`config_dir`."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or config_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._store = QSettings(str(self.folder / "settings.ini"), QSettings.Format.IniFormat)

    @property
    def recovery_dir(self) -> Path:
        return self.folder / "recovery"

    @property
    def language(self) -> str:
        value = self._store.value("ui/language", "")
        return value if value in LANGUAGES else system_language()

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue("ui/language", value)

    @property
    def geometry(self) -> QByteArray | None:
        value = self._store.value("ui/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("ui/geometry", value)

    @property
    def recent_files(self) -> list[Path]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [Path(item) for item in value or [] if item]

    def add_recent_file(self, path: Path) -> None:
        resolved = path.resolve()
        others = [p for p in self.recent_files if p != resolved]
        self._store.setValue(
            "files/recent", [str(p) for p in [resolved, *others][:MAX_RECENT_FILES]]
        )

    def remove_recent_file(self, path: Path) -> None:
        self._store.setValue("files/recent", [str(p) for p in self.recent_files if p != path])

    @property
    def report_accent(self) -> str:
        """The PDF's accent colour (``#rrggbb``) for a consultant's branding; "" for the
        house colour."""
        value = self._store.value("report/accent", "")
        return value if isinstance(value, str) and _COLOUR.fullmatch(value) else ""

    @report_accent.setter
    def report_accent(self, value: str) -> None:
        self._store.setValue("report/accent", value if _COLOUR.fullmatch(value) else "")

    @property
    def report_logo(self) -> Path | None:
        """A logo printed on the PDF's cover (PNG or JPEG), or None."""
        value = self._store.value("report/logo", "")
        return Path(value) if isinstance(value, str) and value else None

    @report_logo.setter
    def report_logo(self, value: Path | None) -> None:
        self._store.setValue("report/logo", str(value) if value else "")

    @property
    def report_paper(self) -> str:
        """The paper size last chosen for the PDF: ``a4`` or ``letter``."""
        value = self._store.value("report/paper", "a4")
        return value if value in PAPERS else "a4"

    @report_paper.setter
    def report_paper(self, value: str) -> None:
        self._store.setValue("report/paper", value if value in PAPERS else "a4")

    @property
    def playbook_folder(self) -> Path | None:
        """A folder of the user's own playbooks (added to the bundled ones), or None."""
        value = self._store.value("playbooks/folder", "")
        return Path(value) if isinstance(value, str) and value else None

    @playbook_folder.setter
    def playbook_folder(self, value: Path | None) -> None:
        self._store.setValue("playbooks/folder", str(value) if value else "")

    def sync(self) -> None:
        self._store.sync()
