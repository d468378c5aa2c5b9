"""A full redraw of the journey board with 12 stages × 10 touchpoints: target under 50 ms.

"Full redraw" is what opening the step or replacing the map costs: every stage and card item
thrown away and built again from the map, then the whole board painted (the view fitted so
every item is on screen, rendered offscreen into a pixmap). The median of 30 runs is compared
with the target; the best is printed beside it. Laid-out texts are kept across redraws (as
they are in the app after the first showing); a second line clears them before each run.

The baseline, in the same process and view, builds and paints the same number of plain
``QGraphicsRectItem``s and ``QGraphicsSimpleTextItem``s (one rectangle and one text per column,
card and note) and one path for the curve, so the ratio is what the board's own drawing costs.
A second line times one step of a drag (a live move of one card, the map mirrored again by id
and the board repainted), which must stay well under a frame.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

STAGES = 12
TOUCHPOINTS = 10
FRICTIONS = 3
OPPORTUNITIES = 2
RUNS = 30
VIEW_SIZE = (1280, 800)


def _journey():  # type: ignore[no-untyped-def]
    from advisor.domain.project import Channel, JourneyMap, JourneyStage, Touchpoint

    channels = list(Channel)
    return JourneyMap(
        [
            JourneyStage(
                id=f"s{s}",
                name=f"Stage {s + 1}: a name long enough to wrap",
                customer_goal="What the customer tries to do at this point of the journey",
                emotion=(s % 5) - 2,
                emotion_to_be=min(2, (s % 5) - 1),
                touchpoints=[
                    Touchpoint(
                        f"t{s}-{t}",
                        channels[(s + t) % len(channels)],
                        f"Touchpoint {t + 1} of stage {s + 1}, described in a few words",
                    )
                    for t in range(TOUCHPOINTS)
                ],
                frictions=[f"Friction point {f + 1} that customers meet" for f in range(FRICTIONS)],
                opportunities=[f"Opportunity {o + 1} to do better" for o in range(OPPORTUNITIES)],
                owner="Inès Benali",
                moment_of_truth=s % 3 == 0,
                kpi="csat",
            )
            for s in range(STAGES)
        ]
    )


def _timings(work: Callable[[], object]) -> tuple[float, float]:
    """Best and median wall-clock time of ``RUNS`` runs, in milliseconds."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times) * 1000, statistics.median(times) * 1000


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainterPath
    from PySide6.QtWidgets import (
        QApplication,
        QGraphicsRectItem,
        QGraphicsScene,
        QGraphicsSimpleTextItem,
    )

    from advisor.domain.journey_edits import MoveTouchpoint
    from advisor.ui.journey import painting as journey_painting
    from advisor.ui.journey.board_view import JourneyBoardView
    from advisor.ui.journey.scene import JourneyScene
    from advisor.ui.shell.fonts import install_fonts

    app = QApplication.instance() or QApplication([])
    install_fonts(app)  # type: ignore[arg-type]
    journey = _journey()
    scene = JourneyScene()
    view = JourneyBoardView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    scene.load(journey)
    view.fit_to_window()
    app.processEvents()

    def redraw() -> None:
        scene.rebuild(journey)
        view.viewport().grab()

    board = _timings(redraw)

    def cold_redraw() -> None:
        journey_painting.forget_laid_out_texts()
        redraw()

    cold = _timings(cold_redraw)

    gesture = iter(range(10**6))

    def drag_step() -> None:
        stage = journey.stages[0]
        moved = stage.touchpoints[0]
        MoveTouchpoint(moved.id, stage.id, len(stage.touchpoints) - 1, next(gesture)).apply(
            _Holder(journey)  # type: ignore[arg-type]
        )
        scene.load(journey)
        view.viewport().grab()

    drag = _timings(drag_step)

    plain = QGraphicsScene()
    view.setScene(plain)
    notes = FRICTIONS + OPPORTUNITIES

    def plain_redraw() -> None:
        plain.clear()
        for s in range(STAGES):
            x = s * 244.0
            for row in range(1 + TOUCHPOINTS + notes):
                plain.addItem(QGraphicsRectItem(QRectF(x, row * 66.0, 210, 58)))
                text = QGraphicsSimpleTextItem(f"Item {row} of stage {s}, a few words")
                text.setPos(x + 6, row * 66.0 + 6)
                plain.addItem(text)
        path = QPainterPath()
        for s in range(STAGES):
            path.lineTo(s * 244.0 + 105, 1100 + (s % 5) * 30)
        plain.addPath(path)
        view.fitInView(plain.itemsBoundingRect())
        view.viewport().grab()

    baseline = _timings(plain_redraw)
    items = STAGES * (1 + TOUCHPOINTS + notes)
    print(
        f"Journey board, {STAGES} stages × {TOUCHPOINTS} touchpoints, {RUNS} runs (best / median):"
    )
    print(f"  full redraw         {board[0]:7.1f} / {board[1]:7.1f} ms  (target < 50 ms)")
    print(f"  same, texts not laid out yet {cold[0]:5.1f} / {cold[1]:7.1f} ms  (first showing)")
    print(f"  one drag step       {drag[0]:7.1f} / {drag[1]:7.1f} ms")
    print(f"  baseline ({items} rect+text) {baseline[0]:5.1f} / {baseline[1]:7.1f} ms")
    print(f"  ratio (median)      {board[1] / baseline[1]:7.2f}")
    view.close()


class _Holder:
    """Just enough of a project for a journey edit."""

    def __init__(self, journey: object) -> None:
        self.journey = journey


if __name__ == "__main__":
    main()
