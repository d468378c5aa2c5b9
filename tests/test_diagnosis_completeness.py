"""The sidebar's progress for the diagnosis steps, computed from the answers themselves."""

from __future__ import annotations

from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.project import ChurnCauseCheck, Project, Severity
from advisor.domain.retention_questionnaire import QUESTIONS
from advisor.domain.wizard import StepId, StepState, completeness


def test_retention_type_is_half_done_at_five_answers_and_complete_at_ten() -> None:
    project = Project()
    assert completeness(project, StepId.RETENTION_TYPE).state == StepState.EMPTY
    for question in QUESTIONS[:5]:
        project.retention_type.answers[question.id] = question.answers[0].id
    assert completeness(project, StepId.RETENTION_TYPE).missing == ("Every question answered",)
    for question in QUESTIONS[5:]:
        project.retention_type.answers[question.id] = question.answers[0].id
    assert completeness(project, StepId.RETENTION_TYPE).state == StepState.COMPLETE


def test_suggested_or_unknown_answers_do_not_count() -> None:
    project = Project()
    project.profile.business_model = "subscription"  # type: ignore[assignment]
    project.retention_type.answers = {q.id: "made_up" for q in QUESTIONS}
    assert completeness(project, StepId.RETENTION_TYPE).state == StepState.EMPTY


def test_churn_needs_the_loyalty_question_and_the_audit_when_there_is_a_programme() -> None:
    project = Project()
    for cause in ("context", "fit", "misalignment", "quality", "experience", "activation"):
        project.churn.causes[cause] = ChurnCauseCheck(severity=Severity.NONE)
    assert completeness(project, StepId.CHURN).missing == ("Whether there is a loyalty programme",)

    project.churn.has_loyalty_programme = False
    assert completeness(project, StepId.CHURN).state == StepState.COMPLETE

    project.churn.has_loyalty_programme = True
    project.churn.loyalty_audit = {item.id: True for item in AUDIT_ITEMS[:-1]}
    assert completeness(project, StepId.CHURN).missing == ("The loyalty programme audit",)
    project.churn.loyalty_audit[AUDIT_ITEMS[-1].id] = False
    assert completeness(project, StepId.CHURN).state == StepState.COMPLETE
