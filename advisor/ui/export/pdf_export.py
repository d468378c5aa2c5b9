"""Writing the printed plan off the GUI thread: the work (the orders export read again for
cohorts and RFM, then the PDF) and what the user is told when it fails.

reportlab and jinja2 load on the first export, pandas only when an orders export is read.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.domain.project import Project
from advisor.errors import InputError
from advisor.i18n import _
from advisor.progress import Progress
from advisor.storage.project_file import ProjectFileError

if TYPE_CHECKING:
    from advisor.analytics.analysis import Analysis
    from advisor.report.model import ReportOptions


def pdf_work(
    project: Project, options: ReportOptions, path: Path, orders: Path | None
) -> Callable[[Progress], Path]:
    """The work writing ``project``'s plan to ``path``, for a background task: it prints a
    copy taken now, so edits made while it runs do not reach it. ``orders``: an orders export
    whose cohorts and segments go in the KPI section."""
    from advisor.report.export import export_pdf  # reportlab loads on first export

    snapshot = copy.deepcopy(project)

    def work(progress: Progress) -> Path:
        return export_pdf(snapshot, options, path, progress, _orders(orders, progress))

    return work


def print_work(
    project: Project, options: ReportOptions, orders: Path | None
) -> Callable[[Progress], bytes]:
    """The work making the plan's PDF in memory, for printing (see :func:`pdf_work`)."""
    from advisor.report.export import plan_pdf  # reportlab loads on first export

    snapshot = copy.deepcopy(project)

    def work(progress: Progress) -> bytes:
        return plan_pdf(snapshot, options, progress, _orders(orders, progress))

    return work


def _orders(orders: Path | None, progress: Progress) -> Analysis | None:
    """The orders export's analysis, for the cohorts and segments (pandas loads here, off the
    GUI thread)."""
    if orders is None:
        return None
    from advisor.analytics.files import analyse_file

    progress.report(0.0, _("Reading {name}…").format(name=orders.name))
    analysis = analyse_file(orders).orders
    if analysis is None:
        raise InputError(
            _("{path}: survey answers, not orders; choose an orders export").format(
                path=orders.name
            )
        )
    return analysis


def failure_message(error: Exception) -> str:
    """What went wrong, for the user: where the file could not be written, a bad input's own
    message, or the error itself."""
    if isinstance(error, ProjectFileError):
        return _("Cannot write {path}: {problem}").format(path=error.path, problem=error.problem)
    if isinstance(error, InputError):
        return str(error)
    return _("The PDF could not be made: {error}").format(error=error)
