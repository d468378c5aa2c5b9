"""The customer journey as printed: stages and touchpoints as a table, the emotion curve
(today and target) as a chart description, and the friction points to fix first."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.journey import CHANNEL_LABELS, KPI_TITLES, journey_findings
from advisor.domain.project import JourneyStage, Project
from advisor.i18n import N_, translator
from advisor.i18n.formatting import join_clauses
from advisor.i18n.message import Message, Unit
from advisor.report.charts import ChartSpec, Series
from advisor.report.sections import signed
from advisor.report.text import Rich, narrative


@dataclass(frozen=True)
class JourneyRow:
    stage: str
    goal: str
    owner: str
    kpi: str
    moment_of_truth: bool
    touchpoints: tuple[str, ...]
    feeling: str
    frictions: tuple[str, ...]
    opportunities: tuple[str, ...]


@dataclass(frozen=True)
class JourneySection:
    intro: Rich
    header: tuple[str, ...]
    rows: tuple[JourneyRow, ...]
    emotion_chart: ChartSpec | None
    priorities: tuple[str, ...]


def journey_section(project: Project, language: str) -> JourneySection | None:
    stages = project.journey.stages
    if not stages:
        return None
    t = translator(language).gettext
    return JourneySection(
        intro=narrative("journey_intro", language, stages=len(stages)),
        header=(
            t(N_("Stage")),
            t(N_("Touchpoints")),
            t(N_("Feeling")),
            t(N_("Frictions")),
            t(N_("Opportunities")),
        ),
        rows=tuple(_row(stage, language) for stage in stages),
        emotion_chart=_emotion_chart(stages),
        priorities=tuple(
            t(N_("{label}: {text}")).format(
                label=t(N_("{stage} (feeling {feeling})")).format(
                    stage=finding.stage_name, feeling=signed(finding.emotion)
                ),
                text=join_clauses(finding.frictions, language),
            )
            for finding in journey_findings(project.journey)
        ),
    )


def _row(stage: JourneyStage, language: str) -> JourneyRow:
    t = translator(language).gettext
    labelled = t(N_("{label}: {text}"))
    return JourneyRow(
        stage=stage.name,
        goal=stage.customer_goal,
        owner=stage.owner,
        kpi=labelled.format(label=t(N_("KPI")), text=t(KPI_TITLES[stage.kpi]))
        if stage.kpi in KPI_TITLES
        else "",
        moment_of_truth=stage.moment_of_truth,
        touchpoints=tuple(
            labelled.format(label=t(CHANNEL_LABELS[tp.channel]), text=tp.description)
            if tp.description
            else t(CHANNEL_LABELS[tp.channel])
            for tp in stage.touchpoints
        ),
        feeling=_feeling(stage.emotion, stage.emotion_to_be),
        frictions=tuple(stage.frictions),
        opportunities=tuple(stage.opportunities),
    )


def _feeling(now: int | None, aimed: int | None) -> str:
    """ "+1 → +2", or the one that is known ("+1", "→ +2"), or nothing (never "– → –")."""
    if now is None and aimed is None:
        return ""
    if aimed is None:
        return signed(now)
    return f"{signed(now)} → {signed(aimed)}" if now is not None else f"→ {signed(aimed)}"


def _emotion_chart(stages: list[JourneyStage]) -> ChartSpec | None:
    if all(s.emotion is None and s.emotion_to_be is None for s in stages):
        return None
    return ChartSpec(
        Message(N_("How customers feel along the journey")),
        tuple(s.name for s in stages),
        (
            Series(Message(N_("today")), tuple(_float(s.emotion) for s in stages)),
            Series(Message(N_("target")), tuple(_float(s.emotion_to_be) for s in stages)),
        ),
        Unit.NUMBER,
        y_range=(-2.0, 2.0),
    )


def _float(value: int | None) -> float | None:
    return None if value is None else float(value)
