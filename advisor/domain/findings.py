"""Findings: every problem the diagnosis found, in one ranked list the plan and the PDF share.

Computed from the project by pure functions: judged churn causes, causes the figures point to,
common mistakes the business makes and failed items of the loyalty audit. The rules that turn
them into findings (severity, themes, journey stage) are the data of the tables they come from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.domain.churn_causes import (
    CAUSES,
    Cause,
    DataSuggestion,
    data_suggestions,
    is_controllable,
    known_symptoms,
)
from advisor.domain.finding import Finding, FindingSeverity, FindingSource
from advisor.domain.journey_diagnosis import stage_findings
from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.mistakes import MISTAKES
from advisor.domain.project import JourneyMap, Project, Severity
from advisor.domain.retention_type import diagnose_project
from advisor.i18n import N_
from advisor.i18n.message import Message

if TYPE_CHECKING:
    from advisor.domain.kpis import KpiContext


def _text(text: str) -> Message:
    """The user's own words, never translated."""
    return Message("{text}", (("text", text),))


def stage_for(journey: JourneyMap, words: tuple[str, ...]) -> str | None:
    """The first journey stage whose id or name contains one of ``words``."""
    for stage in journey.stages:
        haystack = f"{stage.id} {stage.name}".lower()
        if any(word in haystack for word in words):
            return stage.id
    return None


_CAUSE_SEVERITY = {
    (Severity.STRONGLY, True): FindingSeverity.HIGH,
    (Severity.STRONGLY, False): FindingSeverity.MEDIUM,
    (Severity.SOMEWHAT, True): FindingSeverity.MEDIUM,
    (Severity.SOMEWHAT, False): FindingSeverity.LOW,
}
_CAUSE_TITLES = {
    Severity.STRONGLY: N_("“{cause}” drives customers away strongly"),
    Severity.SOMEWHAT: N_("“{cause}” drives some customers away"),
}


def _cause_finding(project: Project, cause: Cause, hints: list[DataSuggestion]) -> Finding | None:
    check = project.churn.causes.get(cause.id)
    severity = check.severity if check else None
    stage = stage_for(project.journey, cause.stage_words)
    hint_lines = tuple(h.message for h in hints)
    if check is not None and severity in (Severity.STRONGLY, Severity.SOMEWHAT):
        controllable = is_controllable(cause.id, check)
        evidence = tuple(Message(cause.symptoms[s]) for s in known_symptoms(cause.id, check))
        if check.evidence.strip():
            evidence += (_text(check.evidence.strip()),)
        return Finding(
            f"cause.{cause.id}",
            _CAUSE_SEVERITY[(severity, controllable)],
            Message.of(_CAUSE_TITLES[severity], cause=Message(cause.title)),
            evidence + hint_lines,
            stage,
            cause.themes,
            FindingSource.CAUSE,
            controllable,
            Message(cause.what_to_do),
        )
    if hints:
        judged_none = severity == Severity.NONE
        title = (
            N_("Your figures point to “{cause}”, which you judged not to apply")
            if judged_none
            else N_("Your figures point to “{cause}”")
        )
        return Finding(
            f"data.{cause.id}",
            FindingSeverity.LOW if judged_none else FindingSeverity.MEDIUM,
            Message.of(title, cause=Message(cause.title)),
            hint_lines,
            stage,
            cause.themes,
            FindingSource.DATA,
            is_controllable(cause.id, check),
            Message(cause.what_to_do),
        )
    return None


_SEVERITY_RANK = {FindingSeverity.HIGH: 0, FindingSeverity.MEDIUM: 1, FindingSeverity.LOW: 2}
_SOURCE_RANK = {s: i for i, s in enumerate(FindingSource)}


def findings(project: Project, context: KpiContext) -> list[Finding]:
    """Every finding of the diagnosis, most serious first; within a severity, what the business
    can act on comes before what it cannot, then causes, data, mistakes, loyalty and the
    journey's painful stages."""
    found: list[Finding] = []
    suggestions = data_suggestions(project.kpi_periods, context, diagnose_project(project))
    for cause in CAUSES:
        finding = _cause_finding(project, cause, suggestions.get(cause.id, []))
        if finding is not None:
            found.append(finding)
    made = set(project.churn.mistakes)
    for mistake in MISTAKES:
        if mistake.id in made:
            found.append(
                Finding(
                    f"mistake.{mistake.id}",
                    FindingSeverity(mistake.severity),
                    Message.of(N_("Common mistake: {mistake}"), mistake=Message(mistake.title)),
                    (Message(mistake.help),),
                    None,
                    mistake.themes,
                    FindingSource.MISTAKE,
                )
            )
    if project.churn.has_loyalty_programme:
        audit = project.churn.loyalty_audit
        for item in AUDIT_ITEMS:
            if audit.get(item.id) is False:
                found.append(
                    Finding(
                        f"loyalty.{item.id}",
                        FindingSeverity(item.severity),
                        Message.of(
                            N_("Loyalty programme falls short: {item}"), item=Message(item.problem)
                        ),
                        (Message(item.help),),
                        None,
                        ("loyalty",),
                        FindingSource.LOYALTY,
                    )
                )
    found.extend(stage_findings(project.journey))
    order = {f.id: i for i, f in enumerate(found)}
    found.sort(
        key=lambda f: (
            _SEVERITY_RANK[f.severity],
            not f.actionable,
            _SOURCE_RANK[f.source],
            order[f.id],
        )
    )
    return found
