"""Where things sit on the journey board, in board pixels: the sizes of columns, cards and
notes, and the lanes every column shares."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF

LABEL_W = 130.0
COLUMN_W = 230.0
GAP = 14.0
PAD = 10.0
HEADER_H = 70.0
GOAL_H = 44.0
CARD_H = 58.0
CARD_GAP = 8.0
NOTE_H = 42.0
NOTE_GAP = 6.0
LANE_GAP = 12.0
EMOTION_STEP = 26.0
EMOTION_H = EMOTION_STEP * 4 + 2 * PAD


@dataclass(frozen=True)
class Lanes:
    """Where each lane starts and how tall it is; the same for every column, so notes and
    cards of different stages line up."""

    cards_top: float
    cards_h: float
    frictions_top: float
    frictions_h: float
    opportunities_top: float
    opportunities_h: float
    emotion_top: float

    @classmethod
    def for_counts(cls, cards: int, frictions: int, opportunities: int) -> Lanes:
        cards_top = HEADER_H + GOAL_H + LANE_GAP
        cards_h = (cards + 1) * (CARD_H + CARD_GAP)  # one free slot to drop onto or add
        frictions_top = cards_top + cards_h + LANE_GAP
        frictions_h = max(1, frictions) * (NOTE_H + NOTE_GAP)
        opportunities_top = frictions_top + frictions_h + LANE_GAP
        opportunities_h = max(1, opportunities) * (NOTE_H + NOTE_GAP)
        emotion_top = opportunities_top + opportunities_h + LANE_GAP
        return cls(
            cards_top,
            cards_h,
            frictions_top,
            frictions_h,
            opportunities_top,
            opportunities_h,
            emotion_top,
        )

    @property
    def column_h(self) -> float:
        return self.emotion_top - LANE_GAP / 2

    @property
    def height(self) -> float:
        return self.emotion_top + EMOTION_H

    def emotion_y(self, emotion: float) -> float:
        return self.emotion_top + PAD + (2 - emotion) * EMOTION_STEP

    def emotion_at(self, y: float) -> int:
        """The emotion level nearest to ``y`` in the emotion lane."""
        return max(-2, min(2, 2 - round((y - self.emotion_top - PAD) / EMOTION_STEP)))


def column_x(index: int) -> float:
    return LABEL_W + index * (COLUMN_W + GAP)


def card_pos(index: int, lanes: Lanes) -> QPointF:
    return QPointF(PAD, lanes.cards_top + index * (CARD_H + CARD_GAP))
