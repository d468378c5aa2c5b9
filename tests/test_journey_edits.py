"""Journey map edits: each one and its inverse restore the map exactly, bad values are refused
with nothing changed, templates are valid, and bad journeys in files get a clear message."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from advisor.domain.edits import EditBatch
from advisor.domain.journey import check_journey, journey_findings, new_touchpoint_id
from advisor.domain.journey_edits import (
    InsertStage,
    InsertTouchpoint,
    MoveStage,
    MoveTouchpoint,
    RemoveStage,
    RemoveTouchpoint,
    ReplaceJourney,
    SetStageField,
    SetTouchpointField,
)
from advisor.domain.project import Channel, JourneyMap, JourneyStage, Project, Touchpoint
from advisor.domain.schema import SchemaError
from advisor.domain.wizard import StepId, StepState, completeness
from advisor.i18n import use_language
from advisor.storage.journey_templates import TEMPLATE_LANGUAGES, load_journey_templates
from advisor.storage.project_file import ProjectFileError, load_project, serialise
from tests.factories import full_project

EDITS = [
    ReplaceJourney(JourneyMap([JourneyStage("x", "Only stage")])),
    ReplaceJourney(JourneyMap()),
    InsertStage(0, JourneyStage("new", "Advocacy", touchpoints=[Touchpoint("t9")])),
    InsertStage(4, JourneyStage("new", "Advocacy")),
    InsertStage(2, JourneyStage("new", "Réclamation", emotion=-2, frictions=["Délai"])),
    RemoveStage("discover"),
    RemoveStage("winback"),
    MoveStage("discover", 3),
    MoveStage("winback", 0),
    MoveStage("buy", 2),
    SetStageField("buy", "name", "Premier achat"),
    SetStageField("buy", "emotion", -2),
    SetStageField("buy", "emotion", None),
    SetStageField("deliver", "emotion_to_be", 2),
    SetStageField("buy", "frictions", ["Only one till"]),
    SetStageField("buy", "frictions", []),
    SetStageField("discover", "opportunities", ["Tasting", "Newsletter"]),
    SetStageField("discover", "owner", "Zoé"),
    SetStageField("discover", "customer_goal", ""),
    SetStageField("buy", "moment_of_truth", False),
    SetStageField("deliver", "kpi", "csat"),
    SetStageField("discover", "kpi", ""),
    InsertTouchpoint("buy", 0, Touchpoint("t-new", Channel.CHAT, "Chat €")),
    InsertTouchpoint("discover", 2, Touchpoint("t-new", Channel.PHONE)),
    RemoveTouchpoint("t1"),
    RemoveTouchpoint("t5"),
    MoveTouchpoint("t1", "discover", 1),
    MoveTouchpoint("t1", "winback", 0),
    MoveTouchpoint("t4", "discover", 2),
    MoveTouchpoint("t2", "buy", 1),
    SetTouchpointField("t1", "channel", Channel.WEBSITE),
    SetTouchpointField("t1", "description", "Posts on Instagram — weekly"),
    SetTouchpointField("t5", "description", "Rappel à 60 jours"),
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: type(e).__name__)
def test_each_edit_and_its_inverse_restore_the_map_exactly(edit: object) -> None:
    project = full_project()

    inverse = edit.apply(project)  # type: ignore[attr-defined]
    changed = copy.deepcopy(project)
    assert changed.journey != full_project().journey
    check_journey(project.journey)
    redo = inverse.apply(project)

    assert project == full_project()
    redo.apply(project)
    assert project == changed


def test_edits_address_items_by_id_and_do_what_they_say() -> None:
    project = full_project()
    MoveTouchpoint("t1", "deliver", 1).apply(project)
    stages = {s.id: s for s in project.journey.stages}
    assert [t.id for t in stages["discover"].touchpoints] == ["t2"]
    assert [t.id for t in stages["deliver"].touchpoints] == ["t4", "t1"]
    MoveStage("winback", 0).apply(project)
    assert [s.id for s in project.journey.stages] == ["winback", "discover", "buy", "deliver"]


def test_moves_of_one_drag_share_a_merge_key_and_another_drag_does_not() -> None:
    first = MoveTouchpoint("t1", "buy", 0, gesture=7)
    same_drag = MoveTouchpoint("t1", "deliver", 1, gesture=7)
    next_drag = MoveTouchpoint("t1", "deliver", 1, gesture=8)
    assert first.merge_key == same_drag.merge_key != next_drag.merge_key
    # Merged, the first move's inverse undoes the whole drag.
    project = full_project()
    undo = first.apply(project)
    same_drag.apply(project)
    undo.apply(project)
    assert project == full_project()


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (SetStageField("buy", "emotion", 7), "journey.stages[1].emotion"),
        (SetStageField("buy", "emotion_to_be", -3), "journey.stages[1].emotion_to_be"),
        (SetStageField("buy", "name", "   "), "journey.stages[1].name"),
        (SetStageField("buy", "kpi", "happiness"), "journey.stages[1].kpi"),
        (SetStageField("buy", "id", "other"), "journey.stages[1].id"),
        (SetStageField("buy", "touchpoints", []), "journey.stages[1].touchpoints"),
        (SetTouchpointField("t1", "channel", "pigeon"), "touchpoint.channel"),
        (InsertStage(0, JourneyStage("buy", "Twice")), "journey.stages[4].id"),
        (InsertStage(0, JourneyStage("new", "")), "journey.stages[4].name"),
        (InsertStage(9, JourneyStage("new", "Far")), "journey.stages"),
        (InsertStage(0, JourneyStage("n", "N", touchpoints=[Touchpoint("t1")])), "journey"),
        (InsertTouchpoint("buy", 0, Touchpoint("t2")), "touchpoint.id"),
        (InsertTouchpoint("nowhere", 0, Touchpoint("t-new")), "journey"),
        (MoveTouchpoint("t1", "buy", 5), "journey.stages"),
        (MoveTouchpoint("t-gone", "buy", 0), "journey"),
        (MoveStage("buy", 4), "journey.stages"),
        (RemoveStage("gone"), "journey"),
        (ReplaceJourney(JourneyMap([JourneyStage("a", "A"), JourneyStage("a", "B")])), "journey"),
    ],
)
def test_impossible_edits_are_refused_and_change_nothing(edit: object, path: str) -> None:
    project = full_project()
    with pytest.raises(SchemaError) as error:
        edit.apply(project)  # type: ignore[attr-defined]
    assert error.value.path.startswith(path)
    assert project == full_project()


def test_a_refused_edit_in_a_batch_undoes_the_ones_before() -> None:
    project = full_project()
    batch = EditBatch((SetStageField("buy", "owner", "Zoé"), SetStageField("buy", "emotion", 5)))
    with pytest.raises(SchemaError):
        batch.apply(project)
    assert project == full_project()


def test_friction_lines_are_kept_without_blank_lines() -> None:
    project = full_project()
    SetStageField("buy", "frictions", ["  Queue ", "", "Parking"]).apply(project)
    assert project.journey.stages[1].frictions == ["Queue", "Parking"]


def test_undo_menu_text_says_what_changed_in_both_languages() -> None:
    assert SetStageField("buy", "emotion", 1).describe() == "Edit emotion (as-is)"
    assert MoveTouchpoint("t1", "buy", 0).describe() == "Move touchpoint"
    use_language("fr")
    assert MoveTouchpoint("t1", "buy", 0).describe() == "Déplacer le point de contact"


def test_new_ids_are_unused() -> None:
    journey = full_project().journey
    assert new_touchpoint_id(journey) not in {"t1", "t2", "t3", "t4", "t5"}


def test_findings_list_stages_that_feel_bad_and_have_friction_worst_first() -> None:
    project = full_project()
    SetStageField("buy", "emotion", -1).apply(project)
    findings = journey_findings(project.journey)
    assert [(f.stage_id, f.emotion) for f in findings] == [("deliver", -2), ("buy", -1)]
    assert findings[0].frictions == ("Croissants arrive cold",)
    # win-back feels bad but has no friction point: nothing to fix there yet
    assert "winback" not in {f.stage_id for f in findings}


@pytest.mark.parametrize("template", load_journey_templates(), ids=lambda t: t.id)
def test_templates_are_valid_in_both_languages(template: object) -> None:
    journeys = [template.journey(x) for x in TEMPLATE_LANGUAGES]  # type: ignore[attr-defined]
    english, french = journeys
    assert len(english.stages) >= 5
    assert [s.id for s in english.stages] == [s.id for s in french.stages]
    for journey in journeys:
        check_journey(journey)
        assert all(stage.touchpoints for stage in journey.stages)
        project = Project(journey=journey)
        ReplaceJourney(journey).apply(Project())
        assert load_project_text(serialise(project)).journey == journey
    assert english.stages[0].name != french.stages[0].name
    assert {s.kpi for s in english.stages} - {""} <= {
        "ces",
        "csat",
        "nps",
        "churn_rate",
        "retention_rate",
        "reactivation_rate",
        "repeat_purchase_rate",
        "purchase_frequency",
    }


def test_templates_cover_every_kind_of_business() -> None:
    ids = {t.id for t in load_journey_templates()}
    assert ids == {"ecommerce", "subscription", "local", "services", "marketplace"}


def load_project_text(payload: bytes) -> Project:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.retention"
        path.write_bytes(payload)
        return load_project(path)


def _journey_file(tmp_path: Path, change: object) -> Path:
    data = json.loads(serialise(full_project()))
    change(data["project"]["journey"]["stages"])  # type: ignore[operator]
    path = tmp_path / "bad.retention"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s[1].update(emotion=7), "journey.stages[1].emotion”: must be 2 or less"),
        (
            lambda s: s[0]["touchpoints"][0].update(channel="pigeon"),
            "journey.stages[0].touchpoints[0].channel”: “pigeon” is not one of",
        ),
        (lambda s: s[2].update(id="buy"), "journey.stages[2].id”: the id “buy” is used twice"),
        (
            lambda s: s[2]["touchpoints"][0].update(id="t1"),
            "journey.stages[2].touchpoints[0].id”: the id “t1” is used twice",
        ),
        (lambda s: s[3].update(name=" "), "journey.stages[3].name”: a stage needs a name"),
    ],
)
def test_bad_journeys_in_a_file_are_refused_with_the_field_named(
    tmp_path: Path, change: object, message: str
) -> None:
    with pytest.raises(ProjectFileError) as error:
        load_project(_journey_file(tmp_path, change))
    assert message in str(error.value)


def test_journey_step_completeness_follows_the_data() -> None:
    project = Project()
    assert completeness(project, StepId.JOURNEY).state == StepState.EMPTY
    template = load_journey_templates()[0]
    ReplaceJourney(template.journey("en")).apply(project)
    assert completeness(project, StepId.JOURNEY).state == StepState.PARTIAL
    for stage in project.journey.stages:
        SetStageField(stage.id, "emotion", 0).apply(project)
    SetStageField(project.journey.stages[0].id, "frictions", ["Hard to find"]).apply(project)
    assert completeness(project, StepId.JOURNEY).state == StepState.COMPLETE


def test_demo_journey_names_computed_kpis_and_has_findings_in_both_languages() -> None:
    from advisor.domain.journey import KPI_IDS
    from advisor.paths import demo_project

    for language in ("en", "fr"):
        journey = load_project(demo_project(language)).journey
        assert {s.kpi for s in journey.stages} - {""} <= KPI_IDS
        findings = journey_findings(journey)
        assert [f.stage_id for f in findings][:1] == ["s-first-cup"]
        assert all(f.frictions for f in findings)


def test_stage_findings_use_the_diagnosis_model() -> None:
    from advisor.domain.finding import FindingSeverity, FindingSource
    from advisor.domain.journey_diagnosis import stage_findings

    project = full_project()
    SetStageField("buy", "emotion", -1).apply(project)
    found = stage_findings(project.journey)
    assert [(f.id, f.severity, f.stage_id) for f in found] == [
        ("journey.deliver", FindingSeverity.HIGH, "deliver"),  # feels very bad
        ("journey.buy", FindingSeverity.HIGH, "buy"),  # a moment of truth
    ]
    assert all(f.source == FindingSource.JOURNEY and f.actionable for f in found)
    title = found[0].title.render("en")
    assert title == "Customers feel bad at “Delivery” and meet friction points"
    assert [m.render("fr") for m in found[0].evidence] == [
        "Ce que ressentent les clients aujourd’hui\u00a0: −2 (Très négative)",
        "Croissants arrive cold",
    ]
    SetStageField("deliver", "kpi", "csat").apply(project)
    from advisor.domain.kpi_definitions import DEFINITIONS

    csat = next(d for d in DEFINITIONS if d.id == "csat")
    assert stage_findings(project.journey)[0].themes == csat.themes
    assert found[1].themes == ("service", "feedback")
