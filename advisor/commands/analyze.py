"""``retention-advisor analyze FILE``: an orders or survey export, analysed without a window."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from advisor.domain.project import CURRENCIES
from advisor.errors import InputError
from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_number, format_percent

PERIODS = ("month", "quarter", "year")
ROLES = ("customer", "date", "amount", "order", "score")
#: The roles' French names, also accepted by --map (``client=Nom,montant=Total``).
FRENCH_ROLES = {
    "client": "customer", "date": "date", "montant": "amount", "commande": "order",
    "note": "score",
}  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        help=_("an orders or survey export (CSV, TSV, TXT) or workbook (XLSX, XLSM, XLS, ODS)"),
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help=_("the workbook's sheet to read (default: the one that holds the table)"),
    )
    parser.add_argument(
        "--period", choices=PERIODS, default="month", help=_("length of a period (default: month)")
    )
    parser.add_argument(
        "--map",
        metavar="ROLE=COLUMN,…",
        help=_("which column holds the customer, date, amount, order (or score)"),
    )
    parser.add_argument(
        "--dates",
        choices=("dmy", "mdy"),
        help=_("read dates like 03/04/2025 day-first (dmy) or month-first (mdy)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of a summary"))
    parser.add_argument(
        "--currency",
        choices=CURRENCIES,
        default="EUR",
        help=_("currency of the amounts, for the exported tables (default: EUR)"),
    )
    for flag, what in (
        ("--at-risk", _("the customers at risk")),
        ("--cohorts", _("the cohort table")),
        ("--rfm", _("the RFM segments")),
    ):
        parser.add_argument(
            flag,
            type=Path,
            metavar="OUT",
            help=_(
                "write {what} to OUT: .xlsx for a workbook, else CSV in --lang's convention"
            ).format(what=what),
        )


def parse_mapping(text: str | None) -> dict[str, str]:
    """``customer=Client,date=Jour`` -> ``{"customer": "Client", "date": "Jour"}``."""
    mapping: dict[str, str] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        role, sep, column = item.partition("=")
        role = role.strip().lower()
        role = FRENCH_ROLES.get(role, role)
        if not sep or role not in ROLES or not column.strip():
            names = FRENCH_ROLES if current_language() == "fr" else ROLES
            raise InputError(
                _("--map: “{item}” is not ROLE=COLUMN with ROLE one of {roles}").format(
                    item=item, roles=", ".join(names)
                )
            )
        mapping[role] = column.strip()
    return mapping


def run(args: argparse.Namespace) -> int:
    from advisor.analytics.conventions import DateOrder
    from advisor.analytics.files import analyse_file

    mapping = parse_mapping(args.map)
    dates = DateOrder(args.dates) if args.dates else None
    result = analyse_file(args.file, args.period, mapping, dates, sheet=args.sheet)
    _write_tables(args, result)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(_summary(result.as_json(), result.warnings()))
    return 0


def _write_tables(args: argparse.Namespace, result: Any) -> None:
    """The tables asked for with --at-risk, --cohorts and --rfm."""
    wanted = [(flag, getattr(args, flag)) for flag in ("at_risk", "cohorts", "rfm")]
    wanted = [(flag, path) for flag, path in wanted if path is not None]
    if not wanted:
        return
    if result.orders is None:
        raise InputError(
            _("{option} needs an orders file, not survey answers").format(
                option="--" + wanted[0][0].replace("_", "-")
            )
        )
    from advisor.sheets.analysis_tables import at_risk_sheet, cohort_sheet, rfm_sheet
    from advisor.sheets.writing import write_sheet

    language = current_language()
    sheets = {
        "at_risk": lambda: at_risk_sheet(result.orders, language),
        "cohorts": lambda: cohort_sheet(result.orders, language),
        "rfm": lambda: rfm_sheet(result.orders, language),
    }
    for flag, path in wanted:
        try:
            write_sheet(sheets[flag](), path, language, args.currency)
        except OSError as error:
            raise InputError(f"{path}: {error.strerror}") from None


def _summary(data: dict[str, Any], warnings: list[str]) -> str:
    from advisor.analytics.layouts import GENERIC, LAYOUTS, REASONS
    from advisor.analytics.periods import display_label  # loaded with the analysis already
    from advisor.analytics.rfm import SEGMENTS
    from advisor.analytics.surveys import SURVEY_REASONS

    language = current_language()
    source = data["source"]
    titles = {layout.id: _(layout.title) for layout in (*LAYOUTS, GENERIC)}
    where = source["file"]
    if source.get("sheet"):
        where = _("{file}, sheet “{sheet}”").format(file=where, sheet=source["sheet"])
    lines = [
        _("{file}: {format}, {read} rows read, {used} used").format(
            file=where, format=titles.get(source["format"], source["format"]),
            read=source["rows_read"],
            used=source["rows_used"],
        )
    ]  # fmt: skip
    for reason, count in source["rows_excluded"].items():
        title = _(REASONS.get(reason) or SURVEY_REASONS.get(reason, reason))
        lines.append("  " + _("excluded ({reason}): {count}").format(reason=title, count=count))
    for kind, count in source.get("answers_excluded", {}).items():
        lines.append(
            "  " + _("{kind} answers left out: {count}").format(kind=kind.upper(), count=count)
        )
    lines.extend(f"  ! {warning}" for warning in warnings)
    if "surveys" in data:
        for period in data["surveys"]:
            values = ", ".join(
                f"{kind.upper()} {format_number(v, language, 1)}"
                for kind, v in period["scores"].items()
                if v is not None
            )
            lines.append(f"{period['label']:<10} n={period['answers']:<6} {values}")
        return "\n".join(lines)

    def pct(value: float | None) -> str:
        return _("n/a") if value is None else format_percent(value, language)

    lines.append(
        _("{customers} customers, {orders} orders, revenue {revenue}, average order {aov}").format(
            customers=format_number(data["customers"], language),
            orders=format_number(data["orders"], language),
            revenue=format_number(data["revenue"], language, 2),
            aov=_("n/a")
            if data["average_order_value"] is None
            else format_number(data["average_order_value"], language, 2),
        )
    )
    lines.append(_("repeat purchase rate {rate}").format(rate=pct(data["repeat_purchase_rate"])))
    header = _("period      start   end   new  kept  back  lost  retention  strict   churn")
    lines.append(header)
    for p in data["periods"]:
        label = display_label(p["label"], language)
        lines.append(
            f"{label:<10} {p['customers_start']:>6} {p['customers_end']:>5} {p['new']:>5}"
            f" {p['retained']:>5} {p['reactivated']:>5} {p['lost']:>5}"
            f" {pct(p['retention_rate']):>10} {pct(p['retention_rate_strict']):>7}"
            f" {pct(p['churn_rate']):>7}"
        )
    lines.extend(_retention_notes(data["periods"]))
    segments = ", ".join(f"{_(SEGMENTS[k][0])} {v}" for k, v in data["rfm"].items() if v)
    lines.append(_("RFM segments: {segments}").format(segments=segments or _("none")))
    lines.append(_("customers at risk: {count}").format(count=data["at_risk"]))
    return "\n".join(lines)


def _retention_notes(periods: list[dict[str, Any]]) -> list[str]:
    """What the retention column counts, when customers came back after a break: the rate
    (customers at end − new) ÷ customers at start then counts them as kept, and can pass
    100 % or sit beside a churn of 100 %."""
    over = [p["label"] for p in periods if (p["retention_rate"] or 0) > 100]
    if over:
        shown = ", ".join(over[:5]) + (", …" if len(over) > 5 else "")
        return [
            "  ! "
            + _(
                "Retention above 100 % in {periods}: customers who came back after a break "
                "(column “back”) count as kept. Read the strict rate, which counts only "
                "customers active in both periods."
            ).format(periods=shown)
        ]
    if any(p["reactivated"] for p in periods):
        return [
            _(
                "Retention counts customers who came back after a break (column “back”) as "
                "kept; strict counts only customers active in both periods."
            )
        ]
    return []
