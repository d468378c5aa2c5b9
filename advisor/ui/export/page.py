"""Export step: choose paper, language, sections and branding, write the PDF in the
background with progress, then open it with the system's viewer.

reportlab and jinja2 load on the first export or preview of the sections, never at start-up.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.edits import SetProfileField
from advisor.domain.project import Language, Project
from advisor.domain.wizard import StepId, completeness
from advisor.errors import InputError
from advisor.i18n import LANGUAGE_NAMES, _
from advisor.progress import Progress
from advisor.storage.project_file import ProjectFileError
from advisor.ui.common.step_page import StepPage
from advisor.ui.common.widgets import heading, help_label, scrolling_page, set_heading
from advisor.ui.shell.settings import PAPERS, AppSettings
from advisor.ui.shell.tasks import BackgroundTask

PAPER_NAMES = {"a4": "A4", "letter": "Letter"}


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
        self.options_title = heading(level=2)
        self.paper = QComboBox()
        for key in PAPERS:
            self.paper.addItem(PAPER_NAMES[key], key)
        self.language = QComboBox()
        for code in Language:
            self.language.addItem(LANGUAGE_NAMES[code.value], code.value)
        self.orders: Path | None = None  # an orders export for cohorts and RFM, this session
        self.orders_label = QLabel()
        self.orders_button = QPushButton()
        self.orders_remove = QPushButton()
        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QVBoxLayout()
        sections.setSpacing(2)
        for key in _section_ids():
            box = QCheckBox()
            box.setChecked(True)
            self.section_boxes[key] = box
            sections.addWidget(box)
        self.branding_title = heading(level=2)
        self.accent_button = QPushButton()
        self.accent_reset = QPushButton()
        self.logo_label = QLabel()
        self.logo_button = QPushButton()
        self.logo_remove = QPushButton()

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self._labels = [QLabel() for _ in range(6)]
        self.form.addRow(self._labels[0], self.paper)
        self.form.addRow(self._labels[1], self.language)
        self.form.addRow(self._labels[2], sections)
        self.form.addRow(
            self._labels[5], _row(self.orders_label, self.orders_button, self.orders_remove)
        )
        self.branding = QFormLayout()
        self.branding.addRow(self._labels[3], _row(self.accent_button, self.accent_reset))
        self.branding.addRow(
            self._labels[4], _row(self.logo_label, self.logo_button, self.logo_remove)
        )

        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.open_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions = _row(self.export_button, self.cancel_button, self.open_button)

        scrolling_page(
            self,
            self.title,
            self.intro,
            self.readiness,
            self.options_title,
            self.form,
            self.branding_title,
            self.branding,
            actions,
            self.progress,
            self.status,
        )
        self._connect()
        self._set_running(False)
        self.open_button.setEnabled(False)
        self.paper.setCurrentIndex(max(0, self.paper.findData(self.settings.report_paper)))
        self.retranslate_ui()

    def _connect(self) -> None:
        self.paper.activated.connect(
            lambda _i: setattr(self.settings, "report_paper", self.paper.currentData())
        )
        self.language.activated.connect(self._language_chosen)
        self.accent_button.clicked.connect(self._choose_accent)
        self.accent_reset.clicked.connect(lambda: self._set_accent(""))
        self.logo_button.clicked.connect(self._choose_logo)
        self.logo_remove.clicked.connect(lambda: self._set_logo(None))
        self.orders_button.clicked.connect(self._choose_orders)
        self.orders_remove.clicked.connect(lambda: self._set_orders(None))
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_pdf)

    # Options

    def _language_chosen(self, _index: int) -> None:
        value = self.language.currentData()
        if self._project is not None and self._project.profile.report_language != value:
            self.edit_requested.emit(SetProfileField("report_language", Language(value)))

    def _choose_accent(self) -> None:
        colour = self.ask_colour(self.settings.report_accent or "#1f5f8b")
        if colour:
            self._set_accent(colour)

    def _set_accent(self, colour: str) -> None:
        self.settings.report_accent = colour
        self._show_branding()

    def _choose_logo(self) -> None:
        path = self.ask_logo_path()
        if path is not None:
            self._set_logo(path)

    def _set_logo(self, path: Path | None) -> None:
        self.settings.report_logo = path
        self._show_branding()

    def _choose_orders(self) -> None:
        path = self.ask_orders_path()
        if path is not None:
            self._set_orders(path)

    def _set_orders(self, path: Path | None) -> None:
        self.orders = path
        self._show_branding()

    def _show_branding(self) -> None:
        accent = self.settings.report_accent
        swatch = accent or "#1f5f8b"
        square = QPixmap(14, 14)
        square.fill(QColor(swatch))
        self.accent_button.setIcon(QIcon(square))
        self.accent_button.setText(accent or _("House colour"))
        self.accent_reset.setEnabled(bool(accent))
        logo = self.settings.report_logo
        self.logo_label.setText(logo.name if logo else _("No logo"))
        self.logo_label.setToolTip(str(logo) if logo else "")
        self.logo_remove.setEnabled(logo is not None)
        self.orders_label.setText(self.orders.name if self.orders else _("None"))
        self.orders_label.setToolTip(str(self.orders) if self.orders else "")
        self.orders_remove.setEnabled(self.orders is not None)

    def chosen_sections(self) -> frozenset[str]:
        usable = {key for key, box in self.section_boxes.items() if box.isEnabled()}
        if self.orders is not None:
            usable.add("kpis")  # the cohorts and segments go in the KPI section
        return frozenset(key for key in usable if self.section_boxes[key].isChecked())

    # Export

    def export(self) -> None:
        """Ask where to write the PDF, then write it in the background."""
        if self._project is None or self._task is not None:
            return
        name = (self._project.profile.name or _("Untitled project")).replace("/", "-")
        path = self.ask_pdf_path(Path.home() / _("{name} - action plan.pdf").format(name=name))
        if path is not None:
            self.start_export(path)

    def start_export(self, path: Path) -> BackgroundTask:
        """Write the PDF to ``path`` from a snapshot of the project, off the GUI thread."""
        from advisor.report.export import export_pdf  # reportlab loads on first export
        from advisor.report.model import ReportOptions

        assert self._project is not None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        snapshot = copy.deepcopy(self._project)  # later edits do not reach the running export
        options = ReportOptions(
            language=self.language.currentData(),
            paper=self.paper.currentData(),
            sections=self.chosen_sections(),
            accent=self.settings.report_accent or None,
            logo=self.settings.report_logo,
            playbooks_folder=self.settings.playbook_folder,  # File › Playbook Folder…
        )
        self._outcome = ""
        self.written = None
        orders = self.orders

        def work(progress: Progress) -> Path:
            analysis = None
            if orders is not None:  # pandas loads here, off the GUI thread
                from advisor.analytics.files import analyse_file

                progress.report(0.0, _("Reading {name}…").format(name=orders.name))
                analysis = analyse_file(orders).orders
                if analysis is None:
                    raise InputError(
                        _("{path}: survey answers, not orders; choose an orders export").format(
                            path=orders.name
                        )
                    )
            return export_pdf(snapshot, options, path, progress, analysis)

        task = BackgroundTask(
            work,
            self._on_done,
            self._on_error,
            self,
        )
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
        if isinstance(error, ProjectFileError):
            message = _("Cannot write {path}: {problem}").format(
                path=error.path, problem=error.problem
            )
        elif isinstance(error, InputError):
            message = str(error)
        else:
            message = _("The PDF could not be made: {error}").format(error=error)
        self.status.setText(message)
        self.export_failed.emit(message)

    def _on_finished(self) -> None:
        if not self._outcome:
            self.status.setText(_("Export cancelled; no file was written."))
        self._task = None
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.export_button.setEnabled(not running and self._project is not None)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)
        if running:
            self.progress.setValue(0)

    def open_pdf(self) -> None:
        """Show the written PDF in the system's viewer."""
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))

    # Dialogs (small methods, so tests can answer them)

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
            self, _("Orders export"), "", _("Exports (*.csv *.tsv *.txt);;All files (*)")
        )
        return Path(name) if name else None

    def ask_colour(self, current: str) -> str:
        colour = QColorDialog.getColor(QColor(current), self, _("Accent colour of the PDF"))
        return colour.name() if colour.isValid() else ""

    # Step page

    def load(self, project: Project) -> None:
        self._project = project
        self.language.setCurrentIndex(
            max(0, self.language.findData(project.profile.report_language.value))
        )
        self._set_running(self._task is not None)
        filled = _sections_with_content(project)
        for key, box in self.section_boxes.items():
            box.setEnabled(key in filled)
            box.setToolTip("" if key in filled else _("Nothing to print yet for this section."))
        missing = completeness(project, self.step_id).missing
        if missing:
            names = ", ".join(_(label) for label in missing)
            self.readiness.setText(_("Still to fill: {items}").format(items=names))
        else:
            self.readiness.setText(
                _("Sections the project has nothing for yet are greyed out and left out.")
            )

    def retranslate_ui(self) -> None:
        from advisor.report.model import SECTION_TITLES

        set_heading(self.title, _("Export the action plan"))
        self.intro.setText(
            _(
                "A PDF to pin on the wall and to hand over: a cover, a one-page summary, the "
                "KPIs, the journey, the diagnosis, the action plan and an appendix. It prints "
                "well in black and white."
            )
        )
        set_heading(self.options_title, _("What goes in"))
        set_heading(self.branding_title, _("Branding"))
        for label, text in zip(
            self._labels,
            (
                _("Paper"),
                _("Language"),
                _("Sections"),
                _("Accent colour"),
                _("Logo on the cover"),
                _("Orders (cohorts, RFM)"),
            ),
            strict=True,
        ):
            label.setText(text)
        for key, box in self.section_boxes.items():
            box.setText(_(SECTION_TITLES[key]))
        self.accent_reset.setText(_("Use the house colour"))
        self.logo_button.setText(_("Choose…"))
        self.logo_remove.setText(_("Remove"))
        self.orders_button.setText(_("Choose…"))
        self.orders_remove.setText(_("Remove"))
        self.export_button.setText(_("Export PDF…"))
        self.cancel_button.setText(_("Cancel"))
        self.open_button.setText(_("Open PDF"))
        self._show_branding()
        if self._project is not None:
            self.load(self._project)


def _section_ids() -> tuple[str, ...]:
    from advisor.report.model import SECTIONS

    return SECTIONS


def _sections_with_content(project: Project) -> set[str]:
    from advisor.report.model import ReportOptions, build_report

    report = build_report(project, ReportOptions())
    return {key for key in _section_ids() if getattr(report, key) is not None}


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row
