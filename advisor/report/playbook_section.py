"""The playbooks behind the plan's actions: why each action (the playbook's reason, with the
business's own figures), its effort, and the chosen playbooks in full for the appendix."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.domain.kpis import KpiContext
from advisor.domain.project import Project
from advisor.domain.themes import THEME_NAMES
from advisor.i18n import N_, translator

if TYPE_CHECKING:  # the library loads only for a plan that names playbooks
    from advisor.domain.playbook_text import TextContext
    from advisor.domain.playbooks import Playbook
    from advisor.domain.targets import LatestKpis

OPERATOR_SIGNS = {"<=": "≤", ">=": "≥", "<": "<", ">": ">"}


@dataclass(frozen=True)
class PlaybookText:
    """One playbook in the report's language, templates filled with the business's figures."""

    id: str
    title: str
    theme: str
    reason: str  # "Why: …" from matching, the findings that call for it; "" if none
    summary: str
    why: str
    effort: str  # "●●○○○"
    facts: str  # "Effort ●●○○○ · impact ●●●●○ · first results in 30 days"
    steps: tuple[str, ...]
    targets: tuple[str, ...]
    tools: tuple[str, ...]
    pitfalls: tuple[str, ...]
    ethics: str


def dots(score: int) -> str:
    """A 1–5 score as filled and empty dots, readable in black and white."""
    score = max(0, min(5, score))
    return "●" * score + "○" * (5 - score)


def _render(text: str, context: TextContext) -> str:
    from advisor.domain.playbook_text import TemplateRefused, render_text

    try:
        return render_text(text, context)
    except TemplateRefused:
        return ""  # a broken user template never stops the export; `playbooks check` names it


def chosen_playbooks(
    project: Project,
    language: str,
    kpi_values: Mapping[str, float | None],
    user_folder: Path | None = None,
    kpi_context: KpiContext | None = None,
) -> dict[str, PlaybookText]:
    """The playbooks the plan's actions come from, by id, in the order of the actions, each
    with the reason matching found for it in this business's diagnosis."""
    wanted = [a.playbook_id for a in project.plan.actions if a.playbook_id]
    if not wanted:
        return {}
    from advisor.domain.matching import recommend
    from advisor.domain.matching_input import diagnosis_input
    from advisor.domain.playbook_text import TextContext, business_facts
    from advisor.domain.playbooks import REVIEW_RITUAL
    from advisor.storage.references import project_context

    library = _library(wanted, user_folder)
    context = TextContext(
        language,
        project.profile.currency,
        kpi_values,
        business_facts(project.profile),
    )
    diagnosis = diagnosis_input(project, kpi_context or project_context(project))
    chosen: dict[str, PlaybookText] = {}
    for playbook_id in wanted:
        playbook = library.get(playbook_id)
        if playbook is not None and playbook_id not in chosen:
            matched = recommend([playbook], diagnosis)
            reason = matched[0].reason_line(language, project.profile.currency) if matched else ""
            if playbook_id == REVIEW_RITUAL:
                reason = translator(language).gettext(RITUAL_REASON)
            text = _text(playbook, language, context, diagnosis.latest())
            chosen[playbook_id] = replace(text, reason=reason)
    return chosen


#: Why the review ritual is in the plan: it is never matched, it belongs to every plan.
RITUAL_REASON = N_(
    "Why: the regular review belongs to every plan, to check that the other actions move "
    "their figures."
)


def _library(ids: list[str], user_folder: Path | None) -> Mapping[str, Playbook]:
    """The playbooks ``ids``: read one file each when the bundled files are named by their id
    (they are; 18 ms instead of 160 ms for the whole library), else the whole library. An id
    is only ever looked up: a text that cannot be an id (a path, ``..``) opens no file."""
    from advisor.domain.playbooks import by_id
    from advisor.paths import PLAYBOOKS
    from advisor.storage.playbooks import load_library, playbook_file, read_playbook

    if user_folder is None:
        found = {}
        for playbook_id in dict.fromkeys(ids):
            path = playbook_file(PLAYBOOKS, playbook_id)
            if path is None:
                continue  # an id from a file is an id, never a path: no playbook has it
            # a missing file is a problem, not an error; the bundled templates are filled for
            # every sample business by the test suite, not again for each export
            playbook = read_playbook(path, try_templates=False)[0]
            if playbook is None or playbook.id != playbook_id:
                break  # not named by its id, or gone: look through the whole library
            found[playbook_id] = playbook
        else:
            return found
    return by_id(load_library(user_folder).playbooks)


def _text(
    playbook: Playbook, language: str, context: TextContext, latest: LatestKpis
) -> PlaybookText:

    gettext = translator(language).gettext
    day = gettext(N_("Day {day}"))
    steps = []
    for step in playbook.steps:
        line = gettext(N_("{label}: {text}")).format(
            label=day.format(day=step.delay_days), text=_render(step.title.get(language), context)
        )
        if step.detail is not None:
            line += f" — {_render(step.detail.get(language), context)}"
        steps.append(line)
    facts = gettext(N_("Effort {effort} · impact {impact} · first results in {days} days")).format(
        effort=dots(playbook.effort), impact=dots(playbook.impact), days=playbook.horizon
    )
    return PlaybookText(
        id=playbook.id,
        reason="",
        title=_render(playbook.title.get(language), context),
        theme=gettext(THEME_NAMES.get(playbook.theme, playbook.theme)),
        summary=_render(playbook.summary.get(language), context),
        why=_render(playbook.why.get(language), context),
        effort=dots(playbook.effort),
        facts=facts,
        steps=tuple(steps),
        targets=tuple(
            latest.target_text(k, language, playbook.horizon)
            for k in latest.applicable(playbook.track)
        ),
        tools=playbook.tools.get(language),
        pitfalls=playbook.pitfalls.get(language),
        ethics=_render(playbook.ethics.get(language), context) if playbook.ethics else "",
    )
