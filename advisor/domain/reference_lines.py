"""A reference in words, in the terms of the KPI it is shown beside: "average 37 % per year",
"good ≥ 80 % · critical < 60 %", "Publisher, title (year)". Screen, command line and PDF use
these."""

from __future__ import annotations

from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.references import BASIS_MONTHS, LOSS_KPIS, STATISTIC_NAMES, Basis, Reference
from advisor.domain.verdicts import COMPOUNDING, FACT_OF, compound, period_word
from advisor.i18n import N_, translator
from advisor.i18n.message import Message, Quantity

_HIGHER = N_("good ≥ {good} · critical < {critical}")
_LOWER = N_("good ≤ {good} · critical > {critical}")


def in_terms_of(reference: Reference, kpi: str, value: float) -> float:
    """A value of the reference as a value of ``kpi``: a churn benchmark of 4.9 % lost is a
    retention of 95.1 % kept."""
    if reference.kpi != kpi and reference.kpi in FACT_OF.get(kpi, ()):
        return 100.0 - value
    return value


def _quantity(reference: Reference, kpi: str, value: float) -> Quantity:
    """A line with the precision it was published with (5.15 % stays 5.15 %, not 5.2 %)."""
    definition = BY_ID[kpi]
    shown = in_terms_of(reference, kpi, value)
    published = f"{float(value):.4f}".rstrip("0").split(".")[1]
    decimals = max(len(published), 0 if float(shown).is_integer() else 1)
    return Quantity(shown, definition.unit, min(decimals, 2))


def reference_line(reference: Reference, kpi: str) -> Message:
    """The reference's value or lines, for ``kpi``."""
    if reference.is_rule_of_thumb:
        higher = BY_ID[kpi].higher_is_better is not False
        good = _quantity(reference, kpi, reference.good if reference.good is not None else 0.0)
        critical = reference.critical if reference.critical is not None else reference.good
        line = Message.of(
            _HIGHER if higher else _LOWER,
            good=good,
            critical=_quantity(reference, kpi, critical if critical is not None else 0.0),
        )
        line = Message.of(N_("rule of thumb: {line}"), line=line)
    else:
        value = reference.typical if reference.typical is not None else 0.0
        line = Message.of(
            N_("{statistic} {value}"),
            statistic=Message(STATISTIC_NAMES[reference.statistic]),
            value=_quantity(reference, kpi, value),
        )
    if reference.basis in BASIS_MONTHS:
        return Message.of(
            N_("{line} per {basis}"), line=line, basis=period_word(BASIS_MONTHS[reference.basis])
        )
    if reference.basis == Basis.LIFETIME:
        return Message.of(N_("{line} over the customers' whole history"), line=line)
    if reference.scale:
        return Message.of(N_("{line}, on a 1–{scale} scale"), line=line, scale=reference.scale)
    return line


def source_line(reference: Reference, language: str) -> str:
    """ "Publisher, title (year)" as published; the product's own rules of thumb say so."""
    t = translator(language).gettext
    if not reference.publisher:
        return t(N_("Retention Advisor's own rule of thumb"))
    year = str(reference.year) if reference.year else t(N_("undated"))
    return f"{reference.publisher}, {reference.title} ({year})"


def lines_in_period(
    reference: Reference, kpi: str, months: int | None, ces_scale: int = 7
) -> dict[str, float]:
    """The reference's lines (``good``, ``critical`` or ``typical``) as values of ``kpi`` in a
    period of ``months`` and on the business's CES scale, for a chart; empty when they cannot
    be put in those terms (a lifetime rate, a period of unknown length)."""
    raw = (
        {"good": reference.good, "critical": reference.critical}
        if reference.is_rule_of_thumb
        else {"typical": reference.typical}
    )
    values = {name: value for name, value in raw.items() if value is not None}
    if reference.basis == Basis.LIFETIME:
        return {}
    if reference.kpi == "ces":
        scale = reference.scale or 7
        return {n: 1 + (v - 1) / (scale - 1) * (ces_scale - 1) for n, v in values.items()}
    lines = {name: in_terms_of(reference, kpi, value) for name, value in values.items()}
    if reference.basis not in BASIS_MONTHS:
        return lines
    basis = BASIS_MONTHS[reference.basis]
    if months is None or (months != basis and kpi not in COMPOUNDING):
        return {}
    lost = kpi in LOSS_KPIS
    converted = {}
    for name, value in lines.items():
        kept = compound(100.0 - value if lost else value, basis, months)
        converted[name] = 100.0 - kept if lost else kept
    return converted
