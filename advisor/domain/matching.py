"""Which playbooks a business needs, in which order, and why: pure functions over the
:class:`~advisor.domain.matching_input.DiagnosisInput` gathered from the project.

:func:`recommend` ranks every playbook that the business is not excluded from and that some
evidence triggers, by that evidence alone: the weight of its three strongest pieces, raised
when a KPI it answers is critical. Plays that fix an unfair loyalty programme come first;
impact and effort only break ties. Every reason is a fact the user can check on an earlier
step. The review ritual is part of every plan and never ranked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from advisor.domain.churn_causes import CAUSES_BY_ID
from advisor.domain.finding import Finding, FindingSeverity, FindingSource
from advisor.domain.kpis import worsened
from advisor.domain.loyalty_audit import AUDIT_BY_ID
from advisor.domain.matching_input import BadStage, DiagnosisInput
from advisor.domain.mistakes import MISTAKES_BY_ID
from advisor.domain.playbooks import REVIEW_RITUAL, KpiCondition, Playbook
from advisor.domain.project import Severity
from advisor.domain.references import STANDINGS, VERDICT_WORDS, Standing, Status
from advisor.i18n import N_
from advisor.i18n.formatting import join_clauses
from advisor.i18n.message import Message

_CAUSE_WEIGHT = {Severity.STRONGLY: 3.0, Severity.SOMEWHAT: 2.0}
_FINDING_WEIGHT = {FindingSeverity.HIGH: 3.0, FindingSeverity.MEDIUM: 2.0, FindingSeverity.LOW: 1.0}
_KPI_WEIGHT = 2.0
#: For a one-off purchase, what retention means: referrals, and the plays written for it.
_ONE_OFF_THEMES = frozenset({"referral"})
_ONE_OFF_REASON = N_("a one-off purchase: your next customers come through those you served")
_HINT_WEIGHT = 1.0
_URGENCY = {Status.CRITICAL: 1.5, Status.WORSE: 1.3, Status.WATCH: 1.2}
#: Only the strongest pieces of evidence count, so a playbook with many triggers does not win
#: on their number alone.
_STRONGEST = 3
_SEVERITY_WORDS = {Severity.STRONGLY: N_("strong"), Severity.SOMEWHAT: N_("partial")}
#: At most this many plays are recommended; the others stay behind "also list…".
MAX_RECOMMENDED = 10
#: The evidence a play needs to be recommended: one strong piece (a cause rated strong, a
#: serious finding, a very bad stage, a poor figure) or two lesser ones. A single "partial"
#: rating is too little to spend a small team's month on. Plays that fix an unfair loyalty
#: programme need no more than the failed audit item.
MIN_RELEVANCE = 3.0


@dataclass(frozen=True)
class Reason:
    """One piece of evidence that triggered a playbook."""

    weight: float
    message: Message
    fairness: bool = False


@dataclass(frozen=True)
class Recommendation:
    """A playbook proposed for this business: its score, urgency and why."""

    playbook: Playbook
    score: float
    relevance: float
    urgency: float
    reasons: tuple[Reason, ...]
    #: True when the play answers an unfair practice found by the loyalty audit (a failed item
    #: of high or medium severity; a low one is good practice, ranked like any evidence).
    fairness: bool = False

    def reason_line(self, language: str, currency: str = "EUR") -> str:
        """One line from the two strongest reasons: "Why: churn rate at 11.4 %: worse than
        typical; “Weak activation” was rated strong."."""
        parts = [r.message.render(language, currency) for r in self.reasons[:2]]
        line = Message.of(N_("Why: {first}."), first=join_clauses(parts, language))
        return line.render(language, currency)


_HOLDS = {
    "is poor": frozenset({Standing.POOR}),
    "is not good": frozenset({Standing.FAIR, Standing.POOR}),
    "is good": frozenset({Standing.GOOD}),
}


def _kpi_reason(condition: KpiCondition, data: DiagnosisInput) -> Reason | None:
    """The evidence when the latest figures meet ``condition``, else None."""
    result = data.kpis.get(condition.kpi)
    if result is None or result.value is None:
        return None
    if result.status == Status.CHECK:
        return None  # figures to check first: they prove nothing yet
    title = Message(result.definition.title)
    bonus = 1.0 if STANDINGS.get(result.status) == Standing.POOR else 0.0
    if condition.test == "is worsening":
        before = data.previous.get(condition.kpi)
        if before is None or not worsened(result, before):
            return None
        rose = result.definition.higher_is_better is False
        return Reason(
            _KPI_WEIGHT,
            Message.of(
                N_("{kpi} rose from {before} to {value}")
                if rose
                else N_("{kpi} fell from {before} to {value}"),
                kpi=title,
                before=before.quantity(),
                value=result.quantity(),
            ),
        )
    if STANDINGS.get(result.status) not in _HOLDS[condition.test]:
        return None
    if result.warnings:  # a score from few answers is a hint, not a measure
        return Reason(
            _HINT_WEIGHT,
            Message.of(
                N_("{kpi} at {value}: {verdict}, from few answers"),
                kpi=title,
                value=result.quantity(),
                verdict=Message(VERDICT_WORDS[result.status]),
            ),
        )
    return Reason(
        _KPI_WEIGHT + bonus,
        Message.of(
            N_("{kpi} at {value}: {verdict}"),
            kpi=title,
            value=result.quantity(),
            verdict=Message(VERDICT_WORDS[result.status]),
        ),
    )


def _stage_words(stage: BadStage) -> str:
    if stage.emotion <= -2:
        return N_("customers feel very bad at “{stage}”")
    if stage.emotion < 0:
        return N_("customers feel bad at “{stage}”")
    return N_("friction points at a moment of truth, “{stage}”")


def _finding_reason(finding: Finding) -> Message:
    kind, _dot, key = finding.id.partition(".")
    if kind == "mistake" and key in MISTAKES_BY_ID:
        return Message.of(
            N_("common mistake: “{mistake}”"),
            mistake=Message(MISTAKES_BY_ID[key].title),
        )
    if kind == "loyalty" and key in AUDIT_BY_ID:
        return Message.of(
            N_("loyalty programme falls short: “{item}”"), item=Message(AUDIT_BY_ID[key].problem)
        )
    if finding.source == FindingSource.DATA and key in CAUSES_BY_ID:
        return Message.of(N_("figures point to “{cause}”"), cause=Message(CAUSES_BY_ID[key].title))
    return finding.title


def _reasons(playbook: Playbook, data: DiagnosisInput) -> tuple[list[Reason], float]:
    """The evidence that triggers ``playbook`` and its urgency (1 when no KPI is critical)."""
    when = playbook.when
    reasons: list[Reason] = []
    urgency = 1.0
    for cause in when.causes:
        severity = data.causes.get(cause)
        if severity is not None:
            reasons.append(
                Reason(
                    _CAUSE_WEIGHT[severity],
                    Message.of(
                        N_("“{cause}” was rated {severity}"),
                        cause=Message(CAUSES_BY_ID[cause].title),
                        severity=Message(_SEVERITY_WORDS[severity]),
                    ),
                )
            )
    found = {f.id: f for f in data.findings}
    for finding_id in when.findings:
        finding = found.get(finding_id)
        if finding is None:
            continue
        if finding_id.startswith("cause.") and finding_id[6:] in when.causes:
            continue  # already counted as a cause
        reasons.append(
            Reason(
                _FINDING_WEIGHT[finding.severity],
                _finding_reason(finding),
                finding.source == FindingSource.LOYALTY and finding.severity != FindingSeverity.LOW,
            )
        )
    for condition in when.kpis:
        reason = _kpi_reason(condition, data)
        if reason is None:
            continue
        reasons.append(reason)
        result = data.kpis[condition.kpi]
        if condition.test != "is good" and not result.warnings:
            urgency = max(urgency, _URGENCY.get(result.status, 1.0))
    seen: set[str] = set()
    for stage in sorted(data.bad_stages, key=lambda s: s.emotion):
        if stage.stage in when.stages and stage.name not in seen:
            seen.add(stage.name)
            strong = stage.emotion <= -2 or (stage.moment_of_truth and stage.emotion < 0)
            weight = 3.0 if strong else 2.0
            reasons.append(
                Reason(
                    weight,
                    Message.of(_stage_words(stage), stage=stage.name),
                )
            )
    if data.purchases == "one_off" and (
        playbook.theme in _ONE_OFF_THEMES or when.purchases == ("one_off",)
    ):
        # The diagnosis's own reading, shown on the Retention type step.
        reasons.append(Reason(_KPI_WEIGHT, Message(_ONE_OFF_REASON)))
    reasons.sort(key=lambda r: -r.weight)
    return reasons, urgency


def excluded(playbook: Playbook, data: DiagnosisInput) -> bool:
    """True when the business is known not to be one the play is for (its retention type,
    business model, purchase pattern or loyalty programme is not listed)."""
    when = playbook.when
    for listed, known in (
        (when.retention_types, data.retention_type),
        (when.business_models, data.business_model),
        (when.purchases, data.purchases),
        (when.loyalty_programme, data.loyalty_programme),
    ):
        if listed and known and known not in listed:
            return True
    return False


def applies(playbook: Playbook, data: DiagnosisInput) -> bool:
    """True when the business is not excluded and some evidence triggers the play."""
    return not excluded(playbook, data) and bool(_reasons(playbook, data)[0])


def recommend(
    playbooks: Iterable[Playbook],
    data: DiagnosisInput,
    limit: int | None = MAX_RECOMMENDED,
) -> list[Recommendation]:
    """The plays the evidence calls for (at least ``MIN_RELEVANCE``), best first (at most
    ``limit``; None for all).

    Plays answering a failed item of the fair-loyalty audit come first; then the weight of the
    three strongest pieces of evidence × the urgency of a critical KPI; a play written for the
    business's model, then impact, effort and the horizon break ties. The review ritual is
    left out: it belongs to every plan."""
    ranked: list[Recommendation] = []
    for playbook in playbooks:
        if playbook.id == REVIEW_RITUAL or excluded(playbook, data):
            continue
        reasons, urgency = _reasons(playbook, data)
        if not reasons:
            continue
        relevance = sum(r.weight for r in reasons[:_STRONGEST])
        fairness = any(r.fairness for r in reasons)
        if relevance < MIN_RELEVANCE and not fairness:
            continue
        ranked.append(
            Recommendation(
                playbook,
                round(relevance * urgency, 2),
                relevance,
                urgency,
                tuple(reasons),
                fairness,
            )
        )
    model = data.business_model
    ranked.sort(
        key=lambda r: (
            not r.fairness,
            -r.score,
            model is None or model not in r.playbook.when.business_models,
            -r.playbook.impact,
            r.playbook.effort,
            r.playbook.horizon,
            r.playbook.id,
        )
    )
    return ranked[:limit] if limit is not None else ranked


def top_ids(recommendations: Sequence[Recommendation], n: int) -> list[str]:
    """The playbook ids of the first ``n`` recommendations."""
    return [r.playbook.id for r in recommendations[:n]]
