"""Loading the bundled journey templates (``resources/journey_templates.json``).

The file names a library of typical stages (name, customer goal and touchpoints in English and
French) and, per kind of business, the stages it uses, with what differs from the library.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from advisor.domain.journey import JourneyTemplate, check_journey, check_kpi
from advisor.domain.project import Channel, JourneyMap, JourneyStage, Touchpoint
from advisor.domain.schema import SchemaError
from advisor.paths import RESOURCES

JOURNEY_TEMPLATES = RESOURCES / "journey_templates.json"
TEMPLATE_LANGUAGES = ("en", "fr")


def _text(value: Any, language: str, where: str) -> str:
    if not isinstance(value, dict) or not all(isinstance(value.get(x), str) for x in ("en", "fr")):
        raise SchemaError(where, "expected a text in English and French")
    text: str = value[language]
    return text


def _stage(
    entry: dict[str, Any], library: dict[str, Any], language: str, where: str
) -> JourneyStage:
    key = entry["stage"]
    base = library[key]
    touchpoints = [
        Touchpoint(f"t-{key}-{n}", Channel(channel), en if language == "en" else fr)
        for n, (channel, en, fr) in enumerate(entry.get("touchpoints", base["touchpoints"]), 1)
    ]
    return JourneyStage(
        id=f"s-{key}",
        name=_text(entry.get("name", base["name"]), language, f"{where}.name"),
        customer_goal=_text(entry.get("goal", base["goal"]), language, f"{where}.goal"),
        touchpoints=touchpoints,
        moment_of_truth=bool(entry.get("moment_of_truth", False)),
        kpi=str(entry.get("kpi", "")),
    )


def parse_templates(data: dict[str, Any]) -> tuple[JourneyTemplate, ...]:
    """The templates described by ``data``; raises on anything malformed."""
    library = data["stages"]
    templates = []
    for t, template in enumerate(data["templates"]):
        where = f"templates[{t}]"
        journeys = {}
        for language in TEMPLATE_LANGUAGES:
            journey = JourneyMap(
                [
                    _stage(entry, library, language, f"{where}.stages[{s}]")
                    for s, entry in enumerate(template["stages"])
                ]
            )
            check_journey(journey, f"{where}[{language}]")
            for stage in journey.stages:
                check_kpi(stage.kpi, f"{where}.{stage.id}.kpi")
            journeys[language] = journey
        titles = {x: _text(template["title"], x, f"{where}.title") for x in TEMPLATE_LANGUAGES}
        templates.append(JourneyTemplate(template["id"], titles, journeys))
    return tuple(templates)


@cache
def load_journey_templates(path: Path = JOURNEY_TEMPLATES) -> tuple[JourneyTemplate, ...]:
    """The bundled templates; a damaged file is a bug of ours, so it raises."""
    try:
        return parse_templates(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, SchemaError) as error:
        raise RuntimeError(f"bundled journey templates unreadable: {path}: {error}") from error
