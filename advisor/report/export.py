"""Export a project as a PDF file: build the report, lay it out, write it atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.domain.project import Project
from advisor.i18n import _
from advisor.progress import Progress
from advisor.report.model import ReportOptions, build_report
from advisor.storage.project_file import write_atomic

if TYPE_CHECKING:
    from advisor.analytics.analysis import Analysis


def plan_pdf(
    project: Project,
    options: ReportOptions,
    progress: Progress | None = None,
    orders: Analysis | None = None,
) -> bytes:
    """The plan of ``project`` as PDF bytes (what :func:`export_pdf` writes; printing reads
    them)."""
    from advisor.report.pdf import render_pdf  # reportlab loads only when exporting

    progress = progress or Progress()
    progress.report(0.0, _("Gathering the plan…"))
    return render_pdf(build_report(project, options, orders), progress)


def export_pdf(
    project: Project,
    options: ReportOptions,
    path: Path,
    progress: Progress | None = None,
    orders: Analysis | None = None,
) -> Path:
    """Write the plan of ``project`` to ``path``; a failure leaves any previous file intact
    and no half-written PDF (raises ``ProjectFileError`` naming the path)."""
    progress = progress or Progress()
    data = plan_pdf(project, options, progress, orders)
    progress.report(1.0, _("Writing {name}…").format(name=path.name))
    write_atomic(path, data, keep_backup=False)
    return path
