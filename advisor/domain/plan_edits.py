"""Edits of the action plan, each returning its inverse (the ``Edit`` protocol of
``advisor.domain.edits``): picking a playbook, editing, adding, removing and moving actions,
the plan's start and review dates. Actions are addressed by id, never by position alone."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor.domain.edits import Edit
from advisor.domain.kpis import KpiResult
from advisor.domain.playbooks import Playbook
from advisor.domain.project import ActionPlan, ActionStatus, PlannedAction, Project
from advisor.domain.schema import check_field
from advisor.domain.targets import target_text
from advisor.i18n import N_, _

ACTION_STATUS_NAMES: dict[ActionStatus, str] = {
    ActionStatus.PLANNED: N_("planned"),
    ActionStatus.IN_PROGRESS: N_("in progress"),
    ActionStatus.DONE: N_("done"),
    ActionStatus.DROPPED: N_("dropped"),
}

ACTION_FIELD_LABELS: dict[str, str] = {
    "title": N_("Action"),
    "owner": N_("Owner"),
    "due": N_("Due"),
    "status": N_("Status"),
    "kpi_target": N_("KPI target"),
    "notes": N_("Notes"),
}


def _index(project: Project, action_id: str) -> int:
    for index, action in enumerate(project.plan.actions):
        if action.id == action_id:
            return index
    raise KeyError(action_id)


def new_action_id(plan: ActionPlan, stem: str = "a") -> str:
    """An id no action of ``plan`` uses yet: ``stem-1``, ``stem-2``…"""
    used = {action.id for action in plan.actions}
    number = 1
    while f"{stem}-{number}" in used:
        number += 1
    return f"{stem}-{number}"


def actions_from_playbook(
    playbook: Playbook,
    plan: ActionPlan,
    start: dt.date,
    language: str,
    owner: str = "",
    latest: LatestKpis | None = None,
) -> list[PlannedAction]:
    """One action per step of ``playbook``, due ``start`` + the step's delay, with the
    playbook's first KPI target put in the business's terms; ids new in ``plan``."""
    target = ""
    if playbook.track:
        first = playbook.track[0]
        found = latest.results.get(first.kpi) if latest else None
        months = latest.months if latest else None
        target = target_text(first, language, found, months, latest.ces_scale if latest else 7)
    scratch = ActionPlan(list(plan.actions))
    actions = []
    for step in playbook.steps:
        action = PlannedAction(
            new_action_id(scratch, playbook.id),
            step.title.get(language),
            playbook.id,
            owner,
            start + dt.timedelta(days=step.delay_days),
            kpi_target=target,
        )
        scratch.actions.append(action)
        actions.append(action)
    return actions


@dataclass(frozen=True)
class InsertActions:
    """Insert ``actions`` at ``index`` (a picked playbook, an action added by hand, an undo of
    a removal)."""

    index: int
    actions: tuple[PlannedAction, ...]
    title: str = N_("Add action")

    @property
    def merge_key(self) -> str:
        return f"insert-actions-{id(self)}"

    def apply(self, project: Project) -> RemoveActions:
        index = max(0, min(self.index, len(project.plan.actions)))
        used = {a.id for a in project.plan.actions}
        for offset, action in enumerate(self.actions):
            if action.id in used:
                raise ValueError(f"action id already used: {action.id}")
            project.plan.actions.insert(index + offset, copy.deepcopy(action))
        return RemoveActions(tuple(a.id for a in self.actions), self.title)

    def describe(self) -> str:
        return _(self.title)


@dataclass(frozen=True)
class RemoveActions:
    """Remove the actions with these ids (they come back in place on undo)."""

    ids: tuple[str, ...]
    title: str = N_("Remove action")

    @property
    def merge_key(self) -> str:
        return f"remove-actions-{id(self)}"

    def apply(self, project: Project) -> Edit:
        wanted = set(self.ids)
        positions = [i for i, a in enumerate(project.plan.actions) if a.id in wanted]
        removed = [project.plan.actions[i] for i in positions]
        project.plan.actions[:] = [a for a in project.plan.actions if a.id not in wanted]
        # Removed actions may not have been contiguous: restore each at its old position.
        inverses: list[Edit] = [
            InsertActions(position, (action,), self.title)
            for position, action in zip(positions, removed, strict=True)
        ]
        return _Sequence(tuple(inverses), self.title)

    def describe(self) -> str:
        return _(self.title)


@dataclass(frozen=True)
class _Sequence:
    """Edits applied in order; its inverse applies their inverses in reverse order."""

    edits: tuple[Edit, ...]
    title: str

    @property
    def merge_key(self) -> str:
        return f"sequence-{id(self)}"

    def apply(self, project: Project) -> Edit:
        inverses = [edit.apply(project) for edit in self.edits]
        return _Sequence(tuple(reversed(inverses)), self.title)

    def describe(self) -> str:
        return _(self.title)


@dataclass(frozen=True)
class LatestKpis:
    """The business's latest KPI results, to put a playbook's targets in its terms."""

    results: Mapping[str, KpiResult]
    months: int | None = None
    ces_scale: int = 7


def pick_playbook(
    project: Project,
    playbook: Playbook,
    language: str,
    today: dt.date,
    owner: str = "",
    latest: LatestKpis | None = None,
) -> Edit:
    """The edit that turns ``playbook`` into actions at the end of the plan, sets the plan's
    start to ``today`` when it has none, and can be undone in one step."""
    start = project.plan.start or today
    actions = actions_from_playbook(playbook, project.plan, start, language, owner, latest)
    insert = InsertActions(len(project.plan.actions), tuple(actions), N_("Pick playbook"))
    if project.plan.start is None:
        return _Sequence((SetPlanDate("start", start), insert), N_("Pick playbook"))
    return insert


@dataclass(frozen=True)
class SetActionField:
    """Set one field of one action (typing in the table merges into one undo step)."""

    action_id: str
    name: str
    value: Any

    @property
    def merge_key(self) -> str:
        return f"plan.actions.{self.action_id}.{self.name}"

    def apply(self, project: Project) -> SetActionField:
        if self.name not in ACTION_FIELD_LABELS:
            raise KeyError(self.name)
        index = _index(project, self.action_id)
        action = project.plan.actions[index]
        value = check_field(PlannedAction, self.name, self.value, f"plan.actions[{index}]")
        old = getattr(action, self.name)
        setattr(action, self.name, value)
        return SetActionField(self.action_id, self.name, old)

    def describe(self) -> str:
        return _("Edit {field}").format(field=_(ACTION_FIELD_LABELS[self.name]).lower())


@dataclass(frozen=True)
class MoveAction:
    """Move an action to position ``to`` (reordering the plan)."""

    action_id: str
    to: int

    @property
    def merge_key(self) -> str:
        return f"move-action-{id(self)}"

    def apply(self, project: Project) -> MoveAction:
        actions = project.plan.actions
        index = _index(project, self.action_id)
        to = max(0, min(self.to, len(actions) - 1))
        actions.insert(to, actions.pop(index))
        return MoveAction(self.action_id, index)

    def describe(self) -> str:
        return _("Move action")


@dataclass(frozen=True)
class SetPlanDate:
    """Set the plan's ``start`` or ``review_date``."""

    name: str
    value: dt.date | None

    @property
    def merge_key(self) -> str:
        return f"plan.{self.name}"

    def apply(self, project: Project) -> SetPlanDate:
        if self.name not in ("start", "review_date"):
            raise KeyError(self.name)
        value = check_field(ActionPlan, self.name, self.value, "plan")
        old = getattr(project.plan, self.name)
        setattr(project.plan, self.name, value)
        return SetPlanDate(self.name, old)

    def describe(self) -> str:
        return _("Set the review date") if self.name == "review_date" else _("Set the plan start")
