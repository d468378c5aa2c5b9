"""The six reasons customers leave (``docs/retention-model.md``, churn causes): their symptoms,
whether the business can act on them, what the figures say of them, and which to act on first.

Causes, symptoms and the "suggested by your data" rules are data; the functions below are pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.domain.project import ChurnCauseCheck, KpiPeriod, Project, Severity
from advisor.domain.references import STANDINGS, VERDICT_WORDS, Standing
from advisor.domain.retention_questionnaire import RetentionType
from advisor.domain.retention_type import Diagnosis, diagnose_project
from advisor.i18n import N_
from advisor.i18n.message import Message, Quantity, percent

if TYPE_CHECKING:  # the KPI engine loads when suggestions are first asked for, not at start-up
    from advisor.domain.kpis import KpiContext, KpiResult


@dataclass(frozen=True)
class Cause:
    """One churn cause: what it is, how it shows, and what can be done about it."""

    id: str
    title: str
    description: str
    controllable: bool
    symptoms: dict[str, str]
    what_to_do: str
    themes: tuple[str, ...]
    #: Words that recognise the journey stage it hurts most (in a stage's id or name).
    stage_words: tuple[str, ...] = ()


CAUSES: tuple[Cause, ...] = (
    Cause(
        "context",
        N_("Change of context"),
        N_("The season, the economy or the customer's own situation changed."),
        False,
        {
            "churn_clusters_by_season": N_("Departures cluster in some seasons"),
            "customers_cite_budget": N_("Customers mention budget or prices"),
            "customers_moved_or_changed": N_("Customers moved or their situation changed"),
            "losses_follow_economy": N_("Losses follow the local economy"),
        },
        N_(
            "Accept what you cannot prevent: stay in touch with those the time of year or a "
            "change in their situation may bring back, and ask the others for a review or a "
            "recommendation."
        ),
        ("win-back", "communication"),
        ("winback", "win-back", "reconqu", "renewal", "renouvel"),
    ),
    Cause(
        "fit",
        N_("No problem/solution fit"),
        N_(
            "The customer was never the right one: a fuzzy positioning, loose selling or an "
            "unclear offer brought them in."
        ),
        False,
        {
            "early_churn": N_("Customers leave soon after their first purchase"),
            "not_what_i_expected": N_("“Not what I expected”"),
            "refund_soon_after_purchase": N_("Refunds or returns soon after purchase"),
            "came_for_a_discount": N_("They came for a discount and left with it"),
        },
        N_(
            "Say clearly who the offer is for, qualify customers before they buy, and describe "
            "the product as it is."
        ),
        ("communication", "onboarding"),
        ("consideration", "discover", "découverte"),
    ),
    Cause(
        "misalignment",
        N_("Needs moved on"),
        N_("The customer's needs changed and the offer no longer matches them."),
        False,
        {
            "long_time_customers_leave": N_("Long-standing customers leave"),
            "usage_declines_slowly": N_("Their orders or use decline slowly"),
            "ask_for_what_you_do_not_offer": N_("They ask for what you do not offer"),
        },
        N_(
            "Ask regular customers what is changing for them, and adapt the offer or point them "
            "to a version that fits."
        ),
        ("feedback", "personalisation"),
        ("repeat", "usage", "rachat", "utilisation"),
    ),
    Cause(
        "quality",
        N_("Lack of quality"),
        N_("A gap between the value promised, the value delivered and the value perceived."),
        True,
        {
            "low_satisfaction": N_("Low satisfaction scores"),
            "complaints_about_results": N_("Complaints about the product or the result"),
            "returns_or_redos": N_("Returns, remakes or work done twice"),
            "promise_not_kept": N_("Customers say it was better described than delivered"),
        },
        N_(
            "Compare what customers receive with what you promise, and fix the most frequent "
            "complaint first."
        ),
        ("quality", "feedback"),
        ("deliver", "livraison", "usage", "first-cup"),
    ),
    Cause(
        "experience",
        N_("Poor customer experience"),
        N_("Communication, responsiveness, clarity or visibility around the core product."),
        True,
        {
            "slow_replies": N_("Replies take too long"),
            "repeated_tickets": N_("Customers have to ask the same thing twice"),
            "bad_reviews": N_("Negative reviews about service"),
            "hard_to_deal_with": N_("Customers say dealing with you takes effort"),
            "unclear_information": N_("Unclear information on orders, prices or delivery"),
        },
        N_(
            "Remove the most common wait or effort customers meet (a queue, a slow reply, an "
            "unclear step), and set yourself reply times for the channels they use."
        ),
        ("service", "communication"),
        ("support", "service", "sav"),
    ),
    Cause(
        "activation",
        N_("Weak activation"),
        N_("Customers never felt the promised value early: the time to value is too long."),
        True,
        {
            "drop_after_first_purchase": N_("Many leave after their first purchase or first weeks"),
            "low_second_order_rate": N_("A low share of second orders"),
            "unused_after_purchase": N_("Products or features bought but not used"),
            "slow_first_result": N_("The first good result comes late"),
        },
        N_("Guide every new customer to a first success quickly and check in soon after."),
        ("onboarding", "habit"),
        ("onboard", "first", "activation", "premi", "accueil"),
    ),
)
CAUSES_BY_ID: dict[str, Cause] = {cause.id: cause for cause in CAUSES}

#: Cause titles by id (untranslated), for lists and reports.
CHURN_CAUSES: dict[str, str] = {cause.id: cause.title for cause in CAUSES}

SEVERITY_NAMES: dict[Severity, str] = {
    Severity.NONE: N_("not at all"),
    Severity.SOMEWHAT: N_("somewhat"),
    Severity.STRONGLY: N_("strongly"),
}


def is_controllable(cause_id: str, check: ChurnCauseCheck | None) -> bool:
    """The workshop's judgement, or the cause's usual answer when not judged."""
    if check is not None and check.controllable is not None:
        return check.controllable
    return CAUSES_BY_ID[cause_id].controllable


# "Suggested by your data": which figure points to which cause.


@dataclass(frozen=True)
class DataSuggestion:
    """A figure that points to a cause, with the value and the period it comes from."""

    cause_id: str
    kpi_id: str
    message: Message


@dataclass(frozen=True)
class SuggestionRule:
    """When the latest verdict on ``kpi_id`` is not good (watch or critical, typical or worse
    against its reference), suggest ``cause_id``. A rule with ``peak`` instead compares the
    worst of periods of the same length with the average of the others: churn at least
    ``peak`` times that average and 2 points above it (a rule of thumb of this product)."""

    cause_id: str
    kpi_id: str
    template: str
    peak: float | None = None


SUGGESTION_RULES: tuple[SuggestionRule, ...] = (
    SuggestionRule(
        "quality",
        "csat",
        N_("Satisfaction (CSAT) was {value} in {period}: {verdict} ({line})."),
    ),
    SuggestionRule(
        "experience",
        "ces",
        N_(
            "The effort score (CES) was {value} out of {scale} in {period}: {verdict} ({line}); "
            "customers do not find dealing with you easy."
        ),
    ),
    SuggestionRule(
        "context",
        "churn_rate",
        N_("Churn was {value} in {period}, against {average} on average in the other periods."),
        peak=1.3,
    ),
)
_PEAK_POINTS = 2.0


def _results(
    periods: Sequence[KpiPeriod], context: KpiContext
) -> list[tuple[KpiPeriod, dict[str, KpiResult]]]:
    from advisor.domain.kpis import compute_kpis

    return [(period, compute_kpis(period, context)) for period in periods]


def _latest(
    computed: list[tuple[KpiPeriod, dict[str, KpiResult]]], kpi_id: str
) -> tuple[KpiPeriod, KpiResult] | None:
    for period, results in reversed(computed):
        if results[kpi_id].value is not None:
            return period, results[kpi_id]
    return None


def _quantity(result: KpiResult) -> Quantity:
    quantity = result.quantity()
    assert quantity is not None
    return quantity


def _peak(
    rule: SuggestionRule, computed: list[tuple[KpiPeriod, dict[str, KpiResult]]]
) -> DataSuggestion | None:
    """The worst period against the others, among periods as long as the latest one."""
    from advisor.domain.periods import period_months

    known = [(p, r[rule.kpi_id]) for p, r in computed if r[rule.kpi_id].value is not None]
    if not known:
        return None
    months = period_months(known[-1][0])
    known = [(p, r) for p, r in known if period_months(p) == months]
    if len(known) < 3 or rule.peak is None:
        return None
    worst_period, worst = max(known, key=lambda item: item[1].value or 0.0)
    others = [r.value or 0.0 for p, r in known if p is not worst_period]
    average = sum(others) / len(others)
    value = worst.value or 0.0
    if average <= 0 or value < average * rule.peak or value - average < _PEAK_POINTS:
        return None
    return DataSuggestion(
        rule.cause_id,
        rule.kpi_id,
        Message.of(
            rule.template,
            value=_quantity(worst),
            period=worst_period.label,
            average=percent(average),
        ),
    )


def _apply(
    rule: SuggestionRule, computed: list[tuple[KpiPeriod, dict[str, KpiResult]]]
) -> DataSuggestion | None:
    if rule.peak is not None:
        return _peak(rule, computed)
    from advisor.domain.reference_lines import reference_line

    found = _latest(computed, rule.kpi_id)
    if found is None:
        return None
    period, result = found
    if result.reference is None or STANDINGS.get(result.status) not in _NOT_GOOD:
        return None
    return DataSuggestion(
        rule.cause_id,
        rule.kpi_id,
        Message.of(
            rule.template,
            value=_quantity(result),
            period=period.label,
            scale=period.surveys.ces_scale,
            verdict=Message(VERDICT_WORDS[result.status]),
            line=reference_line(result.reference, rule.kpi_id),
        ),
    )


_NOT_GOOD = (Standing.FAIR, Standing.POOR)


def _expects_peaks(diagnosis: Diagnosis | None, periods: Sequence[KpiPeriod]) -> bool:
    """True when churn peaks say nothing of a change of context: customers who come and go in
    cycles measured over less than a year (a quiet season is the type itself, not a cause), or
    customers who buy once in a lifetime (churn is not what retention means there)."""
    from advisor.domain.periods import period_months

    if diagnosis is None:
        return False
    if diagnosis.one_off:
        return True
    months = period_months(periods[-1]) if periods else None
    short = months is None or months < 12
    return diagnosis.main == RetentionType.DISCONTINUOUS and short


def data_suggestions(
    periods: Sequence[KpiPeriod], context: KpiContext, diagnosis: Diagnosis | None = None
) -> dict[str, list[DataSuggestion]]:
    """Causes the figures point to, by cause id (see :data:`SUGGESTION_RULES`), judged against
    the references ``context`` gives: the same lines the KPI step shows. ``diagnosis`` (the
    retention type) turns off the churn-peak rule where peaks are expected."""
    computed = _results(periods, context)
    found: dict[str, list[DataSuggestion]] = {}
    for rule in SUGGESTION_RULES:
        if rule.peak is not None and _expects_peaks(diagnosis, periods):
            continue
        suggestion = _apply(rule, computed)
        if suggestion is not None:
            found.setdefault(rule.cause_id, []).append(suggestion)
    return found


# The summary: what to act on first.

_SEVERITY_POINTS = {Severity.STRONGLY: 3.0, Severity.SOMEWHAT: 2.0, Severity.NONE: 0.0}


@dataclass(frozen=True)
class RankedCause:
    cause: Cause
    severity: Severity | None
    symptoms: tuple[str, ...]
    suggestions: tuple[DataSuggestion, ...]
    controllable: bool
    score: float


@dataclass(frozen=True)
class CauseSummary:
    """Controllable causes to act on first (strongest first), the ones outside the business's
    control that still apply, and the causes not judged yet."""

    act_first: tuple[RankedCause, ...]
    outside_control: tuple[RankedCause, ...]
    not_judged: tuple[str, ...]
    ruled_out: tuple[str, ...]


def known_symptoms(cause_id: str, check: ChurnCauseCheck) -> tuple[str, ...]:
    cause = CAUSES_BY_ID[cause_id]
    return tuple(s for s in check.symptoms if s in cause.symptoms)


def rank_causes(project: Project, context: KpiContext) -> CauseSummary:
    """Rank the judged causes: severity first, then ticked symptoms and what the data says."""
    suggestions = data_suggestions(project.kpi_periods, context, diagnose_project(project))
    act: list[RankedCause] = []
    outside: list[RankedCause] = []
    not_judged: list[str] = []
    ruled_out: list[str] = []
    for cause in CAUSES:
        check = project.churn.causes.get(cause.id)
        severity = check.severity if check else None
        if severity is None:
            not_judged.append(cause.id)
            continue
        if severity == Severity.NONE:
            ruled_out.append(cause.id)
            continue
        assert check is not None
        symptoms = known_symptoms(cause.id, check)
        hints = tuple(suggestions.get(cause.id, ()))
        score = _SEVERITY_POINTS[severity] + 0.25 * len(symptoms) + 0.5 * len(hints)
        ranked = RankedCause(
            cause, severity, symptoms, hints, is_controllable(cause.id, check), score
        )
        (act if ranked.controllable else outside).append(ranked)
    act.sort(key=lambda r: -r.score)
    outside.sort(key=lambda r: -r.score)
    return CauseSummary(tuple(act), tuple(outside), tuple(not_judged), tuple(ruled_out))


def unknown_cause_entries(project: Project) -> list[str]:
    """Cause or symptom ids in the file this version does not know (kept, not used)."""
    found = []
    for cause_id, check in project.churn.causes.items():
        cause = CAUSES_BY_ID.get(cause_id)
        if cause is None:
            found.append(cause_id)
            continue
        found += [f"{cause_id}.{s}" for s in check.symptoms if s not in cause.symptoms]
    return found
