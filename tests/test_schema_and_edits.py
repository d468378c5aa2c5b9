"""Profile edits: undo restores exactly what was there, impossible values are refused with the
field named and nothing changed, and the Undo menu text says what the edit was."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from advisor.domain.edits import SetProfileField
from advisor.domain.project import BusinessModel, Language, Project
from advisor.domain.schema import SchemaError
from tests.factories import full_project


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("name", "Le Fournil"),
        ("customers", 2500),
        ("customers", None),
        ("yearly_revenue", 1_000_000.25),
        ("business_model", BusinessModel.SUBSCRIPTION),
        ("currency", "CHF"),
        ("report_language", Language.EN),
        ("notes", ""),
    ],
)
def test_undoing_an_edit_restores_the_previous_project(name: str, value: Any) -> None:
    project = full_project()

    inverse = SetProfileField(name, value).apply(project)
    assert getattr(project.profile, name) == value
    inverse.apply(project)

    assert project == full_project()


def test_undo_of_first_edit_on_new_project_empties_the_field_again() -> None:
    project = Project()

    inverse = SetProfileField("customers", 120).apply(project)

    assert inverse == SetProfileField("customers", None)
    inverse.apply(project)
    assert project == Project()


def test_redo_after_undo_sets_the_value_again() -> None:
    project = Project()
    edit = SetProfileField("name", "Chez Paul")

    undo = edit.apply(project)
    redo = undo.apply(project)
    redo.apply(project)

    assert redo == edit
    assert project.profile.name == "Chez Paul"


@pytest.mark.parametrize(
    ("name", "typed", "stored"),
    [
        ("business_model", "subscription", BusinessModel.SUBSCRIPTION),
        ("report_language", "fr", Language.FR),
        ("yearly_revenue", 50000, 50000.0),
    ],
)
def test_values_from_widgets_are_stored_as_the_model_type(
    name: str, typed: Any, stored: Any
) -> None:
    project = Project()

    SetProfileField(name, typed).apply(project)

    value = getattr(project.profile, name)
    assert value == stored
    assert type(value) is type(stored)


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("customers", -1, ("0 or more", "−1")),
        ("customers", 10**13, ("1,000,000,000 or less", "10,000,000,000,000")),
        ("yearly_revenue", 5e15, ("1,000,000,000,000 or less",)),
        ("customers", "many", ("whole number", "many")),
        ("customers", 12.5, ("whole number",)),
        ("customers", True, ("whole number",)),
        ("yearly_revenue", -10.0, ("0 or more",)),
        ("yearly_revenue", float("nan"), ("finite",)),
        ("yearly_revenue", "lots", ("number", "lots")),
        ("currency", "XYZ", ("XYZ", "EUR", "CHF")),
        ("business_model", "franchise", ("franchise", "subscription")),
        ("report_language", "de", ("de", "en", "fr")),
        ("name", 42, ("text",)),
    ],
)
def test_impossible_value_is_refused_naming_the_field_and_changes_nothing(
    name: str, value: Any, words: tuple[str, ...]
) -> None:
    project = full_project()
    before = copy.deepcopy(project)

    with pytest.raises(SchemaError) as caught:
        SetProfileField(name, value).apply(project)

    assert caught.value.path == f"profile.{name}"
    assert str(caught.value).startswith(f"profile.{name}: ")
    for word in words:
        assert word in caught.value.problem
    assert project == before


def test_unknown_profile_field_is_refused() -> None:
    project = full_project()

    with pytest.raises(SchemaError) as caught:
        SetProfileField("colour", "blue").apply(project)

    assert caught.value.path == "profile.colour"
    assert "unknown field" in caught.value.problem
    assert not hasattr(project.profile, "colour")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("customers", "Edit number of customers"),
        ("name", "Edit business name"),
        ("yearly_revenue", "Edit yearly revenue"),
        ("facilitator_firm", "Edit facilitator's firm"),
    ],
)
def test_undo_menu_text_names_the_edited_field(name: str, text: str) -> None:
    assert SetProfileField(name, None).describe() == text


def test_undo_and_redo_read_the_same_in_the_menu() -> None:
    edit = SetProfileField("sector", "Bakery")

    inverse = edit.apply(Project())

    assert inverse.describe() == edit.describe()


def test_typing_in_one_field_merges_but_different_fields_do_not() -> None:
    assert SetProfileField("name", "A").merge_key == SetProfileField("name", "AB").merge_key
    assert SetProfileField("name", "A").merge_key != SetProfileField("sector", "A").merge_key
