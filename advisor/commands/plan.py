"""``retention-advisor plan PROJECT [--json]``: the diagnosis of a project without a window —
the retention type with its scores, the ranked findings the action plan addresses, the
playbooks recommended for them with their reasons, and the actions chosen so far."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from advisor.commands.tables import add_table_arguments, write_tables
from advisor.domain.finding import FINDING_SEVERITY_NAMES, Finding
from advisor.domain.findings import findings
from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.matching import Recommendation, recommend
from advisor.domain.matching_input import diagnosis_input
from advisor.domain.plan_edits import ACTION_STATUS_NAMES
from advisor.domain.playbooks import REVIEW_RITUAL
from advisor.domain.project import ActionPlan
from advisor.domain.retention_advice import ONE_OFF_DESCRIPTION, ONE_OFF_TITLE, kpis_to_watch
from advisor.domain.retention_questionnaire import TYPE_NAMES
from advisor.domain.retention_type import CONFIDENCE_NAMES, Diagnosis, diagnose_project
from advisor.domain.schema import to_plain
from advisor.domain.themes import THEME_NAMES
from advisor.errors import InputError
from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_date, format_number, format_percent, join_clauses
from advisor.sheets.project_tables import plan_sheet
from advisor.storage.playbooks import load_library
from advisor.storage.project_file import load_project
from advisor.storage.references import project_context


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=_("a .retention project file"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    parser.add_argument(
        "--playbooks",
        type=Path,
        metavar="FOLDER",
        help=_("your own playbooks, added to the bundled ones (same id: yours wins)"),
    )
    add_table_arguments(parser, _("the action plan"))
    parser.add_argument(
        "--ics",
        type=Path,
        metavar="OUT",
        help=_("write the actions and the review meeting as a calendar file (.ics)"),
    )


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    language = current_language()
    currency = project.profile.currency
    diagnosis = diagnose_project(project)
    context = project_context(project)
    found = findings(project, context)
    library = load_library(args.playbooks)
    if args.playbooks is not None and library.problems:
        raise InputError(str(library.problems[0]) + _(" (playbooks check FOLDER lists them all)"))
    recommended = recommend(library.playbooks, diagnosis_input(project, context))
    ritual = library.get(REVIEW_RITUAL)
    write_tables(args, lambda: plan_sheet(project, language, args.playbooks), currency)
    if args.ics is not None:
        from advisor.storage.calendar import plan_calendar, write_calendar

        playbooks = {p.id: p for p in library.playbooks}
        write_calendar(
            args.ics, plan_calendar(project, language, playbooks, dt.datetime.now(dt.UTC))
        )
    if args.json:
        data = _as_json(diagnosis, found, language, currency)
        data["playbooks"] = [_recommendation_json(r, language, currency) for r in recommended]
        data["every_plan"] = (
            [{"id": ritual.id, "title": ritual.title.get(language)}] if ritual else []
        )
        data["plan"] = _plan_json(project.plan)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print("\n".join(_type_lines(diagnosis, language)))
    print()
    print(_("Findings ({n}), most serious first:").format(n=len(found)))
    for number, finding in enumerate(found, 1):
        severity = _(FINDING_SEVERITY_NAMES[finding.severity])
        print(f"{number:>3}. [{severity}] {finding.title.render(language, currency)}")
        for line in finding.evidence:
            print(f"       - {line.render(language, currency)}")
        themes = ", ".join(_(THEME_NAMES[t]) for t in finding.themes)
        if themes:
            print("       " + _("Themes: {themes}").format(themes=themes))
    print()
    print("\n".join(_playbook_lines(recommended, language, currency)))
    if ritual is not None:
        print(
            "     "
            + _("Every plan also holds: {title} ({id})").format(
                title=ritual.title.get(language), id=ritual.id
            )
        )
    print()
    print("\n".join(_plan_lines(project.plan, language)))
    return 0


def _playbook_lines(recommended: list[Recommendation], language: str, currency: str) -> list[str]:
    if not recommended:
        return [_("Recommended playbooks: none yet (the diagnosis found nothing to act on).")]
    lines = [
        _("Recommended playbooks ({n}), best first:").format(n=len(recommended)),
    ]
    for number, item in enumerate(recommended, 1):
        playbook = item.playbook
        facts = _("score {score}, impact {impact}/5, effort {effort}/5, {days} days").format(
            score=format_number(item.score, language, 1),
            impact=playbook.impact,
            effort=playbook.effort,
            days=playbook.horizon,
        )
        lines.append(f"{number:>3}. {playbook.title.get(language)} ({playbook.id}) — {facts}")
        lines.append(f"       {item.reason_line(language, currency)}")
    return lines


def _plan_lines(plan: ActionPlan, language: str) -> list[str]:
    def date(value: dt.date | None) -> str:
        return format_date(value, language) if value else _("not set")

    lines = [
        _("Action plan: {n} actions, started {start}, review {review}").format(
            n=len(plan.actions), start=date(plan.start), review=date(plan.review_date)
        )
    ]
    for action in plan.actions:
        status = _(ACTION_STATUS_NAMES[action.status])
        lines.append(f"  - [{status}] {action.title}")
        details = [
            _("owner: {owner}").format(owner=action.owner or "—"),
            _("due: {due}").format(due=date(action.due)),
        ]
        if action.kpi_target:
            details.append(_("target: {target}").format(target=action.kpi_target))
        if action.playbook_id:
            details.append(_("playbook: {id}").format(id=action.playbook_id))
        lines.append("      " + join_clauses(details, language))
    return lines


def _recommendation_json(item: Recommendation, language: str, currency: str) -> dict[str, Any]:
    playbook = item.playbook
    return {
        "id": playbook.id,
        "title": playbook.title.get(language),
        "theme": playbook.theme,
        "score": item.score,
        "urgency": item.urgency,
        "impact": playbook.impact,
        "effort": playbook.effort,
        "horizon_days": playbook.horizon,
        "reason": item.reason_line(language, currency),
        "reasons": [r.message.render(language, currency) for r in item.reasons],
        "fairness": item.fairness,
        "user_playbook": playbook.user,
    }


def _plan_json(plan: ActionPlan) -> dict[str, Any]:
    plain = to_plain(plan)
    assert isinstance(plain, dict)
    return plain


def _type_lines(diagnosis: Diagnosis, language: str) -> list[str]:
    if diagnosis.main is None or diagnosis.confidence is None:
        return [_("Retention type: not diagnosed yet (no answer).")]
    scores = ", ".join(
        f"{_(TYPE_NAMES[kind])} {format_percent(score, language, 0)}"
        for kind, score in diagnosis.scores.items()
    )
    lines = [
        _("Retention type: {type} ({confidence})").format(
            type=_(TYPE_NAMES[diagnosis.main]), confidence=_(CONFIDENCE_NAMES[diagnosis.confidence])
        ),
        "  " + scores,
    ]
    if diagnosis.tied:
        tied = ", ".join(_(TYPE_NAMES[kind]) for kind in diagnosis.tied)
        lines.append("  " + _("Tied: {types}").format(types=tied))
    for driver in diagnosis.drivers:
        lines.append(
            "  "
            + _("Decided by: {question} → {answer}").format(
                question=_(driver.question.text), answer=_(driver.answer.text)
            )
        )
    if diagnosis.one_off:
        lines += ["  " + _(ONE_OFF_TITLE), "    " + _(ONE_OFF_DESCRIPTION)]
    kpis = ", ".join(_(BY_ID[k].title) for k in kpis_to_watch(diagnosis))
    lines.append("  " + _("KPIs to watch: {kpis}").format(kpis=kpis))
    return lines


def _as_json(
    diagnosis: Diagnosis, found: list[Finding], language: str, currency: str
) -> dict[str, Any]:
    return {
        "retention_type": {
            "main": diagnosis.main.value if diagnosis.main else None,
            "confidence": diagnosis.confidence.value if diagnosis.confidence else None,
            "scores": {kind.value: round(score, 1) for kind, score in diagnosis.scores.items()},
            "tied": [kind.value for kind in diagnosis.tied],
            "answered": diagnosis.answered,
            "suggested": diagnosis.suggested,
            "drivers": [
                {"question": d.question_id, "answer": d.answer_id, "suggested": d.suggested}
                for d in diagnosis.drivers
            ],
            "one_off": diagnosis.one_off,
            "kpis": list(kpis_to_watch(diagnosis)),
        },
        "findings": [
            {
                "id": f.id,
                "severity": f.severity.value,
                "title": f.title.render(language, currency),
                "evidence": [line.render(language, currency) for line in f.evidence],
                "stage_id": f.stage_id,
                "themes": list(f.themes),
                "actionable": f.actionable,
                "source": f.source.value,
            }
            for f in found
        ],
    }
