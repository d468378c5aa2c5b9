"""What the KPI step says in words, as rich text: one KPI explained (meaning, formula, the
business's figures in it, the verdict against its reference and its source, the plays that
help) and the problems found in a period's figures."""

from __future__ import annotations

import html
from collections.abc import Iterable

from advisor.domain.figure_checks import ISSUE_TITLES, FigureIssue, IssueLevel
from advisor.domain.kpi_definitions import FIGURE_LABELS
from advisor.domain.kpis import KpiResult
from advisor.domain.reference_lines import reference_line, source_line
from advisor.domain.references import STATUS_TITLES
from advisor.domain.themes import THEME_NAMES
from advisor.i18n import _, current_language


def issues_html(issues: Iterable[FigureIssue], currency: str) -> str:
    """The problems found in a period's figures, one per line, errors marked ⛔."""
    language = current_language()
    lines = []
    for issue in issues:
        mark = "⛔" if issue.level == IssueLevel.ERROR else "⚠"
        field = _(FIGURE_LABELS.get(issue.field, issue.field))
        lines.append(
            f"{mark} <b>{_(ISSUE_TITLES[issue.level])}</b> — {html.escape(field)}: "
            f"{html.escape(issue.message.render(language, currency))}"
        )
    return "<br>".join(lines)


def explanation_html(result: KpiResult | None, currency: str) -> str:
    """One KPI of a period explained, its amounts in ``currency``."""
    if result is None:
        return ""
    language = current_language()
    d = result.definition
    parts = [
        f"<h3>{html.escape(_(d.title))}</h3>",
        f"<p>{html.escape(_(d.explanation))}</p>",
        f"<p><b>{_('Formula')}:</b> {html.escape(_(d.formula))}</p>",
    ]
    if result.substituted is not None and result.value is not None:
        quantity = result.quantity()
        value = quantity.format(language, currency) if quantity else ""
        parts.append(
            f"<p><b>{_('With your figures')}:</b> "
            f"{html.escape(result.substituted.render(language, currency))} = "
            f"<b>{html.escape(value)}</b></p>"
        )
    if result.reason is not None:
        parts.append(
            f"<p><b>{_('Not available')}:</b> "
            f"{html.escape(result.reason.render(language, currency))}</p>"
        )
    for warning in result.warnings:
        parts.append(f"<p>⚠ {html.escape(warning.render(language, currency))}</p>")
    parts += _reference_html(result, language, currency)
    if d.themes:
        themes = ", ".join(_(THEME_NAMES.get(t, t)) for t in d.themes)
        parts.append(f"<p><b>{_('Plays that help')}:</b> {html.escape(themes)}</p>")
    return "".join(parts)


def _reference_html(result: KpiResult, language: str, currency: str) -> list[str]:
    """The verdict with what it was judged against: the reference's line and source, the
    business's value in its terms, who was measured, and why there is no verdict if none."""
    if result.value is None:
        return []
    parts = []
    if result.note is not None:
        parts.append(
            f"<p><b>{html.escape(_(STATUS_TITLES[result.status]))}:</b> "
            f"{html.escape(result.note.render(language, currency))}</p>"
        )
    reference = result.reference
    if reference is None:
        return parts
    line = reference_line(reference, result.definition.id).render(language, currency)
    compared = result.compared.render(language, currency) if result.compared else ""
    parts.append(
        f"<p><b>{_('Reference')}:</b> {html.escape(line)}"
        + (f" ({_('yours')}: {html.escape(compared)})" if compared else "")
        + f"<br>{html.escape(source_line(reference, language))}. "
        f"{html.escape(reference.population_in(language))} "
        f"{html.escape(reference.caveat_in(language))}</p>"
    )
    return parts
