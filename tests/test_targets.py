"""KPI targets in a plan: a step from the business's latest figure that a small team can take
within the playbook's horizon, never a jump to a fixed line."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from advisor.domain.kpis import KpiResult, compute_kpis, context_for
from advisor.domain.playbooks import KpiTarget, parse_target
from advisor.domain.project import KpiPeriod, SurveyResults
from advisor.domain.references import Status
from advisor.domain.targets import LatestKpis, make_target
from advisor.storage.references import load_reference_data

CONTEXT = context_for("", "subscription", load_reference_data(), "b2c")


def _target(text: str) -> KpiTarget:
    target = parse_target(text)
    assert target is not None
    return target


def _month(lost: int, **more: object) -> dict[str, KpiResult]:
    period = KpiPeriod(
        label="2026-11",
        start=dt.date(2026, 11, 1),
        end=dt.date(2026, 11, 30),
        customers_start=1000,
        customers_lost=lost,
        customers_end=1000 - lost + 40,
        customers_new=40,
        **more,  # type: ignore[arg-type]
    )
    return compute_kpis(period, CONTEXT)


def test_a_target_moves_three_points_from_the_latest_figure() -> None:
    # 45 % a quarter is far from any line: the target is a step, not "≤ 5 % in 60 days".
    results = _month(450)
    target = make_target(_target("churn_rate good"), results["churn_rate"], 90, 3)
    assert target.text.render("en") == (
        "Churn rate −3 points in 90 days, from 45.0% to 42.0% per quarter"
    )
    assert target.text.render("fr") == (
        "Taux d’attrition −3 points en 90 jours, de 45,0\u202f% à 42,0\u202f% par trimestre"
    )
    assert target.goal == 42.0


def test_the_reference_line_is_the_target_when_it_is_closer_than_a_step() -> None:
    # 8.2 % a month against a published median of 6.81 %: the line is 1.4 points away.
    results = _month(82)
    target = make_target(_target("churn_rate good"), results["churn_rate"], 60, 1)
    assert target.goal == pytest.approx(6.81)
    assert target.text.render("en") == (
        "Churn rate −1.4 points in 60 days, from 8.2% to 6.8% per month, the reference line"
    )
    assert target.text.render("fr") == (
        "Taux d’attrition −1,4 point en 60 jours, de 8,2\u202f% à 6,8\u202f% par mois, le repère"
    )


def test_a_figure_already_better_than_the_line_is_held_not_lowered() -> None:
    results = _month(50)
    target = make_target(_target("churn_rate good"), results["churn_rate"], 60, 1)
    assert target.text.render("en") == "Churn rate: keep ≤ 5.0% per month, the latest figure"


def test_scores_move_by_points_and_money_by_a_share() -> None:
    # 80 detractors and 30 promoters of 160 answers: (30 − 80) ÷ 160 × 100 = −31.25
    nps = SurveyResults(nps_counts=[10, 10, 10, 10, 10, 10, 20, 20, 30, 20, 10])
    results = _month(60, surveys=nps, revenue=30000.0, orders=1000)
    latest = LatestKpis(results, 1)
    # chance alone can move it: 1.96 × 100 × √((0.1875 + 0.5 − (0.1875 − 0.5)²) ÷ 160) = 11.9
    assert latest.target_text(_target("nps good"), "en", 90) == (
        "Net Promoter Score +5 points in 90 days, from −31 to −26; with this many answers, a "
        "move under 12 points can be chance"
    )
    # 40 detractors and 70 promoters of 160: 18.75, good on the usual reading: held
    good = SurveyResults(nps_counts=[5, 5, 5, 5, 5, 5, 10, 20, 30, 40, 30])
    held = LatestKpis(_month(60, surveys=good, revenue=30000.0, orders=1000), 1)
    # held on 160 answers: chance alone can move it 1.96 × 100 × √((0.4375 + 0.25 − 0.1875²)
    # ÷ 160) = 12.5 points, more than the 5-point step, so the target says so
    assert held.target_text(_target("nps good"), "en", 90) == (
        "Net Promoter Score: keep ≥ 19, the latest figure; with this many answers, a move under "
        "13 points can be chance"
    )
    assert latest.target_text(_target("aov better"), "en", 30) == (
        "Average order value +5% in 30 days, from €30.00 to €31.50"
    )


def test_unknown_or_doubtful_figures_get_no_number() -> None:
    assert LatestKpis().target_text(_target("churn_rate good"), "en", 30) == (
        "Churn rate: measure it first, then set a target"
    )
    doubtful = dataclasses.replace(_month(60)["churn_rate"], status=Status.CHECK)
    target = make_target(_target("churn_rate good"), doubtful, 30, 1)
    assert target.goal is None
    assert target.text.render("en") == "Churn rate: check the figures, then set a target"


SHOP = context_for("", "repeat_retail", load_reference_data(), "b2c")


def test_a_rate_moves_a_fifth_of_the_way_to_its_nearer_end_at_most_three_points() -> None:
    # a bakery's month with no reference line for a shop: 797 card holders at the start, 35 lost,
    # 9 back after a lapse. Churn 35 ÷ 797 = 4.39 %: a fifth is 0.88 points (not −3 points, a
    # cut of two thirds); retention 95.61 %: a fifth of the 4.39 left is +0.88; reactivation
    # 9 ÷ 797 = 1.13 %: a fifth is 0.23, so the half-point floor (not +3 points, ×3.7).
    period = KpiPeriod(
        label="2026-11",
        start=dt.date(2026, 11, 1),
        end=dt.date(2026, 11, 30),
        customers_start=797,
        customers_lost=35,
        customers_new=36,
        customers_end=798,
        customers_reactivated=9,
    )
    latest = LatestKpis(compute_kpis(period, SHOP), 1)
    assert latest.target_text(_target("churn_rate good"), "en", 30) == (
        "Churn rate −0.9 points in 30 days, from 4.4% to 3.5% per month"
    )
    assert latest.target_text(_target("retention_rate good"), "en", 30) == (
        "Customer retention rate +0.9 points in 30 days, from 95.6% to 96.5% per month"
    )
    assert latest.target_text(_target("reactivation_rate better"), "en", 60) == (
        "Reactivation rate +0.5 points in 60 days, from 1.1% to 1.6%"
    )
    # French: below 2, "point" is singular
    assert latest.target_text(_target("churn_rate good"), "fr", 30) == (
        "Taux d’attrition −0,9 point en 30 jours, de 4,4\u202f% à 3,5\u202f% par mois"
    )


def test_net_revenue_retention_above_100_percent_is_raised_not_cut_to_100() -> None:
    # NRR = (10,000 + 5,000 − 0 − 800) ÷ 10,000 = 142 %: expansion takes it past 100 %, so its
    # target goes up 3 points (a fifth of 142 is more), never "−42 points, to 100 %"
    period = KpiPeriod(
        label="2026-11",
        start=dt.date(2026, 11, 1),
        end=dt.date(2026, 11, 30),
        customers_start=100,
        customers_end=100,
        customers_new=5,
        customers_lost=5,
        recurring_revenue_start=10000.0,
        expansion_revenue=5000.0,
        contraction_revenue=0.0,
        churned_revenue=800.0,
    )
    latest = LatestKpis(compute_kpis(period, CONTEXT), 1)
    assert latest.target_text(_target("nrr better"), "en", 60) == (
        "Net revenue retention +3 points in 60 days, from 142.0% to 145.0% per month"
    )
    # gross revenue retention is a share: (10,000 − 800) ÷ 10,000 = 92 %, a fifth of the 8
    # points left to 100 % is 1.6
    assert latest.target_text(_target("grr better"), "en", 60) == (
        "Gross revenue retention +1.6 points in 60 days, from 92.0% to 93.6% per month"
    )


def test_a_satisfaction_target_within_chance_says_so_and_one_beyond_it_does_not() -> None:
    # CSAT 26 of 39 answers at 4 or 5 = 66.7 %: 1.96 × 100 × √(0.667 × 0.333 ÷ 39) = 14.8, so
    # a 3-point step can be chance; with 3,900 answers the margin is 1.5 and the step is not
    def csat(answers: int) -> LatestKpis:
        scale = SurveyResults(csat_counts=[0, 6, 7, 13, 13], csat_cutoff=4, csat_scale=5)
        counts = [count * answers // 39 for count in scale.csat_counts]
        surveys = dataclasses.replace(scale, csat_counts=counts)
        return LatestKpis(compute_kpis(KpiPeriod(label="2026", surveys=surveys), SHOP))

    few = csat(39).target_text(_target("csat good"), "en", 30)
    assert few == (
        "Customer satisfaction (CSAT) +3 points in 30 days, from 66.7% to 69.7%; with this many "
        "answers, a move under 15 points can be chance"
    )
    assert (
        csat(39)
        .target_text(_target("csat good"), "fr", 30)
        .endswith("avec si peu de réponses, un écart de moins de 15 points peut être dû au hasard")
    )
    many = csat(3900).target_text(_target("csat good"), "en", 30)
    assert many == "Customer satisfaction (CSAT) +3 points in 30 days, from 66.7% to 69.7%"


def test_a_shop_that_lost_nobody_is_asked_to_hold_it_not_to_move_zero_points() -> None:
    # 100 customers at the start, none lost, 10 new: churn 0 %, retention 100 %, the ends of
    # their scales; "+0 points, from 0.0% to 0.0%" asked for nothing
    period = KpiPeriod(
        label="2026-11",
        start=dt.date(2026, 11, 1),
        end=dt.date(2026, 11, 30),
        customers_start=100,
        customers_end=110,
        customers_new=10,
        customers_lost=0,
    )
    latest = LatestKpis(compute_kpis(period, SHOP), 1)
    assert latest.target_text(_target("churn_rate good"), "en", 30) == (
        "Churn rate: keep ≤ 0.0% per month, the latest figure"
    )
    assert latest.target_text(_target("retention_rate good"), "en", 30) == (
        "Customer retention rate: keep ≥ 100.0% per month, the latest figure"
    )
