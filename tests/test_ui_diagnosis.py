"""The retention-type and churn-causes steps: answering, ticking, the results that follow,
and undo/redo of every change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox

from advisor.domain.edits import SetProfileField
from advisor.domain.project import BusinessModel
from advisor.domain.retention_questionnaire import RetentionType
from advisor.domain.wizard import StepId
from advisor.paths import demo_project
from advisor.ui.shell.main_window import MainWindow
from tests.ui_helpers import make_window


def choose(combo: QComboBox, data: object) -> None:
    """Pick the item holding ``data`` as a user would (``activated`` fires)."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


@pytest.fixture
def blank(blank_on) -> MainWindow:
    return blank_on()


@pytest.fixture
def demo(demo_on) -> MainWindow:
    return demo_on()


def test_answering_updates_the_result_and_undo_takes_it_back(blank: MainWindow) -> None:
    blank.show_step(StepId.RETENTION_TYPE)
    page = blank.page(StepId.RETENTION_TYPE)
    assert "Answer a few questions" in page.verdict.text()

    choose(page.rows["payment"].combo, "subscription")
    choose(page.rows["renewal"].combo, "automatic")

    assert page.diagnosis is not None and page.diagnosis.main == RetentionType.CONTINUOUS
    assert "Continuous retention" in page.verdict.text()
    assert page.score_bars[RetentionType.CONTINUOUS].value() == 100
    assert "Churn rate" in page.details.text()

    blank.session.undo_stack.undo()
    assert blank.session.project.retention_type.answers == {"payment": "subscription"}
    choose(page.rows["payment"].combo, "one_off")
    assert page.diagnosis.main == RetentionType.INTENTIONAL
    blank.session.undo_stack.undo()
    blank.session.undo_stack.undo()
    assert blank.session.project.retention_type.answers == {}
    assert "Answer a few questions" in page.verdict.text()
    assert page.rows["payment"].combo.currentData() is None


def test_business_model_suggestions_show_and_are_accepted_in_one_step(
    blank: MainWindow,
) -> None:
    blank.session.apply(SetProfileField("business_model", BusinessModel.SERVICES))
    blank.show_step(StepId.RETENTION_TYPE)
    page = blank.page(StepId.RETENTION_TYPE)

    assert not page.rows["payment"].hint.isHidden()
    assert page.rows["payment"].combo.currentData() == "one_off"
    # suggestions alone are a starting point: no result is announced before an answer
    assert "Answer a few questions" in page.verdict.text()
    assert page.score_bars[RetentionType.INTENTIONAL].value() == 0
    assert blank.session.project.retention_type.answers == {}

    page.accept_button.click()

    answers = blank.session.project.retention_type.answers
    assert answers["payment"] == "one_off" and len(answers) == 5
    assert "Intentional retention" in page.verdict.text()
    assert page.rows["payment"].hint.isHidden() and page.accept_button.isHidden()
    blank.session.undo_stack.undo()
    assert blank.session.project.retention_type.answers == {}


def test_ticking_a_symptom_and_judging_a_cause_update_the_summary(demo: MainWindow) -> None:
    demo.show_step(StepId.CHURN)
    page = demo.page(StepId.CHURN)
    misalignment = page.causes["misalignment"]
    assert "Needs moved on" not in page.summary.text()

    misalignment.symptoms["long_time_customers_leave"].click()
    choose(misalignment.severity, "strongly")

    check = demo.session.project.churn.causes["misalignment"]
    assert check.symptoms == ["long_time_customers_leave"] and check.severity == "strongly"
    assert "Needs moved on" in page.summary.text()
    assert "Long-standing customers leave" in page.summary.text()

    demo.session.undo_stack.undo()
    assert "Needs moved on" not in page.summary.text()
    assert misalignment.symptoms["long_time_customers_leave"].isChecked()
    demo.session.undo_stack.undo()
    assert not misalignment.symptoms["long_time_customers_leave"].isChecked()
    demo.session.undo_stack.redo()
    demo.session.undo_stack.redo()
    assert misalignment.severity.currentData() == "strongly"
    assert "Needs moved on" in page.summary.text()


def test_a_cause_judged_within_control_moves_to_act_first(demo: MainWindow) -> None:
    demo.show_step(StepId.CHURN)
    page = demo.page(StepId.CHURN)
    act_first = page.summary.text().split("Outside your control")[0]
    assert "Change of context" not in act_first

    choose(page.causes["context"].control, True)

    act_first = page.summary.text().split("Outside your control")[0]
    assert "Change of context" in act_first


def test_data_suggestion_shows_which_figure_points_to_the_cause(demo: MainWindow) -> None:
    demo.show_step(StepId.CHURN)
    page = demo.page(StepId.CHURN)

    hint = page.causes["quality"].suggestion
    assert not hint.isHidden()
    assert "CSAT" in hint.text() and "2026 Q4" in hint.text()
    assert page.causes["activation"].suggestion.isHidden()


def test_loyalty_audit_and_mistakes_feed_the_findings(demo: MainWindow) -> None:
    demo.show_step(StepId.CHURN)
    page = demo.page(StepId.CHURN)
    assert "Customers cannot see their balance" in page.findings.text()

    choose(page.loyalty.programme, False)
    assert page.loyalty.audit.isHidden()
    assert "Customers cannot see their balance" not in page.findings.text()

    page.mistakes.boxes["broken_promises"].click()
    assert "Promises not kept" in page.findings.text()
    demo.session.undo_stack.undo()
    demo.session.undo_stack.undo()
    assert not page.loyalty.audit.isHidden()
    assert "Promises not kept" not in page.findings.text()


def test_typing_evidence_is_one_undo_step(demo: MainWindow, qtbot) -> None:
    demo.show_step(StepId.CHURN)
    box = demo.page(StepId.CHURN).causes["misalignment"]
    before = demo.session.project.churn.causes["misalignment"].evidence
    box.evidence.setFocus()
    box.evidence.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box.evidence, " Ok")

    assert demo.session.project.churn.causes["misalignment"].evidence == before + " Ok"
    demo.session.undo_stack.undo()
    assert demo.session.project.churn.causes["misalignment"].evidence == before
    assert box.evidence.toPlainText() == before


def test_both_steps_speak_french(demo: MainWindow) -> None:
    demo.set_language("fr")
    demo.show_step(StepId.RETENTION_TYPE)
    page = demo.page(StepId.RETENTION_TYPE)
    assert "Rétention intentionnelle" in page.verdict.text()
    assert "Comment la plupart des clients paient-ils" in page.rows["payment"].label.text()
    demo.show_step(StepId.CHURN)
    churn = demo.page(StepId.CHURN)
    assert "Suggéré par vos chiffres" in churn.causes["quality"].suggestion.text()
    assert "Expérience client insuffisante" in churn.summary.text()


def test_unknown_ids_in_a_file_are_listed_not_lost(qtbot, tmp_path: Path) -> None:
    data = json.loads(demo_project("en").read_text(encoding="utf-8"))
    data["project"]["retention_type"]["answers"]["mood"] = "happy"
    data["project"]["churn"]["causes"]["weather"] = {"severity": "strongly"}
    path = tmp_path / "newer.retention"
    path.write_text(json.dumps(data), encoding="utf-8")
    window = make_window(qtbot, tmp_path / "config")

    window.open_path(path)
    window.show_step(StepId.RETENTION_TYPE)
    note = window.page(StepId.RETENTION_TYPE).unknown_note
    window.show_step(StepId.CHURN)
    churn_note = window.page(StepId.CHURN).unknown_note

    assert not note.isHidden() and "mood=happy" in note.text()
    assert not churn_note.isHidden() and "weather" in churn_note.text()
    assert window.session.project.churn.causes["weather"].severity == "strongly"
