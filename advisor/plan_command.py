"""``retention-advisor plan PROJECT [--json]``: the diagnosis of a project without a window —
the retention type with its scores, and the ranked findings the action plan addresses."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from advisor.domain.findings import FINDING_SEVERITY_NAMES, Finding, findings
from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.retention_type import (
    CONFIDENCE_NAMES,
    TYPE_NAMES,
    Diagnosis,
    diagnose_project,
    kpis_for_type,
)
from advisor.domain.themes import THEME_NAMES
from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_percent
from advisor.storage.project_file import load_project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=_("a .retention project file"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    language = current_language()
    currency = project.profile.currency
    diagnosis = diagnose_project(project)
    found = findings(project)
    if args.json:
        print(
            json.dumps(_as_json(diagnosis, found, language, currency), ensure_ascii=False, indent=2)
        )
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
    return 0


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
    kpis = ", ".join(_(BY_ID[k].title) for k in kpis_for_type(diagnosis.main))
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
            "kpis": list(kpis_for_type(diagnosis.main)) if diagnosis.main else [],
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
