"""The journey board on screen: zoom (Ctrl+wheel, + and −, fit), scrolling near the edges
while a card is dragged, and the keys that move around and edit the board."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget
from shiboken6 import isValid

from advisor.ui.journey.geometry import HEADER_H
from advisor.ui.journey.painting import board_colours
from advisor.ui.journey.scene import JourneyScene

MIN_ZOOM, MAX_ZOOM = 0.2, 4.0
READABLE_ZOOM = 0.72
WORKSHOP_ZOOM = 1.3
EDGE, EDGE_STEP = 40, 24  # pixels


class JourneyBoardView(QGraphicsView):
    """The board on screen: zoom (Ctrl+wheel, + and −), fit (0), arrows to move around,
    Ctrl+arrows to move a card or a stage, Insert to add a card, Delete to remove one, Enter
    to edit the selection in the form."""

    #: The zoom factor changed (1.0 = board pixels are screen pixels).
    zoom_changed = Signal(float)

    def __init__(self, scene: JourneyScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.board = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: The fit applied again when the view resizes (None once the user zoomed).
        self._fit: Callable[[], None] | None = None

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self._pin_labels()
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self._fit = None
        self.set_zoom(self.zoom * 1.25)

    def zoom_out(self) -> None:
        self._fit = None
        self.set_zoom(self.zoom / 1.25)

    def fit_to_window(self) -> None:
        """Show the whole board, as large as the view allows (again when the view resizes)."""
        self._fit = self.fit_to_window
        rect = self.board.sceneRect()
        if rect.isEmpty():
            return
        view = self.viewport().rect()
        self.set_zoom(min(view.width() / rect.width(), view.height() / rect.height()))

    def fit_readable(self) -> None:
        """The board's whole height in the window (its lanes down to the emotion curve), the
        stages scrolling sideways, but never so small that cards cannot be read; again when
        the view resizes, until the user zooms."""
        self._fit = self.fit_readable
        self.set_zoom(self._height_fit(1.0))

    def _height_fit(self, largest: float) -> float:
        """The zoom showing the board's whole height, between readable and ``largest``."""
        rect = self.board.sceneRect()
        if rect.isEmpty():
            return largest
        fit = self.viewport().rect().height() / rect.height()
        return max(READABLE_ZOOM, min(largest, fit))

    def workshop_zoom(self) -> None:
        """Large enough to read on a projector, down to the emotion curve where the screen
        allows, the selection in sight."""
        self._fit = self.workshop_zoom
        self.set_zoom(self._height_fit(WORKSHOP_ZOOM))
        selected = self.board.selectedItems()
        if selected:
            rect = selected[0].sceneBoundingRect()
            self.ensureVisible(QRectF(rect.x(), rect.y(), rect.width(), HEADER_H), 40, 40)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        """A light or dark desktop palette chosen while the board is shown: repaint in its
        colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.board.setBackgroundBrush(board_colours().background)
            self.board.update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt API)
        super().scrollContentsBy(dx, dy)
        self._pin_labels()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self._fit is not None:
            self._fit()
        self._pin_labels()

    def _pin_labels(self) -> None:
        """Keep the lanes' names at the view's left edge while the stages scroll by."""
        labels = self.board.labels
        if isValid(labels):  # not while the board is being torn down
            labels.pin(max(0.0, self.mapToScene(0, 0).x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseMoveEvent(event)
        if self.board.dragging:  # near an edge, scroll so far stages can be reached
            pos, area = event.position(), self.viewport().rect()
            for bar, at, size in (
                (self.horizontalScrollBar(), pos.x(), area.width()),
                (self.verticalScrollBar(), pos.y(), area.height()),
            ):
                if at < EDGE:
                    bar.setValue(bar.value() - EDGE_STEP)
                elif at > size - EDGE:
                    bar.setValue(bar.value() + EDGE_STEP)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_in() if event.angleDelta().y() > 0 else self.zoom_out()
            event.accept()
        else:
            super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key, mods = event.key(), event.modifiers()
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in arrows:
            if mods & Qt.KeyboardModifier.ControlModifier:
                self.board.move_selected(*arrows[Qt.Key(key)])
            else:
                self.board.navigate(*arrows[Qt.Key(key)])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit_to_window()
        elif key == Qt.Key.Key_Insert:
            self.board.add_touchpoint_to_selected_stage()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.board.remove_selected_touchpoint()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.board.form_requested.emit()
        else:
            super().keyPressEvent(event)
