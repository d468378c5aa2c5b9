"""The journey board's scene: stages as columns, touchpoints as cards, frictions and
opportunities as notes and the emotion curves under them; selection, keyboard moves and PNG
export. The view that shows it (zoom, keys) is ``board_view``.

The scene mirrors a ``JourneyMap`` it is given and never changes it: every gesture (a drag, a
click on the emotion lane, a key) becomes a domain edit sent through :attr:`edit_requested`,
and the new map comes back through :meth:`JourneyScene.load`. Items are kept by id across
loads, so a card being dragged survives the live moves it causes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QWidget

from advisor.domain.journey import find_touchpoint, new_touchpoint_id
from advisor.domain.journey_edits import (
    InsertTouchpoint,
    MoveStage,
    MoveTouchpoint,
    RemoveTouchpoint,
    SetStageField,
)
from advisor.domain.project import JourneyMap, Touchpoint
from advisor.ui.common.refcount_guard import protect_singletons
from advisor.ui.journey.emotion_curve import EmotionCurve
from advisor.ui.journey.geometry import (
    CARD_GAP,
    CARD_H,
    COLUMN_W,
    GAP,
    HEADER_H,
    LABEL_W,
    PAD,
    Lanes,
    card_pos,
    column_x,
)
from advisor.ui.journey.lane_labels import LaneLabels
from advisor.ui.journey.painting import board_colours
from advisor.ui.journey.stage_column import StageColumn
from advisor.ui.journey.touchpoint_card import TouchpointCard

MARGIN = 16.0


class JourneyScene(QGraphicsScene):
    """The board's items for one journey map, and the edits the user's gestures ask for (the
    items' ``ColumnHost``, ``CardHost`` and ``CurveHost``)."""

    #: The user asked for a change to the journey (a domain edit).
    edit_requested = Signal(object)
    #: The selected stage and touchpoint changed (ids, "" when none).
    current_changed = Signal(str, str)
    #: The user pressed Enter on the board: edit the selection in the side form.
    form_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        protect_singletons()  # a repaint of the board makes thousands of calls returning nothing
        super().__init__(parent)
        self.setBackgroundBrush(board_colours().background)
        self.journey = JourneyMap()
        self.columns: dict[str, StageColumn] = {}
        self.cards: dict[str, TouchpointCard] = {}
        self.lanes = Lanes.for_counts(0, 0, 0)
        self.labels = LaneLabels(self.lanes)
        self.curve = EmotionCurve()
        self.addItem(self.labels)
        self.addItem(self.curve)
        self._gesture = 0
        self._dragging: TouchpointCard | None = None
        self._select_after = ""
        self._loading = False
        self.selectionChanged.connect(self._on_selection_changed)

    # Mirroring the map

    def load(self, journey: JourneyMap) -> None:
        """Show ``journey``: items are created, updated or removed by id, then laid out."""
        self._loading = True
        current = self.current_ids()
        self.journey = journey
        stages = journey.stages
        self.lanes = Lanes.for_counts(
            max((len(s.touchpoints) for s in stages), default=0),
            max((len(s.frictions) for s in stages), default=0),
            max((len(s.opportunities) for s in stages), default=0),
        )
        wanted_columns = {s.id for s in stages}
        wanted_cards = {t.id for s in stages for t in s.touchpoints}
        for key in set(self.columns) - wanted_columns:
            self.removeItem(self.columns.pop(key))
        for key in set(self.cards) - wanted_cards:
            gone = self.cards.pop(key)
            if gone is self._dragging:
                self._dragging = None
            self.removeItem(gone)
        for i, stage in enumerate(stages):
            column = self.columns.get(stage.id)
            if column is None:
                column = self.columns[stage.id] = StageColumn(stage, self.lanes)
                self.addItem(column)
            else:
                column.set_stage(stage, self.lanes)
            column.setPos(column_x(i), 0)
            for j, touchpoint in enumerate(stage.touchpoints):
                card = self.cards.get(touchpoint.id)
                if card is None:
                    card = self.cards[touchpoint.id] = TouchpointCard(touchpoint, stage.id)
                    self.addItem(card)
                else:
                    card.set_touchpoint(touchpoint, stage.id)
                if card is not self._dragging:
                    card.setPos(column.pos() + card_pos(j, self.lanes))
        self.labels.set_lanes(self.lanes)
        self.curve.set_stages(stages, self.lanes)
        width = column_x(len(stages)) - GAP if stages else LABEL_W + COLUMN_W
        self.setSceneRect(
            QRectF(-MARGIN, -MARGIN, width + 2 * MARGIN, self.lanes.height + 2 * MARGIN)
        )
        self._loading = False
        wanted = self._select_after or current[1]
        self._select_after = ""
        if wanted in self.cards:
            self.select_touchpoint(wanted)
        elif current[0] in self.columns:
            self.select_stage(current[0])
        self._on_selection_changed()

    def rebuild(self, journey: JourneyMap) -> None:
        """Drop every stage and card item and draw ``journey`` from nothing."""
        for item in [*self.columns.values(), *self.cards.values()]:
            self.removeItem(item)
        self.columns.clear()
        self.cards.clear()
        self.load(journey)

    # Selection and keyboard navigation

    def current_ids(self) -> tuple[str, str]:
        """The selected stage's id and touchpoint's id ("" for none)."""
        for item in self.selectedItems():
            if isinstance(item, TouchpointCard):
                return item.stage_id, item.touchpoint_id
            if isinstance(item, StageColumn):
                return item.stage_id, ""
        return "", ""

    def select_stage(self, stage_id: str, reveal: bool = False) -> None:
        self._select(self.columns.get(stage_id), reveal)

    def select_touchpoint(self, touchpoint_id: str, reveal: bool = False) -> None:
        self._select(self.cards.get(touchpoint_id), reveal)

    def _select(self, item: QGraphicsItem | None, reveal: bool) -> None:
        if item is None or (item.isSelected() and len(self.selectedItems()) == 1):
            return
        self.blockSignals(True)
        self.clearSelection()
        self.blockSignals(False)
        item.setSelected(True)
        if reveal:
            rect = item.sceneBoundingRect()
            if isinstance(item, StageColumn):
                rect.setHeight(HEADER_H)  # a column is taller than the view: show its top
            for view in self.views():
                view.ensureVisible(rect, 40, 40)

    def _on_selection_changed(self) -> None:
        if not self._loading:
            self.current_changed.emit(*self.current_ids())

    def navigate(self, dx: int, dy: int) -> None:
        """Select the neighbouring stage (``dx``) or card (``dy``); arrow keys."""
        stages = self.journey.stages
        if not stages:
            return
        stage_id, touchpoint_id = self.current_ids()
        if not stage_id:
            self.select_stage(stages[0].id)
            return
        s = next(i for i, stage in enumerate(stages) if stage.id == stage_id)
        row = -1
        if touchpoint_id:
            row = [t.id for t in stages[s].touchpoints].index(touchpoint_id)
        s = max(0, min(len(stages) - 1, s + dx))
        cards = stages[s].touchpoints
        row = min(len(cards) - 1, max(-1, row + dy))
        if row < 0:
            self.select_stage(stages[s].id, reveal=True)
        else:
            self.select_touchpoint(cards[row].id, reveal=True)

    def move_selected(self, dx: int, dy: int) -> None:
        """Move the selected card to a neighbouring stage or place, or the selected stage
        left or right (Ctrl + arrow keys)."""
        stages = self.journey.stages
        stage_id, touchpoint_id = self.current_ids()
        if touchpoint_id:
            stage, row = find_touchpoint(self.journey, touchpoint_id)
            s = stages.index(stage)
            target = max(0, min(len(stages) - 1, s + dx))
            if target != s:
                row = min(row, len(stages[target].touchpoints))
            else:
                row = max(0, min(len(stage.touchpoints) - 1, row + dy))
            self._gesture += 1
            self._emit_if_moved(touchpoint_id, stages[target].id, row)
        elif dx:
            self.move_selected_stage(dx)

    def move_selected_stage(self, dx: int) -> None:
        """Move the selected stage (or the stage of the selected card) ``dx`` places."""
        stage_id, _touchpoint_id = self.current_ids()
        ids = [stage.id for stage in self.journey.stages]
        if stage_id:
            target = max(0, min(len(ids) - 1, ids.index(stage_id) + dx))
            if target != ids.index(stage_id):
                self.edit_requested.emit(MoveStage(stage_id, target))

    def drag_stage(self, column: StageColumn, dx: float) -> None:
        """Show the stage, with its cards, ``dx`` away from its place while it is dragged."""
        index = [stage.id for stage in self.journey.stages].index(column.stage_id)
        shift = column_x(index) + dx - column.x()
        column.setZValue(5)  # above its neighbours and their cards
        column.moveBy(shift, 0)
        for touchpoint in self.journey.stages[index].touchpoints:
            self.cards[touchpoint.id].setZValue(6)
            self.cards[touchpoint.id].moveBy(shift, 0)

    def drop_stage(self, column: StageColumn) -> None:
        """Move the dragged stage to the place under its middle (one undo step), or back."""
        ids = [stage.id for stage in self.journey.stages]
        centre = column.x() + COLUMN_W / 2
        target = int((centre - LABEL_W + GAP / 2) // (COLUMN_W + GAP))
        target = max(0, min(len(ids) - 1, target))
        column.setZValue(0)
        for card in self.cards.values():
            card.setZValue(1)
        if target != ids.index(column.stage_id):
            self.edit_requested.emit(MoveStage(column.stage_id, target))
        self.load(self.journey)  # snap everything into place
        self.select_stage(column.stage_id)

    def remove_selected_touchpoint(self) -> None:
        stage_id, touchpoint_id = self.current_ids()
        if touchpoint_id:
            self._select_after = ""
            self.edit_requested.emit(RemoveTouchpoint(touchpoint_id))
            self.select_stage(stage_id)

    @property
    def dragging(self) -> bool:
        """Whether a card is being dragged."""
        return self._dragging is not None

    # Gestures that become edits

    def request_new_touchpoint(self, stage_id: str) -> None:
        """Add an empty touchpoint at the end of a stage and select it for editing."""
        stage = next(s for s in self.journey.stages if s.id == stage_id)
        touchpoint = Touchpoint(new_touchpoint_id(self.journey))
        self._select_after = touchpoint.id
        self.edit_requested.emit(InsertTouchpoint(stage_id, len(stage.touchpoints), touchpoint))
        self.form_requested.emit()

    def add_touchpoint_to_selected_stage(self) -> None:
        """Add a card to the selected stage (or to the selected card's stage)."""
        stage_id, _touchpoint_id = self.current_ids()
        if stage_id:
            self.request_new_touchpoint(stage_id)

    def request_emotion(self, stage_id: str, field: str, level: int) -> None:
        self.select_stage(stage_id)
        self.edit_requested.emit(SetStageField(stage_id, field, level))

    def start_drag(self, card: TouchpointCard) -> None:
        self._gesture += 1
        self._dragging = card

    def drag_to(self, card: TouchpointCard) -> None:
        """Move the dragged card's touchpoint to the slot under the card's centre; the other
        cards make room as it goes (one undo step per drag)."""
        if card is not self._dragging or not self.journey.stages:
            return
        stages = self.journey.stages
        centre = card.pos() + QPointF((COLUMN_W - 2 * PAD) / 2, CARD_H / 2)
        s = int((centre.x() - LABEL_W + GAP / 2) // (COLUMN_W + GAP))
        s = max(0, min(len(stages) - 1, s))
        target = stages[s]
        room = len(target.touchpoints) - (1 if target.id == card.stage_id else 0)
        row = int((centre.y() - self.lanes.cards_top + CARD_GAP / 2) // (CARD_H + CARD_GAP))
        self._emit_if_moved(card.touchpoint_id, target.id, max(0, min(room, row)))

    def end_drag(self, card: TouchpointCard) -> None:
        self._dragging = None
        self.load(self.journey)  # snap the card into its slot
        self.select_touchpoint(card.touchpoint_id)

    def _emit_if_moved(self, touchpoint_id: str, stage_id: str, row: int) -> None:
        stage, old_row = find_touchpoint(self.journey, touchpoint_id)
        if (stage.id, old_row) != (stage_id, row):
            self._select_after = touchpoint_id
            self.edit_requested.emit(MoveTouchpoint(touchpoint_id, stage_id, row, self._gesture))

    # Export

    def export_png(self, path: Path, scale: float = 2.0) -> bool:
        """Write the whole board to ``path`` as a PNG, ``scale`` pixels per board pixel,
        without the selection highlight. Returns whether the file was written."""
        selected = list(self.selectedItems())
        self.blockSignals(True)
        self.clearSelection()
        source = self.sceneRect()
        image = QImage(
            int(source.width() * scale), int(source.height() * scale), QImage.Format.Format_RGB32
        )
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.render(painter, QRectF(image.rect()), source)
        painter.end()
        for item in selected:
            item.setSelected(True)
        self.blockSignals(False)
        return bool(image.save(str(path), "PNG"))  # type: ignore[call-overload]
