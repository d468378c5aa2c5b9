"""File › Start Review Round… and File › Export Plan to Calendar…: the plan after the
workshop. A round records what the project stands at today (one undoable edit) and shows what
changed since the round before; the calendar file holds each due action and the review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from advisor.domain.plan_edits import AddReviewRound
from advisor.domain.reviews import compare, take_round
from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_date
from advisor.report.progress_text import progress_summary
from advisor.storage.atomic_write import ProjectFileError
from advisor.storage.playbooks import action_targets, load_library
from advisor.storage.references import project_context

if TYPE_CHECKING:
    from advisor.ui.shell.host import WindowHost


def start_review_round(window: WindowHost, today: dt.date | None = None) -> str:
    """Record a round and say what changed since the last one; returns the text shown."""
    project = window.session.project
    day = today or dt.date.today()
    context = project_context(project)
    round_ = take_round(project, context, day)
    previous = project.reviews[-1] if project.reviews else None
    window.session.apply(AddReviewRound(round_))
    language = current_language()
    if previous is None:
        text = _(
            "Review round of {date} recorded: the figures of {period}, {actions} actions. "
            "At the next round you will see what changed since today."
        ).format(
            date=format_date(day, language),
            period=round_.period or _("no period"),
            actions=len(round_.actions),
        )
    else:
        progress = compare(
            previous, round_, action_targets(project, window.settings.playbook_folder)
        )
        text = progress_summary(progress, language, project.profile.currency)
    window.show_message(_("Review round"), text)
    return text


def export_calendar(window: WindowHost) -> Path | None:
    """Ask where, then write the plan's actions and review as a calendar file."""
    from advisor.storage.calendar import plan_calendar, write_calendar

    project = window.session.project
    name = (project.profile.name or _("Untitled project")).replace("/", "-")
    path = window.ask_calendar_path(Path.home() / f"{name}.ics")
    if path is None:
        return None
    if path.suffix.lower() != ".ics":
        path = path.with_name(path.name + ".ics")
    library = load_library(window.settings.playbook_folder)
    playbooks = {playbook.id: playbook for playbook in library.playbooks}
    data = plan_calendar(project, current_language(), playbooks, dt.datetime.now(dt.UTC))
    try:
        write_calendar(path, data)
    except ProjectFileError as error:
        window.show_error(_("Export Plan to Calendar"), str(error))
        return None
    window.statusBar().showMessage(_("The plan's calendar is in {path}.").format(path=path))
    return path


def ask_calendar_path(parent: object, suggestion: Path) -> Path | None:
    name, _chosen = QFileDialog.getSaveFileName(
        parent,  # type: ignore[arg-type]
        _("Export Plan to Calendar"),
        str(suggestion),
        _("Calendar files (*.ics)"),
    )
    return Path(name) if name else None


def show_message(parent: object, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)  # type: ignore[arg-type]
