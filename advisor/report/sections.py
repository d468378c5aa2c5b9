"""The report's sections other than the cover and the KPIs, as plain data in one language:
the journey, the diagnosis, the action plan, the appendix, and the summary's parts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from advisor.domain.finding import FindingSeverity
from advisor.domain.findings import findings
from advisor.domain.journey import journey_findings
from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.kpis import KpiContext, KpiResult
from advisor.domain.periods import period_months
from advisor.domain.project import ActionStatus, KpiPeriod, PlannedAction, Project
from advisor.domain.reference_lines import reference_line, source_line
from advisor.domain.references import STANDINGS, Reference, Standing, Status
from advisor.domain.verdicts import period_word
from advisor.domain.what_if import WhatIf, assumed_gain, what_if
from advisor.i18n import N_, translator
from advisor.i18n.formatting import (
    format_date,
    format_money,
    format_number,
    format_percent,
    join_clauses,
    lower_first,
)
from advisor.i18n.message import Quantity, points
from advisor.report.playbook_section import PlaybookText
from advisor.report.text import Rich, narrative

BY_KPI = {d.id: d for d in DEFINITIONS}

ACTION_STATUS_NAMES: dict[ActionStatus, str] = {
    ActionStatus.PLANNED: N_("planned"),
    ActionStatus.IN_PROGRESS: N_("in progress"),
    ActionStatus.DONE: N_("✓ done"),
    ActionStatus.DROPPED: N_("dropped"),
}


@dataclass(frozen=True)
class KpiRow:
    """One KPI as printed: value, status (word and symbol), reference and source."""

    kpi_id: str
    title: str
    value: str
    status: Status
    status_text: str
    reference: str
    source: str
    formula: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A plain table: header and rows of plain text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ActionRow:
    number: str
    title: str
    why: str
    notes: str
    owner: str
    due: str
    target: str
    effort: str
    status: str


@dataclass(frozen=True)
class PlanSection:
    intro: Rich
    header: tuple[str, ...]
    actions: tuple[ActionRow, ...]
    roadmap: tuple[tuple[str, tuple[str, ...]], ...]
    review: str


@dataclass(frozen=True)
class Appendix:
    kpi_methods: Table | None
    band_sources: Table | None
    playbooks: tuple[PlaybookText, ...] = ()


def format_quantity(quantity: Quantity | None, language: str, currency: str) -> str:
    if quantity is None:
        return translator(language).gettext("n/a")
    return quantity.format(language, currency)


def signed(value: int | None) -> str:
    if value is None:
        return "–"
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


def _open_actions(project: Project) -> list[PlannedAction]:
    open_ = [
        a for a in project.plan.actions if a.status not in (ActionStatus.DONE, ActionStatus.DROPPED)
    ]
    return sorted(open_, key=lambda a: (a.due is None, a.due or dt.date.max))


def top_actions(project: Project, language: str) -> tuple[str, ...]:
    t = translator(language).gettext
    lines = []
    for action in _open_actions(project)[:3]:
        parts = [action.title]
        if action.owner:
            parts.append(action.owner)
        if action.due:
            parts.append(t(N_("by {date}")).format(date=format_date(action.due, language)))
        lines.append(" — ".join(parts))
    return tuple(lines)


def plan_section(
    project: Project,
    language: str,
    today: dt.date,
    playbooks: Mapping[str, PlaybookText] | None = None,
) -> PlanSection | None:
    plan = project.plan
    actions = [a for a in plan.actions if a.status != ActionStatus.DROPPED]
    if not actions:
        return None
    t = translator(language).gettext
    playbooks = playbooks or {}
    rows = tuple(
        ActionRow(
            number=str(index),
            title=a.title,
            why=_why(playbooks.get(a.playbook_id)),
            notes=a.notes,
            owner=a.owner,
            due=format_date(a.due, language) if a.due else "",
            target=a.kpi_target,
            effort=playbooks[a.playbook_id].effort if a.playbook_id in playbooks else "",
            status=t(ACTION_STATUS_NAMES[a.status]),
        )
        for index, a in enumerate(actions, start=1)
    )
    review = format_date(plan.review_date, language) if plan.review_date else ""
    later = sum(1 for a in actions if a.due and plan.review_date and a.due > plan.review_date)
    return PlanSection(
        intro=narrative("plan_intro", language, actions=len(rows), review=review, later=later),
        header=(
            "#",
            t(N_("Action")),
            t(N_("Owner")),
            t(N_("Due")),
            t(N_("Target")),
            t(N_("Status")),
        ),
        actions=rows,
        roadmap=_roadmap(actions, language, plan.start or today),
        review=review,
    )


def _why(playbook: PlaybookText | None) -> str:
    """The finding that calls for the action (from matching), else the playbook's reason."""
    if playbook is None:
        return ""
    return playbook.reason or playbook.why


def _roadmap(
    actions: list[PlannedAction], language: str, today: dt.date
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Actions in the columns of a 30/60/90-day roadmap counted from ``today``: the plan's
    start when the workshop set one, else the day the plan is printed."""
    t = translator(language).gettext
    limits = (30, 60, 90)
    columns: list[list[str]] = [[] for _ in range(len(limits) + 1)]
    for action in actions:
        if action.due is None:
            index = len(limits)
        else:
            days = (action.due - today).days
            index = next((i for i, limit in enumerate(limits) if days <= limit), len(limits))
        mark = "✓ " if action.status == ActionStatus.DONE else ""
        columns[index].append(mark + action.title)
    headings = [
        t(N_("Days {first}–{last}: by {date}")).format(
            first=previous + 1, last=limit, date=format_date(today + dt.timedelta(limit), language)
        )
        for previous, limit in zip((0, *limits), limits, strict=False)
    ]
    headings.append(t(N_("After 90 days")))
    return tuple(zip(headings, (tuple(c) for c in columns), strict=True))


def key_findings(
    project: Project, language: str, kpi_rows: tuple[KpiRow, ...], context: KpiContext
) -> tuple[str, ...]:
    """Up to five findings: KPIs off their band, the diagnosis's most serious findings, and
    the journey's lowest point."""
    t = translator(language).gettext
    found: list[str] = []
    off = (Status.CRITICAL, Status.WORSE, Status.WATCH)
    for row in sorted(kpi_rows, key=lambda r: STANDINGS.get(r.status) != Standing.POOR):
        if row.status in off and len(found) < 2:
            found.append(
                t(N_("{kpi} is {value}: {status} against the reference ({reference}).")).format(
                    kpi=row.title, value=row.value, status=row.status_text, reference=row.reference
                )
            )
    labelled = t(N_("{label}: {text}"))
    for finding in findings(project, context):
        if len(found) >= 4 or finding.severity != FindingSeverity.HIGH:
            break  # the diagnosis's most serious findings, which come first
        if finding.source.value == "journey":
            continue  # the journey's lowest point has its own line below
        evidence = join_clauses((e.render(language) for e in finding.evidence[:2]), language)
        title = finding.title.render(language)
        if not evidence:
            found.append(title)
        elif ":" in title:  # "Common mistake: …" — a second colon would not read
            found.append(f"{title}. {evidence.rstrip('.')}.")
        else:
            text = lower_first(evidence).rstrip(".") + "."
            found.append(labelled.format(label=title, text=text))
    worst = journey_findings(project.journey)
    if worst:
        low = worst[0]
        found.append(
            t(N_("The journey's lowest point is “{stage}” (feeling {feeling}).")).format(
                stage=low.stage_name, feeling=signed(low.emotion)
            )
            + f" {low.frictions[0]}."
        )
    return tuple(found[:5])


def _latest_what_if(project: Project) -> tuple[KpiPeriod, WhatIf] | None:
    """The what-if of the latest period that has one, with the gain the KPI step's what-if
    shows (the project's ``retention_gain_points``, at most the churn there is)."""
    for period in reversed(project.kpi_periods):
        result = what_if(period, 0.0)
        if isinstance(result, WhatIf):
            assumed = assumed_gain(period, project.plan.retention_gain_points)
            cut = min(assumed, result.churn_before)
            gain = what_if(period, cut)
            return (period, gain) if isinstance(gain, WhatIf) and cut > 0 else None
    return None


def rounded_money(value: float) -> float:
    """Money to two significant figures: a what-if built on a few rates cannot say more than
    "about €75,000" (never "€75,001")."""
    if value == 0:
        return 0.0
    return float(f"{value:.2g}")


def money_at_stake(project: Project, language: str, currency: str) -> Rich | None:
    found = _latest_what_if(project)
    if found is None:
        return None
    period, gain = found
    replacement = gain.replacement_spend_12_months
    months = period_months(period)
    per = (
        period_word(months).render(language)
        if months
        else translator(language).gettext(N_("period"))
    )

    def amount(value: float) -> str:
        return format_money(rounded_money(value), currency, language, 0)

    return narrative(
        "money_at_stake",
        language,
        period=period.label,
        per=per,
        own=project.plan.retention_gain_points is not None,
        points=points(gain.points).render(language),
        churn_before=format_percent(gain.churn_before, language),
        churn_after=format_percent(gain.churn_after, language),
        kept=format_number(float(f"{gain.customers_kept_12_months:.2g}"), language, 0),
        revenue_12=amount(gain.revenue_kept_12_months),
        revenue_36=amount(gain.revenue_kept_36_months),
        replacement="" if replacement is None else amount(replacement),
    )


def appendix(
    project: Project,
    language: str,
    references: Mapping[str, Reference],
    results: list[dict[str, KpiResult]],
    playbooks: Mapping[str, PlaybookText] | None = None,
) -> Appendix | None:
    t = translator(language).gettext
    shown = {kpi_id for r in results for kpi_id, v in r.items() if v.value is not None}
    methods = None
    if shown:
        methods = Table(
            (t(N_("KPI")), t(N_("Formula")), t(N_("What it tells you"))),
            tuple(
                (t(d.title), t(d.formula), t(d.explanation)) for d in DEFINITIONS if d.id in shown
            ),
        )
    shown_by_reference: dict[str, list[str]] = {}
    for d in DEFINITIONS:
        if d.id in shown and d.id in references:
            shown_by_reference.setdefault(references[d.id].id, []).append(d.id)
    by_id = {r.id: r for r in references.values()}
    sources = None
    if shown_by_reference:
        sources = Table(
            (t(N_("KPI")), t(N_("Reference")), t(N_("Source")), t(N_("Keep in mind"))),
            tuple(
                (
                    ", ".join(t(BY_KPI[k].title) for k in kpis),
                    reference_line(by_id[ref_id], kpis[0]).render(language),
                    f"{source_line(by_id[ref_id], language)}. "
                    f"{by_id[ref_id].population_in(language)}",
                    by_id[ref_id].caveat_in(language),
                )
                for ref_id, kpis in shown_by_reference.items()
            ),
        )
    chosen = tuple((playbooks or {}).values())
    if methods is None and sources is None and not chosen:
        return None
    return Appendix(kpi_methods=methods, band_sources=sources, playbooks=chosen)
