"""The retention-type questionnaire: scoring, ties, missing answers and business-model hints."""

from __future__ import annotations

import pytest

from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.project import BusinessModel, Project
from advisor.domain.retention_advice import (
    TYPE_ADVICE,
    advice_for,
    kpis_for_type,
    kpis_to_watch,
    recommended_period,
)
from advisor.domain.retention_questionnaire import (
    QUESTIONS,
    RetentionType,
    suggested_answers,
    unknown_answers,
)
from advisor.domain.retention_type import Confidence, diagnose, diagnose_project
from advisor.domain.themes import THEME_NAMES


def _all_for(kind: RetentionType) -> dict[str, str]:
    """For each question, the answer that gives ``kind`` most points over the others."""
    answers = {}
    for question in QUESTIONS:
        best = max(
            question.answers,
            key=lambda a: a.weight(kind) - max(a.weight(k) for k in RetentionType if k != kind),
        )
        answers[question.id] = best.id
    return answers


@pytest.mark.parametrize("kind", list(RetentionType))
def test_each_type_is_reachable_with_high_confidence(kind: RetentionType) -> None:
    result = diagnose(_all_for(kind))

    assert result.main == kind
    assert result.confidence == Confidence.HIGH
    assert result.scores[kind] == max(result.scores.values())
    assert round(sum(result.scores.values())) == 100
    assert result.drivers and all(d.answer.weight(kind) > 0 for d in result.drivers)


def test_no_answer_gives_no_type_rather_than_an_error() -> None:
    result = diagnose({})

    assert (result.main, result.confidence, result.drivers) == (None, None, ())
    assert set(result.scores.values()) == {0.0}


def test_few_answers_give_a_partial_result_with_low_confidence() -> None:
    result = diagnose({"payment": "subscription"})

    assert result.main == RetentionType.CONTINUOUS
    assert result.confidence == Confidence.LOW
    assert result.answered == 1


def test_a_tie_is_reported_and_the_main_type_is_the_cautious_one() -> None:
    # 3 points continuous (automatic renewal) against 3 intentional (each purchase on its own)
    result = diagnose({"renewal": "automatic", "payment": "one_off"})

    assert set(result.tied) == {RetentionType.CONTINUOUS, RetentionType.INTENTIONAL}
    assert result.main == RetentionType.INTENTIONAL
    assert result.confidence == Confidence.LOW


def test_unknown_answers_are_ignored_and_listed() -> None:
    answers = {"payment": "barter", "mood": "happy", "renewal": "automatic"}

    result = diagnose(answers)

    assert result.main == RetentionType.CONTINUOUS
    assert result.answered == 1
    assert unknown_answers(answers) == ["mood=happy", "payment=barter"]


@pytest.mark.parametrize(
    ("model", "kind"),
    [
        (BusinessModel.SUBSCRIPTION, RetentionType.CONTINUOUS),
        (BusinessModel.REPEAT_RETAIL, RetentionType.INTENTIONAL),
        (BusinessModel.SERVICES, RetentionType.INTENTIONAL),
        (BusinessModel.MARKETPLACE, RetentionType.INTENTIONAL),
    ],
)
def test_business_model_suggests_answers_that_point_to_its_usual_type(
    model: BusinessModel, kind: RetentionType
) -> None:
    project = Project()
    project.profile.business_model = model

    result = diagnose_project(project)

    assert result.main == kind
    assert result.answered == 0 and result.suggested == len(suggested_answers(model))
    assert all(d.suggested for d in result.drivers)


def test_the_users_answers_override_suggestions_and_count_more() -> None:
    project = Project()
    project.profile.business_model = BusinessModel.REPEAT_RETAIL
    suggested_only = diagnose_project(project)
    project.retention_type.answers = _all_for(RetentionType.CONTINUOUS)

    result = diagnose_project(project)

    assert result.main == RetentionType.CONTINUOUS
    assert result.suggested == 0
    assert suggested_only.confidence != Confidence.HIGH or suggested_only.suggested < len(QUESTIONS)


def test_no_business_model_no_suggestion() -> None:
    assert suggested_answers(None) == {}
    assert suggested_answers(BusinessModel.OTHER) == {}


def test_every_suggestion_is_a_known_answer() -> None:
    for model in BusinessModel:
        assert unknown_answers(suggested_answers(model)) == []


@pytest.mark.parametrize("kind", list(RetentionType))
def test_kpis_and_levers_of_each_type_exist(kind: RetentionType) -> None:
    assert kpis_for_type(kind) and all(kpi in BY_ID for kpi in kpis_for_type(kind))
    for lever in TYPE_ADVICE[kind].levers:
        assert set(lever.themes) <= set(THEME_NAMES)


def test_kpis_differ_by_type() -> None:
    assert kpis_for_type(RetentionType.CONTINUOUS)[0] == "churn_rate"
    assert kpis_for_type(RetentionType.DISCONTINUOUS)[0] == "reactivation_rate"
    assert kpis_for_type(RetentionType.INTENTIONAL)[0] == "repeat_purchase_rate"


def test_period_follows_the_purchase_rhythm_for_intentional_retention() -> None:
    answers = _all_for(RetentionType.INTENTIONAL)
    answers["frequency"] = "few_times_a_year"
    assert "per year" in (recommended_period(diagnose(answers)) or "")
    seasonal = recommended_period(diagnose(_all_for(RetentionType.DISCONTINUOUS)))
    assert "full season" in (seasonal or "")
    assert recommended_period(diagnose({})) is None


def test_a_season_of_demand_alone_does_not_make_customers_come_back_in_cycles() -> None:
    photographer = diagnose(
        {
            "payment": "projects",
            "frequency": "once",
            "seasonality": "strong",
            "pauses": "never",
            "usage": "occasion",
            "lost": "unknown",
            "alternatives": "easy",
        }
    )
    assert photographer.main == RetentionType.INTENTIONAL
    assert photographer.one_off
    assert kpis_to_watch(photographer) == ("nps", "csat", "aov", "cac")
    advice = advice_for(photographer)
    assert advice is not None and "referral" in {t for lever in advice.levers for t in lever.themes}
    assert recommended_period(photographer) is None
    assert diagnose({"seasonality": "strong"}).main is None  # a season alone decides nothing


def test_a_salon_with_no_answers_yet_reads_intentional_from_its_model() -> None:
    project = Project()
    project.profile.business_model = BusinessModel.SERVICES
    result = diagnose_project(project)
    assert result.main == RetentionType.INTENTIONAL
    assert not result.one_off
    assert kpis_to_watch(result)[0] == "repeat_purchase_rate"
