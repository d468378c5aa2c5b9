"""The step sidebar's ticks and "what is left" lists, the export gate, and Next/Back order."""

from __future__ import annotations

import pytest

from advisor.domain.churn_causes import CHURN_CAUSES
from advisor.domain.project import BusinessProfile, Project
from advisor.domain.wizard import (
    WORKSHOP_STEPS,
    StepId,
    StepState,
    completeness,
    missing_before_export,
    neighbour_step,
    ready_to_export,
)
from tests.factories import full_project


@pytest.mark.parametrize("step", WORKSHOP_STEPS, ids=str)
def test_every_step_of_a_new_project_is_empty(step: StepId) -> None:
    result = completeness(Project(), step)

    assert result.state == StepState.EMPTY
    assert result.fraction == 0.0
    assert len(result.missing) == result.total > 0


def test_new_project_profile_lists_every_required_field_as_missing() -> None:
    result = completeness(Project(), StepId.PROFILE)

    assert result.missing == (
        "Business name",
        "Sector",
        "Business model",
        "Number of customers",
        "Yearly revenue",
    )


@pytest.mark.parametrize("step", WORKSHOP_STEPS, ids=str)
def test_every_step_of_a_filled_workshop_is_complete(step: StepId) -> None:
    result = completeness(full_project(), step, printed=True)

    assert result.state == StepState.COMPLETE
    assert result.missing == ()
    assert result.fraction == 1.0


def test_half_filled_profile_is_partial_and_lists_what_is_left() -> None:
    project = Project(profile=BusinessProfile(name="Chez Paul", sector="Café", customers=0))

    result = completeness(project, StepId.PROFILE)

    assert result.state == StepState.PARTIAL
    assert result.fraction == pytest.approx(3 / 5)
    assert result.missing == ("Business model", "Yearly revenue")


def test_blank_business_name_does_not_count_as_filled() -> None:
    project = full_project()
    project.profile.name = "   "

    result = completeness(project, StepId.PROFILE)

    assert result.missing == ("Business name",)


def test_churn_step_lists_the_causes_not_yet_judged() -> None:
    project = full_project()
    project.churn.causes["quality"].severity = None
    del project.churn.causes["activation"]

    result = completeness(project, StepId.CHURN)

    assert result.state == StepState.PARTIAL
    assert result.missing == (CHURN_CAUSES["quality"], CHURN_CAUSES["activation"])


def test_journey_stage_without_touchpoint_keeps_the_journey_unfinished() -> None:
    project = full_project()
    project.journey.stages[1].touchpoints.clear()

    result = completeness(project, StepId.JOURNEY)

    assert result.missing == ("A touchpoint at every stage",)


def test_kpis_are_judged_on_the_latest_period() -> None:
    project = full_project()
    project.kpi_periods[-1].orders = None

    result = completeness(project, StepId.KPIS)

    assert result.missing == ("Orders and revenue",)


def test_action_without_owner_keeps_the_plan_unfinished() -> None:
    project = full_project()
    project.plan.actions[2].owner = ""

    result = completeness(project, StepId.PLAN)

    assert result.missing == ("An owner and a due date for every action",)


def test_new_project_is_not_ready_to_export() -> None:
    assert not ready_to_export(Project())
    missing = dict(missing_before_export(Project()))
    assert list(missing) == [
        StepId.PROFILE, StepId.JOURNEY, StepId.RETENTION_TYPE, StepId.CHURN, StepId.KPIS,
        StepId.PLAN,
    ]  # fmt: skip
    assert "Business name" in missing[StepId.PROFILE]


def test_a_full_project_is_ready_and_says_what_one_gap_is() -> None:
    project = full_project()
    assert ready_to_export(project) and missing_before_export(project) == []
    project.profile.yearly_revenue = None
    assert missing_before_export(project) == [(StepId.PROFILE, ("Yearly revenue",))]


def test_the_export_step_is_done_only_once_the_plan_was_printed() -> None:
    project = full_project()
    assert completeness(project, StepId.EXPORT).state == StepState.EMPTY
    assert completeness(project, StepId.EXPORT, printed=True).state == StepState.COMPLETE


@pytest.mark.parametrize(
    ("step", "offset", "expected"),
    [
        (StepId.PROFILE, 1, StepId.JOURNEY),
        (StepId.JOURNEY, -1, StepId.PROFILE),
        (StepId.CHURN, 1, StepId.KPIS),
        (StepId.KPIS, -2, StepId.RETENTION_TYPE),
        (StepId.PLAN, 1, StepId.EXPORT),
        (StepId.PROFILE, -1, None),
        (StepId.EXPORT, 1, None),
        (StepId.START, 1, StepId.PROFILE),
        (StepId.START, -1, None),
    ],
)
def test_next_and_back_follow_the_workshop_order(
    step: StepId, offset: int, expected: StepId | None
) -> None:
    assert neighbour_step(step, offset) == expected


def test_next_from_the_start_page_walks_every_workshop_step_once() -> None:
    visited = []
    step = neighbour_step(StepId.START, 1)
    while step is not None:
        visited.append(step)
        step = neighbour_step(step, 1)

    assert visited == [
        StepId.PROFILE,
        StepId.JOURNEY,
        StepId.RETENTION_TYPE,
        StepId.CHURN,
        StepId.KPIS,
        StepId.PLAN,
        StepId.EXPORT,
    ]
