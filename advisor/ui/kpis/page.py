"""KPI step: the business's figures per period, every KPI with its meaning and reference
line, a trend chart, and what a retention gain is worth."""

from __future__ import annotations

import datetime as dt
import html
from functools import partial

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.edits import Edit, EditBatch, InsertPeriod, RemovePeriod
from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.kpis import KpiCache, KpiResult
from advisor.domain.periods import (
    find_period,
    last_periods,
    next_period,
    period_before,
    period_months,
)
from advisor.domain.plan_edits import SetPlanField
from advisor.domain.project import Project
from advisor.domain.retention_advice import kpis_to_watch
from advisor.domain.retention_questionnaire import TYPE_NAMES
from advisor.domain.retention_type import diagnose_project
from advisor.domain.what_if import assumed_gain
from advisor.domain.wizard import StepId
from advisor.i18n import N_, _, current_language
from advisor.report.charts import kpi_trend
from advisor.storage.references import project_context
from advisor.ui.common.chart_view import ChartView
from advisor.ui.common.step_page import StepPage
from advisor.ui.common.table_export import AskPath, ask_table_path, write_table
from advisor.ui.common.widgets import (
    AdaptiveSplitter,
    MessageLabel,
    Tone,
    heading,
    help_label,
    keep_numbers_whole,
    set_heading,
    set_tone,
)
from advisor.ui.kpis.kpi_explanation import explanation_html, issues_html
from advisor.ui.kpis.kpi_table import KpiTableModel
from advisor.ui.kpis.period_table import LIST_ROWS, ROWS, PeriodTableModel
from advisor.ui.kpis.views import FigureTableView, KpiResultsView
from advisor.ui.kpis.what_if_panel import WhatIfPanel


class KpisPage(StepPage):
    """The figures table, the KPI results and their explanations."""

    step_id = StepId.KPIS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._results: list[dict[str, KpiResult]] = []
        self._cache = KpiCache()  # only the periods whose figures changed are recomputed
        self._detail_html = ""  # the explanation shown
        self.title = heading()
        self.intro = help_label()
        self.add_button = QPushButton()
        self.earlier_button = QPushButton()  # periods going back in time, from a menu
        self.earlier_menu = QMenu(self.earlier_button)
        self.earlier_actions = {
            kind: self.earlier_menu.addAction("", partial(self.add_earlier, kind))
            for kind in ("before", "quarters", "months", "years")
        }
        self.earlier_button.setMenu(self.earlier_menu)
        self.remove_button = QPushButton()
        self.import_button = QPushButton()
        self.figures = PeriodTableModel(self.edit_requested.emit, self)
        self.figure_view = FigureTableView(ROWS.index(name) for name in LIST_ROWS)
        self.figure_view.setModel(self.figures)
        self.figure_view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.figure_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.figure_view.installEventFilter(self)
        self.input_message = MessageLabel()
        set_tone(self.input_message, Tone.ERROR)
        self.issues = MessageLabel()
        self.results_title = QLabel()
        self.export_button = QPushButton()
        self.export_status = QLabel()  # where the table went, or why it did not
        self.export_status.setWordWrap(True)
        self.export_status.hide()
        #: Asks where to write the KPI table (replaced in tests).
        self.ask_path: AskPath = partial(ask_table_path, self)
        self.emphasis_note = help_label()
        self.kpis = KpiTableModel(self)
        self.kpi_view = KpiResultsView()  # whole names, over lines: never "Taux de …"
        self.kpi_view.setModel(self.kpis)
        self.kpi_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.kpi_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.kpi_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail = QTextBrowser()
        self.chart = ChartView()
        self.what_if = WhatIfPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.detail, "")
        self.tabs.addTab(self.chart, "")
        self.tabs.addTab(self.what_if, "")
        self.tabs.setUsesScrollButtons(False)  # every tab's name whole: the pane is that wide
        self._build_layout()
        self._connect()
        self.retranslate_ui()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.earlier_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addLayout(buttons)
        left_column.addWidget(self.figure_view, 1)
        left_column.addWidget(self.input_message)
        left_column.addWidget(self.issues)
        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.results_title, 1)
        title_row.addWidget(self.export_button)
        top_column.addLayout(title_row)
        top_column.addWidget(self.emphasis_note)
        top_column.addWidget(self.kpi_view)
        top_column.addWidget(self.export_status)
        # the explanation beside the results when the width holds both (below the figures on
        # a narrow screen), else under them
        right = AdaptiveSplitter(top, self.tabs, sizes=(330, 270))
        # stacked when narrow, the results a little taller: their names wrap over lines
        splitter = AdaptiveSplitter(left, right, sizes=(600, 400), stacked=(500, 600))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(self.intro)
        column.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.tabs.currentChanged.connect(lambda _index: self._refresh_chart())
        self.add_button.clicked.connect(self._add_period)
        self.export_button.clicked.connect(self.export_table)
        self.remove_button.clicked.connect(self._remove_period)
        self.import_button.clicked.connect(self.import_requested)
        self.what_if.points_changed.connect(self._set_gain)
        self.figures.input_rejected.connect(self.input_message.setText)
        self.figure_view.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_period(current.column())
        )
        self.kpi_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_kpi(current.row())
        )

    def set_workshop_mode(self, on: bool) -> None:
        """On a projector the tables get the height the introduction took (its text is in
        the guide, F1)."""
        self.intro.setVisible(not on)

    # Project

    def load(self, project: Project) -> None:
        self._project = project
        context = project_context(project)
        self._results = self._cache.results(project.kpi_periods, context)
        self._show_emphasis(project)
        self.figures.set_project(project)
        self.remove_button.setEnabled(bool(project.kpi_periods))
        column = self.current_column()
        if column < 0 and project.kpi_periods:
            column = len(project.kpi_periods) - 1
            self.figure_view.setCurrentIndex(self.figures.index(0, column))
        self._show_period(column)

    def _show_emphasis(self, project: Project) -> None:
        """Bold the KPIs the business's retention type should watch first, and say why."""
        diagnosis = diagnose_project(project)
        main = diagnosis.main
        self.kpis.set_emphasis(kpis_to_watch(diagnosis))
        self.emphasis_note.setVisible(main is not None)
        if diagnosis.one_off:
            self.emphasis_note.setText(
                _(
                    "In bold: the KPIs to watch for a one-off purchase. Customers buy once, so "
                    "repeat-purchase, churn and retention rates say little here and no play "
                    "relies on them (see the Retention type step)."
                )
            )
        elif main is not None:
            self.emphasis_note.setText(
                _(
                    "In bold: the KPIs to watch first for {kind} (see the Retention type step)."
                ).format(kind=_(TYPE_NAMES[main]).lower())
            )

    def current_column(self) -> int:
        index = self.figure_view.currentIndex()
        count = len(self._results)
        return min(index.column(), count - 1) if index.isValid() else -1

    def _show_period(self, column: int) -> None:
        if self._project is None:
            return
        currency = self._project.profile.currency
        periods = self._project.kpi_periods
        if not 0 <= column < len(periods):
            self.kpis.set_results({}, None, currency)
            self.results_title.setText(_("Add a period to see the KPIs."))
            self.issues.clear()
            self.what_if.show_period(None, currency)
            self._show_kpi(self.kpi_view.currentIndex().row())
            return
        previous = self._results[column - 1] if column > 0 else None
        self.kpis.set_results(self._results[column], previous, currency)
        self.results_title.setText(
            _("<b>Results for {period}</b>").format(period=html.escape(periods[column].label))
        )
        self.issues.setText(keep_numbers_whole(issues_html(self.figures.issues(column), currency)))
        gain = assumed_gain(periods[column], self._project.plan.retention_gain_points)
        self.what_if.show_points(gain)
        self.what_if.show_period(periods[column], currency)
        row = self.kpi_view.currentIndex().row()
        self._show_kpi(row if row >= 0 else 0)

    def _show_kpi(self, row: int) -> None:
        if self._project is None or not 0 <= row < len(DEFINITIONS):
            self.detail.clear()
            self._detail_html = ""
            return
        self._refresh_chart()
        currency = self._project.profile.currency
        text = keep_numbers_whole(explanation_html(self.kpis.result(row), currency))
        if text != self._detail_html:  # laying out rich text again costs more than building it
            self._detail_html = text
            self.detail.setHtml(text)

    def _refresh_chart(self) -> None:
        """Redraw the trend of the chosen KPI, only while the chart is on screen: building a
        chart costs more than recomputing every KPI."""
        row = self.kpi_view.currentIndex().row()
        if self._project is None or self.tabs.currentWidget() is not self.chart:
            return
        definition = DEFINITIONS[row if 0 <= row < len(DEFINITIONS) else 0]
        labels = [period.label for period in self._project.kpi_periods]
        periods = self._project.kpi_periods
        latest = periods[-1] if periods else None
        spec = kpi_trend(
            definition.id,
            labels,
            self._results,
            period_months(latest) if latest else None,
            latest.surveys.ces_scale if latest else 7,
        )
        self.chart.show_spec(spec, self._project.profile.currency)

    # Periods

    def export_table(self) -> None:
        """Every KPI of every period, with its verdict and reference, to an Excel workbook or a
        CSV file the user picks."""
        project = self._project
        if project is None:
            return
        path = self.ask_path(_("Export the KPI table"), _("KPIs"))
        if path is None:
            return
        from advisor.sheets.project_tables import kpi_sheet

        currency = project.profile.currency
        sheet = kpi_sheet(project.kpi_periods, project_context(project), current_language(),
                          currency)  # fmt: skip
        problem = write_table(sheet, path, currency)
        self.export_status.setText(problem or _("Written to {file}.").format(file=str(path)))
        set_tone(self.export_status, Tone.ERROR if problem else Tone.NORMAL)
        self.export_status.show()

    def _add_period(self) -> None:
        if self._project is not None:
            periods = self._project.kpi_periods
            self.edit_requested.emit(
                InsertPeriod(
                    len(periods), next_period(periods, dt.date.today(), current_language())
                )
            )
            self.figure_view.setCurrentIndex(self.figures.index(0, len(periods) - 1))

    def add_earlier(self, kind: str) -> None:
        """Add periods going back in time, as one undo step: the one before the first
        (``before``), or the last 4 quarters, 12 months or 3 years that are over (those not
        there yet), each in date order."""
        if self._project is None:
            return
        today, language = dt.date.today(), current_language()
        periods = list(self._project.kpi_periods)
        if kind == "before":
            wanted = [period_before(periods, today, language)]
        else:
            months, count = {"quarters": (3, 4), "months": (1, 12), "years": (12, 3)}[kind]
            wanted = last_periods(months, count, today, language)
        edits: list[Edit] = []
        for period in wanted:
            if find_period(periods, period.label, period.start, period.end) is not None:
                continue
            position = sum(
                1 for p in periods if p.start is not None and period.start is not None
                and p.start < period.start
            )  # fmt: skip
            periods.insert(position, period)
            edits.append(InsertPeriod(position, period))
        if edits:
            self.edit_requested.emit(EditBatch(tuple(edits), N_("Add periods")))

    def _set_gain(self, points: float) -> None:
        """The what-if's assumption is the project's: the printed plan uses the same."""
        if self._project is not None and points != self._project.plan.retention_gain_points:
            self.edit_requested.emit(SetPlanField("retention_gain_points", points))

    def _remove_period(self) -> None:
        column = self.current_column()
        if self._project is not None and column >= 0:
            self.edit_requested.emit(RemovePeriod(column))

    def paste(self, text: str) -> bool:
        """Paste a block copied from a spreadsheet at the current cell, as one undo step."""
        start = self.figure_view.currentIndex()
        if not start.isValid():
            return False
        edits: list[Edit] = []
        try:
            for r, line in enumerate(text.rstrip("\n").split("\n")):
                for c, cell in enumerate(line.rstrip("\r").split("\t")):
                    row, column = start.row() + r, start.column() + c
                    if row < self.figures.rowCount() and column < self.figures.columnCount():
                        edits.append(self.figures.edit_for(row, column, cell))
        except ValueError as error:
            self.input_message.setText(str(error))
            return False
        self.edit_requested.emit(EditBatch(tuple(edits), N_("Paste figures")))
        self.input_message.clear()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.figure_view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
        ):
            self.paste(QGuiApplication.clipboard().text())
            return True
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        self.export_button.setText(_("Export table…"))
        self.export_button.setToolTip(
            _("Save every KPI of every period, with its verdict, as an Excel workbook or CSV")
        )
        set_heading(self.title, _("KPIs"))
        self.intro.setText(
            _(
                "Type the business's own figures for each period (months, quarters or years); "
                "every figure is optional and each KPI is computed from what is there. Rates are "
                "shares of the customers at the start of the period; lifetime value is revenue "
                "unless the gross margin is given. You can paste a block from a spreadsheet."
            )
        )
        self.add_button.setText(_("Add period"))
        self.earlier_button.setText(_("Earlier periods"))
        self.earlier_button.setToolTip(_("Add the periods before the first, going back in time"))
        for kind, text in (
            ("before", _("The period before the first")),
            ("quarters", _("The last 4 quarters")),
            ("months", _("The last 12 months")),
            ("years", _("The last 3 years")),
        ):
            self.earlier_actions[kind].setText(text)
        self.remove_button.setText(_("Remove period"))
        self.import_button.setText(_("Import a file…"))
        self.import_button.setToolTip(
            _("Count the figures of each period from an export of your shop, till or survey "
              "tool (File › Import Orders…).")
        )  # fmt: skip
        self.tabs.setTabText(0, _("Explanation"))
        self.tabs.setTabText(1, _("Trend"))
        self.tabs.setTabText(2, _("What if"))
        self.what_if.retranslate_ui()
        if self._project is not None:
            self.load(self._project)
