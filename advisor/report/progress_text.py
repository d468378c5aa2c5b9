"""What changed between two review rounds, in words: "Churn rate: 11.4% → 8.9%, better"
(the command line's ``progress`` and the window's review round)."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.churn_causes import CAUSES_BY_ID
from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.mistakes import MISTAKES_BY_ID
from advisor.domain.project import Project
from advisor.domain.reviews import Progress
from advisor.i18n import N_, _, translator
from advisor.i18n.formatting import format_date
from advisor.i18n.message import Quantity
from advisor.report.sections import signed


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


def finding_name(finding_id: str, project: Project, language: str) -> str:
    """A finding's name from its id alone (a resolved finding is no longer in the diagnosis):
    the cause, mistake, loyalty item or journey stage it is about."""
    t = translator(language).gettext
    kind, _dot, key = finding_id.partition(".")
    if kind in ("cause", "data") and key in CAUSES_BY_ID:
        return t(CAUSES_BY_ID[key].title)
    if kind == "mistake" and key in MISTAKES_BY_ID:
        return t(MISTAKES_BY_ID[key].title)
    if kind == "loyalty":
        item = next((i for i in AUDIT_ITEMS if i.id == key), None)
        return t(item.problem) if item is not None else finding_id
    if kind == "journey":
        stage = next((s for s in project.journey.stages if s.id == key), None)
        return stage.name if stage is not None else finding_id
    return finding_id


@dataclass(frozen=True)
class ProgressSection:
    """What the printed plan and the plan step show of the progress since the last review."""

    title: str
    dates: str
    header: tuple[str, ...]
    kpis: tuple[tuple[str, str, str, str], ...]
    actions: tuple[tuple[str, str], ...]
    findings: tuple[tuple[str, str], ...]
    effects: tuple[str, ...]
    note: str


def progress_section(
    progress: Progress, project: Project, language: str, currency: str
) -> ProgressSection:
    """The comparison laid out for reading: KPIs then and now with the move in words, the
    actions done, late and open with their owners, the findings resolved, new and still
    there, and each finished action's KPI move — said to go with it, never to prove it."""
    t = translator(language).gettext
    words = {"better": t(N_("better")), "worse": t(N_("worse")), "steady": t(N_("steady")), "": ""}
    kpis = tuple(
        (
            t(BY_ID[change.kpi].title),
            _value(change.kpi, change.before, language, currency),
            _value(change.kpi, change.after, language, currency),
            words[change.move],
        )
        for change in progress.kpis
    )
    owners = {action.title: action.owner for action in progress.after.actions}

    def with_owner(title: str) -> str:
        owner = owners.get(title)
        return f"{title} ({owner})" if owner else title

    actions = tuple(
        (label, ", ".join(with_owner(title) for title in titles) or "–")
        for label, titles in (
            (t(N_("Done")), progress.done),
            (t(N_("Late")), progress.late),
            (t(N_("Open")), progress.open),
        )
    )
    findings = tuple(
        (label, ", ".join(finding_name(f, project, language) for f in ids) or "–")
        for label, ids in (
            (t(N_("Findings resolved")), progress.resolved),
            (t(N_("New findings")), progress.new),
            (t(N_("Still there")), progress.remaining),
        )
    )

    def lows(points: tuple[tuple[str, int], ...]) -> str:
        return ", ".join(f"{name} ({signed(value)})" for name, value in points) or "–"

    findings = (
        *findings,
        (t(N_("Lowest feeling then")), lows(progress.low_before)),
        (t(N_("Lowest feeling now")), lows(progress.low_after)),
    )
    effects = tuple(
        t(N_("{action} is done; over the same time {kpi} moved {move}.")).format(
            action=effect.action, kpi=t(BY_ID[effect.kpi].title), move=words[effect.move]
        )
        for effect in progress.effects
    )
    return ProgressSection(
        title=t(N_("Progress since the last review")),
        dates=t(N_("From {before} to {after}")).format(
            before=format_date(progress.before.date, language),
            after=format_date(progress.after.date, language),
        ),
        header=(t(N_("KPI")), t(N_("Then")), t(N_("Now")), t(N_("Change"))),
        kpis=kpis,
        actions=actions,
        findings=findings,
        effects=effects,
        note=t(
            N_(
                "A KPI that moved while an action was done goes with it; it does not prove "
                "the action caused it."
            )
        ),
    )
