"""Pieces of the action-plan step: the value/effort matrix, the 30/60/90-day roadmap, the
table's editors and a playbook's description as rich text. Layout stays in the page."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from advisor.domain.matching import Recommendation
from advisor.domain.plan_edits import ACTION_STATUS_NAMES
from advisor.domain.playbook_text import TemplateRefused, TextContext, render_text
from advisor.domain.playbooks import Playbook
from advisor.domain.project import ActionPlan, ActionStatus
from advisor.domain.targets import LatestKpis
from advisor.domain.themes import THEME_NAMES
from advisor.i18n import N_, _, current_language
from advisor.i18n.formatting import format_date
from advisor.ui.common.widgets import keep_numbers_whole

Index = QModelIndex | QPersistentModelIndex
ACCENT = QColor("#2f6f8f")
#: How many of the best recommendations the matrix shows: it is for choosing, not listing.
MATRIX_SIZE = 12
#: Quadrant lines: low effort is 1–2 (of 5), high impact 4–5.
LOW_EFFORT_SHARE, HIGH_IMPACT_SHARE = 2 / 5, 2 / 5
DOT = 18
_A = Qt.AlignmentFlag
#: Each quadrant's label sits in its outer corner, away from the dots.
_CORNERS = (_A.AlignTop | _A.AlignLeft, _A.AlignTop | _A.AlignRight,
            _A.AlignBottom | _A.AlignLeft, _A.AlignBottom | _A.AlignRight)  # fmt: skip


class ValueEffortMatrix(QWidget):
    """Recommended playbooks placed by effort (across) and impact (up), numbered by rank."""

    #: A playbook's dot was clicked (its id).
    playbook_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(260, 200)
        self._points: list[tuple[int, Recommendation]] = []
        self._selected = ""
        self._hits: list[tuple[QRectF, str]] = []

    def set_recommendations(self, recommendations: Sequence[Recommendation]) -> None:
        """Place the best :data:`MATRIX_SIZE` recommendations (numbered by rank)."""
        self._points = list(enumerate(recommendations[:MATRIX_SIZE], 1))
        self.update()

    def select(self, playbook_id: str) -> None:
        self._selected = playbook_id
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(self.rect()).adjusted(34, 10, -10, -30)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._plot()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        faint = self.palette().color(QPalette.ColorRole.Mid)
        split_x = plot.left() + LOW_EFFORT_SHARE * plot.width()
        split_y = plot.top() + HIGH_IMPACT_SHARE * plot.height()
        quadrants = (
            (QRectF(QPointF(plot.left(), plot.top()), QPointF(split_x, split_y)), _("Quick wins")),
            (QRectF(QPointF(split_x, plot.top()), QPointF(plot.right(), split_y)), _("Big bets")),
            (QRectF(QPointF(plot.left(), split_y), QPointF(split_x, plot.bottom())), _("Fill-ins")),
            (QRectF(QPointF(split_x, split_y), plot.bottomRight()), _("Later, maybe")),
        )
        for index, (cell, label) in enumerate(quadrants):
            painter.fillRect(cell, QColor(47, 111, 143, 34 if index == 0 else 10))
            painter.setPen(faint)
            painter.drawText(cell.adjusted(6, 4, -6, -4), _CORNERS[index], label)
        painter.setPen(QPen(faint, 1))
        painter.drawRect(plot)
        painter.setPen(text)
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 4, plot.width(), 22),
            Qt.AlignmentFlag.AlignCenter,
            _("Effort →"),
        )
        painter.save()
        painter.translate(plot.left() - 8, plot.bottom())
        painter.rotate(-90)
        painter.drawText(
            QRectF(0, -22, plot.height(), 20), Qt.AlignmentFlag.AlignCenter, _("Impact →")
        )
        painter.restore()
        self._hits = []
        cell_w, cell_h = plot.width() / 5, plot.height() / 5
        per_row = max(1, int(cell_w // (DOT + 2)))
        crowd: dict[tuple[int, int], int] = {}
        for _rank, item in self._points:
            key = (item.playbook.effort, item.playbook.impact)
            crowd[key] = crowd.get(key, 0) + 1
        placed: dict[tuple[int, int], int] = {}
        for rank, item in self._points:
            effort, impact = item.playbook.effort, item.playbook.impact
            slot = placed.get((effort, impact), 0)
            placed[(effort, impact)] = slot + 1
            count = crowd[(effort, impact)]
            in_row = min(per_row, count)
            rows = -(-count // per_row)
            x = (
                plot.left()
                + (effort - 0.5) * cell_w
                + (slot % per_row - (in_row - 1) / 2) * (DOT + 2)
            )
            y = (
                plot.bottom()
                - (impact - 0.5) * cell_h
                + (slot // per_row - (rows - 1) / 2) * (DOT + 2)
            )
            dot = QRectF(x - DOT / 2, y - DOT / 2, DOT, DOT)
            selected = item.playbook.id == self._selected
            painter.setPen(QPen(QColor("#1b3d4f") if selected else ACCENT, 2 if selected else 1))
            painter.setBrush(QColor("#f0a030") if selected else ACCENT)
            painter.drawEllipse(dot)
            painter.setPen(QColor("white") if not selected else QColor("black"))
            painter.drawText(dot, Qt.AlignmentFlag.AlignCenter, str(rank))
            self._hits.append((dot, item.playbook.id))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        for dot, playbook_id in reversed(self._hits):
            if dot.adjusted(-3, -3, 3, 3).contains(event.position()):
                self.playbook_clicked.emit(playbook_id)
                return
        super().mousePressEvent(event)


ROADMAP_BUCKETS: tuple[tuple[int | None, str], ...] = (
    (30, N_("First 30 days")),
    (60, N_("Days 31 to 60")),
    (90, N_("Days 61 to 90")),
    (None, N_("Later")),
)


def roadmap_bucket(due: dt.date | None, start: dt.date) -> int | None:
    """Index in :data:`ROADMAP_BUCKETS` of an action due on ``due``; None without a date."""
    if due is None:
        return None
    days = (due - start).days
    for index, (limit, _label) in enumerate(ROADMAP_BUCKETS):
        if limit is not None and days <= limit:
            return index
    return len(ROADMAP_BUCKETS) - 1


class RoadmapTree(QTreeWidget):
    """The plan's actions by 30/60/90-day horizon from the plan's start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)

    def set_plan(self, plan: ActionPlan, today: dt.date) -> None:
        self.setHeaderLabels([_("Action"), _("Due"), _("Owner"), _("Status")])
        self.clear()
        start = plan.start or today
        language = current_language()
        groups = [QTreeWidgetItem([_(label)]) for _limit, label in ROADMAP_BUCKETS]
        undated = QTreeWidgetItem([_("No due date")])
        for group in [*groups, undated]:
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
        for action in plan.actions:
            bucket = roadmap_bucket(action.due, start)
            parent = undated if bucket is None else groups[bucket]
            item = QTreeWidgetItem(
                [
                    action.title,
                    format_date(action.due, language) if action.due else "",
                    action.owner,
                    _(ACTION_STATUS_NAMES[action.status]),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, action.id)
            if action.status in (ActionStatus.DONE, ActionStatus.DROPPED):
                item.setForeground(0, self.palette().color(QPalette.ColorRole.PlaceholderText))
            parent.addChild(item)
        for group in [*groups, undated]:
            if group.childCount() or group is not undated:
                group.setText(0, f"{group.text(0)} ({group.childCount()})")
                self.addTopLevelItem(group)
                group.setExpanded(True)
                group.setFirstColumnSpanned(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


class DateDelegate(QStyledItemDelegate):
    """Edits a due date with a calendar pop-up."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("yyyy-MM-dd")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QDateEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(value if isinstance(value, QDate) else QDate.currentDate())

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QDateEdit)
        model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)


class StatusDelegate(QStyledItemDelegate):
    """Edits an action's status from the list of statuses."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = QComboBox(parent)
        for status in ActionStatus:
            editor.addItem(_(ACTION_STATUS_NAMES[status]), status.value)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


NO_DATE = QDate(2000, 1, 1)  # an optional date edit's "not set" value


def optional_date_edit() -> QDateEdit:
    """A date edit with a calendar whose lowest value reads "not set" (see retranslation)."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setDate(NO_DATE)
    return edit


def to_qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else NO_DATE


def from_qdate(value: QDate) -> dt.date | None:
    return None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())


def _render(text: str, context: TextContext) -> str:
    try:
        return render_text(text, context)
    except TemplateRefused:
        return text  # a user playbook that slipped past its check: show it as written


def playbook_html(
    playbook: Playbook,
    recommendation: Recommendation | None,
    context: TextContext,
    latest: LatestKpis,
) -> str:
    """A playbook described for the side panel, in ``context.language``, with the business's
    figures filled in."""
    language = context.language

    def esc(text: str) -> str:
        return html.escape(_render(text, context))

    parts = [f"<h3>{esc(playbook.title.get(language))}</h3>"]
    facts = _("{theme} · impact {impact}/5 · effort {effort}/5 · results in {days} days").format(
        theme=_(THEME_NAMES[playbook.theme]),
        impact=playbook.impact,
        effort=playbook.effort,
        days=playbook.horizon,
    )
    parts.append(f"<p><i>{html.escape(facts)}</i></p>")
    if recommendation is not None:
        parts.append(
            f"<p><b>{html.escape(recommendation.reason_line(language, context.currency))}</b></p>"
        )
    parts.append(f"<p>{esc(playbook.summary.get(language))}</p>")
    parts.append(
        f"<p><b>{html.escape(_('Why it works'))}</b><br>{esc(playbook.why.get(language))}</p>"
    )
    steps = "".join(
        f"<li>{html.escape(_('+{days} d').format(days=step.delay_days))} — "
        f"{esc(step.title.get(language))}</li>"
        for step in playbook.steps
    )
    parts.append(f"<p><b>{html.escape(_('Steps'))}</b></p><ul>{steps}</ul>")
    targets = ", ".join(
        html.escape(latest.target_text(t, language, playbook.horizon))
        for t in latest.applicable(playbook.track)
    )
    parts.append(f"<p><b>{html.escape(_('KPIs to track'))}</b><br>{targets}</p>")
    for title, items in (
        (_("Tools"), playbook.tools.get(language)),
        (_("Pitfalls"), playbook.pitfalls.get(language)),
    ):
        if items:
            listed = "".join(f"<li>{esc(item)}</li>" for item in items)
            parts.append(f"<p><b>{html.escape(title)}</b></p><ul>{listed}</ul>")
    if playbook.ethics is not None:
        parts.append(
            f"<p><b>{html.escape(_('Ethics'))}</b><br>{esc(playbook.ethics.get(language))}</p>"
        )
    if playbook.user:
        origin = _("From your playbook folder: {file}").format(file=playbook.origin)
        parts.append(f"<p><i>{html.escape(origin)}</i></p>")
    return keep_numbers_whole("".join(parts))
