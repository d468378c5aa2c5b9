"""The user guide inside the application: one page per step in each language, read from the
bundled files (no network), opened with F1 on the step shown or from Help › User Guide.

The KPI page ends with the definitions of every KPI, written from the KPI table itself, so
the guide and the KPI step never disagree.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.i18n import _, current_language
from advisor.paths import HELP

#: Where the KPI page's definitions go.
KPI_MARKER = "<!-- KPI DEFINITIONS -->"


def help_page(page: str, language: str) -> Path:
    """The file of guide page ``page`` (a step id, or ``index``) in ``language``; the English
    one when the language has none, the guide's index when the page does not exist."""
    for folder in (HELP / language, HELP / "en"):
        path = folder / f"{page}.html"
        if path.is_file():
            return path
    return HELP / "en" / "index.html"


def kpi_definitions_html() -> str:
    """Every KPI: its name, formula and what it says, in the current language."""
    rows = "".join(
        f"<dt><b>{html.escape(_(d.title))}</b></dt>"
        f"<dd>{html.escape(_(d.formula))}<br>{html.escape(_(d.explanation))}</dd>"
        for d in DEFINITIONS
    )
    return f"<h2>{html.escape(_('The KPIs, one by one'))}</h2><dl>{rows}</dl>"


class HelpBrowser(QTextBrowser):
    """Shows guide pages; the KPI page gets its definitions."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 (Qt API)
        data = super().loadResource(kind, name)
        url = QUrl(name) if isinstance(name, str) else name
        if url.fileName() != "kpis.html":
            return data
        if isinstance(data, QByteArray):
            data = data.data()
        if isinstance(data, bytes | bytearray):
            data = bytes(data).decode("utf-8")
        if isinstance(data, str):
            return data.replace(KPI_MARKER, kpi_definitions_html())
        return data


class HelpWindow(QDialog):
    """The guide in a window of its own, beside the work (not modal): links between pages,
    Back with Alt+Left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(720, 640)
        self.browser = HelpBrowser()
        self.browser.document().setDefaultStyleSheet(
            "dt { font-weight: bold; margin-top: 6px; } td { padding-right: 12px; }"
        )
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        QShortcut(QKeySequence.StandardKey.Back, self, self.browser.backward)
        self.browser.sourceChanged.connect(lambda _url: self._title())

    def show_page(self, page: str) -> None:
        """Show guide page ``page`` in the current language and bring the window forward."""
        self.browser.setSource(QUrl.fromLocalFile(str(help_page(page, current_language()))))
        self._title()
        self.show()
        self.raise_()
        self.activateWindow()

    def _title(self) -> None:
        title = self.browser.documentTitle()
        self.setWindowTitle(title or _("User Guide"))
