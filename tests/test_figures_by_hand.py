"""Period figures, cohorts and the RFM table of a small shop worked out by hand, and the
pieces that make a big import quick (customer codes, days read as bytes) giving what the
slow way gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from advisor.analytics.cohorts import compute_cohorts
from advisor.analytics.conventions import parse_dates
from advisor.analytics.files import analyse_file
from advisor.analytics.periods import PeriodUnit, compute_periods
from advisor.analytics.records import read_records
from advisor.analytics.rfm import customer_table

KEYS = np.array(["ann", "bob", "cat", "dan"], dtype=object)


def _frame(rows: list[tuple[int, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": np.array([r[0] for r in rows], dtype=np.int64),
            "date": pd.to_datetime([r[1] for r in rows]).to_numpy(dtype="datetime64[ns]"),
            "amount": np.array([r[2] for r in rows]),
        }
    )


# ann (0) orders twice in January and once in February; bob (1) in January and March; cat (2)
# first in March; a guest (−1) in February. ann has 5 refunded in February; dan (3) only has
# a refund.
ORDERS = _frame(
    [
        (0, "2025-01-05", 10.0), (0, "2025-01-20", 5.0), (1, "2025-01-10", 30.0),
        (0, "2025-02-03", 20.0), (-1, "2025-02-10", 100.0),
        (2, "2025-03-01", 7.0), (1, "2025-03-15", 40.0),
    ]
)  # fmt: skip
REFUNDS = _frame([(0, "2025-02-04", 5.0), (3, "2025-03-02", 9.0)])


def test_monthly_figures() -> None:
    periods = compute_periods(ORDERS, REFUNDS, PeriodUnit.MONTH)
    rows = [
        (p.label, p.customers_start, p.customers_end, p.new, p.retained, p.reactivated, p.lost)
        for p in periods
    ]
    # January: ann and bob are new. February: only ann comes back (bob is lost). March: cat is
    # new, bob comes back after a month away (reactivated), ann is lost.
    assert rows == [
        ("2025-01", 0, 2, 2, 0, 0, 0),
        ("2025-02", 2, 1, 0, 1, 0, 1),
        ("2025-03", 1, 2, 1, 0, 1, 1),
    ]
    money = [
        (p.orders, p.revenue, p.customer_orders, p.customer_revenue, p.repeat_buyers)
        for p in periods
    ]
    # February: ann's 20 and the guest's 100, less ann's 5 refunded; March: less dan's 9
    assert money == [(3, 45.0, 3, 45.0, 1), (2, 115.0, 1, 20.0, 0), (2, 38.0, 2, 47.0, 0)]
    assert [p.retention_rate for p in periods] == [None, 50.0, 100.0]
    assert [p.retention_rate_strict for p in periods] == [None, 50.0, 0.0]


def test_quarterly_figures_put_the_three_months_together() -> None:
    (quarter,) = compute_periods(ORDERS, REFUNDS, PeriodUnit.QUARTER)
    assert (quarter.label, quarter.customers_end, quarter.new, quarter.orders) == (
        "2025-Q1", 3, 3, 7,
    )  # fmt: skip
    assert quarter.repeat_buyers == 2  # ann (three orders) and bob (two)
    assert quarter.revenue == 212.0 - 5.0 - 9.0


def test_cohorts() -> None:
    table = compute_cohorts(ORDERS, PeriodUnit.MONTH, KEYS)
    assert table.cohorts == ["2025-01", "2025-03"]  # no one's first order is in February
    assert table.sizes == [2, 1]
    assert table.retention == [[100.0, 50.0, 50.0], [100.0, None, None]]
    assert table.customers(0, 1) == ["ann"]
    assert table.customers(0, 2) == ["bob"]
    assert table.customers(1, 0) == ["cat"]


def test_customer_table() -> None:
    table = customer_table(ORDERS, REFUNDS, pd.Timestamp("2025-03-15"), KEYS)
    assert list(table.index) == ["ann", "bob", "cat"]  # dan only has a refund
    assert table["orders"].tolist() == [3, 2, 1]
    assert table["revenue"].tolist() == [30.0, 70.0, 7.0]
    assert table["order_days"].tolist() == [3, 2, 1]
    # ann's last order on 3 February: 25 days to the end of February, 15 into March
    assert table["recency_days"].tolist() == [40, 0, 14]
    assert table["first_order"].dt.date.tolist() == [
        dt.date(2025, 1, 5), dt.date(2025, 1, 10), dt.date(2025, 3, 1),
    ]  # fmt: skip


def test_customer_keys_written_differently_are_one_customer() -> None:
    text = {
        "customer": np.array([" Ann@X.fr", "ann@x.fr", "", "0", "bob", ""], dtype=object),
        "customer_alt": np.array(["", "", "ANN@x.fr", "cat@x.fr", "", ""], dtype=object),
        "date": np.array([f"2025-01-0{i}" for i in range(1, 7)], dtype=object),
        "amount": np.array(["1"] * 6, dtype=object),
    }
    records = read_records(text, np.arange(2, 8))
    # the e-mail of a row without a customer names it, and is the same customer as a key
    assert records.customer_keys().tolist() == [
        "ann@x.fr", "ann@x.fr", "ann@x.fr", "cat@x.fr", "bob", None,
    ]  # fmt: skip
    assert records.customer[0] == records.customer[2]


def test_customer_numbers_read_as_numbers_keep_zero_as_a_guest() -> None:
    text = {
        "customer": np.array([12, 0, 7, 12], dtype=np.int64),
        "date": np.array(["2025-01-01"] * 4, dtype=object),
        "amount": np.array([1.0, 2.0, 3.0, 4.0]),
    }
    records = read_records(text, np.arange(2, 6))
    assert records.customer_keys().tolist() == ["12", None, "7", "12"]
    assert records.amount.tolist() == [1.0, 2.0, 3.0, 4.0]


def test_days_read_as_bytes_or_as_text_give_the_same_dates(tmp_path: Path) -> None:
    cells = ["2025-01-05 10:02:03", "", "2025-12-31T23:59", "2025-01-05"]

    def read(values: list[str]) -> list[object]:
        column = pd.Series(values, dtype=object)
        return parse_dates(column, tmp_path / "o.csv", "date").dates.tolist()

    expected = [pd.Timestamp("2025-01-05"), pd.NaT, pd.Timestamp("2025-12-31")]
    assert read(cells) == [*expected, pd.Timestamp("2025-01-05")]
    # not ASCII after the day, a month of one digit: the text path
    assert read(["2025-01-05 à 10h", "2025-1-5"]) == [pd.Timestamp("2025-01-05")] * 2


def test_a_day_that_does_not_exist_is_a_bad_date_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        "customer,date,amount\nann,2025-01-05,10\nbob,2025-02-30,10\ncat,2025-03-01,10\n",
        "utf-8",
    )
    data = analyse_file(path).as_json()
    assert data["source"]["rows_excluded"] == {"bad_date": 1}
    assert data["customers"] == 2
