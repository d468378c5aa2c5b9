"""A playbook's KPI target in words, for this business, relative to its latest figure: "Churn
rate −3 points in 90 days, from 11.4 % per quarter (to 8.4 %)".

A target is a step a small team can take within the playbook's horizon, never a jump to a fixed
line. For a rate: a fifth of the way to the nearer end of its scale (0, or 100 % for a share such
as retention; net revenue retention passes 100 %), at most 3 points and at least half a point
(churn of 4.4 % a month: −0.9 points, not a cut of two thirds; retention of 95.6 %: +0.9 points;
reactivation of 1.1 %: +0.5 points, not ×4). 5 points for an NPS, a tenth of the scale's step for
a CES, 5 % for money, counts and frequencies. When the KPI's reference line (the same one the
KPI step judges with) is closer than that step, the line is the target. When the latest figure
already reaches the good line, the target is to hold the latest figure. These sizes are the
product's own rule of thumb, stated in docs/sources.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.kpis import KpiResult, left_out
from advisor.domain.playbooks import KpiTarget
from advisor.domain.reference_lines import lines_in_period
from advisor.domain.references import Status
from advisor.domain.verdicts import COMPOUNDING, SHARES, period_word
from advisor.i18n import N_
from advisor.i18n.message import Counted, Message, Quantity, Unit, points

#: Rates measured inside a period: their target names the period ("per quarter").
_PER_PERIOD = COMPOUNDING | {"repeat_purchase_rate", "strict_retention_rate", "purchase_frequency"}
#: Steps in points of the KPI's own scale; every other KPI moves by ``_RELATIVE_STEP``.
_POINT_STEPS = {"nps": 5.0, "ces": 0.3}
#: The largest step of a rate's target, in points.
RATE_STEP = 3.0
#: A rate's step is at most this share of the way to the nearer end of its scale (0 or 100 %)...
_RATE_SHARE = 0.2
#: ...and at least this many points, so a rate near 0 still gets a target.
_LEAST_RATE_STEP = 0.5
_RELATIVE_STEP = 0.05
_PERIOD_DAYS = {1: 30, 3: 90, 6: 180, 12: 365}
#: How far a rate's target can go: a share stays within 0–100 %, another rate (churn, net
#: revenue retention, which passes 100 % with expansion) only above 0.
_SHARE_BOUNDS = (0.0, 100.0)
_RATE_BOUNDS = (0.0, float("inf"))


class Target(NamedTuple):
    """A target for one KPI: where to go (``goal``), from where, and how it reads."""

    kpi: str
    goal: float | None
    text: Message


def rate_step(value: float, share: bool = False) -> float:
    """How many points a target moves a rate of ``value`` %: a fifth of the way to the nearer
    end of its scale (0, or 100 % for a ``share``), at most ``RATE_STEP``, at least
    ``_LEAST_RATE_STEP``."""
    nearer_end = min(abs(value), abs(100.0 - value)) if share else abs(value)
    return max(_LEAST_RATE_STEP, min(RATE_STEP, _RATE_SHARE * nearer_end))


def _step(kpi: str, latest: KpiResult) -> tuple[float, bool]:
    """How far a target moves the KPI, and whether that is in points (else relative)."""
    if kpi in _POINT_STEPS:
        return _POINT_STEPS[kpi], True
    if latest.definition.unit == Unit.PERCENT and latest.value is not None:
        return rate_step(latest.value, kpi in SHARES), True
    return _RELATIVE_STEP, False


def _good_line(latest: KpiResult, months: int | None, ces_scale: int) -> float | None:
    reference = latest.reference
    if reference is None:
        return None
    lines = lines_in_period(reference, latest.definition.id, months, ces_scale)
    return lines.get("good", lines.get("typical"))


def _quantity(latest: KpiResult, value: float) -> Quantity:
    decimals = latest.definition.decimals
    return Quantity(value, latest.unit or latest.definition.unit, decimals)


def _with_period(
    text: Message | Quantity | None, kpi: str, months: int | None
) -> Message | Quantity | None:
    if months is None or kpi not in _PER_PERIOD:
        return text
    return Message.of(N_("{line} per {period}"), line=text, period=period_word(months))


def make_target(
    target: KpiTarget,
    latest: KpiResult | None,
    days: int,
    months: int | None = None,
    ces_scale: int = 7,
) -> Target:
    """``target`` for a business whose latest result of the KPI is ``latest``, to reach within
    ``days`` (the playbook's horizon)."""
    definition = BY_ID[target.kpi]
    title = Message(definition.title)
    if latest is None or latest.value is None:
        return Target(
            target.kpi,
            None,
            Message.of(N_("{kpi}: measure it first, then set a target"), kpi=title),
        )
    if latest.status == Status.CHECK:
        return Target(
            target.kpi,
            None,
            Message.of(N_("{kpi}: check the figures, then set a target"), kpi=title),
        )
    higher = definition.higher_is_better is not False
    value = latest.value
    line = _good_line(latest, months, ces_scale) if target.goal == "good" else None
    step, in_points = _step(target.kpi, latest)
    keep = Message.of(
        N_("{kpi}: keep {sign} {value}, the latest figure"),
        kpi=title,
        sign="≥" if higher else "≤",
        value=_with_period(latest.quantity(), target.kpi, months),
    )
    # a score held on few answers can drop by more than a step through chance alone
    held = Target(target.kpi, value, _within_chance(keep, latest, step))
    if line is not None and (value >= line if higher else value <= line):
        return held
    if months is not None and target.kpi in _PER_PERIOD:
        # A rate measured per quarter can be checked only once a quarter has passed.
        days = max(days, _PERIOD_DAYS.get(months, months * 30))
    move = step if in_points else abs(value) * step
    goal = value + move if higher else value - move
    at_line = line is not None and (line < goal if higher else line > goal)
    if at_line and line is not None:
        goal = line
    low, high = (float("-inf"), float("inf"))
    if definition.unit == Unit.PERCENT:
        low, high = _SHARE_BOUNDS if target.kpi in SHARES else _RATE_BOUNDS
    goal = min(max(goal, low), high)
    if goal == value:  # already at the best end of its scale: no churn, everyone kept
        return held
    change = goal - value
    if in_points:
        amount: Message | Counted = points(abs(change), "+" if change >= 0 else "−")
    else:
        amount = Message.of(
            N_("{sign}{share}"),
            sign="+" if change >= 0 else "−",
            share=Quantity(abs(change) / abs(value) * 100 if value else 0, Unit.PERCENT, 0),
        )
    template = (
        N_("{kpi} {change} in {days} days, from {value} to {goal}, the reference line")
        if at_line
        else N_("{kpi} {change} in {days} days, from {value} to {goal}")
    )
    text: Message = Message.of(
        template,
        kpi=title,
        change=amount,
        days=days,
        value=latest.quantity(),
        goal=_with_period(_quantity(latest, goal), target.kpi, months),
    )
    return Target(target.kpi, goal, _within_chance(text, latest, abs(change)))


def _within_chance(text: Message, latest: KpiResult, move: float) -> Message:
    """``text``, saying so when chance alone could move the survey score by ``move``."""
    if latest.margin is None or move >= latest.margin:
        return text
    return Message.of(
        N_("{target}; with this many answers, a move under {margin} can be chance"),
        target=text,
        margin=points(math.ceil(latest.margin)),
    )


def target_text(
    target: KpiTarget,
    language: str,
    latest: KpiResult | None = None,
    months: int | None = None,
    ces_scale: int = 7,
    days: int = 90,
) -> str:
    """``target`` in ``language``, relative to the business's latest result of its KPI."""
    return make_target(target, latest, days, months, ces_scale).text.render(language)


@dataclass(frozen=True)
class LatestKpis:
    """The business's latest KPI results, to put a playbook's targets in its terms."""

    results: Mapping[str, KpiResult] = field(default_factory=dict)
    months: int | None = None
    ces_scale: int = 7

    def target(self, target: KpiTarget, days: int) -> Target:
        return make_target(target, self.results.get(target.kpi), days, self.months, self.ces_scale)

    def target_text(self, target: KpiTarget, language: str, days: int) -> str:
        """``target`` in ``language``, to reach within ``days``."""
        return self.target(target, days).text.render(language)

    def first_measured(self, targets: Sequence[KpiTarget]) -> KpiTarget | None:
        """The first of ``targets`` whose KPI the business has a figure for (a target on a KPI
        nobody measures cannot be checked at the review); else the first one that applies to
        the business (none on a KPI left out, such as churn for a one-off purchase)."""
        for target in targets:
            found = self.results.get(target.kpi)
            if found is not None and found.value is not None and found.status != Status.CHECK:
                return target
        applies = self.applicable(targets)
        return applies[0] if applies else None

    def applicable(self, targets: Sequence[KpiTarget]) -> tuple[KpiTarget, ...]:
        """``targets`` without those on a KPI left out for this business (churn, retention or
        lifetime value for customers who buy once in a lifetime)."""
        return tuple(
            t for t in targets if (found := self.results.get(t.kpi)) is None or not left_out(found)
        )
