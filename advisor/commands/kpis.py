"""``retention-advisor kpis INPUT [--json]``: KPIs of every period, without a window."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from advisor.commands.tables import add_table_arguments, write_tables
from advisor.domain.figure_checks import ISSUE_TITLES, FigureIssue, check_period
from advisor.domain.kpis import KpiContext, KpiResult, compute_kpis, context_for
from advisor.domain.project import KpiPeriod
from advisor.domain.reference_lines import reference_line, source_line
from advisor.domain.references import STATUS_TITLES, Status
from advisor.domain.schema import SchemaError, from_plain
from advisor.errors import InputError
from advisor.i18n import _, current_language
from advisor.sheets.project_tables import kpi_sheet
from advisor.storage.project_file import FORMAT_MARKER, load_project
from advisor.storage.references import CUSTOMERS, load_reference_data, project_context

#: Other names accepted in figures files, for people who write them by hand.
ALIASES = {
    "new_customers": "customers_new",
    "lost_customers": "customers_lost",
    "reactivated_customers": "customers_reactivated",
    "buyers": "unique_buyers",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, help=_("a .retention project or a JSON figures file"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    add_table_arguments(parser, _("the KPI table"))


def read_input(path: Path) -> tuple[list[KpiPeriod], KpiContext, str]:
    """Periods, the KPI context of the business (its references) and the currency, from a
    project or a figures file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not isinstance(data, dict) or data.get("format") == FORMAT_MARKER or "periods" not in data:
        project = load_project(path)  # explains what is wrong with a bad project file
        return project.kpi_periods, project_context(project), project.profile.currency
    periods = data["periods"]
    if not isinstance(periods, list):
        raise InputError(f"{path}: " + _("“periods” must be a list"))
    try:
        parsed = [
            from_plain(KpiPeriod, _unalias(item), f"periods[{index}]")
            for index, item in enumerate(periods)
        ]
    except SchemaError as error:
        raise InputError(f"{path}: {error.path}: {error.problem}") from None
    context = context_for(
        str(data.get("sector", "")),
        data.get("business_model"),
        load_reference_data(),
        CUSTOMERS.get(str(data.get("sells_to", ""))),
    )
    return parsed, context, str(data.get("currency", "EUR"))


def _unalias(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    return {ALIASES.get(key, key): value for key, value in item.items()}


def run(args: argparse.Namespace) -> int:
    periods, context, currency = read_input(args.input)
    language = current_language()
    write_tables(args, lambda: kpi_sheet(periods, context, language, currency), currency)
    report = []
    for period in periods:
        results = compute_kpis(period, context)
        issues = check_period(period)
        report.append((period, results, issues))
    if args.json:
        print(
            json.dumps(
                [_as_json(p, r, i, language, currency) for p, r, i in report],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for period, results, issues in report:
            print(_as_table(period, results, issues, language, currency))
    return 0


def _value_text(result: KpiResult, language: str, currency: str) -> str:
    quantity = result.quantity()
    return quantity.format(language, currency) if quantity else _("n/a")


def _as_json(
    period: KpiPeriod,
    results: dict[str, KpiResult],
    issues: list[FigureIssue],
    language: str,
    currency: str,
) -> dict[str, Any]:
    return {
        "label": period.label,
        "kpis": {
            kpi_id: {
                "value": None if r.value is None else round(r.value, 4),
                "unit": r.definition.unit.value,
                "status": r.status.value if r.value is not None else "unknown",
                "reason": r.reason.render(language, currency) if r.reason else None,
                "warnings": [w.render(language, currency) for w in r.warnings],
                **_verdict_json(r, language, currency),
            }
            for kpi_id, r in results.items()
        },
        "issues": [
            {"field": i.field, "level": i.level.value, "message": i.message.render(language)}
            for i in issues
        ],
    }


def _verdict_json(r: KpiResult, language: str, currency: str) -> dict[str, Any]:
    """The reference a KPI was judged against, its value in the reference's terms and why it
    got no verdict."""
    if r.value is None:
        return {"reference": None, "compared": None, "note": None}
    reference = r.reference
    return {
        "reference": None
        if reference is None
        else {
            "id": reference.id,
            "line": reference_line(reference, r.definition.id).render(language, currency),
            "statistic": reference.statistic.value,
            "period": reference.basis.value,
            "source": source_line(reference, language),
            "population": reference.population_in(language),
        },
        "compared": r.compared.render(language, currency) if r.compared else None,
        "note": r.note.render(language, currency) if r.note else None,
    }


def _detail(r: KpiResult, language: str, currency: str) -> str:
    """The status with its reference and source, or why there is none."""
    if r.reason is not None:
        return r.reason.render(language, currency)
    parts = [_(STATUS_TITLES[r.status])]
    if r.compared is not None:
        parts.append(r.compared.render(language, currency))
    if r.reference is not None and r.status not in (Status.CHECK, Status.UNKNOWN):
        line = reference_line(r.reference, r.definition.id).render(language, currency)
        parts.append(f"{line} ({source_line(r.reference, language)})")
    if r.note is not None:
        parts.append(r.note.render(language, currency))
    return " · ".join(parts)


def _as_table(
    period: KpiPeriod,
    results: dict[str, KpiResult],
    issues: list[FigureIssue],
    language: str,
    currency: str,
) -> str:
    lines = [period.label, "-" * len(period.label)]
    width = max(len(_(r.definition.title)) for r in results.values())
    for r in results.values():
        value = _value_text(r, language, currency)
        detail = _detail(r, language, currency)
        lines.append(f"  {_(r.definition.title):<{width}}  {value:>14}  {detail}")
    for issue in issues:
        level = _(ISSUE_TITLES[issue.level])
        lines.append(f"  {level}: {issue.field}: {issue.message.render(language)}")
    return "\n".join(lines) + "\n"
