"""Edits of the action plan, each returning its inverse (the ``Edit`` protocol of
``advisor.domain.edits``): picking a playbook, editing, adding, removing and moving actions,
the plan's start and review dates. Actions are addressed by id, never by position alone."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from advisor.domain.edits import Edit
from advisor.domain.playbooks import REVIEW_RITUAL, Playbook
from advisor.domain.project import ActionPlan, ActionStatus, PlannedAction, Project, ReviewRound
from advisor.domain.schema import check_field
from advisor.domain.targets import LatestKpis
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


#: Days from the plan's start before a step's first action is due: a team needs a week to
#: start anything decided in a workshop.
FIRST_DAYS = 7
#: The length of the window the plan's capacity counts new actions in.
WINDOW_DAYS = 30


def same_step(title: str) -> str:
    """A step's title as compared across playbooks (case and spacing ignored)."""
    return " ".join(title.casefold().split())


def _window(plan_start: dt.date, due: dt.date) -> int:
    return max(0, (due - plan_start).days // WINDOW_DAYS)


def actions_from_playbook(
    playbook: Playbook,
    plan: ActionPlan,
    start: dt.date,
    language: str,
    owner: str = "",
    latest: LatestKpis | None = None,
) -> list[PlannedAction]:
    """One action per step of ``playbook`` that the plan does not hold yet (same title), with
    the playbook's first KPI target the business has a figure for, in its terms; ids new in
    ``plan``.

    Steps keep their order and the gaps between them; each is due at least ``FIRST_DAYS``
    after ``start``, and moves to a later 30-day window when the plan already holds
    ``plan.capacity`` actions due in its own (a small team starts only so much a month)."""
    known = latest or LatestKpis()
    first = known.first_measured(playbook.track)
    target = known.target_text(first, language, playbook.horizon) if first else ""
    held = {same_step(a.title) for a in plan.actions}
    load: dict[int, int] = {}
    for action in plan.actions:
        counted = action.playbook_id != REVIEW_RITUAL and action.status != ActionStatus.DROPPED
        if action.due is not None and counted:
            window = _window(start, action.due)
            load[window] = load.get(window, 0) + 1
    scratch = ActionPlan(list(plan.actions))
    actions = []
    previous: tuple[int, dt.date] | None = None
    for step in playbook.steps:
        title = step.title.get(language)
        if same_step(title) in held:
            continue
        due = start + dt.timedelta(days=max(step.delay_days, FIRST_DAYS))
        if previous is not None:
            gap = dt.timedelta(days=step.delay_days - previous[0])
            due = max(due, previous[1] + gap)
        while playbook.id != REVIEW_RITUAL and load.get(_window(start, due), 0) >= plan.capacity:
            window = _window(start, due) + 1
            due = max(due, start + dt.timedelta(days=window * WINDOW_DAYS))
        load[_window(start, due)] = load.get(_window(start, due), 0) + 1
        previous = (step.delay_days, due)
        held.add(same_step(title))
        action = PlannedAction(
            new_action_id(scratch, playbook.id),
            title,
            playbook.id,
            owner,
            due,
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


def pick_playbook(
    project: Project,
    playbook: Playbook,
    language: str,
    today: dt.date,
    owner: str = "",
    latest: LatestKpis | None = None,
    ritual: Playbook | None = None,
) -> Edit:
    """The edit that turns ``playbook`` into actions at the end of the plan, sets the plan's
    start to ``today`` when it has none, and can be undone in one step. ``ritual`` (the review
    ritual) comes along with the first playbook picked into a plan that lacks it."""
    plan = project.plan
    start = plan.start or today
    scratch = ActionPlan(list(plan.actions), plan.review_date, start, plan.capacity)
    actions: list[PlannedAction] = []
    if (
        ritual is not None
        and ritual.id != playbook.id
        and not any(a.playbook_id == ritual.id for a in plan.actions)
    ):
        actions += actions_from_playbook(ritual, scratch, start, language, owner, latest)
        scratch.actions += actions
    actions += actions_from_playbook(playbook, scratch, start, language, owner, latest)
    insert = InsertActions(len(plan.actions), tuple(actions), N_("Pick playbook"))
    if plan.start is None:
        return _Sequence((SetPlanField("start", start), insert), N_("Pick playbook"))
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
class SetPlanField:
    """Set the plan's ``start``, ``review_date``, ``capacity`` or ``retention_gain_points``."""

    name: str
    value: dt.date | int | float | None

    @property
    def merge_key(self) -> str:
        return f"plan.{self.name}"

    def apply(self, project: Project) -> SetPlanField:
        if self.name not in ("start", "review_date", "capacity", "retention_gain_points"):
            raise KeyError(self.name)
        value = check_field(ActionPlan, self.name, self.value, "plan")
        old = getattr(project.plan, self.name)
        setattr(project.plan, self.name, value)
        return SetPlanField(self.name, old)

    def describe(self) -> str:
        if self.name == "capacity":
            return _("Set the actions a month")
        if self.name == "retention_gain_points":
            return _("Set the retention gain")
        return _("Set the review date") if self.name == "review_date" else _("Set the plan start")


@dataclass(frozen=True)
class AddReviewRound:
    """Record a review round (what the project stands at today)."""

    round: ReviewRound

    @property
    def merge_key(self) -> str:
        return f"review-round-{id(self)}"

    def apply(self, project: Project) -> RemoveLastReviewRound:
        project.reviews.append(copy.deepcopy(self.round))
        return RemoveLastReviewRound()

    def describe(self) -> str:
        return _("Start a review round")


@dataclass(frozen=True)
class RemoveLastReviewRound:
    """Take the last review round back (the inverse of :class:`AddReviewRound`)."""

    @property
    def merge_key(self) -> str:
        return f"remove-review-round-{id(self)}"

    def apply(self, project: Project) -> AddReviewRound:
        return AddReviewRound(project.reviews.pop())

    def describe(self) -> str:
        return _("Start a review round")
