"""Order numbers used twice: line items of one order, duplicates, and numbers reused by other
customers or on other days (a till's tickets restart every day)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from advisor.analytics.files import analyse_file
from advisor.analytics.layouts import OrderAmount
from advisor.analytics.records import REASON_NAMES, Records, by_order, read_records


def _analyse(tmp_path: Path, text: str) -> tuple[dict, list[str]]:
    path = tmp_path / "orders.csv"
    path.write_text(text, encoding="utf-8")
    result = analyse_file(path)
    return result.as_json(), result.warnings()


def test_a_ticket_number_used_on_two_days_by_two_customers_is_two_orders(tmp_path: Path) -> None:
    data, warnings = _analyse(
        tmp_path,
        "ticket,client,date,montant\n"
        "1,ann,2025-01-05 10:00,10\n1,bob,2025-01-06 09:00,20\n"
        "2,ann,2025-01-05 10:05,5\n2,,2025-01-05 10:06,5\n",
    )
    # ticket 1: ann's 10 and bob's 20; ticket 2: two lines of one order by ann, total 5
    assert (data["orders"], data["customers"], data["revenue"]) == (3, 2, 35.0)
    assert [w for w in warnings if "more than one customer" in w] == [
        "Order numbers used by more than one customer or on more than one day: 1 (from row 2); "
        "each customer's rows of each day were counted as an order of their own."
    ]


def test_line_rows_with_blank_customer_and_date_stay_one_order(tmp_path: Path) -> None:
    data, warnings = _analyse(
        tmp_path,
        "Name,Email,Financial Status,Created at,Total,Lineitem name\n"
        "#1001,a@x.fr,paid,2025-01-05 10:00:00 +0100,30.00,Tea\n"
        "#1001,,,,,Cup\n"
        "#1002,b@x.fr,paid,2025-01-06 11:00:00 +0100,12.00,Tea\n",
    )
    assert (data["orders"], data["revenue"]) == (2, 42.0)
    assert not [w for w in warnings if "more than one customer" in w]


def test_a_payment_exported_twice_is_still_a_duplicate(tmp_path: Path) -> None:
    data, _warnings = _analyse(
        tmp_path,
        "id,Created (UTC),Amount,Amount Refunded,Status,Customer ID,Customer Email\n"
        "ch_1,2025-01-05 10:00,20.00,0,Paid,,a@x.fr\n"
        "ch_1,2025-01-05 10:00,20.00,0,Paid,,a@x.fr\n"
        "ch_2,2025-01-06 10:00,15.00,0,Paid,,b@x.fr\n",
    )
    assert data["source"]["rows_excluded"] == {"duplicate": 1}
    assert data["revenue"] == 35.0


def _by_order(lines: str, rule: OrderAmount, status: bool = False) -> Records:
    """``by_order`` on rows written ``order|customer|date|amount[|status]``, from row 2."""
    cells = [line.strip().split("|") for line in lines.strip().splitlines()]
    roles = ["order", "customer", "date", "amount", "status"][: len(cells[0])]
    text = {role: np.array([c[i] for c in cells], dtype=object) for i, role in enumerate(roles)}
    assert status == ("status" in text)
    return by_order(read_records(text, np.arange(2, len(cells) + 2)), rule)


def _orders(records: Records) -> list[tuple[object, ...]]:
    return [
        (str(o), None if pd.isna(c) else str(c), str(d), float(a), int(r), int(n))
        for o, c, d, a, r, n in zip(
            records.order, records.customer_keys(), records.date_text, records.amount, records.row,
            records.rows, strict=True,
        )
    ]  # fmt: skip


def test_till_tickets_numbered_again_each_day_are_orders_of_their_own() -> None:
    records = _by_order(
        """
        1|ann|2025-01-05 10:00|10
        1|bob|2025-01-06 09:00|20
        2|ann|2025-01-05 10:05|4
        2||2025-01-05 10:06|1
        """,
        OrderAmount.AUTO,
    )
    # (order, customer, date, amount, first row, rows): ticket 2's two lines are one order
    assert _orders(records) == [
        ("1", "ann", "2025-01-05 10:00", 10.0, 2, 1),
        ("1", "bob", "2025-01-06 09:00", 20.0, 3, 1),
        ("2", "ann", "2025-01-05 10:05", 5.0, 4, 2),
    ]
    assert records.reused == (2,)


def test_a_blank_customer_or_date_belongs_to_the_rows_around_it() -> None:
    records = _by_order(
        """
        5||2025-02-01|3
        5|ann|2025-02-01|10
        5|bob||20
        5|||2
        """,
        OrderAmount.AUTO,
    )
    # row 2 takes ann's (the next row: nothing before it), row 5 bob's (the row before it)
    assert _orders(records) == [
        ("5", "ann", "2025-02-01", 13.0, 2, 2),
        ("5", "bob", "2025-02-01", 22.0, 4, 2),
    ]
    assert records.reused == (2,)


def test_line_rows_of_one_order_stamped_minutes_apart_are_one_order() -> None:
    records = _by_order(
        """
        9|ann|2025-03-01 10:00:00|5
        9|ann|2025-03-01T10:02:41|7
        8|bob|01/03/2025 10h05|4
        8|bob|01/03/2025 10h07|4
        """,
        OrderAmount.AUTO,
    )
    assert _orders(records) == [
        ("9", "ann", "2025-03-01 10:00:00", 12.0, 2, 2),
        ("8", "bob", "01/03/2025 10h05", 4.0, 4, 2),  # equal lines: the order's total
    ]
    assert records.reused == ()


def test_the_same_order_total_on_every_line_is_counted_once_per_order() -> None:
    records = _by_order(
        """
        A1|ann|2025-03-01|30
        A1|ann|2025-03-01|30
        A1|bob|2025-03-02|12
        A1|bob|2025-03-02|12
        """,
        OrderAmount.FIRST,
    )
    assert [(c, a, n) for _o, c, _d, a, _r, n in _orders(records)] == [
        ("ann", 30.0, 2),
        ("bob", 12.0, 2),
    ]


def test_one_row_per_order_repeats_are_duplicates_unless_reused() -> None:
    records = _by_order(
        """
        ch_1|a@x.fr|2025-06-01 08:00|20|paid
        ch_1|a@x.fr|2025-06-01 08:00|20|paid
        ch_2|a@x.fr|2025-06-02 08:00|15|paid
        ch_2|b@x.fr|2025-06-02 08:00|15|paid
        ch_3||2025-06-03 08:00|9|paid
        ch_3||2025-06-03 08:00|9|paid
        ch_4|c@x.fr|2025-06-04 08:00|8|paid
        ch_4|c@x.fr|2025-06-09 08:00|8|paid
        ch_5|d@x.fr|2025-06-05 08:00|7|paid
        ch_5|d@x.fr|2025-06-07 11:00|7|refunded
        """,
        OrderAmount.ROW,
        status=True,
    )
    duplicate = REASON_NAMES.index("duplicate")
    # ch_1 and ch_3 (a guest) exported twice; ch_2 another customer's, ch_4 another day's;
    # ch_5's second row is the same order refunded two days later: not another order
    assert np.flatnonzero(records.reason == duplicate).tolist() == [1, 5, 9]
    assert len(records) == 10 and records.reused == (4, 8)


def test_many_reused_numbers_are_listed_from_their_first_rows(tmp_path: Path) -> None:
    rows = "".join(f"{n},c{n},2025-01-0{d},{n}\n" for d in (1, 2) for n in range(1, 8))
    data, warnings = _analyse(tmp_path, "ticket,client,date,montant\n" + rows)
    assert (data["orders"], data["customers"]) == (14, 7)
    assert [w for w in warnings if "more than one customer" in w] == [
        "Order numbers used by more than one customer or on more than one day: 7 (from row "
        "2, 3, 4, 5, 6, …); each customer's rows of each day were counted as an order of their "
        "own."
    ]


def test_workbook_date_cells_of_one_day_are_one_order() -> None:
    text = {
        "order": np.array(["7", "7", "8", "8"], dtype=object),
        "customer": np.array(["a", "a", "b", "b"], dtype=object),
        "date": np.array(
            [dt.datetime(2025, 1, 5, 10), dt.datetime(2025, 1, 5, 18), 45662.25, 45663.5],
            dtype=object,
        ),
        "amount": np.array(["1", "2", "3", "4"], dtype=object),
    }
    records = by_order(read_records(text, np.arange(2, 6)), OrderAmount.AUTO)
    assert records.amount.tolist() == [3.0, 3.0, 4.0]  # Excel serials: two days
    assert records.reused == (4,)
