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
    RetentionType,
    suggested_answers,
    unknown_answers,
)
from advisor.domain.retention_type import Confidence, diagnose, diagnose_project
from advisor.domain.themes import THEME_NAMES

# How three businesses answer, and the points each answer gives (continuous, discontinuous,
# intentional), added by hand from the questionnaire's wording.
GYM = {  # a subscription gym: CONT 3+3+0+1+3+2+3+3+1+3 = 22, DISC 1, INTENT 1+1 = 2
    "payment": "subscription",
    "frequency": "continuous",
    "seasonality": "mild",
    "pauses": "never",
    "renewal": "automatic",
    "commitment": "month",
    "usage": "ongoing",
    "lost": "cancelled",
    "alternatives": "moderate",
    "return_trigger": "nothing_needed",
}
SKI_SCHOOL = {  # CONT 1, DISC 2+2+0+3+3+2+3+3+1+3 = 22, INTENT 1+1+1 = 3
    "payment": "projects",
    "frequency": "yearly_or_less",
    "seasonality": "strong",
    "pauses": "often",
    "renewal": "new_need",
    "commitment": "project",
    "usage": "bursts",
    "lost": "missed_cycle",
    "alternatives": "moderate",
    "return_trigger": "new_cycle",
}
COFFEE_SHOP = {  # CONT 1, DISC 1+1 = 2, INTENT 3+3+0+1+3+2+3+3+2+3 = 23
    "payment": "one_off",
    "frequency": "weekly",
    "seasonality": "none",
    "pauses": "never",
    "renewal": "decision",
    "commitment": "none",
    "usage": "consumed",
    "lost": "silence",
    "alternatives": "easy",
    "return_trigger": "own_choice",
}
CONT, DISC, INTENT = (
    RetentionType.CONTINUOUS,
    RetentionType.DISCONTINUOUS,
    RetentionType.INTENTIONAL,
)


@pytest.mark.parametrize(
    ("answers", "kind", "scores", "drivers"),
    [
        (GYM, CONT, (22 / 25, 1 / 25, 2 / 25), ["payment", "frequency", "renewal"]),
        (SKI_SCHOOL, DISC, (1 / 26, 22 / 26, 3 / 26), ["pauses", "renewal", "usage"]),
        (COFFEE_SHOP, INTENT, (1 / 26, 2 / 26, 23 / 26), ["payment", "frequency", "renewal"]),
    ],
    ids=["gym", "ski-school", "coffee-shop"],
)
def test_each_type_is_reachable_with_high_confidence(
    answers: dict[str, str], kind: RetentionType, scores: tuple[float, ...], drivers: list[str]
) -> None:
    result = diagnose(answers)

    assert result.main == kind
    assert result.confidence == Confidence.HIGH
    assert [round(result.scores[k], 1) for k in (CONT, DISC, INTENT)] == [
        round(100 * s, 1) for s in scores
    ]
    assert [d.question_id for d in result.drivers] == drivers
    assert result.answered == 10 and result.suggested == 0


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
    project.profile.business_model = BusinessModel.REPEAT_RETAIL  # suggests intentional
    assert diagnose_project(project).main == INTENT
    project.retention_type.answers = dict(GYM)

    result = diagnose_project(project)

    assert result.main == CONT
    assert (result.answered, result.suggested) == (10, 0)
    assert result.effective == GYM
    # The same ten answers count half as suggestions: coverage 0.5 allows medium, not high.
    assert diagnose({}, suggested=GYM).confidence == Confidence.MEDIUM
    assert diagnose(GYM).confidence == Confidence.HIGH


def test_one_typed_answer_replaces_its_suggestion_and_leaves_the_others() -> None:
    project = Project()
    project.profile.business_model = BusinessModel.REPEAT_RETAIL
    suggestions = suggested_answers(BusinessModel.REPEAT_RETAIL)
    project.retention_type.answers = {"payment": "subscription"}

    result = diagnose_project(project)

    assert result.effective == {**suggestions, "payment": "subscription"}
    assert result.answered == 1
    assert result.suggested == len(suggestions) - ("payment" in suggestions)


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
    answers = {**COFFEE_SHOP, "frequency": "few_times_a_year"}
    assert "per year" in (recommended_period(diagnose(answers)) or "")
    seasonal = recommended_period(diagnose(SKI_SCHOOL))
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
