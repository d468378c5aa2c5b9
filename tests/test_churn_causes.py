"""Churn causes: what the figures suggest, and which causes to act on first."""

from __future__ import annotations

import dataclasses

from advisor.domain.churn_causes import (
    CAUSES,
    data_suggestions,
    rank_causes,
    unknown_cause_entries,
)
from advisor.domain.project import ChurnCauseCheck, KpiPeriod, Project, Severity, SurveyResults
from advisor.domain.retention_questionnaire import RetentionType
from advisor.domain.retention_type import diagnose
from advisor.domain.themes import THEME_NAMES
from tests.factories import references_for

GENERAL = references_for()


def _period(label: str, **figures: object) -> KpiPeriod:
    return KpiPeriod(label=label, **figures)  # type: ignore[arg-type]


def test_every_cause_has_three_to_five_symptoms_and_known_themes() -> None:
    assert len(CAUSES) == 6
    for cause in CAUSES:
        assert 3 <= len(cause.symptoms) <= 5
        assert cause.themes and set(cause.themes) <= set(THEME_NAMES)


def test_low_csat_suggests_quality_with_the_figure_and_period() -> None:
    periods = [
        _period("Q1", surveys=SurveyResults(csat_counts=[0, 0, 1, 4, 5])),
        _period("Q2", surveys=SurveyResults(csat_counts=[2, 3, 5, 5, 5])),
    ]

    (suggestion,) = data_suggestions(periods, GENERAL)["quality"]

    assert suggestion.kpi_id == "csat"
    assert suggestion.message.render("en") == (
        "Satisfaction (CSAT) was 50.0% in Q2: critical "
        "(rule of thumb: good ≥ 80% · critical < 60%)."
    )
    assert data_suggestions(periods[:1], GENERAL) == {}


def test_poor_effort_score_suggests_experience_on_any_scale() -> None:
    hard = SurveyResults(ces_counts=[0, 5, 10, 5, 0], ces_scale=5)  # mean 3 of 5
    easy = SurveyResults(ces_counts=[0, 0, 0, 2, 10, 10, 10], ces_scale=7)  # mean 6 of 7

    (suggestion,) = data_suggestions([_period("May", surveys=hard)], GENERAL)["experience"]

    assert "3.0 out of 5 in May" in suggestion.message.render("en")
    assert "experience" not in data_suggestions([_period("June", surveys=easy)], GENERAL)


def test_a_repeat_rate_inside_one_period_suggests_no_cause() -> None:
    # No sourced line exists for a repeat rate within a period (it depends on the period's
    # length and the kind of business), so it points to no cause on its own.
    low = _period("2025", unique_buyers=200, repeat_buyers=40, orders=260)
    assert data_suggestions([low], GENERAL) == {}


def test_churn_peaking_in_one_period_suggests_a_change_of_context() -> None:
    def quarter(label: str, lost: int) -> KpiPeriod:
        return _period(label, customers_start=1000, customers_lost=lost)

    steady = [quarter("Q1", 80), quarter("Q2", 85), quarter("Q3", 82)]
    peaked = [*steady, quarter("Q4", 150)]

    (suggestion,) = data_suggestions(peaked, GENERAL)["context"]

    assert suggestion.message.render("en") == (
        "Churn was 15.0% in Q4, against 8.2% on average in the other periods."
    )
    assert "context" not in data_suggestions(steady, GENERAL)
    assert "context" not in data_suggestions(peaked[2:], GENERAL)  # two periods are not a pattern


def test_a_churn_peak_is_no_hint_where_quiet_seasons_are_expected() -> None:
    def quarter(label: str, lost: int) -> KpiPeriod:
        return _period(label, customers_start=1000, customers_lost=lost)

    peaked = [quarter("2026-Q1", 80), quarter("2026-Q2", 85), quarter("2026-Q3", 82)]
    peaked.append(quarter("2026-Q4", 150))
    cycles = diagnose(
        {"pauses": "often", "renewal": "new_need", "lost": "missed_cycle", "usage": "bursts"}
    )
    assert cycles.main == RetentionType.DISCONTINUOUS
    assert "context" not in data_suggestions(peaked, GENERAL, cycles)
    once = diagnose({"frequency": "once", "payment": "projects"})
    assert once.one_off and "context" not in data_suggestions(peaked, GENERAL, once)
    everyday = diagnose({"frequency": "weekly", "renewal": "decision"})
    assert "context" in data_suggestions(peaked, GENERAL, everyday)


def test_summary_puts_controllable_causes_first_and_keeps_the_others_visible() -> None:
    project = Project()
    causes = project.churn.causes
    causes["experience"] = ChurnCauseCheck(severity=Severity.SOMEWHAT)
    causes["activation"] = ChurnCauseCheck(
        symptoms=["drop_after_first_purchase"], severity=Severity.STRONGLY
    )
    causes["context"] = ChurnCauseCheck(severity=Severity.STRONGLY)
    causes["quality"] = ChurnCauseCheck(severity=Severity.NONE)

    summary = rank_causes(project, GENERAL)

    assert [r.cause.id for r in summary.act_first] == ["activation", "experience"]
    assert [r.cause.id for r in summary.outside_control] == ["context"]
    assert summary.ruled_out == ("quality",)
    assert summary.not_judged == ("fit", "misalignment")


def test_the_workshops_judgement_of_control_wins_over_the_usual_answer() -> None:
    project = Project()
    project.churn.causes["fit"] = ChurnCauseCheck(severity=Severity.SOMEWHAT, controllable=True)
    project.churn.causes["quality"] = ChurnCauseCheck(
        severity=Severity.SOMEWHAT, controllable=False
    )

    summary = rank_causes(project, GENERAL)

    assert [r.cause.id for r in summary.act_first] == ["fit"]
    assert [r.cause.id for r in summary.outside_control] == ["quality"]


def test_symptoms_and_data_raise_a_cause_in_the_ranking() -> None:
    project = Project()
    project.churn.causes["experience"] = ChurnCauseCheck(severity=Severity.SOMEWHAT)
    project.churn.causes["quality"] = ChurnCauseCheck(severity=Severity.SOMEWHAT)
    project.kpi_periods = [_period("Q1", surveys=SurveyResults(csat_counts=[5, 5, 0, 0, 0]))]

    first = rank_causes(project, GENERAL).act_first[0]

    assert first.cause.id == "quality" and first.suggestions


def test_unknown_causes_and_symptoms_are_listed_not_used() -> None:
    project = Project()
    project.churn.causes["weather"] = ChurnCauseCheck(severity=Severity.STRONGLY)
    project.churn.causes["quality"] = dataclasses.replace(
        ChurnCauseCheck(severity=Severity.SOMEWHAT), symptoms=["gremlins", "low_satisfaction"]
    )

    summary = rank_causes(project, GENERAL)

    assert unknown_cause_entries(project) == ["weather", "quality.gremlins"]
    assert [r.cause.id for r in summary.act_first] == ["quality"]
    assert summary.act_first[0].symptoms == ("low_satisfaction",)
