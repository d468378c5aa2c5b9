"""The KPI formulas: one function per KPI family, from a period's figures to a value (or the
reason there is none), the numbers used and the formula written with them.

Conventions, stated once: rates are percentages of the customers at the start of the period;
CLV is revenue per customer over their expected lifespan (in periods of the same length) unless
margin is applied; recurring-revenue figures are amounts for the period. Each KPI is explained
in ``docs/retention-model.md`` (KPIs).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from advisor.domain.kpi_definitions import FIGURE_LABELS
from advisor.domain.project import KpiPeriod
from advisor.i18n import N_
from advisor.i18n.message import Message, Quantity, Unit, count, money, number, percent

#: Fewer survey answers than this make a score a hint, not a measure.
SMALL_SAMPLE = 30


@dataclass(slots=True)
class Outcome:
    """What a formula gives: a value or the reason there is none, the formula with the
    numbers (written on demand), the figures it read and any warnings."""

    value: float | None
    reason: Message | None = None
    explain: Callable[[], Message] | None = None
    inputs: tuple[str, ...] = ()
    warnings: tuple[Message, ...] = ()
    #: For a score from survey answers: how far, in its points, chance alone can move it (95 %).
    margin: float | None = None


#: The normal quantile of a two-sided 95 % interval.
_Z95 = 1.96

_PERIOD_FIGURES = tuple(name for name in FIGURE_LABELS if not name.startswith("surveys."))
_SURVEY_FIGURES = tuple(
    (name, name.removeprefix("surveys.")) for name in FIGURE_LABELS if name.startswith("surveys.")
)


class Figures(dict[str, float]):
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


def _na(reason: Message, *inputs: str) -> Outcome:
    return Outcome(None, reason, inputs=inputs)


_DIVIDE_BY_ZERO = {
    name: Message.of(N_("Cannot divide by zero: {what} is 0."), what=Message(label))
    for name, label in FIGURE_LABELS.items()
}


def _zero(what: str) -> Message:
    return _DIVIDE_BY_ZERO[what]


def retention(f: Figures) -> Outcome:
    """Customer retention rate: customers at the end who are not new, of those at the start."""
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

    return Outcome(value, explain=text, inputs=inputs, warnings=warnings)


def ratio_of_start(f: Figures, numerator: str) -> Outcome:
    """A count as a percentage of the customers at the start (churn, strict retention,
    reactivation)."""
    inputs = (numerator, "customers_start")
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    top, start = f[numerator], f["customers_start"]
    if start == 0:
        return _na(_zero("customers_start"), *inputs)

    def text() -> Message:
        return Message.of(N_("({top} ÷ {start}) × 100"), top=count(top), start=count(start))

    return Outcome(top / start * 100, explain=text, inputs=inputs)


def revenue(f: Figures, kind: str) -> Outcome:
    """Recurring-revenue rates: revenue churn (``churn``), gross (``grr``) or net (``nrr``)
    revenue retention."""
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
    return Outcome(value, explain=text, inputs=inputs)


def divide(
    f: Figures,
    top: str,
    bottom: str,
    template: str,
    unit: Callable[[float], Quantity],
    times: float = 1.0,
) -> Outcome:
    """``top`` ÷ ``bottom`` (× ``times``): average order, purchase frequency, repeat purchase
    rate, acquisition cost."""
    inputs = (top, bottom)
    if reason := f.missing(*inputs):
        return _na(reason, *inputs)
    if f[bottom] == 0:
        return _na(_zero(bottom), *inputs)

    def text() -> Message:
        return Message.of(template, top=unit(f[top]), bottom=count(f[bottom]))

    return Outcome(f[top] / f[bottom] * times, explain=text, inputs=inputs)


def _survey_counts(counts: list[int]) -> int:
    return sum(counts)


def _sample_warning(n: int) -> tuple[Message, ...]:
    if n < SMALL_SAMPLE:
        return (
            Message.of(N_("Only {n} answers: treat this score as a hint, not a measure."), n=n),
        )
    return ()


def nps(f: Figures) -> Outcome:
    """Net Promoter Score from 0–10 answers or from detractor, passive and promoter counts."""
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

    # the variance of one answer scored +1 (promoter), 0 or −1 (detractor)
    p, d = promoters / n, detractors / n
    margin = _Z95 * 100 * math.sqrt((p + d - (p - d) ** 2) / n)
    return Outcome(value, explain=text, inputs=inputs, warnings=_sample_warning(n), margin=margin)


def csat(f: Figures) -> Outcome:
    """Customer satisfaction: the share of answers at or above the cutoff."""
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

    share = satisfied / n
    margin = _Z95 * 100 * math.sqrt(share * (1 - share) / n)
    return Outcome(
        share * 100, explain=text, inputs=inputs, warnings=_sample_warning(n), margin=margin
    )


def ces(f: Figures) -> Outcome:
    """Customer effort score: the average answer, turned so the highest score is easiest."""
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

    return Outcome(mean, explain=text, inputs=inputs, warnings=_sample_warning(n))


def lifespan(churn: Outcome) -> Outcome:
    """Expected customer lifespan in periods: 1 ÷ the churn rate."""
    if churn.value is None:
        return Outcome(None, churn.reason, inputs=churn.inputs)
    rate = churn.value
    if rate == 0:
        return _na(_UNBOUNDED, *churn.inputs)

    def text() -> Message:
        return Message.of(N_("1 ÷ {churn}"), churn=percent(rate))

    return Outcome(100 / rate, explain=text, inputs=churn.inputs)


def clv(aov: Outcome, frequency: Outcome, lifespan: Outcome, unit: Unit) -> Outcome:
    """Customer lifetime value: average order × orders per customer × lifespan."""
    parts = (aov, frequency, lifespan)
    inputs = tuple(dict.fromkeys(i for part in parts for i in part.inputs))
    if aov.value is None or frequency.value is None or lifespan.value is None:
        reason = next(part.reason for part in parts if part.value is None)
        return Outcome(None, reason, inputs=inputs)
    order, times, periods = aov.value, frequency.value, lifespan.value

    def text() -> Message:
        return Message.of(
            N_("{aov} × {frequency} × {lifespan}"),
            aov=money(order),
            frequency=number(times),
            lifespan=Quantity(periods, unit, 2),
        )

    return Outcome(order * times * periods, explain=text, inputs=inputs)


def with_margin(base: Outcome, f: Figures) -> Outcome:
    """A lifetime value counted in gross margin instead of revenue."""
    value = base.value
    if value is None:
        return base
    inputs = (*base.inputs, "gross_margin_pct")
    if reason := f.missing("gross_margin_pct"):
        return _na(reason, *inputs)
    margin = f["gross_margin_pct"]

    def text() -> Message:
        return Message.of(N_("{clv} × {margin}"), clv=money(value), margin=percent(margin))

    return Outcome(value * margin / 100, explain=text, inputs=inputs)


def clv_subscription(f: Figures, churn: Outcome, business_model: str | None) -> Outcome:
    """A subscription's lifetime value: revenue per account × margin ÷ churn rate."""
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

    return Outcome(arpa * margin / rate, explain=text, inputs=inputs)


def ltv_cac(clv: Outcome, cac: Outcome) -> Outcome:
    """Lifetime value per unit of acquisition cost."""
    inputs = tuple(dict.fromkeys((*clv.inputs, *cac.inputs)))
    for part in (clv, cac):
        if part.value is None:
            return Outcome(None, part.reason, inputs=inputs)
    value, cost = clv.value, cac.value
    assert value is not None and cost is not None
    if cost == 0:
        return _na(Message.of(N_("Acquisition cost is 0.")), *inputs)

    def text() -> Message:
        return Message.of(N_("{clv} ÷ {cac}"), clv=money(value), cac=money(cost))

    return Outcome(value / cost, explain=text, inputs=inputs)
