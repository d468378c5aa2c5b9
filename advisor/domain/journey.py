"""Reading the customer journey map: lookups, new ids, the checks a map must pass, and the
findings it feeds to the diagnosis (stages where customers feel bad and something gets in the
way)."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.project import Channel, JourneyMap, JourneyStage, Touchpoint
from advisor.domain.schema import SchemaError
from advisor.i18n import N_, _

#: KPI ids a stage may name as "measured here".
KPI_IDS: frozenset[str] = frozenset(definition.id for definition in DEFINITIONS)

#: The KPI step's name for each KPI id (untranslated).
KPI_TITLES: dict[str, str] = {definition.id: definition.title for definition in DEFINITIONS}

CHANNEL_LABELS: dict[Channel, str] = {
    Channel.WEBSITE: N_("Website"),
    Channel.SOCIAL: N_("Social media"),
    Channel.EMAIL: N_("E-mail"),
    Channel.SHOP: N_("Shop"),
    Channel.PHONE: N_("Phone"),
    Channel.CHAT: N_("Chat"),
    Channel.DELIVERY: N_("Delivery"),
    Channel.INVOICE: N_("Invoice"),
    Channel.OTHER: N_("Other"),
}

EMOTION_LABELS: dict[int, str] = {
    -2: N_("Very negative"),
    -1: N_("Negative"),
    0: N_("Neutral"),
    1: N_("Positive"),
    2: N_("Very positive"),
}


def stage_index(journey: JourneyMap, stage_id: str) -> int:
    """The position of the stage ``stage_id``; raises ``KeyError`` if there is none."""
    for index, stage in enumerate(journey.stages):
        if stage.id == stage_id:
            return index
    raise KeyError(stage_id)


def find_stage(journey: JourneyMap, stage_id: str) -> JourneyStage:
    return journey.stages[stage_index(journey, stage_id)]


def find_touchpoint(journey: JourneyMap, touchpoint_id: str) -> tuple[JourneyStage, int]:
    """The stage holding ``touchpoint_id`` and its position there; ``KeyError`` if none does."""
    for stage in journey.stages:
        for index, touchpoint in enumerate(stage.touchpoints):
            if touchpoint.id == touchpoint_id:
                return stage, index
    raise KeyError(touchpoint_id)


def all_touchpoints(journey: JourneyMap) -> list[Touchpoint]:
    return [touchpoint for stage in journey.stages for touchpoint in stage.touchpoints]


def new_id(prefix: str, taken: set[str]) -> str:
    """The first ``prefix-N`` not in ``taken`` (ids stay short and readable in the file)."""
    number = len(taken) + 1
    while f"{prefix}-{number}" in taken:
        number += 1
    return f"{prefix}-{number}"


def new_stage_id(journey: JourneyMap) -> str:
    return new_id("s", {stage.id for stage in journey.stages})


def new_touchpoint_id(journey: JourneyMap) -> str:
    return new_id("t", {touchpoint.id for touchpoint in all_touchpoints(journey)})


def check_stage_name(name: str, path: str) -> str:
    """``name`` without surrounding blanks; a stage without a name is refused."""
    if not isinstance(name, str) or not name.strip():
        raise SchemaError(path, _("a stage needs a name"))
    return name.strip()


def check_kpi(kpi: str, path: str) -> str:
    """An empty text or one of the KPI ids of the KPI step."""
    if kpi and kpi not in KPI_IDS:
        raise SchemaError(
            path, _("“{value}” is not a KPI this application computes").format(value=kpi)
        )
    return kpi


def check_journey(journey: JourneyMap, path: str = "journey") -> None:
    """Raise :class:`SchemaError` naming the field when the map breaks a rule the schema
    cannot express: unique stage and touchpoint ids, and every stage named.

    Files written before KPIs were chosen from a list may hold free text in ``kpi``; it is
    kept and shown as written, so it is not checked here.
    """
    stage_ids: set[str] = set()
    touchpoint_ids: set[str] = set()
    for s, stage in enumerate(journey.stages):
        where = f"{path}.stages[{s}]"
        if not stage.id.strip():
            raise SchemaError(f"{where}.id", _("a stage needs an id"))
        if stage.id in stage_ids:
            raise SchemaError(f"{where}.id", _("the id “{id}” is used twice").format(id=stage.id))
        stage_ids.add(stage.id)
        check_stage_name(stage.name, f"{where}.name")
        for t, touchpoint in enumerate(stage.touchpoints):
            tp_where = f"{where}.touchpoints[{t}].id"
            if not touchpoint.id.strip():
                raise SchemaError(tp_where, _("a touchpoint needs an id"))
            if touchpoint.id in touchpoint_ids:
                raise SchemaError(
                    tp_where, _("the id “{id}” is used twice").format(id=touchpoint.id)
                )
            touchpoint_ids.add(touchpoint.id)


@dataclass(frozen=True)
class JourneyFinding:
    """A stage where customers feel bad (as-is emotion below zero) and meet friction points.

    A small typed record until the diagnosis's common findings model exists; the plan can
    address it by the stage id.
    """

    stage_id: str
    stage_name: str
    emotion: int
    frictions: tuple[str, ...]
    moment_of_truth: bool


def journey_findings(journey: JourneyMap) -> list[JourneyFinding]:
    """Stages with a negative as-is emotion and at least one friction point, worst first
    (then moments of truth first, then in journey order)."""
    found = [
        JourneyFinding(
            stage.id, stage.name, stage.emotion, tuple(stage.frictions), stage.moment_of_truth
        )
        for stage in journey.stages
        if stage.emotion is not None and stage.emotion < 0 and stage.frictions
    ]
    order = {stage.id: i for i, stage in enumerate(journey.stages)}
    return sorted(found, key=lambda f: (f.emotion, not f.moment_of_truth, order[f.stage_id]))


@dataclass(frozen=True)
class JourneyTemplate:
    """A ready-made journey for one kind of business, in every language the product speaks."""

    id: str
    titles: dict[str, str]
    journeys: dict[str, JourneyMap]

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles["en"]

    def journey(self, language: str) -> JourneyMap:
        """A fresh copy of the template's map in ``language`` (English if it has no such)."""
        return copy.deepcopy(self.journeys.get(language) or self.journeys["en"])
