"""Diagnosing the retention type: a pure function scores the questionnaire's answers.

Each answer gives points to the continuous, discontinuous and intentional types
(``advisor.domain.retention_questionnaire``); the type with most points wins, with a confidence
that falls when answers are missing or when the types are close. Answers the business model
suggests fill the unanswered questions and count half towards the confidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from advisor.domain.project import Project
from advisor.domain.retention_questionnaire import (
    ONE_OFF_ANSWER,
    QUESTIONS,
    QUESTIONS_BY_ID,
    Answer,
    Question,
    RetentionType,
    suggested_answers,
)
from advisor.i18n import N_

#: On a tie, the first of these among the tied types is shown as the main type: intentional
#: assumes nothing is automatic, the safest reading when the answers do not decide.
TIE_ORDER = (RetentionType.INTENTIONAL, RetentionType.DISCONTINUOUS, RetentionType.CONTINUOUS)


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


CONFIDENCE_NAMES: dict[Confidence, str] = {
    Confidence.LOW: N_("low confidence"),
    Confidence.MEDIUM: N_("medium confidence"),
    Confidence.HIGH: N_("high confidence"),
}


@dataclass(frozen=True)
class Driver:
    """An answer that pushed the result towards the main type."""

    question_id: str
    answer_id: str
    suggested: bool

    @property
    def question(self) -> Question:
        return QUESTIONS_BY_ID[self.question_id]

    @property
    def answer(self) -> Answer:
        answer = self.question.answer(self.answer_id)
        assert answer is not None
        return answer


@dataclass(frozen=True)
class Diagnosis:
    """The questionnaire's result. ``scores`` are shares of all points, in percent."""

    scores: dict[RetentionType, float]
    main: RetentionType | None
    confidence: Confidence | None
    tied: tuple[RetentionType, ...] = ()
    drivers: tuple[Driver, ...] = ()
    answered: int = 0
    suggested: int = 0
    total: int = len(QUESTIONS)
    effective: dict[str, str] = field(default_factory=dict)

    @property
    def one_off(self) -> bool:
        """True when customers buy once in a lifetime or nearly (a wedding, a house): repeat
        purchases are not what retention means for this business."""
        return self.effective.get("frequency") == ONE_OFF_ANSWER


def diagnose(answers: Mapping[str, str], suggested: Mapping[str, str] | None = None) -> Diagnosis:
    """Score the three types from ``answers``; ``suggested`` fills unanswered questions and
    counts half as much towards the confidence. Unknown answers are ignored."""
    effective: dict[str, tuple[Answer, bool]] = {}
    for source, is_suggestion in ((suggested or {}, True), (answers, False)):
        for question_id, answer_id in source.items():
            question = QUESTIONS_BY_ID.get(question_id)
            answer = question.answer(answer_id) if question else None
            if answer is not None:
                effective[question_id] = (answer, is_suggestion)
    points = {kind: sum(a.weight(kind) for a, _s in effective.values()) for kind in RetentionType}
    total_points = sum(points.values())
    answered = sum(1 for _a, s in effective.values() if not s)
    n_suggested = len(effective) - answered
    plain = {q: a.id for q, (a, _s) in effective.items()}
    if total_points == 0:
        zero = {kind: 0.0 for kind in RetentionType}
        return Diagnosis(zero, None, None, (), (), answered, n_suggested, effective=plain)
    scores = {kind: points[kind] / total_points * 100 for kind in RetentionType}
    best = max(points.values())
    tied = tuple(kind for kind in TIE_ORDER if points[kind] == best)
    main = tied[0]
    second = sorted(points.values(), reverse=True)[1]
    margin = (best - second) / total_points
    coverage = (answered + 0.5 * n_suggested) / len(QUESTIONS)
    if len(tied) > 1:
        confidence = Confidence.LOW
    elif margin >= 0.25 and coverage >= 0.7:
        confidence = Confidence.HIGH
    elif margin >= 0.1 and coverage >= 0.4:
        confidence = Confidence.MEDIUM
    else:
        confidence = Confidence.LOW

    def lead(item: tuple[str, tuple[Answer, bool]]) -> int:
        answer = item[1][0]
        return answer.weight(main) - max(answer.weight(k) for k in RetentionType if k != main)

    order = {q.id: i for i, q in enumerate(QUESTIONS)}
    ranked = sorted(effective.items(), key=lambda item: (-lead(item), order[item[0]]))
    drivers = tuple(Driver(q, a.id, s) for q, (a, s) in ranked if lead((q, (a, s))) > 0)[:3]
    return Diagnosis(
        scores,
        main,
        confidence,
        tied if len(tied) > 1 else (),
        drivers,
        answered,
        n_suggested,
        effective=plain,
    )


def diagnose_project(project: Project) -> Diagnosis:
    """The diagnosis from the project's answers, its business model suggesting the rest."""
    return diagnose(
        project.retention_type.answers, suggested_answers(project.profile.business_model)
    )
