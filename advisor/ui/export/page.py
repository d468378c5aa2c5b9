"""Export step: the PDF's options (``options_form``), then the PDF written in the background
(``pdf_export``) with progress and cancel, and opened with the system's viewer.

reportlab and jinja2 load on the first export or preview of the sections, never at start-up.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPageSize
from PySide6.QtWidgets import (
    QColorDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from advisor.analytics.sniffing import IMPORT_SUFFIXES
from advisor.domain.edits import SetProfileField
from advisor.domain.project import Language, Project
from advisor.domain.wizard import STEP_TITLES, StepId, missing_before_export
from advisor.i18n import _
from advisor.ui.common.step_page import StepPage
from advisor.ui.common.widgets import heading, help_label, scrolling_page, set_heading
from advisor.ui.export.options_form import HOUSE_ACCENT, ExportOptionsForm, row
from advisor.ui.export.pdf_export import failure_message, pdf_work, print_work
from advisor.ui.shell.settings import AppSettings
from advisor.ui.shell.tasks import BackgroundTask

if TYPE_CHECKING:
    from advisor.report.model import ReportOptions


class ExportPage(StepPage):
    """Options of the printed plan and the export itself."""

    step_id = StepId.EXPORT

    #: The PDF was written (its ``Path``).
    export_finished = Signal(object)
    #: The export failed (the message shown to the user).
    export_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, settings: AppSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or AppSettings()
        self._project: Project | None = None
        self._task: BackgroundTask | None = None
        self._outcome: str = ""
        self.written: Path | None = None

        self.title = heading()
        self.intro = help_label()
        self.readiness = QLabel()
        self.readiness.setWordWrap(True)
        self.readiness.setTextFormat(Qt.TextFormat.RichText)
        self.options = ExportOptionsForm(self.settings)
        # The form's parts, as the tests and the rest of the window reach them.
        form = self.options
        self.paper, self.language = form.paper, form.language
        self.section_boxes = form.section_boxes
        self.accent_button, self.accent_reset = form.accent_button, form.accent_reset
        self.logo_label = form.logo_label
        self.logo_button, self.logo_remove = form.logo_button, form.logo_remove
        self.orders_label = form.orders_label
        self.orders_button, self.orders_remove = form.orders_button, form.orders_remove

        self.export_button = QPushButton()
        self.print_button = QPushButton()
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.open_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions = row(self.export_button, self.print_button, self.cancel_button, self.open_button)

        scrolling_page(
            self,
            self.title,
            self.intro,
            self.readiness,
            self.options,
            actions,
            self.progress,
            self.status,
        )
        self._connect()
        self._set_running(False)
        self.open_button.setEnabled(False)
        self.retranslate_ui()

    def _connect(self) -> None:
        self.language.activated.connect(self._language_chosen)
        self.accent_button.clicked.connect(self._choose_accent)
        self.logo_button.clicked.connect(self._choose_logo)
        self.orders_button.clicked.connect(self._choose_orders)
        self.export_button.clicked.connect(self.export)
        self.print_button.clicked.connect(self.print_plan)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_pdf)

    # Options

    def _language_chosen(self, _index: int) -> None:
        value = self.language.currentData()
        if self._project is not None and self._project.profile.report_language != value:
            self.edit_requested.emit(SetProfileField("report_language", Language(value)))

    def _choose_accent(self) -> None:
        colour = self.ask_colour(self.settings.report_accent or HOUSE_ACCENT)
        if colour:
            self.options.set_accent(colour)

    def _choose_logo(self) -> None:
        path = self.ask_logo_path()
        if path is not None:
            self.options.set_logo(path)

    def _choose_orders(self) -> None:
        path = self.ask_orders_path()
        if path is not None:
            self.options.set_orders(path)

    def chosen_sections(self) -> frozenset[str]:
        return self.options.chosen_sections()

    @property
    def orders(self) -> Path | None:
        """The orders export whose cohorts and segments go in the PDF, this session."""
        return self.options.orders

    # Export

    def export(self) -> None:
        """Say what is still missing (the user may print anyway), ask where to write the PDF,
        then write it in the background."""
        if self._project is None or self._task is not None:
            return
        missing = self.missing_items()
        if missing and not self.confirm_incomplete(missing):
            return
        name = (self._project.profile.name or _("Untitled project")).replace("/", "-")
        path = self.ask_pdf_path(Path.home() / _("{name} - action plan.pdf").format(name=name))
        if path is not None:
            self.start_export(path)

    def _options(self) -> ReportOptions:
        from advisor.report.model import ReportOptions

        return ReportOptions(
            language=self.language.currentData(),
            paper=self.paper.currentData(),
            sections=self.chosen_sections(),
            accent=self.settings.report_accent or None,
            logo=self.settings.report_logo,
            playbooks_folder=self.settings.playbook_folder,  # File › Playbook Folder…
        )

    def print_plan(self) -> None:
        """Say what is still missing (the user may print anyway), make the plan's pages in
        the background, then show them in the print preview, from which they print."""
        if self._project is None or self._task is not None:
            return
        missing = self.missing_items()
        if missing and not self.confirm_incomplete(missing):
            return
        self._outcome = ""
        task = BackgroundTask(
            print_work(self._project, self._options(), self.orders),
            self._on_print_ready,
            self._on_error,
            self,
        )
        task.progressed.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        self._task = task
        self._set_running(True)
        self.status.setText(_("Preparing the pages…"))
        task.start()

    def _on_print_ready(self, data: bytes) -> None:
        self._outcome = "printed"
        self.status.setText("")
        self.show_print_preview(data)

    def start_export(self, path: Path) -> BackgroundTask:
        """Write the PDF to ``path`` from a snapshot of the project, off the GUI thread."""
        assert self._project is not None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        options = self._options()
        self._outcome = ""
        self.written = None
        work = pdf_work(self._project, options, path, self.orders)
        task = BackgroundTask(work, self._on_done, self._on_error, self)
        task.progressed.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        self._task = task
        self._set_running(True)
        self.status.setText(_("Writing {name}…").format(name=path.name))
        return task.start()

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        if message:
            self.status.setText(message)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _on_done(self, path: Any) -> None:
        self._outcome = "done"
        self.written = path
        self.status.setText(_("The plan is ready: {path}").format(path=path))
        self.open_button.setEnabled(True)
        self.export_finished.emit(path)

    def _on_error(self, error: Exception) -> None:
        self._outcome = "failed"
        message = failure_message(error)
        self.status.setText(message)
        self.export_failed.emit(message)

    def _on_finished(self) -> None:
        if not self._outcome:
            self.status.setText(_("Export cancelled; no file was written."))
        self._task = None
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.export_button.setEnabled(not running and self._project is not None)
        self.print_button.setEnabled(not running and self._project is not None)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)
        if running:
            self.progress.setValue(0)

    def open_pdf(self) -> None:
        """Show the written PDF in the system's viewer."""
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))

    # Dialogs (small methods, so tests can answer them)

    def show_print_preview(self, data: bytes) -> None:
        """The system's print preview of the plan's pages; its Print button opens the print
        dialog."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from advisor.ui.export.printing import print_pdf

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        paper = (
            QPageSize.PageSizeId.Letter
            if self.paper.currentData() == "letter"
            else (QPageSize.PageSizeId.A4)
        )
        printer.setPageSize(QPageSize(paper))
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(_("Print the action plan"))
        preview.paintRequested.connect(lambda target: print_pdf(target, data))
        preview.exec()

    def confirm_incomplete(self, missing: list[str]) -> bool:
        """Whether to print a plan whose earlier steps are not all complete."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Export the action plan"))
        box.setText(_("Some steps are not complete yet. Print the plan anyway?"))
        box.setInformativeText("\n".join(f"• {item}" for item in missing))
        anyway = box.addButton(_("Export Anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(anyway)
        box.exec()
        return box.clickedButton() is anyway

    def ask_pdf_path(self, suggestion: Path) -> Path | None:
        name, _chosen = QFileDialog.getSaveFileName(
            self, _("Export the action plan"), str(suggestion), _("PDF documents (*.pdf)")
        )
        return Path(name) if name else None

    def ask_logo_path(self) -> Path | None:
        name, _chosen = QFileDialog.getOpenFileName(
            self, _("Choose a logo"), "", _("Images (*.png *.jpg *.jpeg)")
        )
        return Path(name) if name else None

    def ask_orders_path(self) -> Path | None:
        name, _chosen = QFileDialog.getOpenFileName(
            self,
            _("Orders export"),
            "",
            _("Exports and workbooks ({patterns});;All files (*)").format(
                patterns=" ".join(f"*{suffix}" for suffix in IMPORT_SUFFIXES)
            ),
        )
        return Path(name) if name else None

    def ask_colour(self, current: str) -> str:
        colour = QColorDialog.getColor(QColor(current), self, _("Accent colour of the PDF"))
        return colour.name() if colour.isValid() else ""

    # Step page

    def load(self, project: Project) -> None:
        self._project = project
        self.options.show_project(project)
        self._set_running(self._task is not None)
        missing = self.missing_items()
        if missing:
            items = "".join(f"<li>{html.escape(item)}</li>" for item in missing)
            self.readiness.setText(
                html.escape(_("Before printing, these are still to fill:"))
                + f"<ul>{items}</ul>"
                + html.escape(
                    _("Sections the project has nothing for yet are greyed out and left out.")
                )
            )
        else:
            self.readiness.setText(
                html.escape(
                    _(
                        "Every step is complete. Sections the project has nothing for are "
                        "greyed out and left out."
                    )
                )
            )

    def missing_items(self) -> list[str]:
        """What each earlier step still lacks, as "Step: what", translated."""
        if self._project is None:
            return []
        return [
            _("{step}: {items}").format(
                step=_(STEP_TITLES[step]), items=", ".join(_(label) for label in labels)
            )
            for step, labels in missing_before_export(self._project)
        ]

    def retranslate_ui(self) -> None:
        set_heading(self.title, _("Export the action plan"))
        self.intro.setText(
            _(
                "A PDF to pin on the wall and to hand over: a cover, a one-page summary, the "
                "KPIs, the journey, the diagnosis, the action plan and an appendix. It prints "
                "well in black and white."
            )
        )
        self.options.retranslate_ui()
        self.export_button.setText(_("Export PDF…"))
        self.print_button.setText(_("Print…"))
        self.cancel_button.setText(_("Cancel"))
        self.open_button.setText(_("Open PDF"))
        if self._project is not None:
            self.load(self._project)
