"""Verdicts a consultant can defend: like compared with like (periods converted, scales
normalised, lifetime rates kept apart), one verdict per fact, one line per KPI everywhere, and
no verdict at all on figures that cannot all be true."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.domain.churn_causes import data_suggestions
from advisor.domain.kpis import KpiContext, KpiResult, compute_kpis, context_for
from advisor.domain.matching import applies
from advisor.domain.matching_input import DiagnosisInput
from advisor.domain.project import BusinessModel, BusinessProfile, KpiPeriod, Project, SurveyResults
from advisor.domain.references import Basis, Reference, Statistic, Status
from advisor.domain.verdicts import compound
from advisor.paths import demo_project
from advisor.storage.playbooks import bundled_library
from advisor.storage.project_file import load_project
from advisor.storage.references import load_reference_data, project_context


def month(year: int, number: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, number, 1)
    end = dt.date(year + number // 12, number % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def period(
    label: str, dates: tuple[dt.date, dt.date] | None = None, **figures: object
) -> KpiPeriod:
    start, end = dates if dates else (None, None)
    return KpiPeriod(label, start, end, **figures)  # type: ignore[arg-type]


def customers(start: int, new: int, lost: int, **more: object) -> dict[str, object]:
    """Customer counts that add up: end = start + new − lost."""
    return {
        "customers_start": start,
        "customers_new": new,
        "customers_lost": lost,
        "customers_end": start + new - lost,
        **more,
    }


def judged(
    p: KpiPeriod, sector: str = "", model: str | None = None, customers: str | None = None
) -> dict[str, KpiResult]:
    return compute_kpis(p, context_for(sector, model, load_reference_data(), customers))


def b2b_subscription(p: KpiPeriod) -> dict[str, KpiResult]:
    """Judged as a B2B subscription: against Recurly's 2019 median of 5.15 % lost a month."""
    return judged(p, "Software", "subscription", "b2b")


def render(result: KpiResult, what: str = "compared", language: str = "en") -> str:
    message = getattr(result, what)
    return message.render(language) if message is not None else ""


# Like with like: a rate is converted to the reference's period.


def test_a_b2b_subscription_losing_8_percent_a_month_is_worse_than_typical() -> None:
    # 8 % lost a month against the 5.15 % median (± 0.5): worse, for churn and retention alike
    results = b2b_subscription(period("2026-03", month(2026, 3), **customers(1000, 50, 80)))
    churn, retention = results["churn_rate"], results["retention_rate"]
    assert churn.value == pytest.approx(8.0)
    assert churn.status == retention.status == Status.WORSE
    assert churn.compared is None  # a month against a month: nothing to convert
    assert churn.reference is not None and churn.reference.id == "recurly-2019-churn-b2b"


@pytest.mark.parametrize(
    ("lost", "expected", "compared"),
    [
        # 15 % a quarter keeps 0.85 ** (1/3) = 94.7 % a month: 5.3 % lost, within 0.5 of 5.15
        (150, Status.TYPICAL, "15.0% per quarter ≈ 5.3% per month"),
        # 10 % a quarter ≈ 3.5 % a month: better than the median
        (100, Status.BETTER, "10.0% per quarter ≈ 3.5% per month"),
        # 24 % a quarter ≈ 8.7 % a month: worse. Judged per quarter against a monthly
        # median it would have looked catastrophic; the other way round, excellent.
        (240, Status.WORSE, "24.0% per quarter ≈ 8.7% per month"),
    ],
)
def test_a_quarter_is_converted_to_the_reference_month_at_the_same_pace(
    lost: int, expected: Status, compared: str
) -> None:
    dates = (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    results = b2b_subscription(period("2026 Q4", dates, **customers(1000, 200, lost)))
    assert results["churn_rate"].status == results["retention_rate"].status == expected
    assert render(results["churn_rate"]) == compared
    kept = f"{100 - lost / 10:.1f}% per quarter ≈"
    assert render(results["retention_rate"]).startswith(kept)


def test_a_year_is_converted_to_a_month_and_shown_in_both_languages() -> None:
    # 50 % lost over a year is 0.5 ** (1/12) = 94.4 % kept a month: 5.6 % lost
    results = judged(period("2025", **customers(400, 200, 200)), "", "subscription", "b2c")
    churn = results["churn_rate"]
    assert render(churn) == "50.0% per year ≈ 5.6% per month"
    assert render(churn, language="fr") == "50,0\u202f% par an ≈ 5,6\u202f% par mois"
    assert churn.status == Status.BETTER  # B2C median 6.81 %


def test_the_period_length_comes_from_the_label_when_there_are_no_dates() -> None:
    quarter = b2b_subscription(period("2026-Q1", **customers(200, 50, 30)))["churn_rate"]
    assert "per quarter ≈" in render(quarter)
    unknown = b2b_subscription(period("Spring sales", **customers(200, 50, 30)))["churn_rate"]
    assert unknown.status == Status.UNKNOWN
    assert "first and last day" in render(unknown, "note")


def test_a_subscription_benchmark_never_judges_a_shop_or_an_unknown_audience() -> None:
    figures = customers(1000, 100, 80)
    shop = judged(period("2026-05", month(2026, 5), **figures), "Tea shop", "repeat_retail", "b2c")
    assert shop["churn_rate"].status == Status.UNKNOWN and shop["churn_rate"].reference is None
    unsaid = judged(period("2026-05", month(2026, 5), **figures), "Software", "subscription")
    assert unsaid["churn_rate"].reference is None  # B2B or B2C not said: no median applies


def test_compounding_keeps_a_year_as_twelve_months() -> None:
    assert compound(92.0, 1, 12) == pytest.approx(36.77, abs=0.01)
    assert compound(compound(80.0, 12, 3), 3, 12) == pytest.approx(80.0)
    assert compound(0.0, 3, 12) == 0.0


def test_a_rate_within_a_period_is_never_compared_with_a_lifetime_rate() -> None:
    lifetime = Reference(
        "lifetime-repeat",
        "repeat_purchase_rate",
        Basis.LIFETIME,
        Statistic.AVERAGE,
        "P",
        "T",
        2020,
        typical=28,
    )
    context = KpiContext({"repeat_purchase_rate": lifetime})
    p = period("2026 Q1", (dt.date(2026, 1, 1), dt.date(2026, 3, 31)), unique_buyers=100)
    p.repeat_buyers, p.orders = 20, 130
    result = compute_kpis(p, context)["repeat_purchase_rate"]
    assert result.value == pytest.approx(20.0)
    assert result.status == Status.UNKNOWN
    assert "whole history" in render(result, "note")


# Scales are normalised.


@pytest.mark.parametrize(
    ("counts", "scale", "status", "compared"),
    [
        ([0, 0, 2, 8, 30], 5, Status.GOOD, "4.7 of 5 ≈ 6.6 of 7"),  # easy on a 1–5 scale
        ([0, 10, 20, 10, 0], 5, Status.WATCH, "3.0 of 5 ≈ 4.0 of 7"),  # neutral
        ([5, 10, 10, 5, 0, 0, 0], 7, Status.CRITICAL, ""),  # 2.5 of 7: hard
        ([0, 0, 0, 0, 10, 10, 10], 7, Status.GOOD, ""),  # 6 of 7
    ],
)
def test_effort_scores_are_put_on_the_reference_scale(
    counts: list[int], scale: int, status: Status, compared: str
) -> None:
    surveys = SurveyResults(ces_counts=counts, ces_scale=scale)
    result = judged(period("May", surveys=surveys))["ces"]
    assert result.status == status
    assert render(result) == compared


def test_an_excellent_effort_score_on_five_points_triggers_no_effort_play() -> None:
    # 4.6 of 5 used to be read as "below 5" and set off three plays.
    surveys = SurveyResults(ces_counts=[0, 0, 4, 4, 32], ces_scale=5)
    project = Project(kpi_periods=[period("May", surveys=surveys)])
    data = DiagnosisInput(kpis=dict(judged(project.kpi_periods[0])))
    for playbook_id in ("self-service-faq", "response-time-targets", "post-purchase-survey"):
        playbook = bundled_library().get(playbook_id)
        assert playbook is not None and not applies(playbook, data), playbook_id
    assert "experience" not in data_suggestions(project.kpi_periods, project_context(project))


def test_a_csat_counting_more_than_the_top_answers_as_satisfied_is_not_judged() -> None:
    loose = SurveyResults(csat_counts=[10, 10, 20, 30, 30], csat_cutoff=3)  # 3 of 5 scores
    result = judged(period("May", surveys=loose))["csat"]
    assert result.value == pytest.approx(80.0) and result.status == Status.UNKNOWN
    assert "3 of 5 scores" in render(result, "note")


# One line per KPI, the same on screen, in the causes and in the plays.


@pytest.mark.parametrize(
    ("satisfied", "status", "suggested"),
    [(59, Status.CRITICAL, True), (79, Status.WATCH, True), (80, Status.GOOD, False)],
)
def test_csat_is_read_against_one_line_everywhere(
    satisfied: int, status: Status, suggested: bool
) -> None:
    surveys = SurveyResults(csat_counts=[100 - satisfied, 0, 0, 0, satisfied])
    project = Project(kpi_periods=[period("May", surveys=surveys)])
    context = project_context(project)
    result = compute_kpis(project.kpi_periods[0], context)["csat"]
    assert result.status == status
    assert ("quality" in data_suggestions(project.kpi_periods, context)) is suggested
    quality_play = bundled_library().get("quality-checklist")
    assert quality_play is not None
    assert applies(quality_play, DiagnosisInput(kpis={"csat": result})) is suggested


def test_retention_and_churn_never_disagree_on_the_demo_or_the_sample_businesses() -> None:
    projects = [load_project(demo_project(language)) for language in ("en", "fr")]
    projects += [sample for sample, _sector in SAMPLES]
    for project in projects:
        context = project_context(project)
        for p in project.kpi_periods:
            results = compute_kpis(p, context)
            assert results["retention_rate"].status == results["churn_rate"].status, p.label


def _business(
    name: str, sector: str, model: BusinessModel, sells_to: str, *periods: KpiPeriod
) -> Project:
    profile = BusinessProfile(name, sector, model, sells_to)
    return Project(profile, kpi_periods=list(periods))


SAMPLES = [
    (
        _business(
            "Salon Lila",
            "Salon de coiffure",
            BusinessModel.SERVICES,
            "consumers",
            period(
                "2026 Q1", (dt.date(2026, 1, 1), dt.date(2026, 3, 31)), **customers(420, 60, 45)
            ),
            period(
                "2026 Q2", (dt.date(2026, 4, 1), dt.date(2026, 6, 30)), **customers(435, 40, 70)
            ),
        ),
        None,
    ),
    (
        _business(
            "Ledgerly",
            "B2B SaaS software",
            BusinessModel.SUBSCRIPTION,
            "businesses",
            *(period(f"2026-{m:02}", month(2026, m), **customers(300, 20, 24)) for m in (1, 2, 3)),
        ),
        "recurly-2019-churn-b2b",
    ),
    (
        _business(
            "Studio Blanc",
            "Wedding photographer",
            BusinessModel.SERVICES,
            "consumers",
            period("2025", **customers(40, 35, 38)),
        ),
        None,
    ),
    (
        _business(
            "Thés du Monde",
            "Online tea shop",
            BusinessModel.REPEAT_RETAIL,
            "consumers",
            period("2026-05", month(2026, 5), **customers(2000, 180, 150)),
            period("2026-06", month(2026, 6), **customers(2030, 150, 210)),
        ),
        None,
    ),
]


# ASCII ids: a test id with an accent is escaped by pytest and then not found by the mutation
# runner when it selects the test by id.
@pytest.mark.parametrize(
    ("project", "reference_id"),
    SAMPLES,
    ids=[p.profile.name.replace("é", "e") for p, _id in SAMPLES],
)
def test_only_a_subscription_selling_to_businesses_meets_a_churn_benchmark(
    project: Project, reference_id: str | None
) -> None:
    # The salon, the photographer and the tea shop have no published churn benchmark measured
    # on businesses like them: they get none rather than one measured on others.
    context = project_context(project)
    reference = context.references.get("churn_rate")
    assert (reference.id if reference else None) == reference_id
    if reference_id:
        results = compute_kpis(project.kpi_periods[-1], context)
        assert results["churn_rate"].status == Status.WORSE  # 8 % a month against 5.15 %


# Figures that cannot all be true get no verdict.


def test_more_customers_at_the_end_than_could_have_come_gets_no_retention() -> None:
    results = judged(
        period("Q1", customers_start=100, customers_end=250, customers_new=20), "Retail"
    )
    retention = results["retention_rate"]
    assert retention.value is None and retention.status == Status.UNKNOWN
    assert "More customers at the end (250)" in retention.reason.render("en")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "kpi", "problem"),
    [
        ({"customers_active_both": 80, "customers_lost": 60}, "strict_retention_rate", "(80)"),
        ({"customers_reactivated": 90}, "reactivation_rate", "More reactivated customers (90)"),
        ({"customers_active_both": 70, "customers_lost": 60}, "churn_rate", "exceed"),
    ],
)
def test_a_kpi_built_on_a_broken_invariant_says_which_figures_to_check(
    changes: dict[str, object], kpi: str, problem: str
) -> None:
    figures = customers(100, 10, 50)  # end 60
    figures.update(changes)
    figures["customers_end"] = 100 + 10 - int(figures["customers_lost"])  # type: ignore[call-overload]
    if kpi == "reactivation_rate":
        figures["customers_end"] = 20
        figures["customers_lost"] = 90
    result = judged(period("Q1", **figures), "Retail")[kpi]
    assert result.value is None and result.status == Status.UNKNOWN
    text = result.reason.render("en")  # type: ignore[union-attr]
    assert text.startswith("Check these figures:") and problem in text


def test_retention_and_churn_that_do_not_add_up_get_no_verdict() -> None:
    # 90 % kept and 20 % lost: someone counted reactivated customers as new, or a figure is off
    p = period("2026", customers_start=100, customers_end=110, customers_new=20, customers_lost=20)
    results = b2b_subscription(p)
    for kpi in ("retention_rate", "churn_rate"):
        assert results[kpi].status == Status.CHECK
        assert "should add up to 100" in render(results[kpi], "note")


def test_a_gap_below_one_point_still_gets_one_verdict_for_both() -> None:
    p = period(
        "2026", customers_start=1000, customers_end=1105, customers_new=200, customers_lost=100
    )
    results = b2b_subscription(p)  # 90.5 % kept, 10 % lost
    assert results["retention_rate"].status == results["churn_rate"].status == Status.BETTER


def test_a_share_above_100_percent_is_never_good() -> None:
    p = period(
        "2026", customers_start=100, customers_end=130, customers_new=20, customers_reactivated=10
    )
    retention = b2b_subscription(p)["retention_rate"]
    assert retention.value == pytest.approx(110.0) and retention.status == Status.CHECK


def test_a_share_just_above_100_percent_with_no_reference_is_flagged() -> None:
    # no sector, model or audience: no reference line, yet 201 reactivated ÷ 200 at the start
    # = 100.5 % is impossible and says so; exactly 100 % is possible and stays unjudged
    over = judged(period("2026", customers_start=200, customers_reactivated=201))
    assert over["reactivation_rate"].value == pytest.approx(100.5)
    assert over["reactivation_rate"].status == Status.CHECK
    whole = judged(period("2026", customers_start=200, customers_reactivated=200))
    assert whole["reactivation_rate"].value == pytest.approx(100.0)
    assert whole["reactivation_rate"].status == Status.UNKNOWN


# Lines a business can act on, with their units.


def test_ltv_cac_is_judged_against_3_to_1_only_with_margin() -> None:
    figures = customers(1000, 100, 80) | {
        "orders": 3000,
        "revenue": 90_000.0,
        "unique_buyers": 1000,
        "acquisition_spend": 2_000.0,
    }
    revenue_based = b2b_subscription(period("2026", **figures))["ltv_cac"]
    assert revenue_based.value is not None and revenue_based.status == Status.UNKNOWN
    assert "gross margin" in render(revenue_based, "note")
    margin_based = b2b_subscription(period("2026", **figures, gross_margin_pct=40.0))["ltv_cac"]
    assert margin_based.status == Status.GOOD
    # Skok's line is for subscription software: a shop's ratio is shown, not judged
    shop = judged(period("2026", **figures, gross_margin_pct=40.0), "Tea shop", "repeat_retail")
    assert shop["ltv_cac"].value is not None and shop["ltv_cac"].status == Status.UNKNOWN


def test_lifespan_says_its_unit() -> None:
    dates = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    lifespan = judged(period("2026 Q1", dates, **customers(1720, 205, 140)))["lifespan"]
    quantity = lifespan.quantity()
    assert quantity is not None
    assert quantity.format("en") == "12.3 quarters"
    assert quantity.format("fr") == "12,3\u00a0trimestres"
    yearly = judged(period("2026", **customers(100, 10, 50)))["lifespan"].quantity()
    assert yearly is not None and yearly.format("en") == "2.0 years"


def test_a_churn_peak_is_looked_for_among_periods_of_the_same_length() -> None:
    quarters = [
        period(
            f"2025 Q{q}",
            (dt.date(2025, 3 * q - 2, 1), month(2025, 3 * q)[1]),
            **customers(1000, 90, 80),
        )
        for q in (1, 2, 3)
    ]
    year = period("2024", (dt.date(2024, 1, 1), dt.date(2024, 12, 31)), **customers(1000, 300, 300))
    context = project_context(Project())
    # The year's 30 % is not a peak against quarters of 8 %
    assert "context" not in data_suggestions([year, *quarters], context)
