"""Retention KPIs for one period: each KPI's value (or the reason there is none), the formula
with the user's numbers, and its verdict against the reference that fits the business.

The formulas are in ``advisor.domain.kpi_formulas``; this module runs them for a period, leaves
out what does not apply, judges the values (``advisor.domain.verdicts``), picks the references
of a business and tells whether a KPI worsened between two periods.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields

from advisor.domain import kpi_formulas as formula
from advisor.domain.figure_checks import check_period, problems_by_field
from advisor.domain.kpi_definitions import BY_ID, DEFINITIONS, KpiDefinition
from advisor.domain.periods import period_months
from advisor.domain.project import KpiPeriod, SurveyResults
from advisor.domain.references import (
    Business,
    Reference,
    ReferenceData,
    Status,
    pick_reference,
    sector_key,
)
from advisor.domain.verdicts import (
    FACT_OF,
    FACTS,
    NO_VERDICT,
    SHARES,
    Measured,
    PeriodFacts,
    Verdict,
    judge,
    judge_fact,
)
from advisor.i18n import N_
from advisor.i18n.message import PERIOD_UNITS, Message, Quantity, Unit, count, money


@dataclass(slots=True)
class KpiResult:
    """One KPI for one period: a value, or the reason there is none, and its verdict.

    ``reference`` is what it was judged against; ``compared`` its value in the reference's
    terms when it had to be converted; ``note`` why it got no verdict. The formula with the
    user's numbers is written only when asked for (:attr:`substituted`): the KPI step
    recomputes every period on each keystroke but shows one explanation.
    """

    definition: KpiDefinition
    value: float | None
    reason: Message | None = None
    explain: Callable[[], Message] | None = None
    inputs: tuple[str, ...] = ()
    status: Status = Status.UNKNOWN
    reference: Reference | None = None
    warnings: tuple[Message, ...] = ()
    compared: Message | None = None
    note: Message | None = None
    unit: Unit | None = None
    #: For a survey score: how far chance alone can move it, in its points (95 %).
    margin: float | None = None

    @property
    def substituted(self) -> Message | None:
        """The formula with the user's numbers, e.g. "((220 − 50) ÷ 200) × 100"."""
        return self.explain() if self.explain is not None else None

    def quantity(self) -> Quantity | None:
        if self.value is None:
            return None
        return Quantity(self.value, self.unit or self.definition.unit, self.definition.decimals)


@dataclass(frozen=True)
class KpiContext:
    """What the KPIs need besides the figures: the reference that applies to each KPI, the
    business model, and whether customers buy once in a lifetime (``one_off``: the KPIs of
    customers coming back are then left out, with the reason)."""

    references: dict[str, Reference] = field(default_factory=dict)
    business_model: str | None = None
    one_off: bool = False


#: KPIs of customers coming back, and those built on a lifespan: left out for a business whose
#: customers buy once in a lifetime.
ONE_OFF_LEFT_OUT = frozenset(
    {
        "retention_rate",
        "strict_retention_rate",
        "reactivation_rate",
        "churn_rate",
        "purchase_frequency",
        "repeat_purchase_rate",
        "lifespan",
        "clv",
        "clv_margin",
        "clv_subscription",
        "ltv_cac",
    }
)
_OUT_OF_RANGE_REASON = N_(
    "The figures are too far apart to give a meaningful number: check them (an amount of a "
    "tiny fraction of a cent, for example)."
)
_ONE_OFF_REASON = N_(
    "Left out: customers buy once in a lifetime, so a figure of customers coming back says "
    "little here (see the retention type)."
)


def left_out(result: KpiResult) -> bool:
    """Whether ``result`` is a KPI that does not apply to the business (customers coming back,
    for one whose customers buy once in a lifetime), rather than one not measured yet."""
    return result.value is None and result.reason == Message(_ONE_OFF_REASON)


_remembered = threading.local()


@contextmanager
def remembering() -> Iterator[None]:
    """Inside the block, :func:`compute_kpis` (in this thread) computes the KPIs of given
    figures against a given context once: building a report reads the same periods for the
    KPI table, the findings, the churn causes and the playbook matching."""
    outer = getattr(_remembered, "table", None)
    if outer is None:
        _remembered.table = {}
    try:
        yield
    finally:
        if outer is None:
            _remembered.table = None


def compute_kpis(period: KpiPeriod, context: KpiContext | None = None) -> dict[str, KpiResult]:
    """Every KPI of :data:`DEFINITIONS` for ``period``, keyed by id, in that order, each with
    its verdict against the reference ``context`` gives it."""
    context = context or KpiContext()
    table: dict[tuple[object, ...], tuple[KpiContext, dict[str, KpiResult]]] | None = getattr(
        _remembered, "table", None
    )
    if table is None:
        return _compute(period, context)
    key = (*period_snapshot(period), id(context))
    found = table.get(key)
    if found is None or found[0] is not context:
        found = table[key] = (context, _compute(period, context))
    return dict(found[1])


def _compute(period: KpiPeriod, context: KpiContext) -> dict[str, KpiResult]:
    f = formula.Figures(period, problems_by_field(check_period(period)))
    months = period_months(period)
    churn = formula.ratio_of_start(f, "customers_lost")
    aov = formula.divide(f, "revenue", "orders", N_("{top} ÷ {bottom}"), money)
    frequency = formula.divide(f, "orders", "unique_buyers", N_("{top} ÷ {bottom}"), count)
    lifespan_unit = PERIOD_UNITS.get(months or 0, Unit.PERIODS)
    lifespan = formula.lifespan(churn)
    clv = formula.clv(aov, frequency, lifespan, lifespan_unit)
    clv_margin = formula.with_margin(clv, f)
    cac = formula.divide(f, "acquisition_spend", "customers_new", N_("{top} ÷ {bottom}"), money)
    outcomes = {
        "retention_rate": formula.retention(f),
        "strict_retention_rate": formula.ratio_of_start(f, "customers_active_both"),
        "reactivation_rate": formula.ratio_of_start(f, "customers_reactivated"),
        "churn_rate": churn,
        "revenue_churn": formula.revenue(f, "churn"),
        "grr": formula.revenue(f, "grr"),
        "nrr": formula.revenue(f, "nrr"),
        "aov": aov,
        "purchase_frequency": frequency,
        "repeat_purchase_rate": formula.divide(
            f, "repeat_buyers", "unique_buyers", N_("({top} ÷ {bottom}) × 100"), count, 100
        ),
        "lifespan": lifespan,
        "clv": clv,
        "clv_margin": clv_margin,
        "clv_subscription": formula.clv_subscription(f, churn, context.business_model),
        "cac": cac,
        "ltv_cac": formula.ltv_cac(clv_margin if clv_margin.value is not None else clv, cac),
        "nps": formula.nps(f),
        "csat": formula.csat(f),
        "ces": formula.ces(f),
    }
    for kpi, outcome in outcomes.items():
        if outcome.value is not None and not math.isfinite(outcome.value):
            outcomes[kpi] = formula.Outcome(
                None, Message(_OUT_OF_RANGE_REASON), inputs=outcome.inputs
            )
    if context.one_off:
        for kpi in ONE_OFF_LEFT_OUT:
            outcomes[kpi] = formula.Outcome(None, Message(_ONE_OFF_REASON))
    surveys = period.surveys
    facts = PeriodFacts(
        months,
        surveys.ces_scale,
        surveys.csat_scale,
        surveys.csat_cutoff,
        margin_based_clv=clv_margin.value is not None,
    )
    verdicts = _verdicts(outcomes, context.references, facts)
    results = {
        d.id: _result(d, outcomes[d.id], verdicts.get(d.id, NO_VERDICT)) for d in DEFINITIONS
    }
    results["lifespan"].unit = lifespan_unit
    return results


def _verdicts(
    outcomes: dict[str, formula.Outcome], references: dict[str, Reference], facts: PeriodFacts
) -> dict[str, Verdict]:
    """The verdict of every KPI that has a value: KPIs stating one fact are judged together."""
    verdicts: dict[str, Verdict] = {}
    for kpis in FACTS.values():
        known = {
            kpi: _measured(kpi, outcomes[kpi]) for kpi in kpis if outcomes[kpi].value is not None
        }
        if known:
            verdicts.update(judge_fact(known, references, facts))
    for kpi, outcome in outcomes.items():
        value = outcome.value
        if value is None or kpi in FACT_OF:
            continue
        reference = references.get(kpi)
        if reference is not None or (kpi in SHARES and value > 100):
            verdicts[kpi] = judge(kpi, _measured(kpi, outcome), reference, facts)
    return verdicts


def _measured(kpi: str, outcome: formula.Outcome) -> Measured:
    definition = BY_ID[kpi]
    assert outcome.value is not None
    return Measured(outcome.value, definition.unit, definition.decimals)


def _result(definition: KpiDefinition, outcome: formula.Outcome, verdict: Verdict) -> KpiResult:
    return KpiResult(
        definition,
        outcome.value,
        outcome.reason,
        outcome.explain,
        outcome.inputs,
        verdict.status,
        verdict.reference,
        outcome.warnings,
        verdict.compared,
        verdict.note,
        margin=outcome.margin,
    )


def business_for(
    sector_text: str,
    business_model: str | None,
    reference: ReferenceData,
    customers: str | None = None,
) -> Business:
    """The business as references see it: its sector recognised from the profile's free text."""
    return Business(sector_key(sector_text, reference.sectors), business_model, customers)


def context_for(
    sector_text: str,
    business_model: str | None,
    reference: ReferenceData,
    customers: str | None = None,
    one_off: bool = False,
) -> KpiContext:
    """The KPI context of a business: its sector (recognised from free text), business model
    and customers pick the reference of each KPI; KPIs stating one fact share one. ``one_off``:
    customers buy once in a lifetime."""
    business = business_for(sector_text, business_model, reference, customers)
    chosen = {}
    for d in DEFINITIONS:
        found = pick_reference(reference.references, FACT_OF.get(d.id, (d.id,)), business)
        if found is not None:
            chosen[d.id] = found
    return KpiContext(chosen, business_model, one_off)


#: The smallest move between two periods that counts as one: a point for a rate (in percent),
#: 5 % of the figure for anything else; smaller moves are noise in a small business's figures.
#: The product's own rule of thumb.
_MOVE_POINTS = 1.0
_MOVE_SHARE = 0.05


def worsened(current: KpiResult, previous: KpiResult | None) -> bool:
    """Whether a KPI moved the wrong way since the previous period, by more than noise."""
    return movement(current, previous) < 0


def movement(current: KpiResult, previous: KpiResult | None) -> int:
    """+1 when a KPI moved the right way since the previous period by more than noise (a
    falling churn, a rising retention), −1 the wrong way, 0 otherwise or when unknown."""
    better_up = current.definition.higher_is_better
    if previous is None or current.value is None or previous.value is None or better_up is None:
        return 0
    change = current.value - previous.value if better_up else previous.value - current.value
    if current.definition.unit == Unit.PERCENT:
        noise = _MOVE_POINTS
    else:
        noise = _MOVE_SHARE * abs(previous.value)
    return 1 if change >= noise else -1 if change <= -noise else 0


_PERIOD_FIELDS = tuple(f.name for f in fields(KpiPeriod) if f.name != "surveys")
_SURVEY_FIELDS = tuple(f.name for f in fields(SurveyResults))


def period_snapshot(period: KpiPeriod) -> tuple[object, ...]:
    """Every figure of ``period`` as it is now (lists copied), to tell whether it changed."""
    surveys = period.surveys
    return (
        *(getattr(period, name) for name in _PERIOD_FIELDS),
        *(
            tuple(value) if isinstance(value, list) else value
            for value in (getattr(surveys, name) for name in _SURVEY_FIELDS)
        ),
    )


class KpiCache:
    """The KPIs of a list of periods, recomputed only for the periods whose figures (or the
    business's references) changed since the last call: a keystroke on the KPI step changes
    one figure of one period."""

    def __init__(self) -> None:
        self._entries: list[tuple[tuple[object, ...], KpiContext, dict[str, KpiResult]]] = []

    def results(self, periods: list[KpiPeriod], context: KpiContext) -> list[dict[str, KpiResult]]:
        entries = []
        for index, period in enumerate(periods):
            snapshot = period_snapshot(period)
            entry = self._entries[index] if index < len(self._entries) else None
            if entry is None or entry[0] != snapshot or entry[1] != context:
                entry = (snapshot, context, compute_kpis(period, context))
            entries.append(entry)
        self._entries = entries
        return [entry[2] for entry in entries]
