"""Importing real exports: every layout and trap, checked against figures computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.analytics.conventions import DateOrder
from advisor.analytics.errors import AmbiguousDates, ImportProblem, MappingNeeded
from advisor.analytics.files import analyse_file
from advisor.cli import main
from tests.import_fixtures import write_fixture


def _periods(data: dict) -> list[tuple]:
    """(label, S, E, N, retained, reactivated, lost, orders, revenue) per period."""
    keys = ("label", "customers_start", "customers_end", "new", "retained", "reactivated",
            "lost", "orders", "revenue")  # fmt: skip
    return [tuple(p[k] for k in keys) for p in data["periods"]]


def _analyse(tmp_path: Path, name: str, **options: object) -> dict:
    return analyse_file(write_fixture(tmp_path, name), **options).as_json()  # type: ignore[arg-type]


def test_shopify_groups_line_items_and_excludes_refunds_and_cancellations(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "shopify.csv")
    assert data["source"]["format"] == "shopify"
    assert data["source"]["rows_read"] == 7
    assert data["source"]["rows_used"] == 5  # #1001's two rows, #1002, #1005, #1006
    assert data["source"]["rows_excluded"] == {"cancelled": 1, "refunded": 1}
    # Jan: a, b (e-mail lower-cased) new; Feb: b again (40 − 10 refunded) and a guest (15).
    assert _periods(data) == [
        ("2025-01", 0, 2, 2, 0, 0, 0, 2, 80.0),
        ("2025-02", 2, 1, 0, 1, 0, 1, 2, 45.0),
    ]
    assert data["customers"] == 2
    assert data["guest_orders"] == 1
    assert data["average_order_value"] == pytest.approx(125 / 4, abs=0.01)
    assert data["purchase_frequency"] == pytest.approx(1.5)
    assert data["repeat_purchase_rate"] == 50.0
    feb = data["periods"][1]
    assert (feb["retention_rate"], feb["retention_rate_strict"], feb["churn_rate"]) == (
        50.0, 50.0, 50.0,
    )  # fmt: skip


def test_woocommerce_analytics_warns_names_and_drops_duplicates(tmp_path: Path) -> None:
    result = analyse_file(write_fixture(tmp_path, "woo_analytics.csv"))
    data = result.as_json()
    assert data["source"]["rows_excluded"] == {"duplicate": 1, "refunded": 1}
    assert _periods(data) == [
        ("2025-03", 0, 2, 2, 0, 0, 0, 2, 65.0),
        ("2025-04", 2, 1, 0, 1, 0, 1, 1, 10.0),
    ]
    assert any("display name" in w for w in result.warnings())


def test_woocommerce_export_keys_guests_on_email(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "woo_export.csv")
    assert data["source"]["format"] == "woocommerce-export"
    assert data["source"]["rows_excluded"] == {"failed": 1}
    # Order 700 spans two rows with its total repeated: one order of 60, not 120.
    # customer_id 0 → keyed on the e-mail, so guest@b.fr is one customer across months.
    assert data["customers"] == 2
    assert _periods(data) == [
        ("2025-01", 0, 2, 2, 0, 0, 0, 2, 80.0),
        ("2025-02", 2, 2, 0, 2, 0, 0, 2, 50.0),
    ]


def test_stripe_refunds_reduce_revenue_and_failures_are_not_sales(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "stripe.csv")
    assert data["source"]["rows_excluded"] == {"failed": 1, "refunded": 1}
    assert _periods(data) == [
        ("2025-06", 0, 1, 1, 0, 0, 0, 1, 100.0),
        ("2025-07", 1, 2, 1, 1, 0, 0, 2, 80.0),  # 20 (30 − 10 refunded) + 60
    ]


def test_square_dollar_amounts_and_refund_rows(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "square.csv")
    assert data["source"]["rows_excluded"] == {"refund": 1}
    assert _periods(data) == [
        ("2025-06", 0, 2, 2, 0, 0, 0, 2, 1290.0),
        ("2025-07", 2, 1, 0, 1, 0, 1, 2, 44.5),  # 60 + 9.50 − 25 refunded
    ]


def test_a_refund_without_a_readable_date_is_excluded_not_applied(tmp_path: Path) -> None:
    path = write_fixture(tmp_path, "square.csv")
    text = path.read_text(encoding="utf-8").replace("2025-07-03,12:00:00", ",12:00:00")
    text += "someday,12:00:00,Eastern Time,-$5.00,-$5.00,-$5.00,Refund,C2,T6\n"
    path.write_text(text, encoding="utf-8")
    data = analyse_file(path).as_json()
    assert data["source"]["rows_excluded"] == {"bad_date": 1, "no_date": 1}
    assert data["revenue"] == 1250.0 + 40.0 + 60.0 + 9.5  # neither refund is subtracted


def test_prestashop_french_cp1252_semicolons_and_euro_amounts(tmp_path: Path) -> None:
    result = analyse_file(write_fixture(tmp_path, "prestashop.csv"))
    data = result.as_json()
    assert (data["source"]["encoding"], data["source"]["delimiter"]) == ("cp1252", ";")
    assert data["source"]["dates"] == "dmy"
    assert data["source"]["rows_excluded"] == {"cancelled": 1}
    assert _periods(data) == [
        ("2025-10", 0, 2, 2, 0, 0, 0, 2, 1302.9),
        ("2025-11", 2, 1, 0, 1, 0, 1, 1, 17.1),
    ]
    assert any("J. Dupont" in w for w in result.warnings())


def test_french_excel_bom_and_narrow_spaces(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "excel_fr.csv")
    assert data["source"]["encoding"] == "utf-8-sig"
    assert data["revenue"] == 2250.0  # 1 234,50 + 10 + 1 000 + 5,5
    assert _periods(data)[1] == ("2025-02", 2, 2, 0, 2, 0, 0, 2, 1005.5)


def test_utf16_tabs_and_excel_serial_dates(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "unicode.txt")
    assert (data["source"]["encoding"], data["source"]["delimiter"]) == ("utf-16", "\t")
    assert data["source"]["dates"] == "excel"
    assert [p["label"] for p in data["periods"]] == ["2025-01", "2025-02"]


def test_ambiguous_dates_are_asked_not_guessed(tmp_path: Path) -> None:
    path = write_fixture(tmp_path, "ambiguous.csv")
    with pytest.raises(AmbiguousDates, match="--dates"):
        analyse_file(path)
    day_first = analyse_file(path, dates=DateOrder.DMY).as_json()
    month_first = analyse_file(path, dates=DateOrder.MDY).as_json()
    assert [p["label"] for p in day_first["periods"]] == [
        "2025-03",
        "2025-04",
        "2025-05",
        "2025-06",
    ]
    assert month_first["periods"][0]["label"] == "2025-03"  # 04/03 read as 3 April → March first


def test_mixed_day_and_month_first_is_refused_with_the_row(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem) as caught:
        analyse_file(write_fixture(tmp_path, "mixed_dates.csv"))
    assert caught.value.row == 3
    assert "13/01/2025" in str(caught.value)


def test_a_date_impossible_in_both_orders_is_a_bad_date_not_a_format_clash(
    tmp_path: Path,
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        "customer,date,amount\nann,13/01/2025,10\nbob,45/31/2025,20\ncid,02/01/2025,5\n",
        encoding="utf-8",
    )
    data = analyse_file(path).as_json()
    assert data["source"]["dates"] == "dmy"  # 13/01 says day first; 45/31 says nothing
    assert data["source"]["rows_excluded"] == {"bad_date": 1}
    assert data["revenue"] == 15.0


def test_iso_and_french_dates_in_one_column_are_read_with_a_warning(tmp_path: Path) -> None:
    result = analyse_file(write_fixture(tmp_path, "iso_and_french_dates.csv"))
    assert result.as_json()["revenue"] == 30.0
    assert any("several formats" in w for w in result.warnings())


def test_negative_absurd_and_unreadable_amounts_are_counted_by_reason(tmp_path: Path) -> None:
    result = analyse_file(write_fixture(tmp_path, "amounts.csv"))
    assert result.orders is not None
    source = result.orders.imported.source
    assert source.excluded == {
        "refund": 1, "absurd_amount": 1, "bad_amount": 1, "no_amount": 1, "bad_date": 1,
    }  # fmt: skip
    assert source.excluded_rows["absurd_amount"] == [4]
    assert source.excluded_rows["bad_date"] == [7]
    assert source.rows_read == 6 and source.rows_used == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.csv", "empty"),
        ("header_only.csv", "header but no rows"),
        ("ragged_long.csv", "row 3: this row has 4 fields where the header has 3"),
        ("unclosed_quote.csv", "row 3: a quote opened here is never closed"),
        ("duplicate_headers.csv", "two columns are named “amount”"),
        ("nul.csv", "NUL bytes"),
    ],
)
def test_bad_files_are_refused_with_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, expected: str
) -> None:
    path = write_fixture(tmp_path, name)
    assert main(["analyze", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert expected in err and name in err
    assert len(err.strip().splitlines()) == 1


def test_short_rows_are_counted_not_dropped(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "ragged_short.csv")
    assert data["source"]["rows_excluded"] == {"no_amount": 1}


def test_unknown_table_needs_a_mapping(tmp_path: Path) -> None:
    path = write_fixture(tmp_path, "unknown.csv")
    with pytest.raises(MappingNeeded) as caught:
        analyse_file(path)
    assert caught.value.headers == ["Who", "When", "HowMuch"]
    data = analyse_file(path, mapping={"customer": "Who", "date": "When", "amount": "HowMuch"})
    assert _periods(data.as_json()) == [
        ("2025-01", 0, 1, 1, 0, 0, 0, 1, 10.0),
        ("2025-02", 1, 2, 1, 1, 0, 0, 2, 25.0),
    ]


def test_typeform_nps_per_period_skips_partial_answers(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "typeform.csv")
    assert data["source"]["rows_excluded"] == {"partial": 1, "bad_score": 1}
    january, february = data["surveys"]
    assert january["nps_counts"][10] == 1 and january["nps_counts"][6] == 1
    assert january["scores"]["nps"] == 0.0  # one promoter, one detractor
    assert february["answers"] == 1


def test_surveymonkey_two_header_rows_give_csat(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "surveymonkey.csv")
    (march,) = data["surveys"]
    assert march["csat_counts"] == [0, 0, 1, 1, 1]
    assert march["scores"]["csat"] == pytest.approx(66.67)


def test_quarters_and_cohorts(tmp_path: Path) -> None:
    data = _analyse(tmp_path, "unknown.csv", period="month",
                    mapping={"customer": "Who", "date": "When", "amount": "HowMuch"})  # fmt: skip
    assert data["cohorts"]["rows"] == [
        {"cohort": "2025-01", "size": 1, "retention": [100.0, 100.0]},
        {"cohort": "2025-02", "size": 1, "retention": [100.0, None]},
    ]
    quarters = _analyse(tmp_path, "shopify.csv", period="quarter")
    assert _periods(quarters) == [("2025-Q1", 0, 2, 2, 0, 0, 0, 4, 125.0)]


def test_cli_json_and_at_risk_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "orders.csv"
    source.write_text(
        "customer,date,amount\n"
        '=HYPERLINK("http://x"),2025-01-01,100\n=HYPERLINK("http://x"),2025-01-11,100\n'
        "bob,2025-01-01,5\nbob,2025-03-01,5\n"
        "-cat,2025-02-25,7\n",
        encoding="utf-8",
    )
    out = tmp_path / "risk.csv"
    assert main(["analyze", str(source), "--json", "--at-risk", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    # As of 1 March: the first customer orders every 10 days and was last seen 49 days ago;
    # "-cat" bought once 4 days ago (the shop's median interval is 34.5 days); bob is on time.
    assert data["at_risk"] == 1
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Customer,Orders,Revenue (€),First order")
    assert lines[1].startswith('"\'=HYPERLINK(""http://x"")",2,200.00,2025-01-01,')


def test_unknown_map_role_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_fixture(tmp_path, "unknown.csv")
    assert main(["analyze", str(path), "--map", "colour=Who"]) == 2
    assert "--map" in capsys.readouterr().err
