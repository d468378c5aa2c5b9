"""The journey step: the board and the model agree after adding, dragging, undoing and redoing;
keyboard and form edits; templates; PNG export; both languages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from advisor.domain.project import Channel, JourneyMap
from advisor.domain.wizard import StepId
from advisor.ui.journey.geometry import CARD_H, COLUMN_W, PAD, card_pos, column_x
from advisor.ui.journey.page import JourneyPage
from advisor.ui.journey.scene import JourneyScene
from advisor.ui.shell.main_window import MainWindow
from tests.ui_helpers import make_window, type_text


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    window = make_window(qtbot, tmp_path / "config")
    window.resize(1280, 800)
    window.show()
    return window


def journey_page(window: MainWindow) -> JourneyPage:
    window.show_step(StepId.JOURNEY)
    page = window.page(StepId.JOURNEY)
    assert isinstance(page, JourneyPage)
    page.view.set_zoom(1.0)
    return page


def assert_board_matches(scene: JourneyScene, journey: JourneyMap) -> None:
    """Every stage is a column, left to right in the journey's order, every touchpoint a card
    under its own stage's column, top to bottom (lane by lane) in the stage's order."""
    assert set(scene.columns) == {s.id for s in journey.stages}
    assert set(scene.cards) == {t.id for s in journey.stages for t in s.touchpoints}
    left_to_right = sorted(scene.columns.values(), key=lambda column: column.pos().x())
    assert [column.stage.name for column in left_to_right] == [s.name for s in journey.stages]
    xs = [column.pos().x() for column in left_to_right]
    assert len(set(xs)) == len(xs)  # no two columns on top of each other
    for i, stage in enumerate(journey.stages):
        column = scene.columns[stage.id]
        right = xs[i + 1] if i + 1 < len(xs) else float("inf")
        cards = [scene.cards[t.id] for t in stage.touchpoints]
        for card, touchpoint in zip(cards, stage.touchpoints, strict=True):
            assert card.stage_id == stage.id
            assert card.touchpoint.description == touchpoint.description
            assert column.pos().x() <= card.pos().x() < right
        reading_order = sorted(cards, key=lambda card: (card.pos().y(), card.pos().x()))
        assert [c.touchpoint.id for c in reading_order] == [t.id for t in stage.touchpoints]


def mouse(page: JourneyPage, kind: QEvent.Type, scene_pos: QPointF, held: bool) -> None:
    viewport = page.view.viewport()
    local = QPointF(page.view.mapFromScene(scene_pos))
    button = Qt.MouseButton.LeftButton
    buttons = button if held or kind != QEvent.Type.MouseButtonRelease else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind,
        local,
        QPointF(viewport.mapToGlobal(local.toPoint())),
        Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def drag(page: JourneyPage, start: QPointF, end: QPointF, steps: int = 8) -> None:
    mouse(page, QEvent.Type.MouseButtonPress, start, True)
    for i in range(1, steps + 1):
        mouse(page, QEvent.Type.MouseMove, start + (end - start) * (i / steps), True)
    mouse(page, QEvent.Type.MouseButtonRelease, end, False)


def card_centre(page: JourneyPage, touchpoint_id: str) -> QPointF:
    return page.scene.cards[touchpoint_id].sceneBoundingRect().center()


def test_add_stages_add_and_drag_a_touchpoint_then_undo_and_redo(window: MainWindow) -> None:
    window.new_project()
    page = journey_page(window)
    project = lambda: window.session.project  # noqa: E731 (the session swaps projects)

    QTest.mouseClick(page.add_stage, Qt.MouseButton.LeftButton)
    type_text(page.form.lines["name"], "Première visite")
    QTest.mouseClick(page.add_stage, Qt.MouseButton.LeftButton)
    assert [s.name for s in project().journey.stages] == ["Première visite", "New stage"]
    assert page.scene.columns[project().journey.stages[0].id].stage.name == "Première visite"
    first, second = (s.id for s in project().journey.stages)
    assert page.scene.current_ids() == (second, "")
    assert_board_matches(page.scene, project().journey)

    # Add a touchpoint by clicking the first column's "+ Add touchpoint" slot.
    column = page.scene.columns[first]
    slot = column.mapRectToScene(column.add_slot()).center()
    QTest.mouseClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.mapFromScene(slot)
    )
    (touchpoint,) = project().journey.stages[0].touchpoints
    assert page.scene.current_ids() == (first, touchpoint.id)
    type_text(page.form.description, "Vitrine €")
    page.form.channel.setCurrentIndex(page.form.channel.findData(Channel.SHOP))
    page.form.channel.activated.emit(page.form.channel.currentIndex())
    assert (touchpoint.description, touchpoint.channel) == ("Vitrine €", Channel.SHOP)
    assert_board_matches(page.scene, project().journey)
    before_drag = window.session.undo_stack.count()

    # Drag it onto the second stage: the whole drag is one undo step.
    target = QPointF(column_x(1) + COLUMN_W / 2, card_pos(0, page.scene.lanes).y() + CARD_H / 2)
    drag(page, card_centre(page, touchpoint.id), target)
    stages = project().journey.stages
    assert [t.id for t in stages[1].touchpoints] == [touchpoint.id] and not stages[0].touchpoints
    assert window.session.undo_stack.count() == before_drag + 1
    assert window.menus.undo.text() == "&Undo Move touchpoint" or "Move touchpoint" in (
        window.session.undo_stack.undoText()
    )
    assert_board_matches(page.scene, project().journey)

    window.session.undo_stack.undo()
    assert [t.id for t in project().journey.stages[0].touchpoints] == [touchpoint.id]
    assert_board_matches(page.scene, project().journey)
    window.session.undo_stack.redo()
    assert [t.id for t in project().journey.stages[1].touchpoints] == [touchpoint.id]
    assert_board_matches(page.scene, project().journey)

    while window.session.undo_stack.canUndo():
        window.session.undo_stack.undo()
    assert project().journey == JourneyMap()
    assert not page.scene.columns and not page.scene.cards


def test_dragging_reorders_cards_within_a_stage(window: MainWindow) -> None:
    window.open_demo()
    page = journey_page(window)
    stage = window.session.project.journey.stages[0]
    ids = [t.id for t in stage.touchpoints]
    drag(page, card_centre(page, ids[0]), card_centre(page, ids[2]) + QPointF(0, 10))
    assert [t.id for t in stage.touchpoints] == [ids[1], ids[2], ids[0]]
    assert_board_matches(page.scene, window.session.project.journey)
    window.session.undo_stack.undo()
    assert [t.id for t in stage.touchpoints] == ids


def test_a_card_dragged_away_and_back_leaves_no_undo_step(window: MainWindow) -> None:
    window.open_demo()
    page = journey_page(window)
    stage = window.session.project.journey.stages[0]
    ids = [t.id for t in stage.touchpoints]
    steps = window.session.undo_stack.count()
    start, far = card_centre(page, ids[0]), card_centre(page, ids[2]) + QPointF(0, 10)
    mouse(page, QEvent.Type.MouseButtonPress, start, True)
    for i in range(1, 9):  # out to the third slot…
        mouse(page, QEvent.Type.MouseMove, start + (far - start) * (i / 8), True)
    assert [t.id for t in stage.touchpoints] != ids
    for i in range(7, -1, -1):  # …and back where it was
        mouse(page, QEvent.Type.MouseMove, start + (far - start) * (i / 8), True)
    mouse(page, QEvent.Type.MouseButtonRelease, start, False)
    assert [t.id for t in stage.touchpoints] == ids
    assert window.session.undo_stack.count() == steps
    assert not window.session.is_modified  # the title shows no unsaved changes


def test_a_stage_dragged_by_its_header_moves_with_its_cards_in_one_undo_step(
    window: MainWindow,
) -> None:
    window.open_demo()
    page = journey_page(window)
    journey = window.session.project.journey
    ids = [stage.id for stage in journey.stages]
    cards = [t.id for t in journey.stages[0].touchpoints]
    steps = window.session.undo_stack.count()
    header = QPointF(column_x(0) + COLUMN_W / 2, 20)
    drop = QPointF(column_x(2) + COLUMN_W / 2 + 10, 20)
    drag(page, header, drop)
    assert [stage.id for stage in journey.stages] == [ids[1], ids[2], ids[0], *ids[3:]]
    assert [t.id for t in journey.stages[2].touchpoints] == cards
    assert window.session.undo_stack.count() == steps + 1
    assert page.scene.current_ids() == (ids[0], "")
    assert_board_matches(page.scene, journey)
    column = page.scene.columns[ids[0]]
    assert column.x() == column_x(2)
    assert page.scene.cards[cards[0]].x() == column_x(2) + PAD
    window.session.undo_stack.undo()
    assert [stage.id for stage in journey.stages] == ids

    drag(page, header, header + QPointF(30, 0))  # not far enough to change places
    assert [stage.id for stage in journey.stages] == ids
    assert page.scene.columns[ids[0]].x() == column_x(0)
    assert window.session.undo_stack.count() == steps + 1  # the undone move is still redoable


def test_keyboard_moves_around_and_moves_cards(window: MainWindow) -> None:
    window.open_demo()
    page = journey_page(window)
    journey = window.session.project.journey
    page.view.setFocus()

    def key(code: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QApplication.sendEvent(page.view, QKeyEvent(QEvent.Type.KeyPress, code, mods))

    assert page.scene.current_ids() == (journey.stages[0].id, "")
    key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Down)
    card = journey.stages[1].touchpoints[0]
    assert page.scene.current_ids() == (journey.stages[1].id, card.id)
    assert page.form.description.text() == card.description
    key(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert journey.stages[2].touchpoints[0] is card
    assert page.scene.current_ids() == (journey.stages[2].id, card.id)
    key(Qt.Key.Key_Delete)
    assert card not in journey.stages[2].touchpoints
    assert card.id not in page.scene.cards
    assert_board_matches(page.scene, journey)
    key(Qt.Key.Key_Plus)
    assert page.view.zoom == pytest.approx(1.25)


def test_clicking_the_emotion_lane_sets_the_emotion(window: MainWindow) -> None:
    window.new_project()
    page = journey_page(window)
    page.add_new_stage()
    stage = window.session.project.journey.stages[0]
    point = page.scene.curve.point(0, -2)
    QTest.mouseClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.mapFromScene(point)
    )
    assert stage.emotion == -2
    assert page.form.emotions["emotion"].currentData() == -2


def test_a_blank_stage_name_is_refused_inline(window: MainWindow) -> None:
    window.new_project()
    page = journey_page(window)
    page.add_new_stage()
    page.form.lines["name"].selectAll()
    QTest.keyClick(page.form.lines["name"], Qt.Key.Key_Delete)
    assert window.session.project.journey.stages[0].name == "New stage"
    assert page.form.name_error.isVisibleTo(page.form)


def test_start_from_a_template_and_undo(window: MainWindow) -> None:
    window.open_demo()
    page = journey_page(window)
    demo_names = [s.name for s in window.session.project.journey.stages]
    page.template.setCurrentIndex(page.template.findData("subscription"))
    page.use_template.click()
    journey = window.session.project.journey
    assert journey.stages[-1].name == "Win-back" and len(journey.stages) == 9
    assert_board_matches(page.scene, journey)
    window.session.undo_stack.undo()
    assert [s.name for s in window.session.project.journey.stages] == demo_names


def test_export_writes_a_png_of_the_whole_board(window: MainWindow, tmp_path: Path) -> None:
    window.open_demo()
    page = journey_page(window)
    path = tmp_path / "journey.png"
    assert page.export_png(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(path))
    columns = len(window.session.project.journey.stages)
    assert image.width() >= 2 * (column_x(columns) - PAD) and image.height() > 1000
    assert "journey.png" in page.status.text()
    assert not page.export_png(tmp_path / "missing" / "folder" / "j.png")
    assert "Could not write" in page.status.text()


def test_french_demo_journey_in_french(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "config")
    window.set_language("fr")
    window.open_demo()
    page = journey_page(window)
    assert page.scene.columns["s-discovery"].stage.name == "Découverte"
    assert page.form.lines["name"].text() == "Découverte"
    assert page.add_stage.text() == "Ajouter une étape"
    assert page.form.kpi.currentText() != ""
    window.set_language("en")
    assert page.add_stage.text() == "Add stage"
    assert page.form.lines["name"].text() == "Découverte"  # the map's text stays as written


def test_the_board_survives_many_repaints(window: MainWindow) -> None:
    """PySide6 6.12 on Python 3.11 takes a reference from None per void call; without the
    guard a few repaints of a full board abort the whole process."""
    window.open_demo()
    page = journey_page(window)
    page.view.fit_to_window()
    for _ in range(40):
        page.view.viewport().grab()
    assert sys.getrefcount(None) > 10_000


def test_workshop_mode_gives_the_board_the_page_at_a_readable_size(
    window: MainWindow, qtbot
) -> None:
    from advisor.ui.journey.board_view import READABLE_ZOOM

    window.open_demo()
    page = journey_page(window)
    page.view.set_zoom(0.3)
    window.set_workshop_mode(True)
    qtbot.waitUntil(lambda: page.view.zoom >= READABLE_ZOOM)
    assert not page.form_scroll.isVisible() and not page.intro.isVisible()
    # the board's whole height, down to the emotion curve, is on screen when it can be read
    board = page.view.mapFromScene(page.scene.sceneRect()).boundingRect()
    fits = board.bottom() <= page.view.viewport().height() + 1
    assert fits or page.view.zoom == READABLE_ZOOM
    window.set_workshop_mode(False)
    qtbot.waitUntil(lambda: page.form_scroll.isVisible())


def test_the_lane_names_stay_in_sight_while_the_stages_scroll(window: MainWindow, qtbot) -> None:
    window.open_demo()
    window.resize(900, 700)
    page = journey_page(window)
    page.view.set_zoom(1.0)
    bar = page.view.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    left = page.view.mapToScene(0, 0).x()
    assert left > 100  # scrolled past the first stage
    assert page.scene.labels.x() == left  # the names moved along, to the view's left edge
    bar.setValue(0)
    assert page.scene.labels.x() == 0


def test_a_kpi_written_as_free_text_in_an_older_file_is_kept_and_shown(
    window: MainWindow,
) -> None:
    window.open_demo()
    window.session.project.journey.stages[0].kpi = "New followers per month"
    window.session.project_replaced.emit()
    page = journey_page(window)
    page.scene.select_stage("s-discovery")
    assert page.form.kpi.currentText() == "New followers per month"
    page.form.kpi.setCurrentIndex(page.form.kpi.findData("nps"))
    page.form.kpi.activated.emit(page.form.kpi.currentIndex())
    assert window.session.project.journey.stages[0].kpi == "nps"
    window.session.undo_stack.undo()
    assert window.session.project.journey.stages[0].kpi == "New followers per month"


def test_dragging_near_the_edge_scrolls_towards_far_stages(window: MainWindow) -> None:
    window.open_demo()
    page = journey_page(window)
    bar = page.view.horizontalScrollBar()
    assert bar.value() == bar.minimum() < bar.maximum()
    card = window.session.project.journey.stages[0].touchpoints[0].id
    start = card_centre(page, card)
    mouse(page, QEvent.Type.MouseButtonPress, start, True)
    edge = page.view.mapToScene(QPoint(page.view.viewport().width() - 5, 300))
    for _ in range(5):
        mouse(page, QEvent.Type.MouseMove, QPointF(edge), True)
    assert bar.value() > bar.minimum()
    mouse(page, QEvent.Type.MouseButtonRelease, QPointF(edge), False)
    assert window.session.undo_stack.count() == 1
    assert_board_matches(page.scene, window.session.project.journey)


def test_cards_can_be_added_and_removed_without_a_mouse(window: MainWindow) -> None:
    window.new_project()
    page = journey_page(window)
    page.add_new_stage()
    stage = window.session.project.journey.stages[0]
    page.add_touchpoint.click()
    assert len(stage.touchpoints) == 1
    assert page.form.description.hasFocus() or page.form.touchpoint is stage.touchpoints[0]
    page.view.setFocus()
    QApplication.sendEvent(
        page.view,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier),
    )
    assert len(stage.touchpoints) == 2
    assert page.scene.current_ids() == (stage.id, stage.touchpoints[1].id)
    page.form.remove_touchpoint.click()
    assert len(stage.touchpoints) == 1
    assert_board_matches(page.scene, window.session.project.journey)
    assert page.scene.current_ids()[0] == stage.id


def test_a_screen_reader_hears_where_the_arrow_keys_are_on_the_board(
    window: MainWindow, qtbot
) -> None:
    from PySide6.QtGui import QAccessible

    window.open_demo()
    page = journey_page(window)
    page.scene.select_stage("s-discovery")
    described = page.view.accessibleDescription()
    stages = window.session.project.journey.stages
    assert described.startswith(f"Stage 1 of {len(stages)}: Discovery.")
    assert "3 touchpoints" in described and "Emotion: Positive." in described
    qtbot.keyClick(page.view, Qt.Key.Key_Down)  # the stage's first card
    described = page.view.accessibleDescription()
    first = stages[0].touchpoints[0]
    assert f"Touchpoint 1 of 3: Social media, {first.description}." in described
    interface = QAccessible.queryAccessibleInterface(page.view)
    assert interface.text(QAccessible.Text.Name) == "Customer journey board"
    assert interface.text(QAccessible.Text.Description) == described


def test_the_board_follows_a_dark_desktop_palette(window: MainWindow, qtbot) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from advisor.ui.journey.painting import DARK, LIGHT

    window.open_demo()
    page = journey_page(window)
    assert page.scene.backgroundBrush().color() == LIGHT.background
    app = QApplication.instance()
    light = app.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#000000"))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: page.scene.backgroundBrush().color() == DARK.background)
        image = page.view.viewport().grab().toImage()
        assert image.pixelColor(image.width() - 5, image.height() - 5).lightness() < 60
    finally:
        app.setPalette(light)
