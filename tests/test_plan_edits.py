"""Plan edits: picking a playbook turns its steps into dated actions; every edit undoes."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from advisor.domain.plan_edits import (
    InsertActions,
    MoveAction,
    RemoveActions,
    SetActionField,
    SetPlanDate,
    pick_playbook,
)
from advisor.domain.playbooks import parse_target
from advisor.domain.project import ActionStatus, PlannedAction, Project
from advisor.domain.schema import SchemaError
from advisor.domain.targets import target_text
from advisor.storage.playbooks import bundled_library

TODAY = dt.date(2027, 1, 4)


def test_picking_a_playbook_makes_one_dated_action_per_step_and_undoes_in_one_step() -> None:
    project = Project()
    project.plan.actions.append(PlannedAction("mine", "Something by hand"))
    before = copy.deepcopy(project)
    playbook = bundled_library().get("welcome-sequence")
    assert playbook is not None
    inverse = pick_playbook(project, playbook, "fr", TODAY, owner="Inès").apply(project)
    assert project.plan.start == TODAY
    picked = project.plan.actions[1:]
    assert [a.due for a in picked] == [TODAY + dt.timedelta(days=d) for d in (0, 7, 14, 30)]
    assert picked[0].title.startswith("Écrire le premier succès")
    assert {a.playbook_id for a in picked} == {"welcome-sequence"}
    assert picked[0].owner == "Inès" and picked[0].status == ActionStatus.PLANNED
    # No figures yet: the target says which way to move.
    assert picked[0].kpi_target == "Taux de réachat\u00a0: mieux qu’aujourd’hui"
    assert len({a.id for a in project.plan.actions}) == 5
    inverse.apply(project)
    assert project == before


def test_due_dates_count_from_the_plan_start_when_it_is_set() -> None:
    project = Project()
    project.plan.start = dt.date(2027, 3, 1)
    playbook = bundled_library().get("welcome-sequence")
    assert playbook is not None
    pick_playbook(project, playbook, "en", TODAY).apply(project)
    assert project.plan.actions[-1].due == dt.date(2027, 3, 31)
    again = pick_playbook(project, playbook, "en", TODAY).apply(project)  # picked twice: new ids
    assert len({a.id for a in project.plan.actions}) == 8
    again.apply(project)
    assert len(project.plan.actions) == 4


def test_editing_an_action_checks_the_value_and_undoes() -> None:
    project = Project()
    InsertActions(0, (PlannedAction("a-1", "Call detractors"),)).apply(project)
    inverse = SetActionField("a-1", "status", "done").apply(project)
    assert project.plan.actions[0].status == ActionStatus.DONE
    inverse.apply(project)
    assert project.plan.actions[0].status == ActionStatus.PLANNED
    with pytest.raises(SchemaError):
        SetActionField("a-1", "status", "finished").apply(project)
    due = SetActionField("a-1", "due", "2027-02-01").apply(project)
    assert project.plan.actions[0].due == dt.date(2027, 2, 1)
    assert due == SetActionField("a-1", "due", None)


def test_removing_scattered_actions_puts_them_back_in_place() -> None:
    project = Project()
    actions = tuple(PlannedAction(f"a-{i}", f"Action {i}") for i in range(5))
    InsertActions(0, actions).apply(project)
    inverse = RemoveActions(("a-1", "a-3")).apply(project)
    assert [a.id for a in project.plan.actions] == ["a-0", "a-2", "a-4"]
    inverse.apply(project)
    assert [a.id for a in project.plan.actions] == [f"a-{i}" for i in range(5)]


def test_moving_an_action_reorders_and_undoes() -> None:
    project = Project()
    InsertActions(0, tuple(PlannedAction(f"a-{i}", "x") for i in range(3))).apply(project)
    inverse = MoveAction("a-2", 0).apply(project)
    assert [a.id for a in project.plan.actions] == ["a-2", "a-0", "a-1"]
    inverse.apply(project)
    assert [a.id for a in project.plan.actions] == ["a-0", "a-1", "a-2"]


def test_plan_dates_set_and_undo() -> None:
    project = Project()
    inverse = SetPlanDate("review_date", dt.date(2027, 4, 15)).apply(project)
    assert project.plan.review_date == dt.date(2027, 4, 15)
    inverse.apply(project)
    assert project.plan.review_date is None


def test_kpi_targets_read_in_each_language() -> None:
    target = parse_target("churn_rate good")
    assert target is not None
    assert target_text(target, "en") == "Churn rate: better than today"
    assert target_text(target, "fr") == "Taux d’attrition\u00a0: mieux qu’aujourd’hui"
