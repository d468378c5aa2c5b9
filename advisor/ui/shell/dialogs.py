"""The questions the windows ask: unsaved changes, recovery, a file changed by someone else,
file names, errors, and figures an import would replace."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from advisor import APP_NAME
from advisor.domain.kpi_definitions import FIGURE_LABELS
from advisor.i18n import N_, _, current_language, ngettext
from advisor.i18n.formatting import format_number
from advisor.storage.project_file import SUFFIX

if TYPE_CHECKING:
    from advisor.analytics.to_project import Conflict


class SaveChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class RecoveryChoice(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def ask_save_changes(parent: QWidget, name: str) -> SaveChoice:
    """Save, Don't save or Cancel, before unsaved work would be closed."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(_("Save the changes to “{name}”?").format(name=name))
    box.setInformativeText(_("If you don't save, your changes will be lost."))
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Don't save"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return {save: SaveChoice.SAVE, discard: SaveChoice.DISCARD}.get(clicked, SaveChoice.CANCEL)


def ask_restore(parent: QWidget, title: str, when: str) -> RecoveryChoice:
    """Offer a recovery copy back after a crash."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Restore unsaved work?"))
    box.setText(_("Retention Advisor closed before “{title}” was saved.").format(title=title))
    box.setInformativeText(_("A recovery copy from {when} is available.").format(when=when))
    restore = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_("Not now"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return {restore: RecoveryChoice.RESTORE, discard: RecoveryChoice.DISCARD}.get(
        box.clickedButton(), RecoveryChoice.LATER
    )


class ChangedChoice(Enum):
    OVERWRITE = "overwrite"
    RELOAD = "reload"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


def ask_file_changed(parent: QWidget, name: str) -> ChangedChoice:
    """Another window or program saved the file since it was opened here: overwrite its
    version, reload it (losing ours), or save ours under another name."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(_("“{name}” was changed by someone else since you opened it.").format(name=name))
    box.setInformativeText(
        _("Keep your version (theirs is replaced), reload theirs (your changes are lost), or "
          "save yours under another name?")
    )  # fmt: skip
    keep = box.addButton(_("Keep mine (overwrite)"), QMessageBox.ButtonRole.DestructiveRole)
    reload = box.addButton(_("Reload theirs"), QMessageBox.ButtonRole.ResetRole)
    save_as = box.addButton(_("Save as…"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)  # the answer that loses nothing
    box.setEscapeButton(cancel)
    box.exec()
    choices = {
        keep: ChangedChoice.OVERWRITE,
        reload: ChangedChoice.RELOAD,
        save_as: ChangedChoice.SAVE_AS,
    }
    return choices.get(box.clickedButton(), ChangedChoice.CANCEL)


def _file_filter() -> str:
    return _("Retention projects (*{suffix})").format(suffix=SUFFIX)


def ask_open_path(parent: QWidget) -> Path | None:
    name, _chosen = QFileDialog.getOpenFileName(parent, _("Open project"), "", _file_filter())
    return Path(name) if name else None


def ask_save_path(parent: QWidget, suggestion: Path) -> Path | None:
    name, _chosen = QFileDialog.getSaveFileName(
        parent, _("Save project"), str(suggestion), _file_filter()
    )
    return Path(name) if name else None


def show_error(parent: QWidget, title: str, message: str, details: str = "") -> None:
    """A warning; ``details`` (what a support person needs: a line, a field) stays behind
    the box's Show Details button."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    if details:
        box.setDetailedText(details)
    box.exec()


class DamagedChoice(Enum):
    BACKUP = "backup"
    READABLE = "readable"
    CANCEL = "cancel"


def ask_damaged(
    parent: QWidget, name: str, backup: str | None, left_out: int | None, details: str
) -> DamagedChoice:
    """A project file cannot be read as it is: open the backup copy beside it (``backup``,
    its file name), open what can be read (``left_out`` values set aside), or neither."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Cannot open the project"))
    box.setText(_("Part of “{name}” cannot be read: the file is damaged.").format(name=name))
    lines = [
        _(
            "It may have been cut short while copying, or changed by another program. "
            "The file is left as it is."
        )
    ]
    choices: dict[object, DamagedChoice] = {}
    if backup is not None:
        lines.append(
            _("The copy kept at the save before this one can be opened: {backup}.").format(
                backup=backup
            )
        )
        button = box.addButton(_("Open the Backup Copy"), QMessageBox.ButtonRole.AcceptRole)
        choices[button] = DamagedChoice.BACKUP
        box.setDefaultButton(button)
    if left_out is not None:
        lines.append(
            ngettext(
                "Everything else can be opened, with {n} value left out.",
                "Everything else can be opened, with {n} values left out.",
                left_out,
            ).format(n=left_out)
        )
        button = box.addButton(_("Open What Can Be Read"), QMessageBox.ButtonRole.ActionRole)
        choices[button] = DamagedChoice.READABLE
    if choices:
        lines.append(_("Either opens as a new, unsaved project: the damaged file is not changed."))
    box.setInformativeText("\n\n".join(lines))
    box.setDetailedText(details)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return choices.get(box.clickedButton(), DamagedChoice.CANCEL)


class ConflictChoice(Enum):
    OVERWRITE = "overwrite"
    KEEP = "keep"
    CANCEL = "cancel"


def ask_conflicts(parent: QWidget, conflicts: list[Conflict]) -> ConflictChoice:
    """Some imported figures differ from ones already typed: replace them, keep them, or stop."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Figures already entered"))
    box.setText(
        _("{count} figure(s) in the KPI step differ from the imported ones.").format(
            count=len(conflicts)
        )
    )
    language = current_language()

    def value(number: object) -> str:
        return format_number(number, language) if isinstance(number, int | float) else str(number)

    lines = [
        f"{c.label}: {_(FIGURE_LABELS.get(c.figure, c.figure))} {value(c.current)} → "
        f"{value(c.imported)}"
        for c in conflicts[:12]
    ]
    box.setDetailedText("\n".join(lines))
    box.setInformativeText(_("Replace them with the imported figures, or keep yours?"))
    overwrite = box.addButton(_("Use imported figures"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep mine"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked == overwrite:
        return ConflictChoice.OVERWRITE
    return ConflictChoice.KEEP if clicked == keep else ConflictChoice.CANCEL


BY_LENGTH = {"month": N_("by month"), "quarter": N_("by quarter"), "year": N_("by year")}


def ask_mixed_lengths(parent: QWidget, existing: str, imported: str) -> bool:
    """The KPI step's periods are quarters (say) and the import's months: add them anyway?"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Periods of another length"))
    box.setText(
        _("The KPI step has figures {existing}; these are {imported}.").format(
            existing=_(BY_LENGTH[existing]), imported=_(BY_LENGTH[imported])
        )
    )
    box.setInformativeText(
        _("Add them beside the others, or cancel, choose the same periods above and read the "
          "file again?")
    )  # fmt: skip
    add = box.addButton(_("Add anyway"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() == add
