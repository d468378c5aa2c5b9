"""Edits of the customer journey map, each returning the edit that undoes it exactly.

Stages and touchpoints are addressed by id, not by position, so an edit stays meaningful while
the board is rearranged. Every value is checked before anything changes: a refused edit leaves
the map as it was. Moves made while dragging one card share a ``gesture`` number, so the
undo stack merges them into one step.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from advisor.domain.journey import (
    all_touchpoints,
    check_journey,
    check_kpi,
    check_stage_name,
    find_stage,
    find_touchpoint,
    stage_index,
)
from advisor.domain.project import JourneyMap, JourneyStage, Project, Touchpoint
from advisor.domain.schema import SchemaError, check_field
from advisor.i18n import N_, _

STAGE_FIELD_LABELS: dict[str, str] = {
    "name": N_("Stage name"),
    "customer_goal": N_("What the customer tries to do"),
    "emotion": N_("Emotion (as-is)"),
    "emotion_to_be": N_("Emotion (to-be)"),
    "frictions": N_("Friction points"),
    "opportunities": N_("Opportunities"),
    "owner": N_("Owner"),
    "moment_of_truth": N_("Moment of truth"),
    "kpi": N_("KPI measured here"),
}

TOUCHPOINT_FIELD_LABELS: dict[str, str] = {
    "channel": N_("Channel"),
    "description": N_("Description"),
}


def clean_lines(lines: list[str]) -> list[str]:
    """One entry per non-blank line, without surrounding blanks (frictions, opportunities)."""
    return [line.strip() for line in lines if line.strip()]


def _missing(kind: str, ident: str) -> SchemaError:
    return SchemaError("journey", _("there is no {kind} “{id}”").format(kind=_(kind), id=ident))


def _stage(project: Project, stage_id: str) -> JourneyStage:
    try:
        return find_stage(project.journey, stage_id)
    except KeyError:
        raise _missing(N_("stage"), stage_id) from None


def _touchpoint(project: Project, touchpoint_id: str) -> tuple[JourneyStage, int]:
    try:
        return find_touchpoint(project.journey, touchpoint_id)
    except KeyError:
        raise _missing(N_("touchpoint"), touchpoint_id) from None


@dataclass(frozen=True)
class ReplaceJourney:
    """Put a whole map in place (start from a template or from scratch)."""

    journey: JourneyMap
    title: str = N_("Start the journey from a template")

    @property
    def merge_key(self) -> str:
        return f"replace-journey-{id(self)}"

    def apply(self, project: Project) -> ReplaceJourney:
        new = copy.deepcopy(self.journey)
        check_journey(new)
        old = project.journey
        project.journey = new
        return ReplaceJourney(old, self.title)

    def describe(self) -> str:
        return _(self.title)


@dataclass(frozen=True)
class InsertStage:
    """Insert ``stage`` (with its touchpoints) at ``index``."""

    index: int
    stage: JourneyStage

    @property
    def merge_key(self) -> str:
        return f"insert-stage-{id(self)}"

    def apply(self, project: Project) -> RemoveStage:
        stages = project.journey.stages
        if not 0 <= self.index <= len(stages):
            raise SchemaError("journey.stages", _("no place {index}").format(index=self.index))
        trial = JourneyMap([*stages, copy.deepcopy(self.stage)])
        check_journey(trial)
        stages.insert(self.index, trial.stages[-1])
        return RemoveStage(self.stage.id)

    def describe(self) -> str:
        return _("Add stage")


@dataclass(frozen=True)
class RemoveStage:
    """Remove a stage and its touchpoints (they come back on undo)."""

    stage_id: str

    @property
    def merge_key(self) -> str:
        return f"remove-stage-{id(self)}"

    def apply(self, project: Project) -> InsertStage:
        _stage(project, self.stage_id)
        index = stage_index(project.journey, self.stage_id)
        return InsertStage(index, project.journey.stages.pop(index))

    def describe(self) -> str:
        return _("Remove stage")


@dataclass(frozen=True)
class MoveStage:
    """Move a stage to position ``index`` (counted once it has left its old place)."""

    stage_id: str
    index: int

    @property
    def merge_key(self) -> str:
        return f"move-stage-{id(self)}"

    def apply(self, project: Project) -> MoveStage:
        stages = project.journey.stages
        stage = _stage(project, self.stage_id)
        if not 0 <= self.index < len(stages):
            raise SchemaError("journey.stages", _("no place {index}").format(index=self.index))
        old = stages.index(stage)
        stages.insert(self.index, stages.pop(old))
        return MoveStage(self.stage_id, old)

    def describe(self) -> str:
        return _("Move stage")


@dataclass(frozen=True)
class SetStageField:
    """Set one field of a stage (its name, emotion, frictions, owner, KPI…).

    A KPI must be one the KPI step computes, except when an undo puts back the free text an
    older file held (``restoring``).
    """

    stage_id: str
    name: str
    value: Any
    restoring: bool = field(default=False, compare=False, repr=False)

    @property
    def merge_key(self) -> str:
        return f"journey.{self.stage_id}.{self.name}"

    def apply(self, project: Project) -> SetStageField:
        stage = _stage(project, self.stage_id)
        index = project.journey.stages.index(stage)
        path = f"journey.stages[{index}]"
        if self.name not in STAGE_FIELD_LABELS:
            raise SchemaError(f"{path}.{self.name}", _("this field cannot be edited"))
        value = check_field(JourneyStage, self.name, self.value, path)
        if self.name == "name":
            value = check_stage_name(value, f"{path}.name")
        elif self.name == "kpi" and not self.restoring:
            value = check_kpi(value, f"{path}.kpi")
        elif self.name in ("frictions", "opportunities"):
            value = clean_lines(value)
        old = getattr(stage, self.name)
        setattr(stage, self.name, value)
        return SetStageField(self.stage_id, self.name, copy.copy(old), restoring=True)

    def describe(self) -> str:
        return _("Edit {field}").format(field=_(STAGE_FIELD_LABELS[self.name]).lower())


@dataclass(frozen=True)
class InsertTouchpoint:
    """Insert ``touchpoint`` into a stage at ``index``."""

    stage_id: str
    index: int
    touchpoint: Touchpoint

    @property
    def merge_key(self) -> str:
        return f"insert-touchpoint-{id(self)}"

    def apply(self, project: Project) -> RemoveTouchpoint:
        stage = _stage(project, self.stage_id)
        if not 0 <= self.index <= len(stage.touchpoints):
            raise SchemaError("journey.stages", _("no place {index}").format(index=self.index))
        touchpoint = copy.deepcopy(self.touchpoint)
        check_field(Touchpoint, "channel", touchpoint.channel, "touchpoint")
        if not touchpoint.id.strip():
            raise SchemaError("touchpoint.id", _("a touchpoint needs an id"))
        if any(t.id == touchpoint.id for t in all_touchpoints(project.journey)):
            raise SchemaError(
                "touchpoint.id", _("the id “{id}” is used twice").format(id=touchpoint.id)
            )
        stage.touchpoints.insert(self.index, touchpoint)
        return RemoveTouchpoint(touchpoint.id)

    def describe(self) -> str:
        return _("Add touchpoint")


@dataclass(frozen=True)
class RemoveTouchpoint:
    """Remove a touchpoint (it comes back in the same place on undo)."""

    touchpoint_id: str

    @property
    def merge_key(self) -> str:
        return f"remove-touchpoint-{id(self)}"

    def apply(self, project: Project) -> InsertTouchpoint:
        stage, index = _touchpoint(project, self.touchpoint_id)
        return InsertTouchpoint(stage.id, index, stage.touchpoints.pop(index))

    def describe(self) -> str:
        return _("Remove touchpoint")


@dataclass(frozen=True)
class MoveTouchpoint:
    """Move a touchpoint to position ``index`` of a stage (the same or another one).

    Moves with the same ``gesture`` (one drag on the board) merge into one undo step.
    """

    touchpoint_id: str
    stage_id: str
    index: int
    gesture: int = 0

    @property
    def merge_key(self) -> str:
        return f"move-touchpoint-{self.touchpoint_id}-{self.gesture}"

    def apply(self, project: Project) -> MoveTouchpoint:
        source, old_index = _touchpoint(project, self.touchpoint_id)
        target = _stage(project, self.stage_id)
        room = len(target.touchpoints) - (1 if target is source else 0)
        if not 0 <= self.index <= room:
            raise SchemaError("journey.stages", _("no place {index}").format(index=self.index))
        target.touchpoints.insert(self.index, source.touchpoints.pop(old_index))
        return MoveTouchpoint(self.touchpoint_id, source.id, old_index, self.gesture)

    def describe(self) -> str:
        return _("Move touchpoint")


@dataclass(frozen=True)
class SetTouchpointField:
    """Set the channel or the description of a touchpoint."""

    touchpoint_id: str
    name: str
    value: Any

    @property
    def merge_key(self) -> str:
        return f"touchpoint.{self.touchpoint_id}.{self.name}"

    def apply(self, project: Project) -> SetTouchpointField:
        stage, index = _touchpoint(project, self.touchpoint_id)
        if self.name not in TOUCHPOINT_FIELD_LABELS:
            raise SchemaError(f"touchpoint.{self.name}", _("this field cannot be edited"))
        value = check_field(Touchpoint, self.name, self.value, "touchpoint")
        touchpoint = stage.touchpoints[index]
        old = getattr(touchpoint, self.name)
        setattr(touchpoint, self.name, value)
        return SetTouchpointField(self.touchpoint_id, self.name, old)

    def describe(self) -> str:
        return _("Edit {field}").format(field=_(TOUCHPOINT_FIELD_LABELS[self.name]).lower())
