"""The KPI step's figure table: one row per figure, one column per period (like a spreadsheet).

A thin adapter over the project's periods. Edits never change the project here: they become
domain edits handed to ``apply_edit`` (the session's undo stack), and the model is refreshed
from the project afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from advisor.domain.edits import (
    Edit,
    SetCustomersAtEnd,
    SetPeriodFigure,
    checked_period_value,
)
from advisor.domain.figure_checks import FigureIssue, IssueLevel, check_period
from advisor.domain.kpi_definitions import FIGURE_LABELS, PERIOD_FIELD_LABELS
from advisor.domain.kpis import period_snapshot
from advisor.domain.project import KpiPeriod, Project
from advisor.domain.schema import SchemaError
from advisor.i18n import N_, _, current_language
from advisor.i18n.formatting import (
    NBSP,
    decimals_of,
    format_date,
    format_money,
    format_number,
    parse_date,
    parse_number,
    still_typing_date,
    still_typing_number,
)

ROWS: tuple[str, ...] = (*PERIOD_FIELD_LABELS, *FIGURE_LABELS)
MONEY_ROWS = {
    "revenue",
    "acquisition_spend",
    "recurring_revenue_start",
    "expansion_revenue",
    "contraction_revenue",
    "churned_revenue",
}
DECIMAL_ROWS = MONEY_ROWS | {"gross_margin_pct"}
LIST_ROWS = {"surveys.nps_counts", "surveys.csat_counts", "surveys.ces_counts"}
DATE_ROWS = {"start", "end"}
ISSUE_COLOURS = {IssueLevel.ERROR: "#f6d3d0", IssueLevel.WARNING: "#fbeccb"}
FIELD_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


def row_label(name: str) -> str:
    return _(FIGURE_LABELS.get(name) or PERIOD_FIELD_LABELS[name])


#: What each row of figures means (the row's tooltip and What's This).
ROW_HELP = {
    "label": N_("The period's name, as tables and charts show it."),
    "start": N_("The period's first day."),
    "end": N_("The period's last day."),
    "customers_start": N_(
        "Customers active at the start of the period: those at the end of the period before."
    ),
    "customers_end": N_("Customers active at the end of the period (new ones included)."),
    "customers_new": N_("Customers who bought for the first time during the period."),
    "customers_lost": N_("Customers active at the start who left during the period."),
    "customers_reactivated": N_(
        "Customers who came back during the period after a break (not active the period "
        "before, not new)."
    ),
    "customers_active_both": N_(
        "Customers active in this period and in the one before: the strict retention rate "
        "counts only them, so customers who came back are not counted as kept."
    ),
    "orders": N_("Orders placed during the period, guests' included."),
    "revenue": N_("Revenue of the period, refunds taken off."),
    "unique_buyers": N_("Distinct customers who ordered during the period."),
    "repeat_buyers": N_("Of those, the customers who ordered twice or more."),
    "gross_margin_pct": N_("Gross margin as a percentage of revenue, for value in margin."),
    "acquisition_spend": N_("What winning new customers cost during the period (ads, offers)."),
    "recurring_revenue_start": N_("Recurring (subscription) revenue a period, at its start."),
    "expansion_revenue": N_("Recurring revenue added by existing customers (upgrades)."),
    "contraction_revenue": N_("Recurring revenue lost to downgrades by customers who stayed."),
    "churned_revenue": N_("Recurring revenue lost to customers who cancelled."),
    "surveys.nps_counts": N_(
        "How many answers gave each score from 0 to 10 (11 numbers), or the detractors, "
        "passives and promoters (3 numbers)."
    ),
    "surveys.csat_counts": N_("How many answers gave each score, from 1 to the top score."),
    "surveys.csat_scale": N_("The top score of the satisfaction question (5 or 10)."),
    "surveys.csat_cutoff": N_("From which score an answer counts as satisfied."),
    "surveys.ces_counts": N_("How many answers gave each ease score, from 1 to the top score."),
    "surveys.ces_scale": N_("The top score of the effort question (usually 7)."),
}


def _value(period: KpiPeriod, name: str) -> Any:
    if name.startswith("surveys."):
        return getattr(period.surveys, name[8:])
    return getattr(period, name)


def format_cell(name: str, value: Any, currency: str) -> str:
    """How a figure reads in the table, in the current language."""
    language = current_language()
    if value is None or value == []:
        return ""
    if name in LIST_ROWS:
        return " ".join(str(item) for item in value)
    if isinstance(value, dt.date):
        return format_date(value, language)
    if name == "label":
        return str(value)
    if name in MONEY_ROWS:
        return format_money(value, currency, language, 0 if value == int(value) else 2)
    return format_number(value, language, decimals_of(value))  # as precise as typed


def day_first() -> bool:
    """Whether dates like 03/04/2026 are day-first here: always in French; in English as the
    system's short date format writes them (month-first in the United States)."""
    if current_language() == "fr":
        return True
    return not QLocale.system().dateFormat(QLocale.FormatType.ShortFormat).lower().startswith("m")


def short_date(value: Any) -> str:
    """A date as the user types it (``31/03/2026``; month first where the system's dates
    are), short enough for a period's column."""
    if not isinstance(value, dt.date):
        return ""
    return f"{value:%d/%m/%Y}" if day_first() else f"{value:%m/%d/%Y}"


def answer_counts(name: str, counts: list[int]) -> str:
    """Survey answers as a small distribution: NPS by detractors, passives and promoters
    (``0–6: 4 · 7–8: 20 · 9–10: 41``), CSAT and CES by score (``1: 3 · 2: 5 …``). In a narrow
    column the text wraps only after a "·", never inside a group (no-break spaces, and a word
    joiner after the dash of "9–10")."""
    if not counts:
        return ""
    language = current_language()
    colon = NBSP + ":" + NBSP if language == "fr" else ":" + NBSP
    if name == "surveys.nps_counts" and len(counts) in (3, 11):
        groups = (
            counts if len(counts) == 3 else [sum(counts[:7]), sum(counts[7:9]), sum(counts[9:])]
        )
        parts = zip(("0–\u20606", "7–\u20608", "9–\u206010"), groups, strict=True)
    else:
        parts = zip((str(score) for score in range(1, len(counts) + 1)), counts, strict=True)
    return f"{NBSP}· ".join(f"{label}{colon}{format_number(n, language)}" for label, n in parts)


def parse_cell(name: str, text: str) -> Any:
    """The value typed into a cell; raises ``ValueError`` with a message for the user."""
    text = text.strip()
    if name == "label":
        if not text:
            raise ValueError(_("A period needs a name."))
        return text
    if not text:
        return [] if name in LIST_ROWS else None
    if name in DATE_ROWS:
        try:
            return parse_date(text, current_language(), day_first())
        except ValueError:
            example = dt.date(2026, 3, 31)
            numeric = f"{example:%d/%m/%Y}" if day_first() else f"{example:%m/%d/%Y}"
            raise ValueError(
                _("Type a date such as {numeric}, {written} or {iso}.").format(
                    numeric=numeric,
                    written=format_date(example, current_language()),
                    iso=example.isoformat(),
                )
            ) from None
    if name in LIST_ROWS:
        parts = text.replace(";", " ").replace(",", " ").split()
        if not all(part.isdigit() for part in parts):
            raise ValueError(_("Type one whole number per score, separated by spaces."))
        return [int(part) for part in parts]
    try:
        value = parse_number(text, current_language())
    except ValueError:
        raise ValueError(
            _("Type a number, for example {example}.").format(
                example=format_number(
                    1234.5 if name in DECIMAL_ROWS else 1800,
                    current_language(),
                    2 if name in DECIMAL_ROWS else 0,
                )
            )
        ) from None
    if name not in DECIMAL_ROWS:
        if value != int(value):
            raise ValueError(_("Type a whole number."))
        return int(value)
    return value


class PeriodTableModel(QAbstractTableModel):
    """Figures (rows) by period (columns) for the KPI step."""

    #: A typed value was refused; the message says why (shown beside the table).
    input_rejected = Signal(str)

    def __init__(self, apply_edit: Callable[[Edit], None], parent: Any = None) -> None:
        super().__init__(parent)
        self._apply_edit = apply_edit
        self._periods: list[KpiPeriod] = []
        self._currency = "EUR"
        self._issues: list[dict[str, list[FigureIssue]]] = []
        self._snapshots: list[tuple[object, ...]] = []

    def set_project(self, project: Project) -> None:
        """Show the project's periods; a reset only when periods were added or removed, and
        only the periods whose figures changed are checked again and repainted (a keystroke
        changes one)."""
        snapshots = [period_snapshot(period) for period in project.kpi_periods]
        before = self._snapshots
        same_shape = len(snapshots) == len(self._snapshots)
        currency_changed = project.profile.currency != self._currency
        if not same_shape:
            self.beginResetModel()
        changed = [
            column
            for column, snapshot in enumerate(snapshots)
            if not same_shape or currency_changed or snapshot != self._snapshots[column]
        ]
        self._periods = project.kpi_periods
        self._currency = project.profile.currency
        if not same_shape:
            self._issues = [{} for _period in self._periods]
        for column in changed:
            by_field: dict[str, list[FigureIssue]] = {}
            for issue in check_period(self._periods[column]):
                by_field.setdefault(issue.field, []).append(issue)
            self._issues[column] = by_field
        self._snapshots = snapshots
        if not same_shape:
            self.endResetModel()
            return
        for column in changed:
            self.dataChanged.emit(self.index(0, column), self.index(len(ROWS) - 1, column))
        relabelled = [c for c in changed if snapshots[c][:1] != before[c][:1]]  # [0]: the label
        if relabelled:  # a header change makes the stretched columns be laid out again
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, min(relabelled), max(relabelled))

    def issues(self, column: int) -> list[FigureIssue]:
        """Every problem found in the figures of the period in ``column``."""
        if not 0 <= column < len(self._issues):
            return []
        return [issue for found in self._issues[column].values() for issue in found]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(ROWS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._periods)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        name = ROWS[index.row()]
        period = self._periods[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if name in LIST_ROWS:
                return answer_counts(name, _value(period, name))
            if name in DATE_ROWS:
                return short_date(_value(period, name))
            return format_cell(name, _value(period, name), self._currency)
        if role == Qt.ItemDataRole.EditRole:
            if name in DATE_ROWS:  # edited as shown and as typed: 31/03/2026
                return short_date(_value(period, name))
            return format_cell(name, _value(period, name), self._currency)
        if role == FIELD_ROLE:
            return name
        issues = self._issues[index.column()].get(name, [])
        if role == Qt.ItemDataRole.ToolTipRole and not issues and name in DATE_ROWS:
            day = _value(period, name)  # in words, so 03/04/2026 is never in doubt
            return format_date(day, current_language()) if day else None
        if role == Qt.ItemDataRole.ToolTipRole and not issues and name in LIST_ROWS:
            counts = _value(period, name)
            return answer_counts(name, counts) if counts else None
        if role == Qt.ItemDataRole.ToolTipRole and issues:
            return "\n".join(
                issue.message.render(current_language(), self._currency) for issue in issues
            )
        if role == Qt.ItemDataRole.BackgroundRole and issues:
            worst = min(issues, key=lambda issue: issue.level != IssueLevel.ERROR).level
            return QBrush(QColor(ISSUE_COLOURS[worst]))
        if role == Qt.ItemDataRole.TextAlignmentRole and name not in ("label",):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole)
            and orientation == Qt.Orientation.Vertical
            and section < len(ROWS)
        ):
            explained = ROW_HELP.get(ROWS[section])
            return _(explained) if explained else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._periods[section].label if section < len(self._periods) else None
        return row_label(ROWS[section]) if section < len(ROWS) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def edit_for(self, row: int, column: int, text: str) -> Edit:
        """The domain edit for typing ``text`` in a cell; ``ValueError`` with a message if bad.
        Customers at the end carry to the next period's start (see ``SetCustomersAtEnd``)."""
        name = ROWS[row]
        try:
            value = checked_period_value(name, parse_cell(name, text))
        except SchemaError as error:
            raise ValueError(f"{row_label(name)}: {error.problem}") from None
        if name == "customers_end":
            return SetCustomersAtEnd(column, value)
        return SetPeriodFigure(column, name, value)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        return self.set_text(index, str(value))

    def set_text(self, index: Index, text: str, typing: bool = False) -> bool:
        """Set the cell at ``index`` from what was typed; ``typing``: the user is still typing
        (each key is committed), so a value on its way — ``38,`` to ``38,500``, ``28/0`` to
        ``28/02/2027`` — is not called a mistake yet."""
        name, language = ROWS[index.row()], current_language()
        try:
            edit = self.edit_for(index.row(), index.column(), text)
        except ValueError as error:
            unfinished = typing and (
                (name in DATE_ROWS and still_typing_date(text))
                or (name not in DATE_ROWS | LIST_ROWS and still_typing_number(text, language))
            )
            self.input_rejected.emit("" if unfinished else str(error))
            return False
        self.input_rejected.emit("")  # whatever was wrong before is fixed
        if parse_cell(name, text) == _value(self._periods[index.column()], name):
            return True
        try:
            self._apply_edit(edit)
        except ValueError as error:  # the model's own checks (negative counts, 0–100 %)
            problem = getattr(error, "problem", str(error))
            self.input_rejected.emit(f"{row_label(name)}: {problem}")
            return False
        return True
