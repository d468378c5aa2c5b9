"""Judging a period's KPIs against their references, like with like.

Rules, stated once (``docs/sources.md`` explains them to users):

- A rate that compounds (customers kept, revenue kept, net revenue retention) is converted to
  the reference's period before it is judged: kept over a year = kept per month ** 12. Both
  figures are shown ("8 % a month ≈ 63.2 % a year").
- Retention and churn are one fact (customers kept): one verdict for both, from the churn rate
  when it is known. When they do not add up to 100 % (within a point), neither gets one.
- A rate inside one period is never compared with a lifetime rate.
- Survey scores are put on the reference's scale first (CES 1–5 against a 1–7 line).
- A share above 100 %, or a KPI built on a figure that breaks an invariant, gets no verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import NamedTuple

from advisor.domain.references import BASIS_MONTHS, LOSS_KPIS, Basis, Reference, Status
from advisor.i18n import N_
from advisor.i18n.message import Message, Quantity, Unit

#: KPIs that state the same fact, and how each reads as the fact's measure (higher is better).
FACTS: dict[str, tuple[str, ...]] = {
    "customers_kept": ("retention_rate", "churn_rate"),
    "revenue_kept": ("grr", "revenue_churn"),
}
FACT_OF: dict[str, tuple[str, ...]] = {kpi: kpis for kpis in FACTS.values() for kpi in kpis}
#: Rates per period that compound over time, so they can be converted between periods.
COMPOUNDING = frozenset({"retention_rate", "churn_rate", "grr", "revenue_churn", "nrr"})
#: Shares that cannot exceed 100 %.
SHARES = frozenset(
    {
        "retention_rate",
        "strict_retention_rate",
        "reactivation_rate",
        "grr",
        "repeat_purchase_rate",
        "csat",
    }
)
#: The largest share of a CSAT scale counted as "satisfied" that still compares with a
#: top-two-of-five line (top 4 of 10 is 40 % too).
_CSAT_SHARE = (0.2, 0.45)
_ADD_UP_POINTS = 1.0

_PERIOD_WORDS = {1: N_("month"), 3: N_("quarter"), 6: N_("half-year"), 12: N_("year")}


@cache
def period_word(months: int) -> Message:
    """ "month", "quarter", "year", or "6-month period" for other lengths."""
    if months in _PERIOD_WORDS:
        return Message(_PERIOD_WORDS[months])
    return Message.of(N_("{months}-month period"), months=months)


class Verdict(NamedTuple):
    """The verdict on one KPI: its status, the reference, the business's value in the
    reference's terms when it had to be converted, and why there is no verdict if none.
    (Named tuples: the KPI step judges every KPI of every period on each keystroke.)"""

    status: Status = Status.UNKNOWN
    reference: Reference | None = None
    compared: Message | None = None
    note: Message | None = None


NO_VERDICT = Verdict()


class Measured(NamedTuple):
    """What judging needs of one computed KPI."""

    value: float
    unit: Unit
    decimals: int


def _measure(kpi: str, value: float) -> float:
    """The value as its fact's measure, where higher is better."""
    return 100.0 - value if kpi in LOSS_KPIS else value


def _from_measure(kpi: str, measure: float) -> float:
    return 100.0 - measure if kpi in LOSS_KPIS else measure


def compound(measure: float, from_months: int, to_months: int) -> float:
    """A kept share over ``from_months`` as the share kept over ``to_months`` at the same
    pace: 92 % a month is 92 % ** 12 ≈ 36.8 % a year."""
    if measure <= 0:
        return 0.0
    return float(100.0 * (measure / 100.0) ** (to_months / from_months))


def _status(reference: Reference, measure: float) -> Status:
    good, critical, typical = reference.measures
    if reference.is_rule_of_thumb:
        if good is not None and measure >= good:
            return Status.GOOD
        if critical is not None and measure < critical:
            return Status.CRITICAL
        return Status.WATCH
    assert typical is not None
    if measure > typical + reference.tolerance:
        return Status.BETTER
    if measure < typical - reference.tolerance:
        return Status.WORSE
    return Status.TYPICAL


def _ces_share(mean: float, scale: int) -> float:
    """A CES mean as a share of its scale's range: 0 = hardest answer, 100 = easiest."""
    return (mean - 1) / (scale - 1) * 100


class PeriodFacts(NamedTuple):
    """What the verdicts need besides each KPI's value."""

    months: int | None = None
    ces_scale: int = 7
    csat_scale: int = 5
    csat_cutoff: int = 4
    margin_based_clv: bool = False


def judge(kpi: str, measured: Measured, reference: Reference | None, facts: PeriodFacts) -> Verdict:
    """The verdict on one KPI of one period against ``reference`` (see the module's rules)."""
    if kpi in SHARES and measured.value > 100:
        return Verdict(
            Status.CHECK,
            note=Message(N_("A share above 100% is impossible: check the figures.")),
        )
    if reference is None:
        return NO_VERDICT
    if kpi == "ltv_cac" and not facts.margin_based_clv:
        return Verdict(
            reference=reference,
            note=Message(
                N_(
                    "Judged against its line only when lifetime value is gross margin: "
                    "enter the gross margin %."
                )
            ),
        )
    if kpi == "csat":
        satisfied = (facts.csat_scale - facts.csat_cutoff + 1) / facts.csat_scale
        if not _CSAT_SHARE[0] <= satisfied <= _CSAT_SHARE[1]:
            return Verdict(
                reference=reference,
                note=Message.of(
                    N_(
                        "Your cut-off counts {count} of {scale} scores as satisfied; the line "
                        "assumes the top two of five, so they are not compared."
                    ),
                    count=facts.csat_scale - facts.csat_cutoff + 1,
                    scale=facts.csat_scale,
                ),
            )
    if kpi == "ces":
        return _judge_ces(measured, reference, facts)
    if reference.basis == Basis.LIFETIME:
        return Verdict(
            reference=reference,
            note=Message(
                N_(
                    "This rate counts repeat buyers within one period; the reference counts "
                    "customers over their whole history, so they are not compared."
                )
            ),
        )
    measure = _measure(kpi, measured.value)
    compared = None
    if reference.basis in BASIS_MONTHS:
        target = BASIS_MONTHS[reference.basis]
        if facts.months is None:
            return Verdict(
                reference=reference,
                note=Message.of(
                    N_(
                        "Give the period's first and last day: the reference is measured per "
                        "{basis}."
                    ),
                    basis=period_word(target),
                ),
            )
        if facts.months != target:
            if kpi not in COMPOUNDING:
                return Verdict(
                    reference=reference,
                    note=Message.of(
                        N_(
                            "The reference is measured per {basis}; figures per {basis} are "
                            "needed to compare."
                        ),
                        basis=period_word(target),
                    ),
                )
            measure = compound(measure, facts.months, target)
            compared = _conversion(kpi, measured, facts.months, target)
    return Verdict(_status(reference, measure), reference, compared)


def _judge_ces(measured: Measured, reference: Reference, facts: PeriodFacts) -> Verdict:
    share = _ces_share(measured.value, facts.ces_scale)
    compared = None
    scale = reference.scale or 7
    if facts.ces_scale != scale:
        compared = Message.of(
            N_("{value} of {scale} ≈ {converted} of {reference_scale}"),
            value=Quantity(measured.value, Unit.NUMBER, 1),
            scale=facts.ces_scale,
            converted=Quantity(1 + share / 100 * (scale - 1), Unit.NUMBER, 1),
            reference_scale=scale,
        )
    return Verdict(_status(reference, share), reference, compared)


def judge_fact(
    values: Mapping[str, Measured], references: Mapping[str, Reference], facts: PeriodFacts
) -> dict[str, Verdict]:
    """One verdict for the KPIs that state one fact (retention and churn; GRR and revenue
    churn): judged from the second (the loss) when known, and none when they do not add up."""
    kpis = [kpi for kpi in values]
    if len(kpis) == 2:
        kept, lost = (values[k].value for k in kpis)
        if abs(kept + lost - 100) > _ADD_UP_POINTS:
            note = Message.of(
                N_(
                    "{kept_name} ({kept}) and {lost_name} ({lost}) should add up to 100%: "
                    "check that start + new − lost equals the customers at the end, and "
                    "whether reactivated customers are counted as new."
                ),
                kept_name=Message(_FACT_NAMES[kpis[0]]),
                lost_name=Message(_FACT_NAMES[kpis[1]]),
                kept=Quantity(kept, Unit.PERCENT, 1),
                lost=Quantity(lost, Unit.PERCENT, 1),
            )
            return {k: Verdict(Status.CHECK, references.get(k), note=note) for k in kpis}
    if not kpis:
        return {}
    source = kpis[-1]
    first = judge(source, values[source], references.get(source), facts)
    verdicts = {source: first}
    for kpi in kpis[:-1]:
        value = values[kpi]
        if kpi in SHARES and value.value > 100:
            verdicts[kpi] = judge(kpi, value, None, facts)
            continue
        compared = None
        if first.compared is not None and first.reference is not None and facts.months:
            compared = _conversion(kpi, value, facts.months, BASIS_MONTHS[first.reference.basis])
        verdicts[kpi] = Verdict(first.status, first.reference, compared, first.note)
    return verdicts


def _conversion(kpi: str, measured: Measured, months: int, target: int) -> Message:
    """ "8.0% per month ≈ 63.2% per year": the value and its equivalent over ``target``."""
    converted = compound(_measure(kpi, measured.value), months, target)
    return Message.of(
        N_("{value} per {period} ≈ {converted} per {basis}"),
        value=Quantity(measured.value, measured.unit, measured.decimals),
        period=period_word(months),
        converted=Quantity(_from_measure(kpi, converted), measured.unit, 1),
        basis=period_word(target),
    )


_FACT_NAMES = {
    "retention_rate": N_("retention"),
    "churn_rate": N_("churn"),
    "grr": N_("gross revenue retention"),
    "revenue_churn": N_("revenue churn"),
}
