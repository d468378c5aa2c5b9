"""The printed plan as plain data: every text already in the report's language, every number
formatted for its readers, charts as descriptions. Built from the project alone, no Qt and
no layout, so tests can read what the PDF will say without opening a PDF.

A section is ``None`` when the project holds nothing for it (the PDF then skips it) or when
the user left it out of the export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from advisor import APP_NAME
from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.kpis import KpiContext, KpiResult, compute_kpis
from advisor.domain.periods import period_months
from advisor.domain.project import Project
from advisor.domain.reference_lines import reference_line, source_line
from advisor.domain.references import STATUS_TITLES, Status
from advisor.domain.retention_advice import kpis_to_watch
from advisor.domain.retention_type import diagnose_project
from advisor.i18n import N_, translator
from advisor.i18n.formatting import format_date, join_clauses
from advisor.i18n.message import Quantity, Unit
from advisor.report import sections
from advisor.report.bounds import bounded
from advisor.report.charts import ChartSpec, kpi_trend
from advisor.report.diagnosis_section import (
    DiagnosisSection,
    diagnosis_section,
    retention_type_block,
)
from advisor.report.journey_section import JourneySection, journey_section
from advisor.report.orders_section import OrdersSection, orders_section
from advisor.report.playbook_section import chosen_playbooks
from advisor.report.progress_text import ProgressSection, progress_section
from advisor.report.sections import KpiRow, Table, format_quantity
from advisor.report.text import Rich, narrative, plain
from advisor.storage.references import project_context

if TYPE_CHECKING:
    from advisor.analytics.analysis import Analysis

PAPERS = ("a4", "letter")

SECTION_TITLES: dict[str, str] = {
    "summary": N_("Executive summary"),
    "kpis": N_("Key figures"),
    "journey": N_("Customer journey"),
    "diagnosis": N_("Diagnosis"),
    "plan": N_("Action plan"),
    "appendix": N_("Appendix"),
}
SECTIONS = tuple(SECTION_TITLES)

REPORT_IN = {"en": N_("Report in English"), "fr": N_("Report in French")}
#: KPIs of the one-page summary, in this order, when they have a value.
SNAPSHOT_KPIS = ("retention_rate", "churn_rate", "repeat_purchase_rate", "clv_margin", "nps")
#: KPIs drawn as trends across periods when at least two periods have a value.
TREND_KPIS = ("retention_rate", "churn_rate", "repeat_purchase_rate", "aov", "nps", "csat")


@dataclass(frozen=True)
class ReportOptions:
    """What the user chose on the export step or the command line."""

    language: str = "en"
    paper: str = "a4"
    sections: frozenset[str] = frozenset(SECTIONS)
    accent: str | None = None  # "#rrggbb"; None for the house colour
    logo: Path | None = None
    today: dt.date | None = None
    playbooks_folder: Path | None = None  # the consultant's own playbooks, if any


@dataclass(frozen=True)
class Cover:
    business: str
    title: str
    sector: str
    date: str
    facilitator: str
    firm: str
    language_line: str


@dataclass(frozen=True)
class Summary:
    intro: Rich
    retention_type: str | None
    findings: tuple[str, ...]
    snapshot: tuple[KpiRow, ...]
    top_actions: tuple[str, ...]
    money_at_stake: Rich | None


@dataclass(frozen=True)
class KpiSection:
    intro: Rich
    rows: tuple[KpiRow, ...]
    unavailable: tuple[str, ...]
    charts: tuple[ChartSpec, ...]
    retention_detail: Table | None
    orders: OrdersSection | None = None


@dataclass
class Report:
    """Everything the PDF prints, in order."""

    language: str
    currency: str
    paper: str
    title: str
    subject: str
    author: str
    business: str
    accent: str | None
    logo: Path | None
    section_titles: dict[str, str]
    cover: Cover
    summary: Summary | None = None
    kpis: KpiSection | None = None
    journey: JourneySection | None = None
    diagnosis: DiagnosisSection | None = None
    plan: sections.PlanSection | None = None
    #: What changed since the last review round (printed with the plan), when there is one.
    progress: ProgressSection | None = None
    appendix: sections.Appendix | None = None
    labels: dict[str, str] = field(default_factory=dict)


#: Words the layout prints around the content, translated once per report.
LABELS: dict[str, str] = {
    "contents": N_("Contents"),
    "page": N_("Page {page} of {pages}"),
    "kpi": N_("KPI"),
    "value": N_("Value"),
    "status": N_("Status"),
    "reference": N_("Reference (source)"),
    "reference_short": N_("Reference"),
    "formula": N_("With your figures"),
    "findings": N_("Key findings"),
    "snapshot": N_("KPI snapshot"),
    "top_actions": N_("Top actions"),
    "money": N_("Money at stake"),
    "retention_type": N_("Retention type"),
    "unavailable": N_("Not computed yet"),
    "trends": N_("Trends across periods"),
    "retention_detail": N_("Retention, strict retention and reactivations"),
    "prepared_for": N_("Prepared for"),
    "prepared_by": N_("Prepared by"),
    "labelled": N_("{label}: {text}"),
    "roadmap": N_("30/60/90-day roadmap"),
    "review": N_("Next review of the plan: {date}"),
    "methods": N_("How each KPI is computed"),
    "sources": N_("Sources of the references"),
    "playbooks": N_("The playbooks behind the plan"),
    "effort": N_("Effort"),
    "steps": N_("Steps"),
    "targets": N_("Targets to track"),
    "tools": N_("Tools"),
    "pitfalls": N_("Pitfalls"),
    "ethics": N_("Fair play"),
    "mistakes": N_("Common mistakes found"),
    "audit": N_("Fair-loyalty audit: what falls short"),
    "causes": N_("Why customers leave"),
    "how_to_count": N_("How to count churn"),
    "levers": N_("What works for this type"),
    "kpis_to_watch": N_("KPIs to watch first"),
    "cohorts": N_("Cohort retention"),
    "priorities": N_("Friction points to fix first"),
    "moment_of_truth": N_("moment of truth"),
    "not_filled": N_("Not filled in yet, so left out: {columns}"),
    "segments": N_("Customer segments (RFM)"),
}


def build_report(
    project: Project, options: ReportOptions, orders: Analysis | None = None
) -> Report:
    """The report of ``project`` in ``options.language`` with the chosen sections; an orders
    analysis adds the cohort heat map and the RFM segments to the KPIs. Every text is first
    made printable and bounded (:mod:`advisor.report.bounds`), here and nowhere else."""
    from advisor.domain.kpis import remembering

    with remembering():  # each period's KPIs computed once for every section
        return _build_report(project, options, orders)


def _build_report(project: Project, options: ReportOptions, orders: Analysis | None) -> Report:
    language = options.language
    project = bounded(project, language)
    t = translator(language).gettext
    profile = project.profile
    currency = profile.currency
    business = profile.name or t(N_("Untitled project"))
    today = options.today or dt.date.today()
    title = t(N_("Retention action plan"))
    results, kpi_context = _all_results(project)
    report = Report(
        language=language,
        currency=currency,
        paper=options.paper,
        title=f"{business} — {title}",
        subject=t(N_("What the business will do to keep its customers, and how it will know")),
        author=", ".join(p for p in (profile.facilitator_name, profile.facilitator_firm) if p)
        or APP_NAME,
        business=business,
        accent=options.accent,
        logo=options.logo,
        section_titles={key: t(value) for key, value in SECTION_TITLES.items()},
        cover=Cover(
            business=business,
            title=title,
            sector=profile.sector,
            date=format_date(today, language),
            facilitator=profile.facilitator_name,
            firm=profile.facilitator_firm,
            language_line=t(REPORT_IN[language]),
        ),
        labels={key: t(value) for key, value in LABELS.items()},
    )
    wanted = options.sections
    latest = {k: r.value for k, r in results[-1].items()} if results else {}
    playbooks = bounded(
        chosen_playbooks(project, language, latest, options.playbooks_folder, kpi_context),
        language,
    )
    kpi_rows = _kpi_rows(results[-1], language, currency) if results else ()
    if "kpis" in wanted and (kpi_rows or orders is not None):
        report.kpis = _kpi_section(project, results, kpi_rows, language, currency)
        if not_over := _period_not_over(project, results, language, today):
            report.kpis = replace(report.kpis, intro=Rich(f"{report.kpis.intro} {not_over}"))
        if orders is not None:
            report.kpis = replace(report.kpis, orders=orders_section(orders, language, currency))
    if "journey" in wanted:
        report.journey = journey_section(project, language)
    if "diagnosis" in wanted:
        report.diagnosis = diagnosis_section(project, language, kpi_context)
    if "plan" in wanted:
        report.plan = sections.plan_section(project, language, today, playbooks)
        report.progress = _progress(project, language, currency, today, options)
    if "appendix" in wanted:
        references = kpi_context.references
        report.appendix = sections.appendix(project, language, references, results, playbooks)
    if "summary" in wanted:
        report.summary = _summary(project, language, currency, kpi_rows, report, kpi_context)
        not_over = _period_not_over(project, results, language, today)
        if report.summary is not None and not_over:
            intro = Rich(f"{report.summary.intro} {not_over}")
            report.summary = replace(report.summary, intro=intro)
    return report


def _all_results(project: Project) -> tuple[list[dict[str, KpiResult]], KpiContext]:
    context = project_context(project)
    results = [compute_kpis(period, context) for period in project.kpi_periods]
    while results and all(r.value is None for r in results[-1].values()):
        results.pop()  # a period not filled in yet says nothing
    return results, context


def _kpi_rows(results: dict[str, KpiResult], language: str, currency: str) -> tuple[KpiRow, ...]:
    t = translator(language).gettext
    rows = []
    for result in results.values():
        if result.value is None:
            continue
        d = result.definition
        substituted = result.substituted
        rows.append(
            KpiRow(
                kpi_id=d.id,
                title=t(d.title),
                value=format_quantity(result.quantity(), language, currency),
                status=result.status,
                status_text=t(STATUS_TITLES[result.status]),
                reference=_reference_text(result, language, currency),
                source=source_line(result.reference, language) if result.reference else "",
                formula=substituted.render(language, currency) if substituted else t(d.formula),
                warnings=tuple(w.render(language, currency) for w in result.warnings),
            )
        )
    return tuple(rows)


def _reference_text(result: KpiResult, language: str, currency: str) -> str:
    """The line it was judged against, the business's value in its terms, or why there is no
    verdict."""
    parts = []
    if result.reference is not None and result.status not in (Status.CHECK, Status.UNKNOWN):
        parts.append(reference_line(result.reference, result.definition.id).render(language))
        if result.compared is not None:
            parts.append(result.compared.render(language, currency))
    if result.note is not None:
        parts.append(result.note.render(language, currency))
    return join_clauses(parts, language)


def _kpi_section(
    project: Project,
    results: list[dict[str, KpiResult]],
    rows: tuple[KpiRow, ...],
    language: str,
    currency: str,
) -> KpiSection:
    t = translator(language).gettext
    if not results:
        return KpiSection(plain(""), (), (), (), None)
    periods = project.kpi_periods[: len(results)]
    labels = [period.label for period in periods]
    latest = results[-1]
    unavailable = tuple(
        t(N_("{label}: {text}")).format(
            label=t(r.definition.title), text=r.reason.render(language, currency)
        )
        for r in latest.values()
        if r.value is None and r.reason is not None
    )
    charts: tuple[ChartSpec, ...] = ()
    if len(results) >= 2:
        charts = tuple(
            kpi_trend(
                kpi_id,
                labels,
                results,
                period_months(periods[-1]),
                periods[-1].surveys.ces_scale,
            )
            for kpi_id in TREND_KPIS
            if sum(period[kpi_id].value is not None for period in results) >= 2
        )
    detail_ids = ("retention_rate", "strict_retention_rate", "reactivation_rate")
    detail = None
    if any(p.customers_reactivated is not None or p.customers_active_both for p in periods):
        detail = Table(
            (
                t(N_("Period")),
                *(t(BY_TITLE[i]) for i in detail_ids),
                t(N_("Reactivated customers")),
            ),
            tuple(
                (
                    period.label,
                    *(format_quantity(r[i].quantity(), language, currency) for i in detail_ids),
                    format_quantity(
                        None
                        if period.customers_reactivated is None
                        else Quantity(period.customers_reactivated, Unit.COUNT, 0),
                        language,
                        currency,
                    ),
                )
                for period, r in zip(periods, results, strict=True)
            ),
        )
    return KpiSection(
        intro=narrative("kpi_intro", language, period=labels[-1], periods=len(labels)),
        rows=rows,
        unavailable=unavailable,
        charts=charts,
        retention_detail=detail,
    )


BY_TITLE = {d.id: d.title for d in DEFINITIONS}


def _period_not_over(
    project: Project, results: list[dict[str, KpiResult]], language: str, today: dt.date
) -> Rich | None:
    """A warning when the figures' latest period (the last one with a KPI) cannot be complete
    on the plan's date."""
    last = project.kpi_periods[len(results) - 1] if results else None
    if last is None or last.end is None or last.end < today:
        return None
    return narrative(
        "period_not_over", language, period=last.label, end=format_date(last.end, language)
    )


def _summary(
    project: Project,
    language: str,
    currency: str,
    kpi_rows: tuple[KpiRow, ...],
    report: Report,
    kpi_context: KpiContext,
) -> Summary | None:
    by_id = {row.kpi_id: row for row in kpi_rows}
    diagnosis = diagnose_project(project)
    # Customers who buy once: no churn to cut, so no money at stake; the snapshot shows what
    # such a business watches.
    one_off = diagnosis.one_off
    watched = kpis_to_watch(diagnosis) if one_off else SNAPSHOT_KPIS
    snapshot = tuple(by_id[k] for k in watched if k in by_id)
    findings = sections.key_findings(project, language, kpi_rows, kpi_context)
    top_actions = sections.top_actions(project, language)
    money = None if one_off else sections.money_at_stake(project, language, currency)
    block = retention_type_block(project, language)
    retention_type = f"{block.title}. {block.description}" if block else None
    if not (snapshot or findings or top_actions or money or retention_type):
        return None
    profile = project.profile
    plan = project.plan
    return Summary(
        intro=narrative(
            "summary_intro",
            language,
            business=report.business,
            sector=profile.sector,
            facilitator=profile.facilitator_name,
            actions=len(plan.actions),
            review=format_date(plan.review_date, language) if plan.review_date else "",
        ),
        retention_type=retention_type,
        findings=findings,
        snapshot=snapshot,
        top_actions=top_actions,
        money_at_stake=money,
    )


def _progress(
    project: Project, language: str, currency: str, today: dt.date, options: ReportOptions
) -> ProgressSection | None:
    """The progress since the last review round, when the project has one."""
    if not project.reviews:
        return None
    from advisor.domain.reviews import latest_progress
    from advisor.storage.playbooks import action_targets

    targets = action_targets(project, options.playbooks_folder)
    found = latest_progress(project, project_context(project), targets, today)
    return None if found is None else progress_section(found, project, language, currency)
