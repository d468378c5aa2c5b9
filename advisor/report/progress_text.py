"""What changed between two review rounds, in words: "Churn rate: 11.4% → 8.9%, better"
(the command line's ``progress`` and the window's review round)."""

from __future__ import annotations

from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.reviews import Progress
from advisor.i18n import _
from advisor.i18n.message import Quantity


def progress_summary(progress: Progress, language: str, currency: str = "EUR") -> str:
    """The comparison in words: "Churn rate 11.4% → 8.9%, better"."""
    words = {"better": _("better"), "worse": _("worse"), "steady": _("steady"), "": ""}
    lines = [
        _("Progress from {before} to {after}").format(
            before=progress.before.date.isoformat(), after=progress.after.date.isoformat()
        )
    ]
    for change in progress.kpis:
        definition = BY_ID[change.kpi]
        before = _value(change.kpi, change.before, language, currency)
        after = _value(change.kpi, change.after, language, currency)
        move = words[change.move]
        lines.append(f"  {_(definition.title)}: {before} → {after}" + (f", {move}" if move else ""))
    for title, items in (
        (_("Done"), progress.done),
        (_("Late"), progress.late),
        (_("Open"), progress.open),
        (_("Findings resolved"), progress.resolved),
        (_("New findings"), progress.new),
    ):
        lines.append(f"{title}: " + (", ".join(items) if items else "–"))
    return "\n".join(lines)


def _value(kpi: str, number: float | None, language: str, currency: str) -> str:
    if number is None:
        return _("n/a")
    definition = BY_ID[kpi]
    return Quantity(number, definition.unit, definition.decimals).format(language, currency)
