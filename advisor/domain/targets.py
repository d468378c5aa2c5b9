"""A playbook's KPI target in words, for this business: "Churn rate ≤ 10.9 % per quarter"
(its reference's line in the business's period) or "Purchase frequency > 2.21, the latest
figure" when there is no line to reach or it is already reached."""

from __future__ import annotations

from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.kpis import KpiResult
from advisor.domain.playbooks import KpiTarget
from advisor.domain.reference_lines import lines_in_period
from advisor.domain.references import BASIS_MONTHS, Status
from advisor.domain.verdicts import period_word
from advisor.i18n import N_
from advisor.i18n.message import Message, Quantity


def _line_text(
    target: KpiTarget, latest: KpiResult, months: int | None, ces_scale: int
) -> Message | None:
    """The reference's good (or typical) line in the business's terms, unless it cannot be put
    in them or the latest figure already reaches it."""
    reference = latest.reference
    if reference is None or latest.status == Status.CHECK or latest.value is None:
        return None
    definition = BY_ID[target.kpi]
    higher = definition.higher_is_better is not False
    lines = lines_in_period(reference, target.kpi, months, ces_scale)
    line = lines.get("good", lines.get("typical"))
    if line is None or (latest.value >= line if higher else latest.value <= line):
        return None
    text = Message.of(
        N_("{kpi} {sign} {value}"),
        kpi=Message(definition.title),
        sign="≥" if higher else "≤",
        value=Quantity(line, definition.unit, max(definition.decimals, 2 if line % 1 else 0)),
    )
    if months is not None and reference.basis in BASIS_MONTHS:
        text = Message.of(N_("{line} per {period}"), line=text, period=period_word(months))
    return text


def target_text(
    target: KpiTarget,
    language: str,
    latest: KpiResult | None = None,
    months: int | None = None,
    ces_scale: int = 7,
) -> str:
    """``target`` in ``language``, with the business's latest result of its KPI when known."""
    definition = BY_ID[target.kpi]
    title = Message(definition.title)
    if latest is None or latest.value is None:
        return Message.of(N_("{kpi}: better than today"), kpi=title).render(language)
    if target.goal == "good":
        line = _line_text(target, latest, months, ces_scale)
        if line is not None:
            return line.render(language)
    return Message.of(
        N_("{kpi} {sign} {value}, the latest figure"),
        kpi=title,
        sign="<" if definition.higher_is_better is False else ">",
        value=latest.quantity(),
    ).render(language)
