"""Order numbers used twice: line items of one order, duplicates, and numbers reused by other
customers or on other days (a till's tickets restart every day)."""

from __future__ import annotations

from pathlib import Path

from advisor.analytics.files import analyse_file


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
