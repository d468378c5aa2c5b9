"""The import dialog's account of a file: format, encoding, separator, rows used and not
counted by reason, warnings, and the totals (or survey scores) it holds."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from advisor.i18n import _, current_language, ngettext
from advisor.i18n.formatting import format_money, format_number, format_percent

if TYPE_CHECKING:
    from advisor.analytics.analysis import Analysis
    from advisor.analytics.files import FileAnalysis


def summary_html(result: FileAnalysis, currency: str) -> str:
    """How the file was read and what it holds, as rich text for a label."""
    from advisor.analytics.layouts import REASONS
    from advisor.analytics.surveys import SURVEY_REASONS, scores

    language = current_language()
    if result.orders is not None:
        source = result.orders.imported.source
        fmt, encoding, delimiter = _(source.format_title), source.encoding, source.delimiter
        read, used, excluded, sheet = (
            source.rows_read, source.rows_used, source.excluded, source.sheet
        )  # fmt: skip
    else:
        survey = result.survey
        assert survey is not None
        fmt, encoding, delimiter = survey.format, survey.encoding, survey.delimiter
        read, used, excluded, sheet = (
            survey.rows_read, survey.rows_used, survey.excluded, survey.sheet
        )  # fmt: skip
    separator = {"\t": _("tab"), " ": _("space")}.get(delimiter, delimiter)
    if sheet:
        how = _("<b>{format}</b> — workbook sheet “{sheet}”").format(
            format=html.escape(fmt), sheet=html.escape(sheet)
        )
    else:
        how = _("<b>{format}</b> — encoding {encoding}, separator “{separator}”").format(
            format=html.escape(fmt), encoding=encoding, separator=html.escape(separator)
        )
    lines = [how, _("{read} rows read, {used} used.").format(read=read, used=used)]
    rows = result.orders.imported.source.excluded_rows if result.orders is not None else {}
    for reason, count in sorted(excluded.items()):
        title = _(REASONS.get(reason) or SURVEY_REASONS.get(reason, reason))
        line = _("Not counted ({reason}): {count}").format(reason=title, count=count)
        if rows.get(reason):
            line += " " + _("(rows {rows})").format(rows=_row_list(rows[reason]))
        lines.append(line)
    lines.extend("⚠ " + html.escape(warning) for warning in result.warnings())
    if result.orders is not None:
        lines.append(_totals_html(result.orders, currency))
    elif result.survey is not None:
        for label, _start, results, answers in result.survey.periods:
            values = ", ".join(
                f"{kind.upper()} {format_number(value, language, 1)}"
                for kind, value in scores(results).items()
                if value is not None
            )
            lines.append(
                ngettext(
                    "{period}: {count} answer, {scores}",
                    "{period}: {count} answers, {scores}",
                    answers,
                ).format(period=label, count=format_number(answers, language), scores=values)
            )
    return "<br>".join(lines)


def _row_list(rows: list[int], shown: int = 12) -> str:
    """``2, 5, 9`` or ``2, 5, 9, … (+40)``: the spreadsheet row numbers, header = row 1."""
    text = ", ".join(str(row) for row in rows[:shown])
    return text + (f", … (+{len(rows) - shown})" if len(rows) > shown else "")


def _totals_html(analysis: Analysis, currency: str) -> str:
    language, totals = current_language(), analysis.totals
    repeat = totals.repeat_purchase_rate
    return _(
        "<b>{customers}</b> customers, <b>{orders}</b> orders, revenue <b>{revenue}</b>, "
        "repeat purchase rate <b>{repeat}</b>, {periods} period(s)."
    ).format(
        customers=format_number(totals.customers, language),
        orders=format_number(totals.orders, language),
        revenue=format_money(totals.revenue, currency, language),
        repeat="—" if repeat is None else format_percent(repeat, language),
        periods=len(analysis.periods),
    )
