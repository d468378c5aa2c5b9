"""`kpis` on the command line: figures files, projects, JSON output, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.paths import demo_project

FIGURES = {
    "sector": "Boulangerie",
    "business_model": "repeat_retail",
    "periods": [
        {
            "label": "2026-Q1",
            "customers_start": 200,
            "customers_end": 220,
            "new_customers": 50,
            "customers_lost": 30,
            "orders": 480,
            "revenue": 14400,
            "unique_buyers": 190,
            "repeat_buyers": 95,
        },
        {"label": "2026-Q2", "customers_start": 0, "customers_end": 10, "customers_new": 10},
    ],
}


def test_a_b2b_subscription_is_judged_per_month_against_its_median(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = dict(FIGURES, business_model="subscription", sells_to="businesses")
    assert main(["kpis", str(_write(tmp_path, figures)), "--json"]) == 0
    kpis = json.loads(capsys.readouterr().out)[0]["kpis"]
    # 15 % lost in the quarter ≈ 5.3 % a month, within half a point of the 5.15 % median
    assert kpis["churn_rate"]["status"] == kpis["retention_rate"]["status"] == "typical"
    assert kpis["churn_rate"]["compared"] == "15.0% per quarter ≈ 5.3% per month"
    reference = kpis["churn_rate"]["reference"]
    assert reference["statistic"] == "median" and reference["period"] == "month"
    assert reference["line"] == "median 5.15% per month"  # as published, not rounded
    assert kpis["retention_rate"]["reference"]["line"] == "median 94.85% per month"
    assert (
        reference["source"] == "Recurly Research, Annual Subscription Billing Metrics Report (2019)"
    )
    assert main(["kpis", str(_write(tmp_path, figures))]) == 0
    assert "= typical · 15.0% per quarter ≈ 5.3% per month" in capsys.readouterr().out


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "figures.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_json_output_of_a_figures_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpis", str(_write(tmp_path, FIGURES)), "--json"]) == 0
    first, second = json.loads(capsys.readouterr().out)
    kpis = first["kpis"]
    assert kpis["retention_rate"]["value"] == 85.0  # (220 - 50) / 200
    # A bakery: no published churn benchmark is measured on businesses like it
    assert kpis["retention_rate"]["status"] == kpis["churn_rate"]["status"] == "unknown"
    assert kpis["churn_rate"]["reference"] is None
    assert kpis["churn_rate"]["value"] == 15.0
    assert kpis["aov"]["value"] == 30.0
    assert kpis["repeat_purchase_rate"]["value"] == 50.0
    assert kpis["nps"]["value"] is None and "NPS" in kpis["nps"]["reason"]
    assert second["kpis"]["retention_rate"]["value"] is None
    assert "zero" in second["kpis"]["retention_rate"]["reason"]


def test_impossible_figures_are_reported_not_computed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {"periods": [{"label": "P1", "customers_start": 10, "customers_lost": 12}]}
    assert main(["kpis", str(_write(tmp_path, data)), "--json"]) == 0
    (period,) = json.loads(capsys.readouterr().out)
    assert period["kpis"]["churn_rate"]["value"] is None
    assert period["issues"][0]["field"] == "customers_lost"
    assert period["issues"][0]["level"] == "error"


def test_table_for_the_demo_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpis", str(demo_project("fr")), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "2026 T4" in out
    assert "\u202f€" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ({"periods": [{"label": "P1", "customers_start": -5}]}, "periods[0].customers_start"),
        ({"periods": [{"customers_start": 5}]}, "periods[0].label"),
        ({"periods": "many"}, "periods"),
        ({"periods": [{"label": "P1", "orders": "lots"}]}, "periods[0].orders"),
    ],
)
def test_bad_figures_file_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: object, expected: str
) -> None:
    assert main(["kpis", str(_write(tmp_path, content))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err and "figures.json" in err


def test_not_json_at_all_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("date;total\n2026-01-01;12,50\n", encoding="utf-8")
    assert main(["kpis", str(path)]) == 2
    assert "orders.csv" in capsys.readouterr().err
