"""The KPI engine on hand-computed figures: every formula, every edge case of domain brief §2,
and the substituted formula text a shop owner reads, in English and French."""

from __future__ import annotations

import threading

import pytest

from advisor.domain import kpis as kpis_module
from advisor.domain.figure_checks import check_period
from advisor.domain.kpi_definitions import BY_ID, DEFINITIONS
from advisor.domain.kpis import (
    KpiContext,
    KpiResult,
    business_for,
    compute_kpis,
    context_for,
    movement,
)
from advisor.domain.project import KpiPeriod, SurveyResults
from advisor.domain.references import Basis, Reference, Statistic, Status
from advisor.storage.references import load_reference_data

NNBSP = "\u202f"


def shop(**changes: object) -> KpiPeriod:
    """A consistent quarter of a small shop with every figure known.

    Customers: start S = 200, new N = 40, lost 30, end E = 200 + 40 − 30 = 210.
    """
    figures: dict[str, object] = {
        "label": "Q1",
        "customers_start": 200,
        "customers_end": 210,
        "customers_new": 40,
        "customers_lost": 30,
        "customers_reactivated": 10,
        "customers_active_both": 150,
        "orders": 500,
        "revenue": 12_500.0,
        "unique_buyers": 200,
        "repeat_buyers": 80,
        "gross_margin_pct": 60.0,
        "acquisition_spend": 2_000.0,
        "recurring_revenue_start": 10_000.0,
        "expansion_revenue": 1_500.0,
        "contraction_revenue": 300.0,
        "churned_revenue": 500.0,
    }
    figures.update(changes)
    return KpiPeriod(**figures)  # type: ignore[arg-type]


def kpi(period: KpiPeriod, kpi_id: str, business_model: str | None = None) -> KpiResult:
    return compute_kpis(period, KpiContext(business_model=business_model))[kpi_id]


def reason(result: KpiResult, language: str = "en") -> str:
    assert result.value is None, result.value
    assert result.reason is not None
    return result.reason.render(language)


def surveys(**changes: object) -> KpiPeriod:
    return KpiPeriod(label="Q1", surveys=SurveyResults(**changes))  # type: ignore[arg-type]


# --- every KPI on hand-computed figures -------------------------------------------------------


@pytest.mark.parametrize(
    ("kpi_id", "expected"),
    [
        # ((E − N) / S) × 100 = ((210 − 40) / 200) × 100 = 170 / 200 × 100
        ("retention_rate", 85.0),
        # active in both periods / S × 100 = 150 / 200 × 100
        ("strict_retention_rate", 75.0),
        # reactivated / S × 100 = 10 / 200 × 100
        ("reactivation_rate", 5.0),
        # lost / S × 100 = 30 / 200 × 100
        ("churn_rate", 15.0),
        # (churned + contraction) / start revenue × 100 = (500 + 300) / 10 000 × 100
        ("revenue_churn", 8.0),
        # (start − churned − contraction) / start × 100 = (10 000 − 500 − 300) / 10 000 × 100
        ("grr", 92.0),
        # (start + expansion − contraction − churned) / start × 100
        # = (10 000 + 1 500 − 300 − 500) / 10 000 × 100 = 10 700 / 10 000 × 100: above 100 is fine
        ("nrr", 107.0),
        # revenue / orders = 12 500 / 500
        ("aov", 25.0),
        # orders / buyers = 500 / 200
        ("purchase_frequency", 2.5),
        # buyers with ≥ 2 orders / buyers × 100 = 80 / 200 × 100
        ("repeat_purchase_rate", 40.0),
        # 1 / churn = 1 / 0.15 = 6.666… periods
        ("lifespan", 100 / 15),
        # AOV × frequency × lifespan = 25 × 2.5 × 6.666… = 62.5 × 6.666… = 416.666…
        ("clv", 25 * 2.5 * 100 / 15),
        # CLV × margin = 416.666… × 0.60 = 250
        ("clv_margin", 250.0),
        # acquisition spend / new customers = 2 000 / 40
        ("cac", 50.0),
        # margin CLV / CAC = 250 / 50
        ("ltv_cac", 5.0),
    ],
)
def test_kpi_from_hand_computed_figures(kpi_id: str, expected: float) -> None:
    result = kpi(shop(), kpi_id)
    assert result.value == pytest.approx(expected)
    assert result.reason is None
    assert result.warnings == ()


def test_every_defined_kpi_is_computed_in_definition_order() -> None:
    assert list(compute_kpis(shop())) == [d.id for d in DEFINITIONS]


def test_nrr_above_100_while_grr_stays_at_or_below_100() -> None:
    # Big upsell: expansion 5 000 on a 10 000 start.
    # NRR = (10 000 + 5 000 − 300 − 500) / 10 000 × 100 = 142
    # GRR ignores expansion: (10 000 − 500 − 300) / 10 000 × 100 = 92
    period = shop(expansion_revenue=5_000.0)
    assert kpi(period, "nrr").value == pytest.approx(142.0)
    assert kpi(period, "grr").value == pytest.approx(92.0)
    # Nothing lost at all: GRR is exactly 100, never more, whatever the expansion.
    no_loss = shop(expansion_revenue=5_000.0, churned_revenue=0.0, contraction_revenue=0.0)
    assert kpi(no_loss, "grr").value == pytest.approx(100.0)
    assert kpi(no_loss, "nrr").value == pytest.approx(150.0)


def test_revenue_lost_beyond_start_revenue_gives_no_grr_or_revenue_churn() -> None:
    # churned + contraction = 9 000 + 2 000 = 11 000 > 10 000 at start:
    # GRR would be −10 %, revenue churn 110 %: both impossible.
    # The figure check flags churned revenue, and the KPIs point the user to it.
    period = shop(churned_revenue=9_000.0, contraction_revenue=2_000.0)
    (issue,) = [i for i in check_period(period) if i.field == "churned_revenue"]
    assert "exceed" in issue.message.render("en")
    for kpi_id in ("grr", "revenue_churn", "nrr"):
        assert kpi(period, kpi_id).value is None
        assert "Check these figures: Churned and contraction revenue" in reason(kpi(period, kpi_id))


def test_nrr_is_not_negative_when_revenue_lost_exceeds_start_plus_expansion() -> None:
    # churned + contraction = 9 000 + 2 000 = 11 000 > 10 000 start + 0 expansion.
    # NRR = (10 000 + 0 − 2 000 − 9 000) / 10 000 × 100 = −10 %: impossible, so n/a like GRR.
    period = shop(churned_revenue=9_000.0, contraction_revenue=2_000.0, expansion_revenue=0.0)
    assert kpi(period, "nrr").value is None


def test_subscription_clv_only_for_subscription_businesses() -> None:
    # ARPA = recurring revenue at start / S = 10 000 / 200 = 50
    # CLV = ARPA × margin / churn = 50 × 0.60 / 0.15 = 200
    assert kpi(shop(), "clv_subscription", "subscription").value == pytest.approx(200.0)
    for model in ("repeat_retail", None):
        assert "subscription" in reason(kpi(shop(), "clv_subscription", model))


def test_ltv_cac_falls_back_to_revenue_clv_without_margin() -> None:
    # No margin: margin CLV is n/a, so LTV:CAC = revenue CLV / CAC = 416.666… / 50 = 8.333…
    period = shop(gross_margin_pct=None)
    assert "Gross margin" in reason(kpi(period, "clv_margin"))
    assert kpi(period, "ltv_cac").value == pytest.approx(25 * 2.5 * (100 / 15) / 50)


def test_nps_from_eleven_counts() -> None:
    # Scores 0..10. Detractors 0–6: 1+1+1+1+1+1+4 = 10; passives 7–8: 10+10 = 20;
    # promoters 9–10: 20+30 = 50; n = 80. NPS = (50 − 10) / 80 × 100 = 50
    result = kpi(surveys(nps_counts=[1, 1, 1, 1, 1, 1, 4, 10, 10, 20, 30]), "nps")
    assert result.value == pytest.approx(50.0)
    assert result.warnings == ()


def test_nps_from_three_counts_keeps_passives_in_the_denominator() -> None:
    # Detractors 10, passives 20, promoters 70: (70 − 10) / (10 + 20 + 70) × 100 = 60.
    # (Leaving passives out would give 60 / 80 × 100 = 75.)
    assert kpi(surveys(nps_counts=[10, 20, 70]), "nps").value == pytest.approx(60.0)
    # All detractors: the bottom of the range.
    assert kpi(surveys(nps_counts=[40, 0, 0]), "nps").value == pytest.approx(-100.0)


@pytest.mark.parametrize(
    ("scale", "cutoff", "counts", "expected"),
    [
        # 1–5, satisfied = 4 or 5: (40 + 40) / (5 + 5 + 10 + 40 + 40) × 100 = 80 / 100 × 100
        (5, 4, [5, 5, 10, 40, 40], 80.0),
        # same answers, only 5 counts as satisfied: 40 / 100 × 100
        (5, 5, [5, 5, 10, 40, 40], 40.0),
        # 1–3, satisfied = 3: 15 / (5 + 20 + 15) × 100 = 15 / 40 × 100
        (3, 3, [5, 20, 15], 37.5),
    ],
)
def test_csat_uses_the_stored_scale_and_cutoff(
    scale: int, cutoff: int, counts: list[int], expected: float
) -> None:
    period = surveys(csat_counts=counts, csat_scale=scale, csat_cutoff=cutoff)
    assert kpi(period, "csat").value == pytest.approx(expected)


def test_ces_mean_on_a_seven_point_scale() -> None:
    # Ten answers each of 4, 5, 6, 7: (40 + 50 + 60 + 70) / 40 = 220 / 40 = 5.5
    assert kpi(surveys(ces_counts=[0, 0, 0, 10, 10, 10, 10]), "ces").value == pytest.approx(5.5)


def test_ces_with_reversed_direction_reads_easy_as_high() -> None:
    # 1 = easiest. Twenty 1s and twenty 2s: raw mean (20 + 40) / 40 = 1.5 (very easy);
    # shown on the app's scale where 7 is easiest: 7 + 1 − 1.5 = 6.5
    period = surveys(ces_counts=[20, 20, 0, 0, 0, 0, 0], ces_higher_is_easier=False)
    assert kpi(period, "ces").value == pytest.approx(6.5)
    # 1–5 scale, everyone answered 1 (easiest): 5 + 1 − 1 = 5
    five = surveys(ces_counts=[30, 0, 0, 0, 0], ces_scale=5, ces_higher_is_easier=False)
    assert kpi(five, "ces").value == pytest.approx(5.0)


# --- status against a band --------------------------------------------------------------------


def test_status_comes_from_the_reference_and_needs_a_value() -> None:
    rule = Reference(
        "test-rule",
        "retention_rate",
        Basis.NONE,
        Statistic.RULE_OF_THUMB,
        "P",
        "T",
        good=80,
        critical=60,
    )
    context = KpiContext(references={"retention_rate": rule, "churn_rate": rule})
    result = compute_kpis(shop(), context)["retention_rate"]  # 85 % ≥ 80 %
    assert (result.status, result.reference) == (Status.GOOD, rule)
    # E = 200 + 40 − 70 = 170: (170 − 40) / 200 × 100 = 65 %, between 60 and 80
    watch = compute_kpis(
        shop(customers_end=170, customers_lost=70, customers_active_both=100), context
    )["retention_rate"]
    assert watch.status == Status.WATCH
    # E = 200 + 40 − 90 = 150: (150 − 40) / 200 × 100 = 55 %, below 60
    low = compute_kpis(
        shop(customers_end=150, customers_lost=90, customers_active_both=100), context
    )["retention_rate"]
    assert low.status == Status.CRITICAL
    empty = compute_kpis(KpiPeriod(label="Q1"), context)["retention_rate"]
    assert (empty.value, empty.status) == (None, Status.UNKNOWN)


# --- edge cases: n/a with a reason, or a value with a warning ---------------------------------


def test_no_customers_at_start_is_division_by_zero_not_zero_percent() -> None:
    # A new business: S = 0, E = 0 + 10 − 0 = 10, nobody active in both periods
    period = shop(
        customers_start=0,
        customers_end=10,
        customers_new=10,
        customers_lost=0,
        customers_active_both=0,
        customers_reactivated=0,
    )
    results = compute_kpis(period)
    for kpi_id in (
        "retention_rate",
        "strict_retention_rate",
        "reactivation_rate",
        "churn_rate",
        "lifespan",
    ):
        text = reason(results[kpi_id])
        assert "zero" in text and "Customers at start" in text, (kpi_id, text)


@pytest.mark.parametrize(
    ("kpi_id", "figure", "label"),
    [
        ("retention_rate", "customers_end", "Customers at end"),
        ("strict_retention_rate", "customers_active_both", "Also active the period before"),
        ("reactivation_rate", "customers_reactivated", "Reactivated customers"),
        ("churn_rate", "customers_lost", "Customers lost"),
        ("revenue_churn", "churned_revenue", "Churned revenue"),
        ("grr", "recurring_revenue_start", "Recurring revenue at start"),
        ("nrr", "expansion_revenue", "Expansion revenue"),
        ("aov", "revenue", "Revenue"),
        ("purchase_frequency", "unique_buyers", "Buyers"),
        ("repeat_purchase_rate", "repeat_buyers", "Buyers with 2 or more orders"),
        ("lifespan", "customers_lost", "Customers lost"),
        ("clv", "orders", "Orders"),
        ("clv_margin", "gross_margin_pct", "Gross margin %"),
        ("cac", "acquisition_spend", "Acquisition spend"),
        ("ltv_cac", "acquisition_spend", "Acquisition spend"),
    ],
)
def test_missing_figure_is_named_in_the_reason(kpi_id: str, figure: str, label: str) -> None:
    assert label in reason(kpi(shop(**{figure: None}), kpi_id))


def test_missing_survey_answers_are_named() -> None:
    results = compute_kpis(KpiPeriod(label="Q1"))
    assert "NPS answers" in reason(results["nps"])
    assert "CSAT answers" in reason(results["csat"])
    assert "CES answers" in reason(results["ces"])


def test_subscription_clv_names_a_missing_figure() -> None:
    result = kpi(shop(recurring_revenue_start=None), "clv_subscription", "subscription")
    assert "Recurring revenue at start" in reason(result)


def test_no_customer_lost_means_unbounded_lifespan_not_infinity() -> None:
    # lost 0, E = 200 + 40 − 0 = 240: churn = 0 / 200 = 0 %, lifespan = 1 / 0 → n/a
    period = shop(customers_lost=0, customers_end=240)
    assert kpi(period, "churn_rate").value == 0.0
    assert "unbounded" in reason(kpi(period, "lifespan"))
    assert "unbounded" in reason(kpi(period, "clv"))
    assert "unbounded" in reason(kpi(period, "clv_subscription", "subscription"))


def test_retention_above_100_is_kept_with_a_warning_and_no_verdict() -> None:
    # Reactivated customers counted as retained: S = 100, E = 130, N = 20, 10 came back
    # (lost unknown). ((130 − 20) / 100) × 100 = 110 %
    period = shop(
        customers_start=100,
        customers_end=130,
        customers_new=20,
        customers_lost=None,
        customers_active_both=None,
    )
    result = kpi(period, "retention_rate")
    assert result.value == pytest.approx(110.0)
    judged = compute_kpis(period, context_for("retail", None, load_reference_data()))
    assert judged["retention_rate"].status == Status.CHECK
    (warning,) = result.warnings
    assert "Above 100" in warning.render("en")


def test_more_customers_lost_than_at_start_gives_no_churn() -> None:
    # lost 250 > S 200: impossible, so no churn (and nothing built on it)
    period = shop(customers_lost=250, customers_end=None)
    text = reason(kpi(period, "churn_rate"))
    assert "Check these figures" in text and "More customers lost (250)" in text
    assert kpi(period, "lifespan").value is None
    assert kpi(period, "clv").value is None


def test_more_new_customers_than_at_end_gives_no_retention() -> None:
    # N 230 > E 210: ((210 − 230) / 200) would be −10 %
    text = reason(kpi(shop(customers_new=230, customers_lost=None), "retention_rate"))
    assert "Check these figures" in text and "More new customers (230)" in text


def test_more_repeat_buyers_than_buyers_gives_no_repeat_rate() -> None:
    text = reason(kpi(shop(repeat_buyers=201), "repeat_purchase_rate"))
    assert "Check these figures" in text and "More repeat buyers (201)" in text


def test_fewer_orders_than_buyers_gives_no_aov_or_frequency() -> None:
    period = shop(orders=150)  # 150 orders, 200 buyers
    for kpi_id in ("aov", "purchase_frequency", "clv"):
        text = reason(kpi(period, kpi_id))
        assert "Check these figures" in text and "Fewer orders (150)" in text, kpi_id


def test_csat_cutoff_above_the_scale_gives_no_csat() -> None:
    # Cut-off 6 on a 1–5 scale is flagged as impossible by check_period; CSAT must not
    # come out as 0 % (nobody could be "satisfied").
    period = surveys(csat_counts=[5, 5, 10, 40, 40], csat_scale=5, csat_cutoff=6)
    assert kpi(period, "csat").value is None


@pytest.mark.parametrize(
    ("kpi_id", "changes"),
    [
        # 29 answers: 9 detractors (score 0), 10 passives (score 7), 10 promoters (score 10)
        ("nps", {"nps_counts": [9, 0, 0, 0, 0, 0, 0, 10, 0, 0, 10]}),
        ("csat", {"csat_counts": [4, 5, 5, 5, 10]}),
        ("ces", {"ces_counts": [4, 5, 5, 5, 5, 3, 2]}),
    ],
)
def test_fewer_than_30_answers_warn_but_keep_the_score(
    kpi_id: str, changes: dict[str, object]
) -> None:
    result = kpi(surveys(**changes), kpi_id)
    assert result.value is not None
    (warning,) = result.warnings
    assert "29" in warning.render("en")


def test_thirty_answers_are_enough() -> None:
    # 10 detractors, 10 passives, 10 promoters: (10 − 10) / 30 × 100 = 0
    result = kpi(surveys(nps_counts=[10, 10, 10]), "nps")
    assert result.value == pytest.approx(0.0)
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("kpi_id", "changes"),
    [
        ("nps", {"nps_counts": [0] * 11}),
        ("nps", {"nps_counts": [0, 0, 0]}),
        ("csat", {"csat_counts": [0] * 5}),
        ("ces", {"ces_counts": [0] * 7}),
    ],
)
def test_zero_answers_give_no_score(kpi_id: str, changes: dict[str, object]) -> None:
    assert "No answers" in reason(kpi(surveys(**changes), kpi_id))


@pytest.mark.parametrize("counts", [[5, 5, 5, 5], [1] * 10, [1] * 12, [30]])
def test_wrong_number_of_nps_counts_gives_no_nps(counts: list[int]) -> None:
    text = reason(kpi(surveys(nps_counts=counts), "nps"))
    assert "Check these figures" in text and "NPS answers need 11 counts" in text


# --- the formula with the user's numbers ------------------------------------------------------


def demo_like(**changes: object) -> KpiPeriod:
    # S 1 720, E 1 785, N 205, lost 140: 1 720 + 205 − 140 = 1 785
    return shop(
        customers_start=1_720,
        customers_end=1_785,
        customers_new=205,
        customers_lost=140,
        customers_active_both=1_150,
        customers_reactivated=30,
        orders=3_180,
        revenue=98_400.0,
        unique_buyers=1_390,
        repeat_buyers=810,
        gross_margin_pct=55.0,
        **changes,
    )


@pytest.mark.parametrize(
    ("kpi_id", "english", "french"),
    [
        (
            "retention_rate",
            "((1,785 − 205) ÷ 1,720) × 100",
            f"((1{NNBSP}785 − 205) ÷ 1{NNBSP}720) × 100",
        ),
        ("churn_rate", "(140 ÷ 1,720) × 100", f"(140 ÷ 1{NNBSP}720) × 100"),
        ("aov", "€98,400.00 ÷ 3,180", f"98{NNBSP}400,00{NNBSP}€ ÷ 3{NNBSP}180"),
        ("purchase_frequency", "3,180 ÷ 1,390", f"3{NNBSP}180 ÷ 1{NNBSP}390"),
        ("repeat_purchase_rate", "(810 ÷ 1,390) × 100", f"(810 ÷ 1{NNBSP}390) × 100"),
        # churn 140 / 1 720 = 8.14 %
        ("lifespan", "1 ÷ 8.1%", f"1 ÷ 8,1{NNBSP}%"),
        # AOV 98 400 / 3 180 = 30.94; frequency 3 180 / 1 390 = 2.29; lifespan 1 720 / 140 = 12.29
        ("clv", "€30.94 × 2.29 × 12.29 periods", f"30,94{NNBSP}€ × 2,29 × 12,29\u00a0périodes"),
        # 30.943… × 2.2877… × 12.2857… = 869.72
        ("clv_margin", "€869.72 × 55.0%", f"869,72{NNBSP}€ × 55,0{NNBSP}%"),
        (
            "grr",
            "((€10,000.00 − €500.00 − €300.00) ÷ €10,000.00) × 100",
            f"((10{NNBSP}000,00{NNBSP}€ − 500,00{NNBSP}€ − 300,00{NNBSP}€) ÷ "
            f"10{NNBSP}000,00{NNBSP}€) × 100",
        ),
    ],
)
def test_substituted_formula_shows_the_users_numbers(
    kpi_id: str, english: str, french: str
) -> None:
    substituted = kpi(demo_like(), kpi_id).substituted
    assert substituted is not None
    assert substituted.render("en") == english
    assert substituted.render("fr") == french


def test_acquisition_cost_shows_the_spend_and_the_new_customers() -> None:
    # €4 100 spent to win 205 new customers: €20.00 each
    result = kpi(demo_like(acquisition_spend=4_100.0), "cac")
    assert result.value == pytest.approx(20.0)
    assert result.substituted is not None
    assert result.substituted.render("en") == "€4,100.00 ÷ 205"
    assert result.substituted.render("fr") == f"4{NNBSP}100,00{NNBSP}€ ÷ 205"


def test_substituted_money_follows_the_projects_currency() -> None:
    substituted = kpi(shop(), "aov").substituted
    assert substituted is not None
    assert substituted.render("en", "USD") == "$12,500.00 ÷ 500"


def test_nps_formula_shows_shares_and_the_number_of_answers() -> None:
    # 10 / 80 = 12.5 % detractors, 50 / 80 = 62.5 % promoters
    substituted = kpi(surveys(nps_counts=[1, 1, 1, 1, 1, 1, 4, 10, 10, 20, 30]), "nps").substituted
    assert substituted is not None
    english = substituted.render("en")
    assert "62.5" in english and "12.5" in english and "80" in english
    french = substituted.render("fr")
    assert "62,5" in french and "12,5" in french and "{" not in french


def test_reasons_read_in_french_with_the_french_figure_names() -> None:
    new_business = shop(
        customers_start=0,
        customers_end=10,
        customers_new=10,
        customers_lost=0,
        customers_active_both=0,
        customers_reactivated=0,
    )
    zero = reason(kpi(new_business, "retention_rate"), "fr")
    assert "zéro" in zero and "Clients en début de période" in zero
    assert "Chiffre d’affaires" in reason(kpi(shop(revenue=None), "aov"), "fr")
    impossible = reason(kpi(shop(customers_lost=250, customers_end=None), "churn_rate"), "fr")
    assert "Vérifiez ces chiffres" in impossible and "(250)" in impossible
    for text in (zero, impossible):
        assert "{" not in text


def test_every_theme_a_kpi_names_has_a_name() -> None:
    from advisor.domain.themes import THEME_NAMES

    for definition in DEFINITIONS:
        assert definition.themes, definition.id
        assert set(definition.themes) <= set(THEME_NAMES), definition.id


def test_an_amount_of_a_tiny_fraction_of_a_cent_gives_no_infinite_retention() -> None:
    """A recurring revenue at start of 5e-324 (the smallest number a computer holds, typed or
    pasted by mistake) with €1 of expansion would make net revenue retention infinite: it is
    left out, saying the figures should be checked, never printed as "inf %"."""
    period = KpiPeriod(
        "Q1",
        recurring_revenue_start=5e-324,
        churned_revenue=0.0,
        contraction_revenue=0.0,
        expansion_revenue=1.0,
    )
    nrr = compute_kpis(period)["nrr"]
    assert nrr.value is None
    assert nrr.status == Status.UNKNOWN
    assert "check them" in nrr.reason.render("en")
    assert "vérifiez-les" in nrr.reason.render("fr")
    # the figures to check are the ones NRR reads, highlighted on the KPI step
    assert set(nrr.inputs) == {
        "recurring_revenue_start",
        "churned_revenue",
        "contraction_revenue",
        "expansion_revenue",
    }


def test_kpis_are_computed_in_a_thread_that_never_built_a_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The KPI step computes in a background thread: one that never entered ``remembering``
    (where reports share results) computes as any other. A fresh thread-local stands for that
    thread (a real thread here would hang the mutation runner, which forks)."""
    monkeypatch.setattr(kpis_module, "_remembered", threading.local())
    assert kpi(demo_like(), "churn_rate").value == pytest.approx(140 / 1_720 * 100)


@pytest.mark.parametrize(
    ("sector", "key"),
    [
        ("SaaS software for accountants", "software"),
        ("Hair salon", "consumer_services"),
        ("Boulangerie de quartier", "retail"),
    ],
)
def test_the_sector_is_recognised_from_what_the_owner_wrote(sector: str, key: str) -> None:
    assert business_for(sector, None, load_reference_data()).sector == key


def test_lifetime_value_of_a_subscription_only_for_a_subscription() -> None:
    """Figures of a subscription: €12 000 recurring revenue from 200 accounts (€60 each), 60 %
    margin, 10 of 200 lost (5 %): 60 × 60 % ÷ 5 % = €720. The same figures from a shop get
    no subscription value."""
    period = shop(
        customers_start=200,
        customers_lost=10,
        customers_end=230,  # 200 + 40 new − 10 lost
        recurring_revenue_start=12_000.0,
        gross_margin_pct=60.0,
    )
    data = load_reference_data()
    subscription = compute_kpis(period, context_for("Yoga studio", "subscription", data))
    assert subscription["clv_subscription"].value == pytest.approx(720.0)
    bought = compute_kpis(period, context_for("Yoga studio", "repeat_retail", data))
    assert bought["clv_subscription"].value is None


# --- the arrows beside a KPI: moved the right way, the wrong way, or within noise -------------


def _moved(kpi_id: str, before: float | None, now: float | None) -> int:
    definition = BY_ID[kpi_id]
    previous = KpiResult(definition, before)
    return movement(KpiResult(definition, now), previous)


@pytest.mark.parametrize(
    ("kpi_id", "before", "now", "arrow"),
    [
        # a rate moves by points: 1 point is the least that counts (the product's rule of thumb)
        ("retention_rate", 80.0, 81.0, 1),
        ("retention_rate", 80.0, 80.5, 0),
        ("retention_rate", 80.0, 79.0, -1),
        ("retention_rate", 80.0, 79.5, 0),
        ("churn_rate", 10.0, 9.0, 1),  # churn falling is the right way
        ("churn_rate", 10.0, 11.0, -1),
        # anything else by a share: 5 % of the previous figure (€40 → €42 is exactly 5 %)
        ("aov", 40.0, 42.0, 1),
        ("aov", 40.0, 41.0, 0),
        ("aov", 40.0, 38.0, -1),
        ("cac", 50.0, 47.5, 1),  # a cost falling by 5 % is the right way
        ("cac", 50.0, 55.0, -1),
    ],
)
def test_a_kpi_moves_only_by_more_than_noise(
    kpi_id: str, before: float, now: float, arrow: int
) -> None:
    assert _moved(kpi_id, before, now) == arrow


def test_no_arrow_when_either_period_has_no_figure() -> None:
    definition = BY_ID["retention_rate"]
    assert movement(KpiResult(definition, 80.0), None) == 0  # the first period
    assert _moved("retention_rate", None, 80.0) == 0
    assert _moved("retention_rate", 80.0, None) == 0
    assert _moved("retention_rate", None, None) == 0
