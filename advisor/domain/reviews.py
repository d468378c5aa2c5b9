"""Review rounds: what the project stood at when the team met to review the plan, and what
changed from one round to the next.

A round is a summary (the latest period's KPIs and verdicts, the retention type, the churn
causes as judged, the findings, the journey's feelings, the actions and their status), never
customer rows. :func:`compare` says what changed, in the same verdict terms as the KPI step;
an action's "effect" line links its target KPI to that KPI's change as an association only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from advisor.domain.findings import findings
from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.kpis import KpiContext, compute_kpis
from advisor.domain.project import (
    ActionMark,
    ActionStatus,
    KpiMark,
    Project,
    ReviewRound,
)
from advisor.domain.references import Status
from advisor.domain.retention_type import diagnose_project

#: A KPI moves "better" or "worse" only beyond this share of its earlier value (or this many
#: points for a rate): smaller moves are noise between two readings.
_NOISE_SHARE = 0.05
_NOISE_POINTS = 1.0


def take_round(project: Project, context: KpiContext, today: dt.date) -> ReviewRound:
    """The round a review on ``today`` records: the latest period that has figures."""
    period, results = "", {}
    for candidate in reversed(project.kpi_periods):
        computed = compute_kpis(candidate, context)
        if any(result.value is not None for result in computed.values()):
            period, results = candidate.label, computed
            break
    diagnosis = diagnose_project(project)
    return ReviewRound(
        date=today,
        period=period,
        kpis=[
            KpiMark(kpi, result.value, result.status.value)
            for kpi, result in results.items()
            if result.value is not None
        ],
        retention_type=diagnosis.main.value if diagnosis.main is not None else "",
        causes={
            cause: check.severity.value
            for cause, check in project.churn.causes.items()
            if check.severity is not None
        },
        findings=[finding.id for finding in findings(project, context)],
        emotions={stage.name: stage.emotion for stage in project.journey.stages},
        actions=[ActionMark(a.id, a.title, a.owner, a.due, a.status) for a in project.plan.actions],
    )


@dataclass(frozen=True)
class KpiChange:
    """One KPI then and now: the values, the change, the verdicts and the move in words
    (``better``, ``worse`` or ``steady``; ``""`` when one reading is missing)."""

    kpi: str
    before: float | None
    after: float | None
    change: float | None
    verdict_before: str
    verdict_after: str
    move: str


@dataclass(frozen=True)
class Effect:
    """A finished action whose target KPI moved: an association, never a proof."""

    action: str
    kpi: str
    move: str


@dataclass(frozen=True)
class Progress:
    """What changed between two rounds."""

    before: ReviewRound
    after: ReviewRound
    kpis: tuple[KpiChange, ...]
    done: tuple[str, ...]
    late: tuple[str, ...]
    open: tuple[str, ...]
    resolved: tuple[str, ...]
    new: tuple[str, ...]
    remaining: tuple[str, ...]
    #: The journey's lowest feelings (stage, feeling) then and now.
    low_before: tuple[tuple[str, int], ...]
    low_after: tuple[tuple[str, int], ...]
    effects: tuple[Effect, ...]


def _move(kpi: str, before: float | None, after: float | None) -> str:
    definition = BY_ID.get(kpi)
    if before is None or after is None or definition is None:
        return ""
    higher = definition.higher_is_better
    change = after - before
    noise = _NOISE_POINTS if definition.unit.value == "percent" else abs(before) * _NOISE_SHARE
    if higher is None or abs(change) <= noise:
        return "steady"
    return "better" if (change > 0) == higher else "worse"


def _low_points(round_: ReviewRound) -> tuple[tuple[str, int], ...]:
    """The stages with the lowest feeling, when it is below zero."""
    felt = {name: value for name, value in round_.emotions.items() if value is not None}
    if not felt or min(felt.values()) >= 0:
        return ()
    lowest = min(felt.values())
    return tuple((name, value) for name, value in felt.items() if value == lowest)


def compare(before: ReviewRound, after: ReviewRound, targets: dict[str, str]) -> Progress:
    """What changed from ``before`` to ``after``. ``targets``: the KPI each action aims at,
    by action id (actions without one get no effect line)."""
    then = {mark.kpi: mark for mark in before.kpis}
    now = {mark.kpi: mark for mark in after.kpis}
    kpis = []
    for kpi in [k for k in BY_ID if k in then or k in now]:
        old, new = then.get(kpi), now.get(kpi)
        value_before = old.value if old else None
        value_after = new.value if new else None
        change = (
            value_after - value_before
            if value_before is not None and value_after is not None
            else None
        )
        kpis.append(
            KpiChange(
                kpi, value_before, value_after, change,
                old.status if old else Status.UNKNOWN.value,
                new.status if new else Status.UNKNOWN.value,
                _move(kpi, value_before, value_after),
            )
        )  # fmt: skip
    done, late, open_ = [], [], []
    for action in after.actions:
        if action.status == ActionStatus.DONE:
            done.append(action.title)
        elif action.status == ActionStatus.DROPPED:
            continue
        elif action.due is not None and action.due < after.date:
            late.append(action.title)
        else:
            open_.append(action.title)
    moves = {change.kpi: change.move for change in kpis}
    effects = tuple(
        Effect(action.title, targets[action.id], moves[targets[action.id]])
        for action in after.actions
        if action.status == ActionStatus.DONE
        and targets.get(action.id) in moves
        and moves[targets[action.id]] in ("better", "worse")
    )
    return Progress(
        before=before,
        after=after,
        kpis=tuple(kpis),
        done=tuple(done),
        late=tuple(late),
        open=tuple(open_),
        resolved=tuple(f for f in before.findings if f not in after.findings),
        new=tuple(f for f in after.findings if f not in before.findings),
        remaining=tuple(f for f in after.findings if f in before.findings),
        low_before=_low_points(before),
        low_after=_low_points(after),
        effects=effects,
    )


def progress_json(progress: Progress) -> dict[str, object]:
    """The comparison as the command line prints it with ``--json``."""
    return {
        "before": progress.before.date.isoformat(),
        "after": progress.after.date.isoformat(),
        "kpis": {
            change.kpi: {
                "before": change.before,
                "after": change.after,
                "change": None if change.change is None else round(change.change, 4),
                "verdict_before": change.verdict_before,
                "verdict_after": change.verdict_after,
                "move": change.move,
            }
            for change in progress.kpis
        },
        "actions": {
            "done": list(progress.done),
            "late": list(progress.late),
            "open": list(progress.open),
        },
        "findings": {
            "resolved": list(progress.resolved),
            "new": list(progress.new),
            "remaining": list(progress.remaining),
        },
        "effects": [{"action": e.action, "kpi": e.kpi, "move": e.move} for e in progress.effects],
    }


def latest_progress(
    project: Project, context: KpiContext, targets: dict[str, str], today: dt.date
) -> Progress | None:
    """The latest round against the one before; with one round, that round against the
    project as it is ``today``; ``None`` without any round."""
    if not project.reviews:
        return None
    if len(project.reviews) == 1:
        return compare(project.reviews[0], take_round(project, context, today), targets)
    return compare(project.reviews[-2], project.reviews[-1], targets)
