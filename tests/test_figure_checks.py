"""Invariants of a period's figures: each impossible or suspicious figure gets a message next to
the right field, at the right level, readable in English and French."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.domain.figure_checks import IssueLevel, bad_fields, check_period
from advisor.domain.kpis import compute_kpis
from advisor.domain.project import KpiPeriod, SurveyResults

NNBSP = "\u202f"


def period(**changes: object) -> KpiPeriod:
    """A consistent period: 1 000 + 250 − 150 = 1 100 customers at the end."""
    figures: dict[str, object] = {
        "label": "Q1",
        "start": dt.date(2026, 1, 1),
        "end": dt.date(2026, 3, 31),
        "customers_start": 1_000,
        "customers_end": 1_100,
        "customers_new": 250,
        "customers_lost": 150,
        "customers_active_both": 800,
        "orders": 3_000,
        "unique_buyers": 1_200,
        "repeat_buyers": 600,
        "surveys": SurveyResults(
            nps_counts=[1] * 11, csat_counts=[1] * 5, ces_counts=[1] * 7, csat_cutoff=4
        ),
    }
    figures.update(changes)
    return KpiPeriod(**figures)  # type: ignore[arg-type]


def test_consistent_period_has_no_issue() -> None:
    assert check_period(period()) == []


def test_limits_themselves_are_not_issues() -> None:
    # Everyone lost (so nobody active in both periods), every end customer new, every buyer
    # ordered exactly twice, a one-day period, the cut-off at the top of the scale, NPS as
    # three counts.
    edge = period(
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 1, 1),
        customers_start=1_000,
        customers_lost=1_000,
        customers_new=300,
        customers_end=300,
        customers_active_both=0,
        customers_reactivated=0,
        orders=2_400,
        repeat_buyers=1_200,
        surveys=SurveyResults(nps_counts=[1, 2, 3], csat_counts=[1] * 5, csat_cutoff=5),
    )
    assert check_period(edge) == []


def test_empty_period_has_no_issue() -> None:
    assert check_period(KpiPeriod(label="Q1")) == []


# (changes, field, level, numbers in the English message, the same in French)
CASES = [
    (
        {"start": dt.date(2026, 3, 31), "end": dt.date(2026, 1, 1)},
        "end",
        IssueLevel.ERROR,
        [],
        [],
    ),
    (
        {"customers_lost": 1_200, "customers_end": None},
        "customers_lost",
        IssueLevel.ERROR,
        ["1,200", "1,000"],
        [f"1{NNBSP}200", f"1{NNBSP}000"],
    ),
    (
        {"customers_new": 1_250, "customers_lost": None},
        "customers_new",
        IssueLevel.ERROR,
        ["1,250", "1,100"],
        [f"1{NNBSP}250", f"1{NNBSP}100"],
    ),
    (
        {"customers_active_both": 1_001},
        "customers_active_both",
        IssueLevel.ERROR,
        ["1,001", "1,000"],
        [f"1{NNBSP}001", f"1{NNBSP}000"],
    ),
    # 1 000 + 250 − 150 = 1 100, but 1 150 entered: possible (reactivations), so a warning
    (
        {"customers_end": 1_150},
        "customers_end",
        IssueLevel.WARNING,
        ["1,100", "1,150"],
        [f"1{NNBSP}100", f"1{NNBSP}150"],
    ),
    (
        {"repeat_buyers": 1_201},
        "repeat_buyers",
        IssueLevel.ERROR,
        ["1,201", "1,200"],
        [f"1{NNBSP}201", f"1{NNBSP}200"],
    ),
    (
        {"orders": 1_199},
        "orders",
        IssueLevel.ERROR,
        ["1,199", "1,200"],
        [f"1{NNBSP}199", f"1{NNBSP}200"],
    ),
    (
        {"surveys": SurveyResults(nps_counts=[1] * 10)},
        "surveys.nps_counts",
        IssueLevel.ERROR,
        ["10"],
        ["10"],
    ),
    (
        {"surveys": SurveyResults(csat_counts=[1] * 4, csat_scale=5)},
        "surveys.csat_counts",
        IssueLevel.ERROR,
        ["4", "5"],
        ["4", "5"],
    ),
    (
        {"surveys": SurveyResults(csat_scale=5, csat_cutoff=6)},
        "surveys.csat_cutoff",
        IssueLevel.ERROR,
        ["6", "5"],
        ["6", "5"],
    ),
    (
        {"surveys": SurveyResults(ces_counts=[1] * 5, ces_scale=7)},
        "surveys.ces_counts",
        IssueLevel.ERROR,
        ["5", "7"],
        ["5", "7"],
    ),
]


@pytest.mark.parametrize(
    ("changes", "field", "level", "english_numbers", "french_numbers"),
    CASES,
    ids=[case[1] for case in CASES],
)
def test_each_invariant_flags_its_own_field(
    changes: dict[str, object],
    field: str,
    level: IssueLevel,
    english_numbers: list[str],
    french_numbers: list[str],
) -> None:
    (issue,) = check_period(period(**changes))
    assert (issue.field, issue.level) == (field, level)
    english, french = issue.message.render("en"), issue.message.render("fr")
    for text, numbers in ((english, english_numbers), (french, french_numbers)):
        assert "{" not in text and "}" not in text, text
        for figure in numbers:
            assert figure in text, (figure, text)


def test_a_warning_does_not_stop_the_kpis() -> None:
    # Customers that do not add up are suspicious, not impossible: retention is still shown.
    suspicious = period(customers_end=1_150)
    assert bad_fields(check_period(suspicious)) == set()
    # ((1 150 − 250) / 1 000) × 100 = 90
    assert compute_kpis(suspicious)["retention_rate"].value == pytest.approx(90.0)


def test_errors_mark_their_fields_as_bad() -> None:
    broken = period(customers_lost=1_200, customers_end=None, orders=1_199)
    # The figures each broken invariant involves are all suspect.
    assert bad_fields(check_period(broken)) == {
        "customers_lost",
        "customers_start",
        "orders",
        "unique_buyers",
    }


def test_several_problems_are_all_reported() -> None:
    broken = period(customers_lost=1_200, repeat_buyers=1_300, orders=1_199)
    fields = {issue.field for issue in check_period(broken)}
    assert fields == {"customers_lost", "repeat_buyers", "orders"}
