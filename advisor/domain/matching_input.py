"""What playbook matching reads from a project, gathered once: the findings, the diagnosed
retention type and purchase pattern, whether a loyalty programme runs, the churn causes the
owner rated, the latest KPI values with their verdicts, and the journey stages where customers
feel bad, each recognised as one of the typical stages.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from advisor.domain.churn_causes import CAUSES_BY_ID
from advisor.domain.finding import Finding, FindingSource
from advisor.domain.findings import findings
from advisor.domain.kpi_definitions import BY_ID as KPI_BY_ID
from advisor.domain.kpis import KpiContext, KpiResult, compute_kpis, left_out
from advisor.domain.periods import period_months
from advisor.domain.playbook_text import TextContext
from advisor.domain.playbooks import STAGE_WORDS
from advisor.domain.project import Project, Severity
from advisor.domain.retention_type import diagnose_project
from advisor.domain.targets import LatestKpis

#: The ratings of a churn cause that make it evidence: the owner judged that it applies.
RATED_CAUSES = frozenset({Severity.STRONGLY, Severity.SOMEWHAT})


@dataclass(frozen=True)
class BadStage:
    """A journey stage where customers feel bad, or a moment of truth with friction points,
    recognised as one of the typical stages (``emotion`` 0 when they do not feel bad)."""

    stage: str
    name: str
    emotion: int
    moment_of_truth: bool = False


@dataclass(frozen=True)
class DiagnosisInput:
    """Everything matching reads, gathered once from the project."""

    business_model: str | None = None
    retention_type: str | None = None
    findings: tuple[Finding, ...] = ()
    causes: Mapping[str, Severity] = field(default_factory=dict)
    kpis: Mapping[str, KpiResult] = field(default_factory=dict)
    bad_stages: tuple[BadStage, ...] = ()
    #: Each KPI in the period before its latest one, when that period is as long.
    previous: Mapping[str, KpiResult] = field(default_factory=dict)
    #: The latest period's length and CES scale, to put targets in the business's terms.
    months: int | None = None
    ces_scale: int = 7
    #: ``repeat`` or ``one_off`` (customers buy once in a lifetime); None when unknown.
    purchases: str | None = None
    #: ``existing`` or ``none``; None when the owner has not said.
    loyalty_programme: str | None = None

    def latest(self) -> LatestKpis:
        """The latest results, for writing a playbook's targets in the business's terms."""
        return LatestKpis(self.kpis, self.months, self.ces_scale)

    def text_context(
        self, language: str, currency: str, business: Mapping[str, str]
    ) -> TextContext:
        """What a playbook's templates may use: the latest KPI values and the business."""
        values: dict[str, float | None] = dict.fromkeys(KPI_BY_ID)
        values.update((kpi, result.value) for kpi, result in self.kpis.items())
        return TextContext(language, currency, values, business)


@cache
def _stage_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (stage, re.compile("|".join(rf"(?<![\w]){re.escape(w)}" for w in words)))
        for stage, words in STAGE_WORDS.items()
    )


def stage_of(stage_id: str, name: str) -> str | None:
    """The typical stage (``STAGE_WORDS``) a project's stage is, from its id and name: the
    first stage, most specific first, with a word that starts a word of the name or id."""
    if stage_id in STAGE_WORDS:
        return stage_id
    for text in (name, stage_id.replace("-", " ").replace("_", " ")):
        for stage, pattern in _stage_patterns():
            if pattern.search(text.casefold()):
                return stage
    return None


def latest_kpis(
    project: Project, context: KpiContext
) -> tuple[dict[str, KpiResult], dict[str, KpiResult]]:
    """For each KPI, its result in the latest period that has a value, and its result in the
    period just before when both are as long (so a move between them means something). A KPI
    left out for this business keeps the latest period's result, which says so (no target is
    set on it)."""
    computed = [(period_months(p), compute_kpis(p, context)) for p in project.kpi_periods]
    latest: dict[str, KpiResult] = {}
    previous: dict[str, KpiResult] = {}
    for kpi in KPI_BY_ID:
        known = [
            i for i, (_months, results) in enumerate(computed) if results[kpi].value is not None
        ]
        if not known:
            if computed and left_out(computed[-1][1][kpi]):
                latest[kpi] = computed[-1][1][kpi]
            continue
        last = known[-1]
        latest[kpi] = computed[last][1][kpi]
        before = last - 1
        same_length = computed[before][0] is not None and computed[before][0] == computed[last][0]
        if before in known and same_length:
            previous[kpi] = computed[before][1][kpi]
    return latest, previous


def diagnosis_input(project: Project, context: KpiContext) -> DiagnosisInput:
    """What matching needs from ``project``; ``context`` gives the KPI references (and so
    the verdicts that trigger playbooks and make them urgent)."""
    diagnosis = diagnose_project(project)
    if diagnosis.one_off != context.one_off:
        # The figures of customers coming back are left out for a one-off purchase.
        context = dataclasses.replace(context, one_off=diagnosis.one_off)
    model = project.profile.business_model
    causes = {
        cause: check.severity
        for cause, check in project.churn.causes.items()
        if check.severity in RATED_CAUSES and cause in CAUSES_BY_ID
    }
    bad: list[BadStage] = []
    for stage in project.journey.stages:
        typical = stage_of(stage.id, stage.name)
        if typical is None:
            continue
        feels_bad = stage.emotion is not None and stage.emotion < 0
        not_good = stage.emotion is None or stage.emotion <= 0
        if feels_bad or (stage.moment_of_truth and stage.frictions and not_good):
            emotion = stage.emotion if feels_bad and stage.emotion is not None else 0
            bad.append(BadStage(typical, stage.name, emotion, stage.moment_of_truth))
    latest, previous = latest_kpis(project, context)
    last = project.kpi_periods[-1] if project.kpi_periods else None
    has_programme = project.churn.has_loyalty_programme
    purchases = None
    if diagnosis.one_off:
        purchases = "one_off"
    elif "frequency" in project.retention_type.answers:
        purchases = "repeat"
    return DiagnosisInput(
        model.value if model else None,
        diagnosis.main.value if diagnosis.main else None,
        tuple(f for f in findings(project, context) if _owner_agrees(f, project)),
        causes,
        latest,
        tuple(bad),
        previous,
        period_months(last) if last else None,
        last.surveys.ces_scale if last else 7,
        purchases,
        None if has_programme is None else ("existing" if has_programme else "none"),
    )


def _owner_agrees(finding: Finding, project: Project) -> bool:
    """False for a cause the figures point to but the owner judged not to apply: it is shown
    beside the owner's rating on the churn-causes step, and never triggers a play."""
    if finding.source != FindingSource.DATA:
        return True
    check = project.churn.causes.get(finding.id.partition(".")[2])
    return check is None or check.severity != Severity.NONE
