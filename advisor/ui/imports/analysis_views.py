"""What an orders import shows: the cohort retention heat map, the RFM segments and the at-risk
list, each a thin Qt model over the analysis, gathered in one tab widget.

pandas is never imported here: the analysis arrives already computed, and the models copy the
few values they show into plain tuples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advisor.i18n import _, current_language, ngettext
from advisor.i18n.formatting import format_date, format_money, format_number, format_percent
from advisor.ui.common.table_export import AskPath, ask_table_path, write_table
from advisor.ui.common.widgets import Tone, set_tone
from advisor.ui.imports.rfm_thresholds import ThresholdsEditor, rescored

if TYPE_CHECKING:
    from advisor.analytics.analysis import Analysis
    from advisor.analytics.cohorts import CohortTable
    from advisor.analytics.rfm import RfmThresholds, SegmentSummary

Index = QModelIndex | QPersistentModelIndex
Display = Qt.ItemDataRole.DisplayRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: Role holding a cell's raw value (a percentage, a number) for tests and sorting.
VALUE_ROLE = Qt.ItemDataRole.UserRole


def heat_colour(percent: float) -> QColor:
    """White at 0 %, a deep teal at 100 %: darker cells keep more customers."""
    share = min(max(percent, 0.0), 100.0) / 100.0
    low, high = (255, 255, 255), (0, 121, 107)
    return QColor(*(round(a + (b - a) * share) for a, b in zip(low, high, strict=True)))


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds (models compare with ``int``/``float``)."""
    return value.item() if hasattr(value, "item") and not isinstance(value, dt.date) else value


class _TableModel(QAbstractTableModel):
    """Rows of plain values with translated headers; subclasses say how a cell reads."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Any, ...]] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def text(self, row: tuple[Any, ...], column: int) -> str:
        value = row[column]
        return "" if value is None else str(value)

    def set_rows(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: Index, role: int = Display) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Display:
            return self.text(row, index.column())
        if role == VALUE_ROLE:
            return row[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(
            row[index.column()], int | float
        ):
            return RIGHT
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Display
    ) -> Any:
        if role != Display:
            return None
        if orientation == Qt.Orientation.Horizontal:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return str(section + 1)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.columnCount() - 1, 0))
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class CohortModel(_TableModel):
    """One row per cohort: its size, then the percent still buying 0, 1, 2… periods later."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._width = 0

    def set_cohorts(self, table: CohortTable) -> None:
        from advisor.analytics.periods import display_label  # with the data stack, once loaded

        self._width = max((len(r) for r in table.retention), default=0)
        self.set_rows(
            [
                (display_label(label, current_language()), size, *retention)
                for label, size, retention in zip(
                    table.cohorts, table.sizes, table.retention, strict=True
                )
            ]
        )

    def headers(self) -> list[str]:
        return [_("Cohort"), _("Customers")] + [f"+{k}" for k in range(self._width)]

    def text(self, row: tuple[Any, ...], column: int) -> str:
        if column < 2:
            return super().text(row, column)
        value = row[column] if column < len(row) else None
        return "" if value is None else format_percent(value, current_language(), 0)

    def data(self, index: Index, role: int = Display) -> Any:
        if not index.isValid() or index.column() < 2:
            return super().data(index, role)
        row = self._rows[index.row()]
        value = row[index.column()] if index.column() < len(row) else None
        if role == VALUE_ROLE:
            return value
        if value is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(heat_colour(value))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("white" if value >= 55 else "black"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(
                "{percent} of the {size} customers who first bought in {cohort} bought again "
                "{offset} period(s) later. Click to list them."
            ).format(
                percent=format_percent(value, current_language()),
                size=row[1],
                cohort=row[0],
                offset=index.column() - 2,
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return super().data(index, role)


class SegmentModel(_TableModel):
    """Every RFM segment: customers, share of revenue and what to do."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._keys: list[str] = []

    def set_segments(self, segments: Sequence[SegmentSummary]) -> None:
        self._keys = [s.segment for s in segments]
        self.set_rows([(s.segment, s.customers, s.revenue_share, s.segment) for s in segments])

    def headers(self) -> list[str]:
        return [_("Segment"), _("Customers"), _("Share of revenue"), _("What to do")]

    def text(self, row: tuple[Any, ...], column: int) -> str:
        from advisor.analytics.rfm import SEGMENTS  # the analytics are loaded by now

        if column == 0:
            return _(SEGMENTS[row[0]][0])
        if column == 3:
            return _(SEGMENTS[row[0]][1])
        if column == 2:
            return "—" if row[2] is None else format_percent(row[2], current_language())
        return super().text(row, column)

    def data(self, index: Index, role: int = Display) -> Any:
        if index.isValid() and index.column() == 3 and role == Qt.ItemDataRole.ToolTipRole:
            return self.text(self._rows[index.row()], 3)
        return super().data(index, role)


class AtRiskModel(_TableModel):
    """Customers overdue for their next order, most valuable first."""

    COLUMNS = ("customer", "orders", "revenue", "last_order", "days_since_last_order",
               "usual_interval_days")  # fmt: skip

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.currency = "EUR"

    def headers(self) -> list[str]:
        return [
            _("Customer"),
            _("Orders"),
            _("Revenue"),
            _("Last order"),
            _("Days since"),
            _("Usual interval (days)"),
        ]

    def text(self, row: tuple[Any, ...], column: int) -> str:
        value, language = row[column], current_language()
        if column == 2:
            return format_money(value, self.currency, language)
        if column == 3 and isinstance(value, dt.date):
            return format_date(value, language)
        if column == 5 and value is not None:
            return format_number(value, language, 1)
        return super().text(row, column)


class AnalysisTabs(QTabWidget):
    """Cohorts, segments and the at-risk list of one analysis."""

    #: A table (at-risk list, cohorts or segments) was written to this file.
    table_exported = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._analysis: Analysis | None = None
        #: Asks where to write a table (replaced in tests).
        self.ask_path: AskPath = partial(ask_table_path, self)
        self.cohort_model = CohortModel(self)
        self.segment_model = SegmentModel(self)
        self.at_risk_model = AtRiskModel(self)
        self.cohort_view = self._view(self.cohort_model)
        self.segment_view = self._view(self.segment_model)
        self.segment_view.horizontalHeader().setStretchLastSection(True)
        self.segment_view.setWordWrap(True)
        self.thresholds = ThresholdsEditor()
        self.thresholds.thresholds_chosen.connect(self.rescore)
        self.at_risk_view = self._view(self.at_risk_model)
        self.cohort_help = QLabel()
        self.cohort_help.setWordWrap(True)
        self.cell_title = QLabel()
        self.cell_title.setWordWrap(True)
        self.cell_customers = QListWidget()
        self.at_risk_count = QLabel()
        self.export_status = QLabel()  # where the last table went, or why it did not
        self.export_status.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export("at_risk"))
        self.cohort_export_button = QPushButton()
        self.cohort_export_button.clicked.connect(lambda: self.export("cohorts"))
        self.segment_export_button = QPushButton()
        self.segment_export_button.clicked.connect(lambda: self.export("rfm"))
        self.cohort_view.clicked.connect(self.show_cell)
        self.addTab(self._cohort_tab(), "")
        self.addTab(self._segment_tab(), "")
        self.addTab(self._at_risk_tab(), "")
        self.retranslate_ui()

    @staticmethod
    def _view(model: QAbstractTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    def _cohort_tab(self) -> QWidget:
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.cell_title)
        column.addWidget(self.cell_customers, 1)
        splitter = QSplitter()
        splitter.addWidget(self.cohort_view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(self.cohort_help, 1)
        row.addWidget(self.cohort_export_button)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)
        return tab

    def _segment_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(self.thresholds, 1)
        row.addWidget(self.segment_export_button)
        layout.addLayout(row)
        layout.addWidget(self.segment_view, 1)
        return tab

    def _at_risk_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(self.at_risk_count, 1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        layout.addWidget(self.at_risk_view, 1)
        return tab

    def set_analysis(self, analysis: Analysis, currency: str) -> None:
        self._analysis = analysis
        self.cohort_model.set_cohorts(analysis.cohorts)
        self.segment_model.set_segments(analysis.segments)
        self.segment_view.resizeRowsToContents()
        self.thresholds.set_thresholds(analysis.thresholds)
        self.at_risk_model.currency = currency
        table = analysis.at_risk
        self.at_risk_model.set_rows(
            [
                tuple(_plain(v) for v in row)
                for row in table[list(AtRiskModel.COLUMNS)].itertuples(index=False, name=None)
            ]
        )
        self.cell_customers.clear()
        self.cell_title.clear()
        self.retranslate_ui()

    def rescore(self, thresholds: RfmThresholds) -> None:
        """Segments and the at-risk list again, with the user's RFM boundaries."""
        if self._analysis is not None:
            self.set_analysis(rescored(self._analysis, thresholds), self.at_risk_model.currency)

    def show_cell(self, index: QModelIndex) -> None:
        """List the customers of the clicked cohort cell."""
        if self._analysis is None or index.column() < 2:
            return
        if self.cohort_model.data(index, VALUE_ROLE) is None:
            return
        offset = index.column() - 2
        names = self._analysis.cohorts.customers(index.row(), offset)
        cohort = self._analysis.cohorts.cohorts[index.row()]
        self.cell_title.setText(
            _("{cohort}, +{offset}: {count} customer(s)").format(
                cohort=cohort, offset=offset, count=len(names)
            )
        )
        self.cell_customers.clear()
        self.cell_customers.addItems(names)

    def export(self, table: str) -> None:
        """Write ``table`` (``at_risk``, ``cohorts`` or ``rfm``) to an Excel workbook or a CSV
        file the user picks; says where it went or why it could not be written."""
        if self._analysis is None:
            return
        from advisor.sheets.analysis_tables import at_risk_sheet, cohort_sheet, rfm_sheet

        language = current_language()
        titles = {
            "at_risk": (_("Export at-risk customers"), _("at-risk customers")),
            "cohorts": (_("Export the cohort table"), _("cohorts")),
            "rfm": (_("Export the RFM segments"), _("RFM segments")),
        }
        path = self.ask_path(*titles[table])
        if path is None:
            return
        sheet = {
            "at_risk": lambda: at_risk_sheet(self._analysis, language),  # type: ignore[arg-type]
            "cohorts": lambda: cohort_sheet(self._analysis, language),  # type: ignore[arg-type]
            "rfm": lambda: rfm_sheet(self._analysis, language),  # type: ignore[arg-type]
        }[table]()
        problem = write_table(sheet, path, self.at_risk_model.currency)
        self.export_status.setText(problem or _("Written to {file}.").format(file=str(path)))
        set_tone(self.export_status, Tone.ERROR if problem else Tone.NORMAL)
        if problem is None:
            self.table_exported.emit(path)

    def retranslate_ui(self) -> None:
        self.setTabText(0, _("Cohorts"))
        self.setTabText(1, _("RFM segments"))
        self.setTabText(2, _("At risk"))
        self.cohort_help.setText(
            _(
                "Each row is the customers whose first order fell in that period; each cell the "
                "percent of them who ordered again that many periods later. Click a cell to "
                "list its customers."
            )
        )
        count = self.at_risk_model.rowCount()
        self.at_risk_count.setText(
            ngettext(
                "{count} customer has gone longer than usual without ordering "
                "(most valuable first).",
                "{count} customers have gone longer than usual without ordering "
                "(most valuable first).",
                count,
            ).format(count=count)
        )
        for button in (self.export_button, self.cohort_export_button, self.segment_export_button):
            button.setText(_("Export…"))
            button.setToolTip(_("Save this table as an Excel workbook or a CSV file"))
        self.thresholds.retranslate_ui()
        for model in (self.cohort_model, self.segment_model, self.at_risk_model):
            model.retranslate()
