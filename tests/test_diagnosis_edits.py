"""Edits of the diagnosis undo exactly and refuse ids this version does not know."""

from __future__ import annotations

import copy

import pytest

from advisor.domain.diagnosis_edits import (
    SetAnswer,
    SetAuditItem,
    SetCauseControllable,
    SetCauseEvidence,
    SetCauseSeverity,
    SetHasLoyaltyProgramme,
    SetMistake,
    SetSymptom,
)
from advisor.domain.edits import Edit, EditBatch
from advisor.domain.project import Project, Severity
from advisor.domain.schema import SchemaError, to_plain
from advisor.paths import demo_project
from advisor.storage.project_file import load_project

EDITS: list[Edit] = [
    SetAnswer("payment", "subscription"),
    SetAnswer("renewal", None),
    SetSymptom("experience", "hard_to_deal_with", True),
    SetSymptom("experience", "slow_replies", False),
    SetSymptom("misalignment", "usage_declines_slowly", True),
    SetCauseSeverity("fit", Severity.STRONGLY),
    SetCauseSeverity("quality", None),
    SetCauseEvidence("activation", "Cafés say the grind is wrong — 12 €"),
    SetCauseControllable("context", True),
    SetMistake("broken_promises", True),
    SetMistake("no_personalisation", False),
    SetHasLoyaltyProgramme(None),
    SetAuditItem("no_lottery_mechanics", False),
    SetAuditItem("balance_communicated", None),
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("start", ["empty", "demo"])
def test_every_edit_changes_the_project_and_its_inverse_restores_it(edit: Edit, start: str) -> None:
    project = Project() if start == "empty" else load_project(demo_project("en"))
    before = to_plain(project)

    inverse = edit.apply(project)
    after = copy.deepcopy(to_plain(project))
    redo = inverse.apply(project)

    assert to_plain(project) == before
    redo.apply(project)
    assert to_plain(project) == after
    assert edit.describe() and inverse.describe()


def test_a_cause_edit_on_an_unjudged_cause_undoes_to_no_entry() -> None:
    project = Project()

    inverse = SetCauseSeverity("quality", Severity.SOMEWHAT).apply(project)
    assert project.churn.causes["quality"].severity == Severity.SOMEWHAT
    inverse.apply(project)

    assert project.churn.causes == {}


def test_symptoms_and_mistakes_keep_the_checklist_order() -> None:
    project = Project()
    SetSymptom("activation", "slow_first_result", True).apply(project)
    SetSymptom("activation", "drop_after_first_purchase", True).apply(project)
    SetMistake("broken_promises", True).apply(project)
    SetMistake("no_personalisation", True).apply(project)

    assert project.churn.causes["activation"].symptoms == [
        "drop_after_first_purchase",
        "slow_first_result",
    ]
    assert project.churn.mistakes == ["no_personalisation", "broken_promises"]


@pytest.mark.parametrize(
    "edit",
    [
        SetAnswer("payment", "barter"),
        SetAnswer("mood", "happy"),
        SetSymptom("quality", "slow_replies", True),
        SetSymptom("weather", "rain", True),
        SetCauseSeverity("weather", Severity.STRONGLY),
        SetCauseEvidence("quality", "x" * 5000),
        SetMistake("from_the_future", True),
        SetAuditItem("free_lunch", True),
    ],
    ids=lambda e: type(e).__name__,
)
def test_unknown_ids_are_refused_and_nothing_changes(edit: Edit) -> None:
    project = load_project(demo_project("en"))
    before = to_plain(project)

    with pytest.raises(SchemaError):
        edit.apply(project)

    assert to_plain(project) == before


def test_same_field_edits_merge_and_ticks_do_not() -> None:
    assert SetAnswer("payment", "one_off").merge_key == SetAnswer("payment", None).merge_key
    assert SetCauseEvidence("fit", "a").merge_key == SetCauseEvidence("fit", "ab").merge_key
    assert SetSymptom("fit", "early_churn", True).merge_key != (
        SetSymptom("fit", "early_churn", False).merge_key
    )


def test_accepting_suggestions_is_one_batch_that_undoes_at_once() -> None:
    project = Project()
    batch = EditBatch((SetAnswer("payment", "one_off"), SetAnswer("renewal", "decision")))

    inverse = batch.apply(project)
    assert project.retention_type.answers == {"payment": "one_off", "renewal": "decision"}
    inverse.apply(project)

    assert project.retention_type.answers == {}
