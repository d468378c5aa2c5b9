"""Retention KPIs from one period's figures (domain brief §2), each with its formula, the
numbers used, a verdict against its reference, or the reason it cannot be computed.

Conventions, stated once: rates are percentages of the customers at the start of the period;
CLV is revenue per customer over their expected lifespan (in periods of the same length) unless
margin is applied; recurring-revenue figures are amounts for the period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from advisor.domain.figure_checks import check_period, problems_by_field
from advisor.domain.kpi_definitions import BY_ID, DEFINITIONS, FIGURE_LABELS, KpiDefinition
from advisor.domain.periods import period_months
from advisor.domain.project import KpiPeriod
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
from advisor.i18n.message import (
    PERIOD_UNITS,
    Message,
    Quantity,
    Unit,
    count,
    money,
    number,
    percent,
)

__all__ = [
    "BY_ID",
    "DEFINITIONS",
    "FIGURE_LABELS",
    "KpiContext",
    "KpiDefinition",
    "KpiResult",
    "compute_kpis",
    "context_for",
]

SMALL_SAMPLE = 30


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
_ONE_OFF_REASON = N_(
    "Left out: customers buy once in a lifetime, so a figure of customers coming back says "
    "little here (see the Retention type step)."
)


@dataclass(slots=True)
class _Outcome:
    value: float | None
    reason: Message | None = None
    explain: Callable[[], Message] | None = None
    inputs: tuple[str, ...] = ()
    warnings: tuple[Message, ...] = ()


_PERIOD_FIGURES = tuple(name for name in FIGURE_LABELS if not name.startswith("surveys."))
_SURVEY_FIGURES = tuple(
    (name, name.removeprefix("surveys.")) for name in FIGURE_LABELS if name.startswith("surveys.")
)


class _Figures(dict[str, float]):
    """A period's numeric figures read once (``f["orders"]``); a missing or impossible one
    becomes a reason."""

    def __init__(self, period: KpiPeriod, bad: dict[str, Message]) -> None:
        super().__init__(
            (name, float(value))
            for name in _PERIOD_FIGURES
            if (value := getattr(period, name)) is not None
        )
        self.period = period
        self.bad = bad
        self.present = set(self)
        for name, attribute in _SURVEY_FIGURES:
            value = getattr(period.surveys, attribute)
            if isinstance(value, list):
                if value:
                    self.present.add(name)
            elif value is not None:
                self.present.add(name)
                self[name] = float(value)

    def missing(self, *names: str) -> Message | None:
        for name in names:
            if name in self.bad:
                return Message.of(N_("Check these figures: {problem}"), problem=self.bad[name])
            if name not in self.present:
                return _NEEDED[name]
        return None


_NEEDED = {
    name: Message.of(N_("Needs “{figure}”."), figure=Message(label))
    for name, label in FIGURE_LABELS.items()
}
_UNBOUNDED = Message(N_("No customer was lost, so the lifespan is unbounded."))


def _na(reason: Message, *inputs: str) -> _Outcome:
    return _Outcome(None, reason, inputs=inputs)


_DIVIDE_BY_ZERO = {
    name: Message.of(N_("Cannot divide by zero: {what} is 0."), what=Message(label))
    for name, label in FIGURE_LABELS.items()
}


def _zero(what: str) -> Message:
    return _DIVIDE_BY_ZERO[what]


def _retention(f: _Figures) -> _Outcome:
    inputs = ("customers_start", "customers_end", "customers_new")
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    s, e, n = f["customers_start"], f["customers_end"], f["customers_new"]
    if s == 0:
        return _na(_zero("customers_start"), *inputs)
    value = (e - n) / s * 100
    warnings: tuple[Message, ...] = ()
    if value > 100:
        warnings = (
            Message.of(
                N_(
                    "Above 100 %: customers who came back were probably counted as retained, "
                    "or the figures come from different periods."
                )
            ),
        )

    def text() -> Message:
        return Message.of(
            N_("(({end} − {new}) ÷ {start}) × 100"), end=count(e), new=count(n), start=count(s)
        )

    return _Outcome(value, explain=text, inputs=inputs, warnings=warnings)


def _ratio_of_start(f: _Figures, numerator: str) -> _Outcome:
    inputs = (numerator, "customers_start")
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    top, start = f[numerator], f["customers_start"]
    if start == 0:
        return _na(_zero("customers_start"), *inputs)

    def text() -> Message:
        return Message.of(N_("({top} ÷ {start}) × 100"), top=count(top), start=count(start))

    return _Outcome(top / start * 100, explain=text, inputs=inputs)


def _revenue(f: _Figures, kind: str) -> _Outcome:
    inputs: tuple[str, ...] = (
        "recurring_revenue_start",
        "churned_revenue",
        "contraction_revenue",
    )
    if kind == "nrr":
        inputs += ("expansion_revenue",)
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    start, churned, contraction = (f[name] for name in inputs[:3])
    if start == 0:
        return _na(_zero("recurring_revenue_start"), *inputs)
    if kind == "churn":
        value = (churned + contraction) / start * 100

        def text() -> Message:
            return Message.of(
                N_("(({churned} + {contraction}) ÷ {start}) × 100"),
                churned=money(churned),
                contraction=money(contraction),
                start=money(start),
            )
    elif kind == "grr":
        value = (start - churned - contraction) / start * 100

        def text() -> Message:
            return Message.of(
                N_("(({start} − {churned} − {contraction}) ÷ {start}) × 100"),
                churned=money(churned),
                contraction=money(contraction),
                start=money(start),
            )
    else:
        expansion = f["expansion_revenue"]
        value = (start + expansion - contraction - churned) / start * 100

        def text() -> Message:
            return Message.of(
                N_("(({start} + {expansion} − {contraction} − {churned}) ÷ {start}) × 100"),
                expansion=money(expansion),
                churned=money(churned),
                contraction=money(contraction),
                start=money(start),
            )

    if kind != "nrr" and (value < 0 or value > 100):
        return _na(
            Message.of(N_("Churned and contraction revenue exceed the revenue at start.")),
            *inputs,
        )
    return _Outcome(value, explain=text, inputs=inputs)


def _divide(
    f: _Figures,
    top: str,
    bottom: str,
    template: str,
    unit: Callable[[float], Quantity],
    times: float = 1.0,
) -> _Outcome:
    inputs = (top, bottom)
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    if f[bottom] == 0:
        return _na(_zero(bottom), *inputs)

    def text() -> Message:
        return Message.of(template, top=unit(f[top]), bottom=count(f[bottom]))

    return _Outcome(f[top] / f[bottom] * times, explain=text, inputs=inputs)


def _survey_counts(counts: list[int]) -> int:
    return sum(counts)


def _sample_warning(n: int) -> tuple[Message, ...]:
    if n < SMALL_SAMPLE:
        return (
            Message.of(N_("Only {n} answers: treat this score as a hint, not a measure."), n=n),
        )
    return ()


def _nps(f: _Figures) -> _Outcome:
    inputs = ("surveys.nps_counts",)
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    counts = f.period.surveys.nps_counts
    if len(counts) == 11:
        detractors, passives, promoters = sum(counts[:7]), sum(counts[7:9]), sum(counts[9:])
    else:
        detractors, passives, promoters = counts
    n = detractors + passives + promoters
    if n == 0:
        return _na(Message.of(N_("No answers yet.")), *inputs)
    value = (promoters - detractors) / n * 100

    def text() -> Message:
        return Message.of(
            N_("{promoters} % promoters − {detractors} % detractors, of {n} answers"),
            promoters=number(promoters / n * 100, 1),
            detractors=number(detractors / n * 100, 1),
            n=n,
        )

    return _Outcome(value, explain=text, inputs=inputs, warnings=_sample_warning(n))


def _csat(f: _Figures) -> _Outcome:
    inputs = ("surveys.csat_counts", "surveys.csat_cutoff", "surveys.csat_scale")
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    s = f.period.surveys
    n = _survey_counts(s.csat_counts)
    if n == 0:
        return _na(Message.of(N_("No answers yet.")), *inputs)
    satisfied = sum(s.csat_counts[s.csat_cutoff - 1 :])

    def text() -> Message:
        return Message.of(
            N_("{satisfied} answers of {cutoff} or more ÷ {n} answers × 100"),
            satisfied=satisfied,
            cutoff=s.csat_cutoff,
            n=n,
        )

    return _Outcome(satisfied / n * 100, explain=text, inputs=inputs, warnings=_sample_warning(n))


def _ces(f: _Figures) -> _Outcome:
    inputs = ("surveys.ces_counts",)
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    s = f.period.surveys
    n = _survey_counts(s.ces_counts)
    if n == 0:
        return _na(Message.of(N_("No answers yet.")), *inputs)
    mean = sum((i + 1) * c for i, c in enumerate(s.ces_counts)) / n
    if not s.ces_higher_is_easier:
        mean = s.ces_scale + 1 - mean

    def text() -> Message:
        return Message.of(
            N_("average of {n} answers on a 1–{scale} scale where {scale} is easiest"),
            n=n,
            scale=s.ces_scale,
        )

    return _Outcome(mean, explain=text, inputs=inputs, warnings=_sample_warning(n))


def _lifespan(churn: _Outcome) -> _Outcome:
    if churn.value is None:
        return _Outcome(None, churn.reason, inputs=churn.inputs)
    rate = churn.value
    if rate == 0:
        return _na(_UNBOUNDED, *churn.inputs)

    def text() -> Message:
        return Message.of(N_("1 ÷ {churn}"), churn=percent(rate))

    return _Outcome(100 / rate, explain=text, inputs=churn.inputs)


def _clv(aov: _Outcome, frequency: _Outcome, lifespan: _Outcome, unit: Unit) -> _Outcome:
    parts = (aov, frequency, lifespan)
    inputs = tuple(dict.fromkeys(i for part in parts for i in part.inputs))
    if aov.value is None or frequency.value is None or lifespan.value is None:
        reason = next(part.reason for part in parts if part.value is None)
        return _Outcome(None, reason, inputs=inputs)
    order, times, periods = aov.value, frequency.value, lifespan.value

    def text() -> Message:
        return Message.of(
            N_("{aov} × {frequency} × {lifespan}"),
            aov=money(order),
            frequency=number(times),
            lifespan=Quantity(periods, unit, 2),
        )

    return _Outcome(order * times * periods, explain=text, inputs=inputs)


def _with_margin(base: _Outcome, f: _Figures) -> _Outcome:
    value = base.value
    if value is None:
        return base
    inputs = (*base.inputs, "gross_margin_pct")
    if reason := f.missing("gross_margin_pct"):
        return _na(reason, *inputs)
    margin = f["gross_margin_pct"]

    def text() -> Message:
        return Message.of(N_("{clv} × {margin}"), clv=money(value), margin=percent(margin))

    return _Outcome(value * margin / 100, explain=text, inputs=inputs)


def _clv_subscription(f: _Figures, churn: _Outcome, business_model: str | None) -> _Outcome:
    inputs = ("recurring_revenue_start", "customers_start", "gross_margin_pct", "customers_lost")
    if business_model != "subscription":
        return _na(Message.of(N_("Applies to subscription businesses.")), *inputs)
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    rate = churn.value
    if rate is None or rate == 0:
        return _na(churn.reason or _UNBOUNDED, *inputs)
    arpa = f["recurring_revenue_start"] / f["customers_start"]
    margin = f["gross_margin_pct"]

    def text() -> Message:
        return Message.of(
            N_("{arpa} × {margin} ÷ {churn}"),
            arpa=money(arpa),
            margin=percent(margin),
            churn=percent(rate),
        )

    return _Outcome(arpa * margin / rate, explain=text, inputs=inputs)


def _ltv_cac(clv: _Outcome, cac: _Outcome) -> _Outcome:
    inputs = tuple(dict.fromkeys((*clv.inputs, *cac.inputs)))
    for part in (clv, cac):
        if part.value is None:
            return _Outcome(None, part.reason, inputs=inputs)
    value, cost = clv.value, cac.value
    assert value is not None and cost is not None
    if cost == 0:
        return _na(Message.of(N_("Acquisition cost is 0.")), *inputs)

    def text() -> Message:
        return Message.of(N_("{clv} ÷ {cac}"), clv=money(value), cac=money(cost))

    return _Outcome(value / cost, explain=text, inputs=inputs)


def compute_kpis(period: KpiPeriod, context: KpiContext | None = None) -> dict[str, KpiResult]:
    """Every KPI of :data:`DEFINITIONS` for ``period``, keyed by id, in that order, each with
    its verdict against the reference ``context`` gives it."""
    context = context or KpiContext()
    f = _Figures(period, problems_by_field(check_period(period)))
    months = period_months(period)
    churn = _ratio_of_start(f, "customers_lost")
    aov = _divide(f, "revenue", "orders", N_("{top} ÷ {bottom}"), money)
    frequency = _divide(f, "orders", "unique_buyers", N_("{top} ÷ {bottom}"), count)
    lifespan_unit = PERIOD_UNITS.get(months or 0, Unit.PERIODS)
    lifespan = _lifespan(churn)
    clv = _clv(aov, frequency, lifespan, lifespan_unit)
    clv_margin = _with_margin(clv, f)
    cac = _divide(f, "acquisition_spend", "customers_new", N_("{top} ÷ {bottom}"), money)
    outcomes = {
        "retention_rate": _retention(f),
        "strict_retention_rate": _ratio_of_start(f, "customers_active_both"),
        "reactivation_rate": _ratio_of_start(f, "customers_reactivated"),
        "churn_rate": churn,
        "revenue_churn": _revenue(f, "churn"),
        "grr": _revenue(f, "grr"),
        "nrr": _revenue(f, "nrr"),
        "aov": aov,
        "purchase_frequency": frequency,
        "repeat_purchase_rate": _divide(
            f, "repeat_buyers", "unique_buyers", N_("({top} ÷ {bottom}) × 100"), count, 100
        ),
        "lifespan": lifespan,
        "clv": clv,
        "clv_margin": clv_margin,
        "clv_subscription": _clv_subscription(f, churn, context.business_model),
        "cac": cac,
        "ltv_cac": _ltv_cac(clv_margin if clv_margin.value is not None else clv, cac),
        "nps": _nps(f),
        "csat": _csat(f),
        "ces": _ces(f),
    }
    if context.one_off:
        for kpi in ONE_OFF_LEFT_OUT:
            outcomes[kpi] = _Outcome(None, Message(_ONE_OFF_REASON))
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
    outcomes: dict[str, _Outcome], references: dict[str, Reference], facts: PeriodFacts
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


def _measured(kpi: str, outcome: _Outcome) -> Measured:
    definition = BY_ID[kpi]
    assert outcome.value is not None
    return Measured(outcome.value, definition.unit, definition.decimals)


def _result(definition: KpiDefinition, outcome: _Outcome, verdict: Verdict) -> KpiResult:
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
    better_up = current.definition.higher_is_better
    if previous is None or current.value is None or previous.value is None or better_up is None:
        return False
    change = current.value - previous.value if better_up else previous.value - current.value
    if current.definition.unit == Unit.PERCENT:
        return change <= -_MOVE_POINTS
    return change <= -_MOVE_SHARE * abs(previous.value)
