"""Amounts and dates as tools write them (issue 18): scientific notation, a workbook's typed
cells beside texts, two-digit years, implausible dates, Unix timestamps. Expected values are
worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from advisor.analytics.conventions import (
    EARLIEST_DATE,
    DateOrder,
    implausible_dates,
    parse_amounts,
    parse_dates,
)
from advisor.analytics.errors import AmbiguousDates, ImportProblem
from advisor.analytics.files import analyse_file

T = pd.Timestamp
NaT = pd.NaT


def _amounts(*cells: object) -> list[float]:
    return parse_amounts(pd.Series(cells, dtype=object)).tolist()


def _same(actual: list[float], expected: list[float]) -> bool:
    return all(
        (math.isnan(a) and math.isnan(e)) or a == e for a, e in zip(actual, expected, strict=True)
    )


def _dates(tmp_path: Path, *cells: object, order: DateOrder | None = None) -> tuple[list, str]:
    parsed = parse_dates(pd.Series(cells, dtype=object), tmp_path / "x.xlsx", "date", order)
    assert parsed.dates.dtype == "datetime64[ns]"
    return parsed.dates.tolist(), parsed.convention


# 1. Scientific notation


def test_scientific_amounts_of_the_issue_are_read_as_numbers() -> None:
    # "n/a" sends the column down the slow path, which used to strip "e": 1308 and 1.503.
    amounts = _amounts("10.00", "1e308", "n/a", "1.5E+03")
    assert _same(amounts, [10.0, 1e308, math.nan, 1500.0])
    # 1e308 is then left out as absurd (|amount| > 1e9): 10 + 1500.
    assert sum(a for a in amounts if abs(a) <= 1e9) == 1510.0


def test_scientific_amounts_through_the_command_line_reproduction(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "customer,date,amount\na,2024-01-05,10.00\nb,2024-01-06,1e308\n"
        "c,2024-01-07,n/a\nd,2024-01-08,1.5E+03\n"
    )
    data = analyse_file(path).as_json()
    assert data["source"]["rows_excluded"] == {"absurd_amount": 1, "bad_amount": 1}
    assert [p["revenue"] for p in data["periods"]] == [1510.0]


def test_scientific_amounts_in_a_decimal_comma_column_do_not_vote() -> None:
    # Two decimal commas vote for the comma; "1,5E+03" is 1.5 × 10³ = 1500, not 1.50(3).
    amounts = _amounts("1,5E+03", "12,50", "1 250,50 €", "n/a", "-2,5e-1", "+4E2")
    assert _same(amounts, [1500.0, 12.5, 1250.5, math.nan, -0.25, 400.0])


def test_scientific_amounts_do_not_outvote_the_decimal_point() -> None:
    # Alone, "1,5e3", "2,5e3" and "3,5e3" would be three comma votes against one point.
    assert _same(_amounts("1,5e3", "2,5e3", "3,5e3", "$1,250.00", "x"),
                 [1500.0, 2500.0, 3500.0, 1250.0, math.nan])  # fmt: skip


# 2. Typed cells


def test_typed_and_text_amounts_in_one_column() -> None:
    amounts = _amounts(1.5, "1 250,50 €", 3, "", "12,00", None, dt.date(2024, 1, 5), np.float64(2))
    assert _same(amounts, [1.5, 1250.5, 3.0, math.nan, 12.0, math.nan, math.nan, 2.0])


def test_typed_numbers_take_no_part_in_the_decimal_vote() -> None:
    # As texts "1.5" and "2.25" would be two point votes, and "3,5" would read as 35.
    assert _amounts(1.5, 2.25, "3,5", "n/a")[:3] == [1.5, 2.25, 3.5]


def test_bool_cells_are_no_amounts_even_beside_equal_numbers() -> None:
    # Python holds True == 1 == 1.0: each must still be read on its own.
    assert _same(_amounts(1.0, True, 1, False, 0), [1.0, math.nan, 1.0, math.nan, 0.0])
    assert _same(_amounts(True, 1.0, "x"), [math.nan, 1.0, math.nan])


def test_typed_date_cells_beside_texts_and_serials(tmp_path: Path) -> None:
    dates, convention = _dates(
        tmp_path,
        dt.datetime(2024, 1, 5, 13, 45),
        dt.date(2024, 1, 6),
        T("2024-01-07 23:59"),
        "05/01/2024",
        "",
        45658.0,  # Excel serial of 2025-01-01
        None,
        dt.date(2024, 1, 6),
        order=DateOrder.DMY,
    )
    assert dates == [
        T("2024-01-05"), T("2024-01-06"), T("2024-01-07"), T("2024-01-05"), NaT,
        T("2025-01-01"), NaT, T("2024-01-06"),
    ]  # fmt: skip
    assert convention == "cell+excel+dmy"


def test_typed_date_cells_alone_and_with_an_ambiguous_text(tmp_path: Path) -> None:
    assert _dates(tmp_path, dt.date(2024, 1, 5), "", dt.datetime(2024, 2, 1)) == (
        [T("2024-01-05"), NaT, T("2024-02-01")],
        "cell",
    )
    with pytest.raises(AmbiguousDates):
        _dates(tmp_path, dt.date(2024, 1, 5), "05/01/2024")
    # A text day above 12 settles the order for the other texts.
    assert _dates(tmp_path, dt.date(2024, 1, 5), "05/01/2024", "13/01/2024")[0] == [
        T("2024-01-05"), T("2024-01-05"), T("2024-01-13"),
    ]  # fmt: skip


def test_other_cells_in_a_date_column_are_unreadable(tmp_path: Path) -> None:
    # A bool, a time, a number that is no date, a day no date column can hold.
    dates, convention = _dates(
        tmp_path, True, dt.time(10, 0), 12.0, dt.date(1, 1, 1), dt.date(2024, 3, 1)
    )
    assert dates == [NaT, NaT, NaT, NaT, T("2024-03-01")]
    assert convention == "cell"


def test_mixed_orders_among_typed_cells_name_the_right_row(tmp_path: Path) -> None:
    values = pd.Series([dt.date(2025, 1, 1), "13/01/2025", "", "01/14/2025"], dtype=object)
    with pytest.raises(ImportProblem) as caught:
        parse_dates(values, tmp_path / "x.xlsx", "date", first_row=2)
    assert caught.value.row == 5  # the fourth value, the first row being 2
    assert "“13/01/2025” and “01/14/2025”" in str(caught.value)


# 3. Two-digit years and implausible dates


def test_two_digit_years_pivot_at_30(tmp_path: Path) -> None:
    dates, convention = _dates(
        tmp_path, "01/03/99", "01/03/29", "01/03/30", "01/03/00", order=DateOrder.DMY
    )
    assert dates == [T("1999-03-01"), T("2029-03-01"), T("1930-03-01"), T("2000-03-01")]
    assert convention == "dmy"
    # Month-first, told by the 31: 12/31/98 is 31 December 1998.
    assert _dates(tmp_path, "12/31/98", "01/02/05")[0] == [T("1998-12-31"), T("2005-01-02")]


def test_implausible_dates_around_a_fixed_today() -> None:
    dates = np.array(
        ["2024-06-15T23:30", "2024-06-16", "2030-01-01", "1989-12-31T23:59", "1990-01-01", "NaT"],
        dtype="datetime64[ns]",
    )
    after_today, before_1990 = implausible_dates(dates, today=dt.date(2024, 6, 15))
    assert after_today.tolist() == [False, True, True, False, False, False]
    assert before_1990.tolist() == [False, False, False, True, False, False]
    assert dt.date(1990, 1, 1) == EARLIEST_DATE


def test_implausible_dates_default_to_the_computer_date(tmp_path: Path) -> None:
    parsed = parse_dates(pd.Series(["2200-01-01", "1985-05-05", ""]), tmp_path / "x.csv", "d")
    after_today, before_1990 = implausible_dates(parsed.dates.to_numpy())
    assert after_today.tolist() == [True, False, False]
    assert before_1990.tolist() == [False, True, False]


# 4. Unix timestamps


def test_unix_seconds_and_milliseconds(tmp_path: Path) -> None:
    # 2024-01-05 is day 19727 since 1970 (54 years with 13 leap days, + 4): 1,704,412,800 s.
    dates, convention = _dates(
        tmp_path,
        "1704451200",  # 10:40 UTC
        "1704499199000",  # 23:59:59 UTC, in milliseconds
        "1704499200",  # midnight after: the 6th
        "631152000",  # 1990-01-01 00:00, the first second read
        "631151999",  # one second earlier: unread
        "1704451200.5",  # not a whole number of seconds: unread
        "",
    )
    assert dates == [
        T("2024-01-05"), T("2024-01-05"), T("2024-01-06"), T("1990-01-01"), NaT, NaT, NaT,
    ]  # fmt: skip
    assert convention == "unix"


def test_unix_excel_and_iso_mixed_are_read_value_by_value(tmp_path: Path) -> None:
    dates, convention = _dates(
        tmp_path, "45658", "1704451200", "2024-01-05", "1704451200000", "12345"
    )
    assert dates == [T("2025-01-01"), T("2024-01-05"), T("2024-01-05"), T("2024-01-05"), NaT]
    assert convention == "iso+excel+unix"


def test_unix_and_serial_numeric_cells(tmp_path: Path) -> None:
    dates, convention = _dates(
        tmp_path, 1704412800, 1704412799.0, 1704451200000, 45658.75, dt.date(2024, 1, 8)
    )
    assert dates == [
        T("2024-01-05"), T("2024-01-04"), T("2024-01-05"), T("2025-01-01"), T("2024-01-08"),
    ]  # fmt: skip
    assert convention == "cell+excel+unix"


# All texts: as before


def test_an_all_text_column_reads_as_before(tmp_path: Path) -> None:
    assert _same(_amounts("1 250,50 €", "12,00", "(3,50)", "", "-1.234,56"),
                 [1250.5, 12.0, -3.5, math.nan, -1234.56])  # fmt: skip
    assert _amounts("$1,250.00", "12.5", "(12.00)") == [1250.0, 12.5, -12.0]
    assert parse_amounts(pd.Series(["1", "2"], index=[7, 9])).index.tolist() == [7, 9]
    dates, convention = _dates(tmp_path, "31/01/2025", "45658", "", "2025-02-01", None, "05.03.25")
    assert dates == [
        T("2025-01-31"), T("2025-01-01"), NaT, T("2025-02-01"), NaT, T("2025-03-05"),
    ]  # fmt: skip
    assert convention == "iso+excel+dmy"
    assert _dates(tmp_path, "2025-01-05 10:00:00", "", "2025-1-5") == (
        [T("2025-01-05"), NaT, T("2025-01-05")],
        "iso",
    )
