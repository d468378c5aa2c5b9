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
    SetPlanField,
    pick_playbook,
)
from advisor.domain.playbooks import REVIEW_RITUAL, Conditions, Playbook, Step, Text, parse_target
from advisor.domain.project import ActionStatus, PlannedAction, Project
from advisor.domain.schema import SchemaError
from advisor.domain.targets import target_text

TODAY = dt.date(2027, 1, 4)


def _playbook(
    playbook_id: str, *steps: tuple[int, str], track: str = "churn_rate good"
) -> Playbook:
    target = parse_target(track)
    assert target is not None
    return Playbook(
        playbook_id,
        "onboarding",
        Text(playbook_id, playbook_id),
        Text("", ""),
        Text("", ""),
        Conditions(causes=("activation",)),
        tuple(Step(delay, Text(title, f"FR {title}")) for delay, title in steps),
        (target,),
        effort=2,
        impact=4,
        horizon=60,
    )


WELCOME = _playbook(
    "welcome",
    (0, "Write down the first success"),
    (7, "Send the welcome e-mail"),
    (14, "Call new customers"),
    (30, "Compare the second-order rate"),
    track="repeat_purchase_rate good",
)
RITUAL = _playbook(
    REVIEW_RITUAL, (0, "Choose the KPIs"), (7, "Book the monthly review"), (30, "Hold the review")
)


def _days(project: Project, playbook_id: str) -> list[int]:
    start = project.plan.start
    assert start is not None
    return [
        (a.due - start).days
        for a in project.plan.actions
        if a.playbook_id == playbook_id and a.due is not None
    ]


def test_picking_a_playbook_makes_one_dated_action_per_step_and_undoes_in_one_step() -> None:
    project = Project()
    project.plan.actions.append(PlannedAction("mine", "Something by hand"))
    before = copy.deepcopy(project)
    inverse = pick_playbook(project, WELCOME, "fr", TODAY, owner="Inès").apply(project)
    assert project.plan.start == TODAY
    picked = project.plan.actions[1:]
    # A week to start; the gaps between steps are kept; three new actions in the first 30 days.
    assert _days(project, "welcome") == [7, 14, 21, 37]
    assert picked[0].title == "FR Write down the first success"
    assert picked[0].owner == "Inès" and picked[0].status == ActionStatus.PLANNED
    # No figures yet: the target says to measure first.
    assert picked[0].kpi_target == (
        "Taux de réachat\u00a0: à mesurer d’abord, puis fixer un objectif"
    )
    assert len({a.id for a in project.plan.actions}) == 5
    inverse.apply(project)
    assert project == before


def test_a_second_playbook_waits_for_room_within_the_monthly_capacity() -> None:
    project = Project()
    project.plan.start = TODAY
    pick_playbook(project, WELCOME, "en", TODAY).apply(project)
    other = _playbook("other", (0, "Map the complaints"), (10, "Train the team"))
    pick_playbook(project, other, "en", TODAY).apply(project)
    # The first 30 days already hold three actions: the next play starts with the second
    # window, keeping its own gap; no window holds more than three.
    assert _days(project, "other") == [30, 40]
    windows = [d // 30 for a in project.plan.actions if a.due for d in [(a.due - TODAY).days]]
    assert max(windows.count(w) for w in set(windows)) <= 3
    SetPlanField("capacity", 6).apply(project)
    again = _playbook("again", (0, "Visit a competitor"))
    pick_playbook(project, again, "en", TODAY).apply(project)
    assert _days(project, "again") == [7]


def test_a_step_already_in_the_plan_is_not_added_twice() -> None:
    project = Project()
    pick_playbook(project, WELCOME, "en", TODAY).apply(project)
    twin = _playbook("twin", (0, "write down the  first success"), (20, "Ask for a review"))
    pick_playbook(project, twin, "en", TODAY).apply(project)
    titles = [a.title for a in project.plan.actions]
    assert titles.count("Write down the first success") == 1
    assert "write down the  first success" not in titles
    assert "Ask for a review" in titles


def test_the_review_ritual_comes_with_the_first_playbook_and_outside_the_capacity() -> None:
    project = Project()
    inverse = pick_playbook(project, WELCOME, "en", TODAY, ritual=RITUAL).apply(project)
    assert _days(project, REVIEW_RITUAL) == [7, 14, 37]
    assert _days(project, "welcome") == [7, 14, 21, 37]
    other = _playbook("other", (0, "Map the complaints"))
    pick_playbook(project, other, "en", TODAY, ritual=RITUAL).apply(project)
    assert len(_days(project, REVIEW_RITUAL)) == 3  # only once
    assert project.plan.capacity == 3
    inverse.apply(project)
    assert not any(a.playbook_id == "welcome" for a in project.plan.actions)


def test_capacity_is_checked() -> None:
    with pytest.raises(SchemaError):
        SetPlanField("capacity", 0).apply(Project())


def test_due_dates_count_from_the_plan_start_when_it_is_set() -> None:
    project = Project()
    project.plan.start = dt.date(2027, 3, 1)
    pick_playbook(project, WELCOME, "en", TODAY).apply(project)
    assert project.plan.actions[-1].due == dt.date(2027, 3, 1) + dt.timedelta(days=37)
    again = pick_playbook(project, WELCOME, "en", TODAY).apply(project)  # twice: nothing new
    assert len(project.plan.actions) == 4
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
    inverse = SetPlanField("review_date", dt.date(2027, 4, 15)).apply(project)
    assert project.plan.review_date == dt.date(2027, 4, 15)
    inverse.apply(project)
    assert project.plan.review_date is None


def test_kpi_targets_read_in_each_language() -> None:
    target = parse_target("churn_rate good")
    assert target is not None
    assert target_text(target, "en") == "Churn rate: measure it first, then set a target"
    assert target_text(target, "fr") == (
        "Taux d’attrition\u00a0: à mesurer d’abord, puis fixer un objectif"
    )
