"""The tables of a project: every KPI of every period with its verdict, and the action
plan."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from advisor.domain.kpis import KpiContext, KpiResult, compute_kpis
from advisor.domain.plan_edits import ACTION_STATUS_NAMES
from advisor.domain.project import KpiPeriod, Project
from advisor.domain.reference_lines import reference_line, source_line
from advisor.domain.references import STATUS_TITLES, Status
from advisor.i18n import N_, translator
from advisor.i18n.formatting import currency_sign
from advisor.i18n.message import DURATION_WORDS, Unit
from advisor.sheets.table import Cell, Column, Kind, Sheet, Value

_KINDS = {Unit.PERCENT: Kind.PERCENT, Unit.MONEY: Kind.MONEY, Unit.COUNT: Kind.NUMBER}


def _value(result: KpiResult, language: str, currency: str) -> tuple[Value, str]:
    """The KPI's value as a typed cell, and its unit in words where the cell cannot say it."""
    quantity = result.quantity()
    if quantity is None:
        return None, ""
    kind = _KINDS.get(quantity.unit, Kind.NUMBER)
    decimals = 2 if quantity.unit == Unit.MONEY else quantity.decimals
    if quantity.unit == Unit.PERCENT:
        unit = "%"
    elif quantity.unit == Unit.MONEY:
        unit = currency_sign(currency)
    elif quantity.unit == Unit.RATIO:
        unit = ": 1"
    elif quantity.unit in DURATION_WORDS:
        unit = translator(language).gettext(DURATION_WORDS[quantity.unit][1]).format(n="").strip()
    else:
        unit = ""
    return Cell(quantity.value, kind, decimals), unit


def _verdict(result: KpiResult, language: str, currency: str) -> tuple[str, str, str]:
    """The status, what it was compared with (and where that comes from), and why there is
    no value or no verdict."""
    gettext = translator(language).gettext
    if result.value is None:
        reason = result.reason.render(language, currency) if result.reason else ""
        return "", "", reason
    status = gettext(STATUS_TITLES[result.status])
    compared = ""
    if result.reference is not None and result.status not in (Status.CHECK, Status.UNKNOWN):
        line = reference_line(result.reference, result.definition.id).render(language, currency)
        compared = f"{line} ({source_line(result.reference, language)})"
    note = result.note.render(language, currency) if result.note else ""
    return status, compared, note


def kpi_sheet(
    periods: Sequence[KpiPeriod], context: KpiContext, language: str, currency: str
) -> Sheet:
    """One row per period and KPI: its value (a number, a percent or money as such), its
    unit, its verdict and the reference it was judged against."""
    gettext = translator(language).gettext
    rows: list[tuple[Value, ...]] = []
    for period in periods:
        for result in compute_kpis(period, context).values():
            value, unit = _value(result, language, currency)
            status, compared, note = _verdict(result, language, currency)
            rows.append(
                (
                    period.label,
                    period.start,
                    period.end,
                    gettext(result.definition.title),
                    value,
                    unit,
                    status,
                    compared,
                    note,
                )
            )
    return Sheet(
        N_("KPIs"),
        (
            Column(N_("Period")),
            Column(N_("Period start"), Kind.DATE),
            Column(N_("Period end"), Kind.DATE),
            Column(N_("KPI"), width=30),
            Column(N_("Value"), Kind.NUMBER, 2),
            Column(N_("Unit")),
            Column(N_("Status")),
            Column(N_("Reference"), width=50),
            Column(N_("Note"), width=50),
        ),
        rows,
    )


def plan_sheet(project: Project, language: str, user_folder: Path | None = None) -> Sheet:
    """The plan's actions: what, who, by when, status, the KPI target, and the playbook's
    steps (templates filled with the business's latest figures)."""
    from advisor.report.playbook_section import chosen_playbooks
    from advisor.storage.references import project_context

    gettext = translator(language).gettext
    context = project_context(project)
    periods = project.kpi_periods
    latest = {k: r.value for k, r in compute_kpis(periods[-1], context).items()} if periods else {}
    playbooks = chosen_playbooks(project, language, latest, user_folder, context)
    rows: list[tuple[Value, ...]] = []
    for action in project.plan.actions:
        playbook = playbooks.get(action.playbook_id)
        rows.append(
            (
                action.title,
                gettext(ACTION_STATUS_NAMES[action.status]),
                action.owner,
                action.due,
                action.kpi_target,
                playbook.title if playbook else "",
                "\n".join(playbook.steps) if playbook else "",
                action.notes,
            )
        )
    return Sheet(
        N_("Action plan"),
        (
            Column(N_("Action"), width=40),
            Column(N_("Status")),
            Column(N_("Owner")),
            Column(N_("Due"), Kind.DATE),
            Column(N_("KPI target"), width=40),
            Column(N_("Playbook"), width=30),
            Column(N_("Steps"), width=70),
            Column(N_("Notes"), width=40),
        ),
        rows,
    )
