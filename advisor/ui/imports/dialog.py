"""File › Import orders…: read an export in the background, show its first rows and what was
found (format, rows used and excluded, warnings, cohorts, segments, customers at risk) and, when
the user says so, add the period figures (or survey answers) to the KPI step as one undoable
edit. Files imported before into the project can be read again with the same settings.

pandas and the analytics load only once a file is read (in the worker thread).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.analytics.errors import ImportProblem  # no pandas
from advisor.analytics.sniffing import IMPORT_SUFFIXES
from advisor.domain.periods import usual_length
from advisor.domain.project import ImportedFile
from advisor.i18n import N_, _, current_language
from advisor.ui.imports.analysis_views import AnalysisTabs
from advisor.ui.imports.column_mapping import ColumnMappingBox
from advisor.ui.imports.earlier_imports import EarlierImportsCombo
from advisor.ui.imports.file_preview import FilePreview
from advisor.ui.imports.file_reading import FileReading
from advisor.ui.imports.summary import summary_html
from advisor.ui.shell.dialogs import ConflictChoice, ask_conflicts, ask_mixed_lengths
from advisor.ui.shell.project_session import ProjectSession

if TYPE_CHECKING:
    from advisor.analytics.files import FileAnalysis
    from advisor.analytics.to_project import Conflict

PERIODS = (("month", N_("Month")), ("quarter", N_("Quarter")), ("year", N_("Year")))
DATE_CHOICES = (
    ("", N_("Detect from the file")),
    ("dmy", N_("Day first (31/01/2025)")),
    ("mdy", N_("Month first (01/31/2025)")),
)
PREVIEW_ROWS = 8


class ImportDialog(QDialog):
    """Import an orders (or survey) export and offer its figures to the KPI step."""

    #: A reading of the file ended (results shown, a problem shown, or cancelled).
    reading_finished = Signal()
    #: The period figures or survey answers were added to the project (one undo step).
    figures_added = Signal()

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path: Path | None = None
        self.file_analysis: FileAnalysis | None = None
        self._headers: list[str] = []
        self._wanted_sheet = ""  # the sheet to read before the preview has listed them
        #: Asks what to do with figures that differ (replaced in tests).
        self.ask_conflicts: Callable[[list[Conflict]], ConflictChoice] = partial(
            ask_conflicts, self
        )
        #: Asks whether to add periods of another length than the KPI step's (idem).
        self.ask_mixed_lengths: Callable[[str, str], bool] = partial(ask_mixed_lengths, self)
        self.resize(920, 680)

        self.file_label = QLabel()
        self.earlier_combo = EarlierImportsCombo()
        self.choose_button = QPushButton()
        self.preview = FilePreview()
        self.period_label, self.period_combo = QLabel(), QComboBox()
        self.dates_label, self.dates_combo = QLabel(), QComboBox()
        self.sheet_label, self.sheet_combo = QLabel(), QComboBox()
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key, _title in PERIODS:
            self.period_combo.addItem("", key)
        for key, _title in DATE_CHOICES:
            self.dates_combo.addItem("", key)
        self.mapping_box = ColumnMappingBox()
        self.mapping_help = self.mapping_box.help
        self.kind_combo = self.mapping_box.kind_combo
        self.role_combos = self.mapping_box.role_combos
        self.read_again_button = self.mapping_box.read_again_button
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tabs = AnalysisTabs()
        self.filler = QWidget()  # takes the room while there are no results to show
        self.add_button = QPushButton()
        self.close_button = QPushButton()
        self.reading = FileReading(
            self, self.progress.setValue, self._on_done, self._on_error, self._on_finished
        )
        self._build_layout()
        self._connect()
        self._set_running(False)
        self.mapping_box.hide()
        self._show_results(False)
        self.add_button.setEnabled(False)
        self.retranslate_ui()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.earlier_combo)
        top.addWidget(self.choose_button)
        options = QHBoxLayout()
        for widget in (
            self.period_label, self.period_combo, self.dates_label, self.dates_combo,
            self.sheet_label, self.sheet_combo,
        ):  # fmt: skip
            options.addWidget(widget)
        options.addStretch(1)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.preview)
        layout.addWidget(self.mapping_box)
        layout.addLayout(running)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.tabs.export_status)
        layout.addWidget(self.filler, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.choose_button.clicked.connect(self.choose_file)
        self.earlier_combo.file_chosen.connect(self.reopen)
        self.period_combo.currentIndexChanged.connect(self._options_changed)
        self.dates_combo.currentIndexChanged.connect(self._options_changed)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        self.read_again_button.clicked.connect(self.read)
        self.cancel_button.clicked.connect(self.cancel)
        self.add_button.clicked.connect(self.add_to_kpis)
        self.close_button.clicked.connect(self.reject)
        # The list of earlier imports follows undo, redo and another project being opened.
        self.session.project_changed.connect(self.refresh_earlier)
        self.session.project_replaced.connect(self.refresh_earlier)

    # Reading

    def choose_file(self) -> None:
        name, _chosen = QFileDialog.getOpenFileName(
            self,
            _("Import orders"),
            "",
            _("Exports and workbooks ({patterns});;All files (*)").format(
                patterns=" ".join(f"*{suffix}" for suffix in IMPORT_SUFFIXES)
            ),
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Read ``path`` with the layout recognised from its header (no mapping yet)."""
        self.path = path
        self._headers = []
        self.mapping_box.hide()
        self._show_preview(path)
        usual = usual_length(self.session.project.kpi_periods)  # count as the KPI step does
        if usual is not None:
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(self.period_combo.findData(usual))
            self.period_combo.blockSignals(False)
        self.read()

    def reopen(self, record: ImportedFile) -> None:
        """Read a file imported before again, with the period, columns and date order then
        chosen; says so when the file is no longer where it was."""
        path = Path(record.source_path)
        if not path.is_file():
            self.message.setText(
                "<span style='color:#b3261e'>{}</span>".format(html.escape(
                    _("{file} is no longer at {folder}: choose it again with “Choose file…”.")
                    .format(file=record.file_name, folder=str(path.parent))
                ))
            )  # fmt: skip
            self.message.show()
            return
        for combo, value in ((self.period_combo, record.period), (self.dates_combo,
                             record.date_order)):  # fmt: skip
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.path = path
        self.mapping_box.hide()
        self._show_preview(path, record.sheet or None)
        if record.columns:
            headers = self._headers or list(record.columns.values())
            self._offer_mapping(headers, record.columns, record.kind)
        self.read()

    def _show_preview(self, path: Path, sheet: str | None = None) -> None:
        """The file's first rows and, for a workbook, its sheets with the one shown chosen."""
        self._wanted_sheet = sheet or ""
        self._headers = self.preview.show_file(path, sheet)
        self._show_sheets()

    def _show_table(self, table: object) -> None:
        """The rows the reading found, when the preview could not show them before (a large
        workbook is parsed once, in the background)."""
        from advisor.analytics.sniffing import Sniffed

        if isinstance(table, Sniffed) and self.preview.isHidden():
            self._headers = self.preview.show_table(table)
            self._show_sheets()

    def _show_sheets(self) -> None:
        combo = self.sheet_combo
        combo.blockSignals(True)
        combo.clear()
        for name in self.preview.sheets:
            combo.addItem(name, name)
        combo.setCurrentIndex(max(combo.findData(self.preview.sheet), 0))
        combo.blockSignals(False)
        for widget in (self.sheet_label, combo):
            widget.setVisible(len(self.preview.sheets) > 1)

    def _sheet_changed(self) -> None:
        """Another sheet: its rows shown, the columns recognised anew, the sheet read."""
        chosen = str(self.sheet_combo.currentData() or "")
        if self.path is None or not chosen:
            return
        self.mapping_box.hide()
        self._show_preview(self.path, chosen)
        self.read()

    def sheet(self) -> str:
        """The workbook's sheet chosen ("" for a text export, or to let the reading find it)."""
        if self.preview.sheets:
            return str(self.sheet_combo.currentData() or "")
        return self._wanted_sheet

    def refresh_earlier(self) -> None:
        """The list of files imported into the project before (newest first)."""
        self.earlier_combo.show_files(self.session.project.imported.files)

    def date_order(self) -> str:
        return str(self.dates_combo.currentData() or "")

    def mapping(self) -> dict[str, str]:
        return self.mapping_box.mapping()

    def read(self) -> None:
        """Start reading the file in the background with the chosen options."""
        if self.path is None:
            return
        path, period = self.path, self.period_combo.currentData()
        mapping, dates = self.mapping(), self.dates_combo.currentData()
        self.file_analysis = None
        self.add_button.setEnabled(False)
        self.message.clear()
        self.summary.clear()
        self._show_results(False)
        self.file_label.setText(html.escape(str(path)))
        self.progress.setValue(0)
        self.reading.start(path, period, mapping, dates, self.sheet())
        self._set_running(True)

    def cancel(self) -> None:
        self.reading.cancel()

    def done(self, result: int) -> None:
        """Closing the dialog stops a reading in progress."""
        self.cancel()
        super().done(result)

    def _options_changed(self) -> None:
        if self.path is not None:
            self.read()

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        if not running:  # empty labels would leave gaps
            self.message.setVisible(bool(self.message.text()))
            self.summary.setVisible(bool(self.summary.text()))

    def _show_results(self, shown: bool) -> None:
        self.tabs.setVisible(shown)
        self.filler.setVisible(not shown)

    def _on_finished(self) -> None:
        if self.file_analysis is None and not self.message.text():
            self.message.setText(_("Reading cancelled."))
        self._set_running(False)
        self.reading_finished.emit()

    def _on_done(self, result: FileAnalysis) -> None:
        self.file_analysis = result
        self._show_table(result.table)
        self.summary.setText(summary_html(result, self.session.project.profile.currency))
        if result.orders is not None:
            self.tabs.set_analysis(result.orders, self.session.project.profile.currency)
            self._show_results(True)
            self.add_button.setEnabled(bool(result.orders.periods))
        else:
            assert result.survey is not None
            self.add_button.setEnabled(bool(result.survey.periods))
        self._retranslate_add_button()

    def _on_error(self, error: Exception) -> None:
        from advisor.analytics.errors import AmbiguousDates, MappingNeeded

        if isinstance(error, MappingNeeded):
            self._show_table(error.table)
            # the box explains; the CLI's hint would not fit
            self._offer_mapping(error.headers, kind=error.kind)
            self.message.setText(_("Choose the columns above, then read the file again."))
            return
        text = str(error) if isinstance(error, ImportProblem) else repr(error)
        if isinstance(error, AmbiguousDates):
            text += " " + _("Choose how to read the dates above.")
            self.dates_combo.setFocus()
        elif not isinstance(error, ImportProblem):
            text = _("Unexpected problem while reading the file: {problem}").format(problem=text)
        self.message.setText(f"<span style='color:#b3261e'>{html.escape(text)}</span>")

    def _offer_mapping(
        self, headers: list[str], chosen: dict[str, str] | None = None, kind: str = "orders"
    ) -> None:
        self._headers = headers
        self.mapping_box.offer(headers, chosen, kind)

    # Into the project

    def add_to_kpis(self) -> bool:
        """Add the period figures (or survey answers) and the file's summary as ONE undoable
        edit; figures the user typed are replaced only if they say so. Returns whether anything
        was added."""
        result = self.file_analysis
        if result is None:
            return False
        from advisor.analytics.to_project import import_edits

        project, mapping, dates = self.session.project, self.mapping(), self.date_order()
        usual = usual_length(project.kpi_periods)
        unit = str(result.orders.unit if result.orders is not None else result.survey.unit)
        if usual is not None and usual != unit and not self.ask_mixed_lengths(usual, unit):
            return False
        batch, conflicts = import_edits(
            project, result, mapping, dates, language=current_language()
        )
        if conflicts:
            choice = self.ask_conflicts(conflicts)
            if choice is ConflictChoice.CANCEL:
                return False
            if choice is ConflictChoice.OVERWRITE:
                batch, _conflicts = import_edits(
                    project, result, mapping, dates, overwrite=True, language=current_language()
                )
        self.session.apply(batch)
        self.add_button.setEnabled(False)
        if result.orders is not None:
            text = _("The figures of {count} period(s) are in the KPI step (Edit › Undo takes "
                     "them back).").format(count=len(result.orders.periods))  # fmt: skip
        else:
            assert result.survey is not None
            text = _("The survey answers of {count} period(s) are in the KPI step (Edit › Undo "
                     "takes them back).").format(count=len(result.survey.periods))  # fmt: skip
        self.message.setText(text)
        self.message.show()
        self.figures_added.emit()
        return True

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import orders or survey answers"))
        if self.path is None:
            self.file_label.setText(
                _("Choose an orders or survey export (CSV, TSV, TXT) or a workbook (Excel, ODS).")
            )
        self.choose_button.setText(_("Choose file…"))
        self.refresh_earlier()
        self.preview.retranslate_ui()
        self.period_label.setText(_("Periods:"))
        self.dates_label.setText(_("Dates:"))
        self.sheet_label.setText(_("Sheet:"))
        for combo, choices in ((self.period_combo, PERIODS), (self.dates_combo, DATE_CHOICES)):
            for index, (_key, title) in enumerate(choices):
                combo.setItemText(index, _(title))
        self.mapping_box.retranslate_ui()
        self.cancel_button.setText(_("Cancel"))
        self._retranslate_add_button()
        self.close_button.setText(_("Close"))
        self.tabs.retranslate_ui()
        if self.file_analysis is not None:
            self.summary.setText(
                summary_html(self.file_analysis, self.session.project.profile.currency)
            )

    def _retranslate_add_button(self) -> None:
        survey = self.file_analysis is not None and self.file_analysis.survey is not None
        self.add_button.setText(
            _("Add these survey answers to the KPI step") if survey
            else _("Add these figures to the KPI step")
        )  # fmt: skip
