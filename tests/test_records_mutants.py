"""Records at their edges: blank rows among number columns, refunds in a column of their own or
as an event, line rows of one order number, order numbers reused by other customers or on
other days (stamped with a time, as Excel serials, as plain numbers), amounts at zero and at a
billion. Written against the changes mutation testing made to ``advisor/analytics/records.py``
that no other test noticed."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from advisor.analytics.layouts import GENERIC, LAYOUTS, Layout, OrderAmount
from advisor.analytics.orders import OrdersImport, load_orders
from advisor.analytics.records import (
    REASON_NAMES,
    Records,
    by_order,
    classify,
    read_records,
    text_columns,
)
from tests.spreadsheet_files import write_xlsx

SQUARE = next(layout for layout in LAYOUTS if layout.id == "square")
TODAY = dt.date(2026, 1, 1)


def _load(tmp_path: Path, text: str) -> OrdersImport:
    path = tmp_path / "orders.csv"
    path.write_text(text, encoding="utf-8")
    return load_orders(path)


def _read(**columns: list[object]) -> Records:
    """Records of rows 2, 3, … whose cells are given by role, as the file's texts."""
    text = {role: np.array(values, dtype=object) for role, values in columns.items()}
    return read_records(text, np.arange(2, 2 + len(text["customer"])))


def _reasons(records: Records, layout: Layout = GENERIC) -> list[str]:
    """Why each record is not a sale ("" for a sale), its ISO dates read as such."""
    dates = pd.to_datetime(
        pd.Series(records.date_text, dtype=object), format="ISO8601", errors="coerce"
    ).to_numpy(dtype="datetime64[ns]")
    reason = classify(records, dates, layout, refund_column=False, today=TODAY)
    return [REASON_NAMES[code] for code in reason]


def _orders(records: Records) -> list[tuple[int, str, float, int]]:
    """Each record's first row, date, amount and how many rows it stands for."""
    return [
        (int(row), str(date), float(amount), int(rows))
        for row, date, amount, rows in zip(
            records.row, records.date_text, records.amount, records.rows, strict=True
        )
    ]


# Blank rows and number columns


def test_a_row_blank_in_every_column_is_left_out_where_amounts_were_read_as_numbers() -> None:
    raw = pd.DataFrame(
        {
            "customer": ["ann", "", "bob"],
            "date": ["2025-01-05", "", "2025-01-06"],
            "amount": [10.0, np.nan, 20.5],
        }
    )
    columns = {"customer": "customer", "date": "date", "amount": "amount"}
    text, row = text_columns(raw, columns)
    # the header is row 1: ann is row 2, the blank row 3 is dropped, bob is row 4
    assert row.tolist() == [2, 4]
    assert text["amount"].tolist() == [10.0, 20.5]


def test_a_blank_row_in_a_file_of_numbers_is_not_counted_as_read(tmp_path: Path) -> None:
    imported = _load(
        tmp_path,
        "customer,date,amount\nann,2025-01-05,10\n,,\nbob,2025-01-06,20.5\n",
    )
    # three lines under the header, one of them blank: two rows read, both sales
    assert imported.source.rows_read == 2
    assert imported.source.excluded == {}
    assert imported.orders["amount"].tolist() == [10.0, 20.5]


def test_blank_order_numbers_among_numbers_are_orders_of_their_own() -> None:
    text = {
        "customer": np.array(["ann", "ann", "bob"], dtype=object),
        "date": np.array(["2025-01-05", "2025-01-05", "2025-01-06"], dtype=object),
        "amount": np.array(["10", "10", "20"], dtype=object),
        "order": np.array([7.0, np.nan, np.nan]),  # a column of numbers, two of them blank
    }
    records = read_records(text, np.arange(2, 5))
    # rows 3 and 4 have no number: each its own order, named by its row
    assert records.order is not None
    assert records.order.tolist() == [7.0, "row 3", "row 4"]
    assert len(by_order(records, OrderAmount.AUTO)) == 3


def test_an_order_column_left_blank_throughout_makes_each_row_an_order(tmp_path: Path) -> None:
    records = _read(
        customer=["ann", "ann"],
        date=["2025-01-05", "2025-01-05"],
        amount=["10", "10"],
        order=["", ""],
    )
    assert records.order is None
    assert len(by_order(records, OrderAmount.AUTO)) == 2
    imported = _load(
        tmp_path,
        "customer,date,amount,order\nann,2025-01-05,10,\nann,2025-01-05,10,\n",
    )
    # two identical rows with no order number: two orders of 10, no duplicate
    assert imported.orders["amount"].tolist() == [10.0, 10.0]
    assert imported.source.excluded == {}


def test_amounts_read_as_numbers_are_taken_as_they_are() -> None:
    text = {
        "customer": np.array(["ann", "bob", "cat"], dtype=object),
        "date": np.array(["2025-01-05", "2025-01-06", "2025-01-07"], dtype=object),
        "amount": np.array([10.5, 1500.0, np.nan]),
    }
    records = read_records(text, np.arange(2, 5))
    assert records.amount.tolist()[:2] == [10.5, 1500.0]
    assert np.isnan(records.amount[2])
    # cat's amount cell is empty: "no amount", not an unreadable one
    assert _reasons(records) == ["", "", "no_amount"]


# Customers


def test_a_dash_for_a_customer_is_a_guest(tmp_path: Path) -> None:
    imported = _load(
        tmp_path,
        "customer,date,amount\n-,2025-01-05,10\nann,2025-01-06,20\n",
    )
    # the first order's customer "-" is nobody: a guest, counted in orders only
    assert imported.customers(imported.orders).tolist() == [pd.NA, "ann"]
    assert any(
        w.render("en").startswith("1 orders have no customer") for w in imported.source.warnings
    )


def test_customer_numbers_with_a_blank_cell_leave_that_row_a_guest() -> None:
    text = {
        "customer": np.array([12.0, 15.0, np.nan]),
        "date": np.array(["2025-01-05", "2025-01-06", "2025-01-07"], dtype=object),
        "amount": np.array(["10", "20", "30"], dtype=object),
    }
    records = read_records(text, np.arange(2, 5))
    # two customers, 12 and 15, and a third row with no customer at all
    assert records.customer.tolist() == [0, 1, -1]
    assert records.customer_keys()[2] is None
    assert len(set(records.customer_keys()[:2])) == 2


# Refunds, zero and huge amounts


def test_a_blank_refunded_amount_refunds_nothing_and_a_full_refund_is_no_sale(
    tmp_path: Path,
) -> None:
    imported = _load(
        tmp_path,
        "Name,Email,Financial Status,Created at,Total,Refunded Amount\n"
        "#1,a@b.fr,paid,2025-01-07,50.00,\n"
        "#2,b@b.fr,paid,2025-01-08,40.00,40.00\n"
        "#3,c@b.fr,paid,2025-01-09,30.00,29.50\n",
    )
    # #1: 50 - nothing = 50; #2: 40 - 40 = 0, refunded; #3: 30 - 29.50 = 0.50, still a sale
    assert imported.orders["amount"].tolist() == [50.0, 0.5]
    assert imported.source.excluded_rows == {"refunded": [3]}


def test_a_free_order_is_a_sale_and_only_a_negative_amount_a_refund(tmp_path: Path) -> None:
    imported = _load(
        tmp_path,
        "customer,date,amount\n"
        "ann,2025-01-05,0\n"
        "bob,2025-01-06,-5\n"
        "cat,2025-01-07,1000000000\n"
        "dan,2025-01-08,1000000000.01\n",
    )
    # 0 is a free order; -5 a refund of 5; a billion exactly is allowed, a cent more is not
    assert imported.orders["amount"].tolist() == [0.0, 1_000_000_000.0]
    assert imported.refunds["amount"].tolist() == [5.0]
    assert imported.source.excluded_rows == {"absurd_amount": [5], "refund": [3]}


def test_a_refund_event_of_a_payments_export_is_a_refund(tmp_path: Path) -> None:
    imported = _load(
        tmp_path,
        "Date,Time,Gross Sales,Net Sales,Event Type,Transaction ID,Customer ID\n"
        "2025-01-05,10:00,10,10,Payment,t1,c1\n"
        "2025-01-06,11:00,10,10,Refund,t2,c1\n",
    )
    # the second row is written "Refund" with a positive amount: a refund of 10 all the same
    assert imported.orders["amount"].tolist() == [10.0]
    assert imported.refunds["amount"].tolist() == [10.0]
    assert imported.source.excluded_rows == {"refund": [3]}


def test_a_refund_event_on_the_first_line_of_an_order_makes_the_order_a_refund() -> None:
    records = _read(
        customer=["ann", "ann", "bob"],
        date=["2025-01-05", "2025-01-05", "2025-01-06"],
        amount=["10", "10", "20"],
        order=["t1", "t1", "t2"],
        event=["Refund", "", "Payment"],
    )
    grouped = by_order(records, OrderAmount.AUTO)
    # t1 (two lines, refund) and t2 (a payment)
    assert _reasons(grouped, layout=SQUARE) == ["refund", ""]


# Line rows of one order


def test_an_order_total_on_its_first_line_is_not_added_to_its_other_lines() -> None:
    records = _read(
        customer=["ann", "", "bob"],
        date=["2025-01-05", "", "2025-01-06"],
        amount=["50", "10", "20"],
        order=["#1", "#1", "#2"],
    )
    # first-line totals: #1 is 50 (its line of 10 is part of it); summed lines: 50 + 10 = 60
    assert by_order(records, OrderAmount.FIRST).amount.tolist() == [50.0, 20.0]
    assert by_order(records, OrderAmount.AUTO).amount.tolist() == [60.0, 20.0]


def test_an_order_stamped_a_few_minutes_apart_is_one_order() -> None:
    records = _read(
        customer=["ann", "ann"],
        date=["2025-01-05", "2025-01-05 10:02"],
        amount=["10", "5"],
        order=["7", "7"],
    )
    grouped = by_order(records, OrderAmount.AUTO)
    # one day, one customer: one order of 10 + 5, from row 2, two rows
    assert _orders(grouped) == [(2, "2025-01-05", 15.0, 2)]
    assert grouped.reused == ()


def test_grouping_grouped_orders_again_keeps_how_many_rows_each_stands_for() -> None:
    records = _read(
        customer=["ann", "ann", "bob"],
        date=["2025-01-05", "2025-01-05", "2025-01-06"],
        amount=["10", "10", "20"],
        order=["7", "7", "7"],
    )
    once = by_order(records, OrderAmount.AUTO)
    twice = by_order(once, OrderAmount.AUTO)
    # number 7 is ann's order of two rows on the 5th and bob's of one row on the 6th
    assert _orders(once) == [(2, "2025-01-05", 10.0, 2), (4, "2025-01-06", 20.0, 1)]
    assert _orders(twice) == _orders(once)
    assert twice.reused == (2,)


# Order numbers used by other customers or on other days


def test_a_number_reused_on_another_day_under_another_status_is_two_orders() -> None:
    records = _read(
        customer=["ann", "ann"],
        date=["2025-01-05", "2025-01-09"],
        amount=["10", "10"],
        order=["7", "7"],
        status=["paid", "refunded"],
    )
    grouped = by_order(records, OrderAmount.AUTO)
    # lines of one order are on one day: the 9th is another order under the same number
    assert _orders(grouped) == [(2, "2025-01-05", 10.0, 1), (3, "2025-01-09", 10.0, 1)]
    assert grouped.reused == (2,)
    assert _reasons(grouped) == ["", "refunded"]


def test_a_line_row_with_no_date_joins_the_order_of_its_neighbour() -> None:
    records = _read(
        customer=["ann", "ann", "bob"],
        date=["", "2025-01-05", "2025-01-06"],
        amount=["10", "10", "20"],
        order=["7", "7", "7"],
    )
    grouped = by_order(records, OrderAmount.AUTO)
    # row 2 has ann and no date: ann's order of the 5th (rows 2 and 3, lines of 10 each
    # written as the order's total: 10); bob's row 4 is an order of its own
    assert _orders(grouped) == [(2, "2025-01-05", 10.0, 2), (4, "2025-01-06", 20.0, 1)]
    assert grouped.reused == (2,)


def test_grouping_leaves_the_records_it_was_given_as_they_were() -> None:
    records = _read(
        customer=["ann", "", "bob"],
        date=["2025-01-05", "", "2025-01-06"],
        amount=["10", "", "20"],
        order=["7", "7", "7"],
    )
    grouped = by_order(records, OrderAmount.AUTO)
    assert len(grouped) == 2  # ann's order (rows 2 and 3) and bob's
    # row 3 was given ann and the 5th in the orders, not in the rows read
    assert records.customer.tolist() == [0, -1, 1]
    assert records.date_text.tolist() == ["2025-01-05", "", "2025-01-06"]


def test_a_guests_number_reused_on_two_days_stays_two_guest_orders() -> None:
    records = _read(
        customer=["ann", "bob", "", ""],
        date=["2025-01-03", "2025-01-03", "2025-01-05", "2025-01-06"],
        amount=["10", "20", "30", "40"],
        order=["1", "2", "7", "7"],
    )
    grouped = by_order(records, OrderAmount.AUTO)
    # number 7: two counter sales on the 5th and the 6th, nobody's
    assert grouped.customer.tolist() == [0, 1, -1, -1]
    assert grouped.amount.tolist() == [10.0, 20.0, 30.0, 40.0]
    assert grouped.reused == (4,)


def test_a_number_of_two_customers_with_no_date_is_two_orders_without_a_date() -> None:
    records = _read(
        customer=["ann", "bob"],
        date=["", ""],
        amount=["10", "20"],
        order=["7", "7"],
    )
    grouped = by_order(records, OrderAmount.AUTO)
    # ann's and bob's rows are two orders; neither has a date
    assert grouped.date_text.tolist() == ["", ""]
    assert _reasons(grouped) == ["no_date", "no_date"]


def test_a_later_row_of_a_payment_under_another_status_is_its_later_state(
    tmp_path: Path,
) -> None:
    imported = _load(
        tmp_path,
        "Date,Order #,Status,Customer,Customer type,Net sales\n"
        "2025-03-01,1,Completed,Ann,new,10\n"
        "2025-03-02,1,Refunded,Ann,new,10\n"
        "2025-03-03,2,Completed,Bob,new,20\n"
        "2025-03-03,2,Completed,Bob,new,20\n"
        "2025-03-04,3,Completed,Cat,new,30\n"
        "2025-03-04,3,Completed,Cat,new,30\n",
    )
    # 1 refunded the next day (its later state), 2 and 3 listed twice: rows 3, 5, 7
    assert imported.source.excluded_rows == {"duplicate": [3, 5, 7]}
    assert imported.orders["amount"].tolist() == [10.0, 20.0, 30.0]


def test_a_payment_number_reused_on_two_days_keeps_its_refund_apart(tmp_path: Path) -> None:
    imported = _load(
        tmp_path,
        "Date,Order #,Status,Customer,Customer type,Net sales\n"
        "2025-03-01,1,Completed,Ann,new,10\n"
        "2025-03-02,1,Completed,Ann,new,10\n"
        "2025-03-03,1,Refunded,Ann,new,10\n",
    )
    # number 1 paid on the 1st and on the 2nd: two payments; the refund of the 3rd is no
    # duplicate of the second, it is left out as refunded
    assert imported.orders["amount"].tolist() == [10.0, 10.0]
    assert imported.source.excluded_rows == {"refunded": [4]}
    assert any(
        "more than one day: 1 (from row 2)" in w.render("en") for w in imported.source.warnings
    )


def test_workbook_cells_of_one_day_are_one_order_and_of_two_days_two() -> None:
    def grouped(dates: list[object]) -> Records:
        return by_order(
            _read(
                customer=["ann"] * len(dates),
                date=dates,
                amount=["10"] * len(dates),
                order=["7"] * len(dates),
            ),
            OrderAmount.AUTO,
        )

    # 45662.42 and 45662.9 are two times of one day; an empty cell between them is a line
    assert len(grouped([45662.42, np.nan, 45662.9])) == 1
    # 45662 and 45663 are two days, written as whole numbers
    assert len(grouped([45662, 45663])) == 2
    # the cell just before the serials' start day and one just after are two days
    assert len(grouped([-0.5, 0.25])) == 2
    # a time of day on two lines, and an empty cell between them
    assert len(grouped(["2025-01-05 10:00", None, "2025-01-05 11:00"])) == 1


def test_a_workbooks_order_of_lines_stamped_a_few_minutes_apart_is_one_order(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path / "orders.xlsx",
        {
            "Orders": [
                ["Order", "Customer", "Date", "Amount"],
                [7, "ann", dt.datetime(2025, 1, 5, 10, 0), 10],
                [7, "ann", dt.datetime(2025, 1, 5, 10, 2), 5],
                [8, "bob", dt.datetime(2025, 1, 6, 9, 0), 20],
            ]
        },
    )
    imported = load_orders(path)
    # order 7: ann's two lines of the 5th, 10 + 5; order 8: bob's 20 on the 6th
    assert imported.orders["amount"].tolist() == [15.0, 20.0]
    assert imported.orders["date"].tolist() == [
        pd.Timestamp("2025-01-05"),
        pd.Timestamp("2025-01-06"),
    ]
    assert imported.source.rows_used == 3
    assert not any("more than one day" in w.render("en") for w in imported.source.warnings)


def test_a_payment_refunded_later_stays_apart_from_a_row_with_an_unreadable_date(
    tmp_path: Path,
) -> None:
    imported = _load(
        tmp_path,
        "Date,Order #,Status,Customer,Customer type,Net sales\n"
        "2025-03-01,1,Completed,Ann,new,10\n"
        "XXXX,1,Completed,Ann,new,10\n"
        "2025-03-03,1,Refunded,Ann,new,10\n",
    )
    # number 1 paid on the 1st, then again with a date that cannot be read: the refund of
    # the 3rd is neither's later state, it is left out as refunded
    assert imported.source.excluded_rows == {"bad_date": [3], "refunded": [4]}


def test_statuses_that_are_not_in_the_layout_are_sales_read_without_a_numeric_warning() -> None:
    records = _read(
        customer=["ann", "bob", "cat", "dan"],
        date=["2025-01-05", "2025-01-06", "2025-01-07", "2025-01-08"],
        amount=["10", "20", "30", ""],
        status=["Completed", "Refunded", "shipped", "shipped"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # "completed" and "shipped" mean nothing to the table layout: sales; "refunded" is
        # not; dan's order has no amount
        assert _reasons(records) == ["", "refunded", "", "no_amount"]


def test_a_workbooks_order_number_used_by_two_customers_is_two_orders(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "orders.xlsx",
        {
            "Orders": [
                ["Order", "Customer", "Date", "Amount"],
                [7, "ann", dt.datetime(2025, 1, 5, 10, 0), 10],
                [7, "ann", None, 5],
                [7, "bob", dt.datetime(2025, 1, 6, 9, 0), 20],
            ]
        },
    )
    imported = load_orders(path)
    # number 7: ann's two lines (the second without a date, so of the 5th too), 10 + 5,
    # and bob's 20 on the 6th; the number is named from its first row, row 2
    assert imported.orders["amount"].tolist() == [15.0, 20.0]
    assert imported.orders["date"].tolist() == [
        pd.Timestamp("2025-01-05"),
        pd.Timestamp("2025-01-06"),
    ]
    assert any(
        "more than one day: 1 (from row 2)" in w.render("en") for w in imported.source.warnings
    )
