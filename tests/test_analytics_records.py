"""Row-level import rules worked on as arrays: blank rows, row numbers, guests, order numbers,
line items and distinct-value transforms. Expected values are those of the frame-based import
they replaced."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from advisor.analytics.conventions import on_distinct, parse_dates
from advisor.analytics.errors import ImportProblem
from advisor.analytics.orders import OrdersImport, load_orders


def _load(tmp_path: Path, text: str) -> OrdersImport:
    path = tmp_path / "orders.csv"
    path.write_text(text, encoding="utf-8")
    return load_orders(path)


def test_blank_rows_are_not_read_and_row_numbers_stay_the_files(tmp_path: Path) -> None:
    imported = _load(
        tmp_path,
        "customer,date,amount\nann,2025-01-05,10\n,,\n\nbob,2025-01-06,x\ncat,,5\n",
    )
    source = imported.source
    assert source.rows_read == 3
    assert source.excluded == {"bad_amount": 1, "no_date": 1}
    assert list(source.excluded) == ["bad_amount", "no_date"]  # alphabetical
    assert source.excluded_rows == {"bad_amount": [5], "no_date": [6]}


def test_blank_order_numbers_are_separate_orders_and_repeats_are_duplicates(
    tmp_path: Path,
) -> None:
    imported = _load(
        tmp_path,
        "Date,Order #,Status,Customer,Customer type,Net sales\n"
        "2025-03-01,,Completed,Ann,new,10\n"
        "2025-03-01,,Completed,Ann,new,10\n"
        "2025-03-02,7,Completed,Bob,new,20\n"
        "2025-03-03,7,Refunded,Bob,new,20\n",
    )
    assert imported.source.excluded_rows == {"duplicate": [5]}
    assert len(imported.orders) == 3


def test_guests_fall_back_to_the_second_e_mail_column(tmp_path: Path) -> None:
    imported = _load(
        tmp_path,
        "order_id,order_date,status,order_total,customer_id,customer_email,billing_email\n"
        "1,2025-01-03,completed,60,0,,X@Y.fr\n"
        "2,2025-01-04,completed,60,0, ,\n"
        "3,2025-02-04,completed,60,12,,x@y.fr\n",
    )
    assert imported.customers(imported.orders).tolist() == ["x@y.fr", pd.NA, "12"]
    assert imported.orders["code"].tolist() == [1, -1, 0]  # codes follow the keys' order


def test_line_items_take_the_first_non_blank_fields_of_their_order(tmp_path: Path) -> None:
    imported = _load(
        tmp_path,
        "Name,Email,Financial Status,Created at,Total,Refunded Amount,Lineitem name\n"
        "#1,,,,,,Coffee\n"
        "#1,a@b.fr,paid,2025-01-07 09:50:26 +0200,50.00,0,Mug\n"
        "#2,b@b.fr,,2025-01-08 10:00:00 +0200,,0,Tea\n"
        "#2,,,,,,Tea\n",
    )
    source = imported.source
    assert source.rows_read == 4 and source.rows_used == 2
    assert source.excluded == {"no_amount": 2}
    assert source.excluded_rows == {"no_amount": [4]}
    assert imported.customers(imported.orders).tolist() == ["a@b.fr"]
    assert imported.orders["date"].tolist() == [pd.Timestamp("2025-01-07")]


def test_on_distinct_maps_missing_values_through_the_transform() -> None:
    values = np.array(["a", None, "b", "a"], dtype=object)
    mapped = on_distinct(values, lambda s: s.fillna("?").str.upper())
    assert mapped.tolist() == ["A", "?", "B", "A"]


def test_iso_dates_with_times_and_blanks(tmp_path: Path) -> None:
    values = pd.Series(["2025-01-05 10:00:00", "", "2025-1-5", "2025-01-05T23:59:59Z"])
    parsed = parse_dates(values, tmp_path / "x.csv", "date")
    assert parsed.convention == "iso"
    assert parsed.dates.tolist()[0] == pd.Timestamp("2025-01-05")
    assert parsed.dates.isna().tolist() == [False, True, False, False]
    assert parsed.dates.dtype == "datetime64[ns]"


def test_mixed_date_orders_name_the_first_row_of_the_second_kind(tmp_path: Path) -> None:
    values = pd.Series(["01/02/2025", "", "13/01/2025", "01/02/2025", "01/14/2025", "01/14/2025"])
    with pytest.raises(ImportProblem) as caught:
        parse_dates(values, tmp_path / "x.csv", "date", first_row=3)
    assert caught.value.row == 7
    assert "“13/01/2025” and “01/14/2025”" in str(caught.value)


def test_french_and_excel_dates_are_read_once_per_distinct_text(tmp_path: Path) -> None:
    values = pd.Series(["31/01/2025", "45658", "", "31/01/2025", "2025-02-01", None, "05.03.25"])
    parsed = parse_dates(values, tmp_path / "x.csv", "date")
    assert parsed.convention == "iso+excel+dmy"
    assert parsed.dates.tolist() == [
        pd.Timestamp("2025-01-31"), pd.Timestamp("2025-01-01"), pd.NaT, pd.Timestamp("2025-01-31"),
        pd.Timestamp("2025-02-01"), pd.NaT, pd.Timestamp("2025-03-05"),
    ]  # fmt: skip


def test_dates_after_today_or_before_1990_are_excluded_after_unreadable_ones() -> None:
    import datetime as dt

    from advisor.analytics.layouts import GENERIC
    from advisor.analytics.records import REASON_NAMES, classify, read_records

    cells = [
        ("ann", "2025-06-01 23:59", "10"), ("bob", "2025-06-02", "10"),
        ("cat", "1989-12-31", "10"), ("dan", "1990-01-01", "10"), ("eve", "", "10"),
        ("fay", "someday", "10"), ("gus", "2030-01-01", ""),
    ]  # fmt: skip
    text = {
        role: np.array([row[i] for row in cells], dtype=object)
        for i, role in enumerate(("customer", "date", "amount"))
    }
    records = read_records(text, np.arange(2, len(cells) + 2))
    dates = np.array(
        ["2025-06-01T23:59", "2025-06-02", "1989-12-31", "1990-01-01", "NaT", "NaT", "2030-01-01"],
        dtype="datetime64[ns]",
    )
    reason = classify(records, dates, GENERIC, False, today=dt.date(2025, 6, 1))
    assert [REASON_NAMES[code] for code in reason] == [
        "", "future_date", "old_date", "", "no_date", "bad_date", "future_date",
    ]  # fmt: skip
