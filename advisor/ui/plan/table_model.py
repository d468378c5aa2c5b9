"""The action plan's table: one row per action (what, who, when, status, KPI target, source).

A thin adapter over ``project.plan.actions``. Edits never change the project here: they become
``SetActionField`` edits handed to ``apply_edit`` (the session's undo stack), and the model is
refreshed from the project afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt

from advisor.domain.edits import Edit
from advisor.domain.plan_edits import ACTION_FIELD_LABELS, ACTION_STATUS_NAMES, SetActionField
from advisor.domain.project import ActionStatus, PlannedAction, Project
from advisor.i18n import N_, _, current_language

_SHORT_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fr": [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ],
}


def format_short_date(value: dt.date, language: str) -> str:
    """A date short enough for a table cell: ``12 Jan 2027`` / ``12 janv. 2027``."""
    day = "1er" if language == "fr" and value.day == 1 else str(value.day)
    month = _SHORT_MONTHS.get(language, _SHORT_MONTHS["en"])[value.month - 1]
    return f"{day}\u00a0{month}\u00a0{value.year}"


COLUMNS: tuple[str, ...] = ("title", "owner", "due", "status", "kpi_target", "playbook_id")
EDITABLE = {"title", "owner", "due", "status", "kpi_target"}
COLUMN_LABELS = {**ACTION_FIELD_LABELS, "playbook_id": N_("Playbook")}
#: The action id of a row (any column).
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole
#: The raw value of a cell: a ``datetime.date`` for due dates, an ``ActionStatus`` for status.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class PlanTableModel(QAbstractTableModel):
    """The plan's actions, in the plan's order."""

    def __init__(self, apply_edit: Callable[[Edit], None], parent: Any = None) -> None:
        super().__init__(parent)
        self._apply_edit = apply_edit
        self._actions: list[PlannedAction] = []
        self._playbook_titles: Mapping[str, str] = {}

    def set_project(self, project: Project, playbook_titles: Mapping[str, str]) -> None:
        """Show the project's actions; ``playbook_titles`` names the playbooks they came from."""
        self.beginResetModel()
        self._actions = list(project.plan.actions)
        self._playbook_titles = playbook_titles
        self.endResetModel()

    def action_id(self, row: int) -> str:
        return self._actions[row].id

    def row_of(self, action_id: str) -> int | None:
        for row, action in enumerate(self._actions):
            if action.id == action_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self._actions[index.row()]
        name = COLUMNS[index.column()]
        value = getattr(action, name)
        if role == ACTION_ID_ROLE:
            return action.id
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.EditRole:
            if name == "due":
                return QDate(value.year, value.month, value.day) if value else QDate.currentDate()
            return value.value if isinstance(value, ActionStatus) else value
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(name, value)
        if role == Qt.ItemDataRole.ToolTipRole and action.playbook_id:
            source = self._playbook_titles.get(action.playbook_id, action.playbook_id)
            return _("From the playbook “{playbook}”").format(playbook=source)
        return None

    def _display(self, name: str, value: Any) -> str:
        if name == "due":
            return format_short_date(value, current_language()) if value else ""
        if name == "status":
            return _(ACTION_STATUS_NAMES[value])
        if name == "playbook_id":
            return self._playbook_titles.get(value, value)
        return str(value)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(COLUMN_LABELS[COLUMNS[section]])
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        name = COLUMNS[index.column()]
        if name not in EDITABLE:
            return False
        action = self._actions[index.row()]
        if name == "due" and isinstance(value, QDate):
            value = dt.date(value.year(), value.month(), value.day()) if value.isValid() else None
        elif isinstance(value, str) and name != "status":
            value = value.strip() if name == "title" else value
            if name == "title" and not value:
                return False  # an action needs a name
        if getattr(action, name) == value or (
            isinstance(getattr(action, name), ActionStatus) and getattr(action, name).value == value
        ):
            return False
        self._apply_edit(SetActionField(action.id, name, value))
        return True
