"""Retention KPIs from one period's figures (domain brief §2), each with its formula, the
numbers used, a status against its reference band, or the reason it cannot be computed.

Conventions, stated once: rates are percentages of the customers at the start of the period;
CLV is revenue per customer over their expected lifespan (in periods of the same length) unless
margin is applied; recurring-revenue figures are amounts for the period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from advisor.domain.bands import Band, ReferenceData, Status, pick_band, sector_key
from advisor.domain.figure_checks import bad_fields, check_period
from advisor.domain.project import KpiPeriod
from advisor.i18n import N_
from advisor.i18n.message import Message, Quantity, Unit, count, money, number, percent

SMALL_SAMPLE = 30

FIGURE_LABELS: dict[str, str] = {
    "customers_start": N_("Customers at start"),
    "customers_end": N_("Customers at end"),
    "customers_new": N_("New customers"),
    "customers_lost": N_("Customers lost"),
    "customers_reactivated": N_("Reactivated customers"),
    "customers_active_both": N_("Active in this and the previous period"),
    "orders": N_("Orders"),
    "revenue": N_("Revenue"),
    "unique_buyers": N_("Buyers"),
    "repeat_buyers": N_("Buyers with 2 or more orders"),
    "gross_margin_pct": N_("Gross margin %"),
    "acquisition_spend": N_("Acquisition spend"),
    "recurring_revenue_start": N_("Recurring revenue at start"),
    "expansion_revenue": N_("Expansion revenue"),
    "contraction_revenue": N_("Contraction revenue"),
    "churned_revenue": N_("Churned revenue"),
    "surveys.nps_counts": N_("NPS answers"),
    "surveys.csat_counts": N_("CSAT answers"),
    "surveys.ces_counts": N_("CES answers"),
}


@dataclass(frozen=True)
class KpiDefinition:
    """What a KPI is: its name, unit, which way is better, formula and meaning."""

    id: str
    title: str
    unit: Unit
    higher_is_better: bool | None
    formula: str
    explanation: str
    themes: tuple[str, ...] = ()
    decimals: int = 1


@dataclass(frozen=True)
class KpiResult:
    """One KPI for one period: a value, or the reason there is none."""

    definition: KpiDefinition
    value: float | None
    reason: Message | None = None
    substituted: Message | None = None
    inputs: tuple[str, ...] = ()
    status: Status = Status.UNKNOWN
    band: Band | None = None
    warnings: tuple[Message, ...] = ()

    def quantity(self) -> Quantity | None:
        if self.value is None:
            return None
        return Quantity(self.value, self.definition.unit, self.definition.decimals)


@dataclass(frozen=True)
class KpiContext:
    """What the KPIs need besides the figures: the band that applies to each KPI."""

    bands: dict[str, Band] = field(default_factory=dict)
    business_model: str | None = None


@dataclass(frozen=True)
class _Outcome:
    value: float | None
    reason: Message | None = None
    substituted: Message | None = None
    inputs: tuple[str, ...] = ()
    warnings: tuple[Message, ...] = ()


class _Figures:
    """Access to a period's figures that turns a missing or impossible one into a reason."""

    def __init__(self, period: KpiPeriod, bad: set[str]) -> None:
        self.period = period
        self.bad = bad

    def missing(self, *names: str) -> Message | None:
        for name in names:
            if name in self.bad:
                return Message.of(
                    N_("“{figure}” is impossible; see the message next to it."),
                    figure=Message(FIGURE_LABELS[name]),
                )
            if _get(self.period, name) in (None, []):
                return Message.of(N_("Needs “{figure}”."), figure=Message(FIGURE_LABELS[name]))
        return None

    def __getitem__(self, name: str) -> float:
        value = _get(self.period, name)
        assert isinstance(value, int | float)
        return float(value)


def _get(period: KpiPeriod, name: str) -> object:
    if name.startswith("surveys."):
        return getattr(period.surveys, name[8:])
    return getattr(period, name)


def _na(reason: Message, *inputs: str) -> _Outcome:
    return _Outcome(None, reason, inputs=inputs)


def _zero(what: str) -> Message:
    return Message.of(
        N_("Cannot divide by zero: {what} is 0."), what=Message.of(FIGURE_LABELS[what])
    )


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
    text = Message.of(
        N_("(({end} − {new}) ÷ {start}) × 100"), end=count(e), new=count(n), start=count(s)
    )
    return _Outcome(value, substituted=text, inputs=inputs, warnings=warnings)


def _ratio_of_start(numerator: str, template: str) -> Callable[[_Figures], _Outcome]:
    def compute(f: _Figures) -> _Outcome:
        inputs = (numerator, "customers_start")
        if reason := f.missing(*inputs):
            return _na(reason, *inputs)
        top, s = f[numerator], f["customers_start"]
        if s == 0:
            return _na(_zero("customers_start"), *inputs)
        text = Message.of(template, top=count(top), start=count(s))
        return _Outcome(top / s * 100, substituted=text, inputs=inputs)

    return compute


def _revenue(kind: str) -> Callable[[_Figures], _Outcome]:
    def compute(f: _Figures) -> _Outcome:
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
            text = Message.of(
                N_("(({churned} + {contraction}) ÷ {start}) × 100"),
                churned=money(churned),
                contraction=money(contraction),
                start=money(start),
            )
        elif kind == "grr":
            value = (start - churned - contraction) / start * 100
            text = Message.of(
                N_("(({start} − {churned} − {contraction}) ÷ {start}) × 100"),
                churned=money(churned),
                contraction=money(contraction),
                start=money(start),
            )
        else:
            expansion = f["expansion_revenue"]
            value = (start + expansion - contraction - churned) / start * 100
            text = Message.of(
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
        return _Outcome(value, substituted=text, inputs=inputs)

    return compute


def _divide(
    top: str, bottom: str, template: str, unit: Callable[[float], Quantity], times: float = 1.0
) -> Callable[[_Figures], _Outcome]:
    def compute(f: _Figures) -> _Outcome:
        inputs = (top, bottom)
        if reason := f.missing(*inputs):
            return _na(reason, *inputs)
        if f[bottom] == 0:
            return _na(_zero(bottom), *inputs)
        text = Message.of(template, top=unit(f[top]), bottom=count(f[bottom]))
        return _Outcome(f[top] / f[bottom] * times, substituted=text, inputs=inputs)

    return compute


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
    text = Message.of(
        N_("{promoters} % promoters − {detractors} % detractors, of {n} answers"),
        promoters=number(promoters / n * 100, 1),
        detractors=number(detractors / n * 100, 1),
        n=n,
    )
    return _Outcome(value, substituted=text, inputs=inputs, warnings=_sample_warning(n))


def _csat(f: _Figures) -> _Outcome:
    inputs = ("surveys.csat_counts",)
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    s = f.period.surveys
    n = _survey_counts(s.csat_counts)
    if n == 0:
        return _na(Message.of(N_("No answers yet.")), *inputs)
    satisfied = sum(s.csat_counts[s.csat_cutoff - 1 :])
    text = Message.of(
        N_("{satisfied} answers of {cutoff} or more ÷ {n} answers × 100"),
        satisfied=satisfied,
        cutoff=s.csat_cutoff,
        n=n,
    )
    return _Outcome(
        satisfied / n * 100, substituted=text, inputs=inputs, warnings=_sample_warning(n)
    )


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
    text = Message.of(
        N_("average of {n} answers on a 1–{scale} scale where {scale} is easiest"),
        n=n,
        scale=s.ces_scale,
    )
    return _Outcome(mean, substituted=text, inputs=inputs, warnings=_sample_warning(n))


DEFINITIONS: tuple[KpiDefinition, ...] = (
    KpiDefinition(
        "retention_rate",
        N_("Customer retention rate"),
        Unit.PERCENT,
        True,
        N_("((customers at end − new customers) ÷ customers at start) × 100"),
        N_(
            "The share of the customers you had at the start who are still customers. "
            "Higher is better."
        ),
        ("onboarding", "service", "loyalty"),
    ),
    KpiDefinition(
        "strict_retention_rate",
        N_("Strict retention rate"),
        Unit.PERCENT,
        True,
        N_("(customers active in both periods ÷ customers at start) × 100"),
        N_(
            "Counts only customers active in this period and the previous one, so "
            "customers who came back are not counted as kept. Higher is better."
        ),
        ("onboarding", "habit"),
    ),
    KpiDefinition(
        "reactivation_rate",
        N_("Reactivation rate"),
        Unit.PERCENT,
        True,
        N_("(reactivated customers ÷ customers at start) × 100"),
        N_("Customers who had left and came back, shown apart from retention. Higher is better."),
        ("win-back",),
    ),
    KpiDefinition(
        "churn_rate",
        N_("Churn rate"),
        Unit.PERCENT,
        False,
        N_("(customers lost ÷ customers at start) × 100"),
        N_(
            "The share of the customers you had at the start who left during the "
            "period. Lower is better."
        ),
        ("early-warning", "win-back", "service"),
    ),
    KpiDefinition(
        "revenue_churn",
        N_("Revenue churn"),
        Unit.PERCENT,
        False,
        N_("((churned + contraction revenue) ÷ recurring revenue at start) × 100"),
        N_(
            "Recurring revenue lost to cancellations and downgrades, new business "
            "excluded. Lower is better."
        ),
        ("early-warning", "win-back"),
    ),
    KpiDefinition(
        "grr",
        N_("Gross revenue retention"),
        Unit.PERCENT,
        True,
        N_(
            "((recurring revenue at start − churned − contraction) ÷ recurring "
            "revenue at start) × 100"
        ),
        N_(
            "Recurring revenue kept from existing customers, before any upsell. It "
            "cannot exceed 100 %. Higher is better."
        ),
        ("service", "loyalty"),
    ),
    KpiDefinition(
        "nrr",
        N_("Net revenue retention"),
        Unit.PERCENT,
        True,
        N_(
            "((recurring revenue at start + expansion − contraction − churned) ÷ "
            "recurring revenue at start) × 100"
        ),
        N_(
            "Recurring revenue kept including upsells; above 100 % means existing "
            "customers grow faster than they leave. Higher is better."
        ),
        ("personalisation", "loyalty"),
    ),
    KpiDefinition(
        "aov",
        N_("Average order value"),
        Unit.MONEY,
        True,
        N_("revenue ÷ orders"),
        N_(
            "What an order brings on average, with revenue as you entered it (say "
            "whether tax, shipping and refunds are in). Higher is better."
        ),
        ("personalisation",),
        decimals=2,
    ),
    KpiDefinition(
        "purchase_frequency",
        N_("Purchase frequency"),
        Unit.NUMBER,
        True,
        N_("orders ÷ buyers"),
        N_("How many orders a buyer places in the period. Higher is better."),
        ("habit", "communication"),
        decimals=2,
    ),
    KpiDefinition(
        "repeat_purchase_rate",
        N_("Repeat purchase rate"),
        Unit.PERCENT,
        True,
        N_("(buyers with 2 or more orders ÷ buyers) × 100"),
        N_(
            "The share of buyers who ordered again within the period; a longer period "
            "gives a higher rate. Higher is better."
        ),
        ("onboarding", "habit"),
    ),
    KpiDefinition(
        "lifespan",
        N_("Customer lifespan"),
        Unit.NUMBER,
        True,
        N_("1 ÷ churn rate, in periods"),
        N_("How many periods a customer stays on average at today's churn. Higher is better."),
        ("service", "loyalty"),
    ),
    KpiDefinition(
        "clv",
        N_("Customer lifetime value (revenue)"),
        Unit.MONEY,
        True,
        N_("average order value × purchase frequency × lifespan"),
        N_("Revenue a customer brings over their lifespan; margin not applied. Higher is better."),
        ("personalisation", "loyalty"),
        decimals=2,
    ),
    KpiDefinition(
        "clv_margin",
        N_("Customer lifetime value (margin)"),
        Unit.MONEY,
        True,
        N_("lifetime value × gross margin %"),
        N_("Gross profit a customer brings over their lifespan. Higher is better."),
        ("personalisation", "loyalty"),
        decimals=2,
    ),
    KpiDefinition(
        "clv_subscription",
        N_("Subscription lifetime value"),
        Unit.MONEY,
        True,
        N_("(recurring revenue at start ÷ customers at start) × gross margin % ÷ churn rate"),
        N_(
            "Gross profit per subscriber over their lifespan, for subscription "
            "businesses. Higher is better."
        ),
        ("onboarding", "loyalty"),
        decimals=2,
    ),
    KpiDefinition(
        "cac",
        N_("Customer acquisition cost"),
        Unit.MONEY,
        False,
        N_("acquisition spend ÷ new customers"),
        N_("What winning one new customer costs. Lower is better."),
        ("referral",),
        decimals=2,
    ),
    KpiDefinition(
        "ltv_cac",
        N_("LTV:CAC"),
        Unit.RATIO,
        True,
        N_("lifetime value ÷ acquisition cost"),
        N_(
            "How many times a customer pays back what winning them cost; 3 : 1 is the "
            "usual health line. Higher is better."
        ),
        ("referral", "loyalty"),
    ),
    KpiDefinition(
        "nps",
        N_("Net Promoter Score"),
        Unit.NUMBER,
        True,
        N_("% promoters (9–10) − % detractors (0–6)"),
        N_(
            "From −100 to +100: how many more customers would recommend you than "
            "would warn against you. Higher is better."
        ),
        ("feedback", "referral"),
        decimals=0,
    ),
    KpiDefinition(
        "csat",
        N_("Customer satisfaction (CSAT)"),
        Unit.PERCENT,
        True,
        N_("(answers at or above the cut-off ÷ all answers) × 100"),
        N_("The share of customers who said they were satisfied. Higher is better."),
        ("quality", "feedback"),
    ),
    KpiDefinition(
        "ces",
        N_("Customer effort score (CES)"),
        Unit.NUMBER,
        True,
        N_("average answer to “the business made it easy for me”"),
        N_("How easy dealing with you feels; the easier, the better."),
        ("service", "onboarding"),
    ),
)
BY_ID = {definition.id: definition for definition in DEFINITIONS}


def _lifespan(f: _Figures) -> _Outcome:
    churn = _ratio_of_start("customers_lost", "")(f)
    if churn.value is None:
        return _Outcome(None, churn.reason, inputs=churn.inputs)
    if churn.value == 0:
        return _na(
            Message.of(N_("No customer was lost, so the lifespan is unbounded.")), *churn.inputs
        )
    text = Message.of(N_("1 ÷ {churn}"), churn=percent(churn.value))
    return _Outcome(100 / churn.value, substituted=text, inputs=churn.inputs)


def _clv(f: _Figures) -> _Outcome:
    parts = [
        _divide("revenue", "orders", "", money)(f),
        _divide("orders", "unique_buyers", "", count)(f),
        _lifespan(f),
    ]
    inputs = tuple(dict.fromkeys(i for part in parts for i in part.inputs))
    aov, frequency, lifespan = (part.value for part in parts)
    if aov is None or frequency is None or lifespan is None:
        reason = next(part.reason for part in parts if part.value is None)
        return _Outcome(None, reason, inputs=inputs)
    text = Message.of(
        N_("{aov} × {frequency} × {lifespan}"),
        aov=money(aov),
        frequency=number(frequency),
        lifespan=number(lifespan),
    )
    return _Outcome(aov * frequency * lifespan, substituted=text, inputs=inputs)


def _with_margin(base: _Outcome, f: _Figures) -> _Outcome:
    if base.value is None:
        return base
    inputs = (*base.inputs, "gross_margin_pct")
    if reason := f.missing("gross_margin_pct"):
        return _na(reason, *inputs)
    margin = f["gross_margin_pct"]
    text = Message.of(N_("{clv} × {margin}"), clv=money(base.value), margin=percent(margin))
    return _Outcome(base.value * margin / 100, substituted=text, inputs=inputs)


def _clv_subscription(f: _Figures, business_model: str | None) -> _Outcome:
    inputs = ("recurring_revenue_start", "customers_start", "gross_margin_pct", "customers_lost")
    if business_model != "subscription":
        return _na(Message.of(N_("Applies to subscription businesses.")), *inputs)
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    churn = _ratio_of_start("customers_lost", "")(f)
    if churn.value is None or churn.value == 0:
        return _na(
            churn.reason or Message.of(N_("No customer was lost, so the lifespan is unbounded.")),
            *inputs,
        )
    arpa = f["recurring_revenue_start"] / f["customers_start"]
    margin = f["gross_margin_pct"]
    text = Message.of(
        N_("{arpa} × {margin} ÷ {churn}"),
        arpa=money(arpa),
        margin=percent(margin),
        churn=percent(churn.value),
    )
    return _Outcome(arpa * margin / churn.value, substituted=text, inputs=inputs)


def _ltv_cac(clv: _Outcome, cac: _Outcome) -> _Outcome:
    inputs = tuple(dict.fromkeys((*clv.inputs, *cac.inputs)))
    for part in (clv, cac):
        if part.value is None:
            return _Outcome(None, part.reason, inputs=inputs)
    assert clv.value is not None and cac.value is not None
    if cac.value == 0:
        return _na(Message.of(N_("Acquisition cost is 0.")), *inputs)
    text = Message.of(N_("{clv} ÷ {cac}"), clv=money(clv.value), cac=money(cac.value))
    return _Outcome(clv.value / cac.value, substituted=text, inputs=inputs)


def compute_kpis(period: KpiPeriod, context: KpiContext | None = None) -> dict[str, KpiResult]:
    """Every KPI of :data:`DEFINITIONS` for ``period``, keyed by id, in that order."""
    context = context or KpiContext()
    f = _Figures(period, bad_fields(check_period(period)))
    outcomes: dict[str, _Outcome] = {
        "retention_rate": _retention(f),
        "strict_retention_rate": _ratio_of_start(
            "customers_active_both", N_("({top} ÷ {start}) × 100")
        )(f),
        "reactivation_rate": _ratio_of_start(
            "customers_reactivated", N_("({top} ÷ {start}) × 100")
        )(f),
        "churn_rate": _ratio_of_start("customers_lost", N_("({top} ÷ {start}) × 100"))(f),
        "revenue_churn": _revenue("churn")(f),
        "grr": _revenue("grr")(f),
        "nrr": _revenue("nrr")(f),
        "aov": _divide("revenue", "orders", N_("{top} ÷ {bottom}"), money)(f),
        "purchase_frequency": _divide("orders", "unique_buyers", N_("{top} ÷ {bottom}"), count)(f),
        "repeat_purchase_rate": _divide(
            "repeat_buyers", "unique_buyers", N_("({top} ÷ {bottom}) × 100"), count, 100
        )(f),
        "lifespan": _lifespan(f),
    }
    outcomes["clv"] = _clv(f)
    outcomes["clv_margin"] = _with_margin(outcomes["clv"], f)
    outcomes["clv_subscription"] = _clv_subscription(f, context.business_model)
    outcomes["cac"] = _divide("acquisition_spend", "customers_new", N_("{top} ÷ {bottom}"), money)(
        f
    )
    best_clv = (
        outcomes["clv_margin"] if outcomes["clv_margin"].value is not None else outcomes["clv"]
    )
    outcomes["ltv_cac"] = _ltv_cac(best_clv, outcomes["cac"])
    outcomes["nps"] = _nps(f)
    outcomes["csat"] = _csat(f)
    outcomes["ces"] = _ces(f)
    return {d.id: _result(d, outcomes[d.id], context) for d in DEFINITIONS}


def _result(definition: KpiDefinition, outcome: _Outcome, context: KpiContext) -> KpiResult:
    band = context.bands.get(definition.id)
    status = Status.UNKNOWN
    if band is not None and outcome.value is not None:
        status = band.status(outcome.value)
    return KpiResult(
        definition,
        outcome.value,
        outcome.reason,
        outcome.substituted,
        outcome.inputs,
        status,
        band,
        outcome.warnings,
    )


def context_for(
    sector_text: str, business_model: str | None, reference: ReferenceData
) -> KpiContext:
    """The KPI context of a business: its sector (recognised from free text) and business model
    pick the band of each KPI."""
    sector = sector_key(sector_text, reference.sectors)
    chosen = {
        d.id: band
        for d in DEFINITIONS
        if (band := pick_band(reference.bands, d.id, sector, business_model)) is not None
    }
    return KpiContext(chosen, business_model)
