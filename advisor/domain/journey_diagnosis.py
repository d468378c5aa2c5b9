"""The journey map's findings in the diagnosis's common model: a stage where customers feel
bad (as-is emotion below zero) and meet friction points is a problem the plan can address.

Kept apart from ``advisor.domain.journey`` so the findings model (which reads churn causes,
mistakes and the loyalty audit) is loaded only by those who rank findings.
"""

from __future__ import annotations

from advisor.domain.finding import Finding, FindingSeverity, FindingSource
from advisor.domain.journey import EMOTION_LABELS, journey_findings
from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.project import JourneyMap
from advisor.i18n import N_
from advisor.i18n.message import Message

#: Themes that address friction when the stage names no KPI whose themes say better.
FRICTION_THEMES: tuple[str, ...] = ("service", "feedback")
_KPI_THEMES = {definition.id: definition.themes for definition in DEFINITIONS}


def _users_words(text: str) -> Message:
    """The workshop's own words, never translated."""
    return Message("{text}", (("text", text),))


def stage_findings(journey: JourneyMap) -> list[Finding]:
    """One finding per stage with a negative as-is emotion and friction points, worst first.

    High when customers feel very bad there or the stage is a moment of truth, medium
    otherwise. The evidence is the emotion and each friction point; the themes are those of
    the KPI measured at the stage, if any, else service and feedback.
    """
    found = []
    for record in journey_findings(journey):
        high = record.emotion <= -2 or record.moment_of_truth
        emotion = Message.of(
            N_("How customers feel there today: {emotion} ({label})"),
            emotion=f"{record.emotion:+d}".replace("-", "−"),
            label=Message(EMOTION_LABELS[record.emotion]),
        )
        stage = next(s for s in journey.stages if s.id == record.stage_id)
        found.append(
            Finding(
                f"journey.{record.stage_id}",
                FindingSeverity.HIGH if high else FindingSeverity.MEDIUM,
                Message.of(
                    N_("Customers feel bad at “{stage}” and meet friction points"),
                    stage=record.stage_name,
                ),
                (emotion, *(_users_words(text) for text in record.frictions)),
                record.stage_id,
                _KPI_THEMES.get(stage.kpi) or FRICTION_THEMES,
                FindingSource.JOURNEY,
            )
        )
    return found
