"""Columns of plain numbers are read as numbers (quicker, smaller), and give exactly what
reading them as text gives, whatever comes further down the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.analytics import tables
from advisor.analytics.files import analyse_file
from advisor.analytics.sniffing import number_columns, sniff


def _file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text("order_id,customer_id,date,amount\n" + "\n".join(rows) + "\n", "utf-8")
    return path


def _as_text(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    with monkeypatch.context() as patched:
        original = tables.read_table
        patched.setattr("advisor.analytics.orders.read_table", lambda p, s, n=(): original(p, s))
        return analyse_file(path).as_json()


def test_the_sample_decides_which_columns_are_numbers() -> None:
    header = ["id", "client", "amount", "code", "mixed"]
    rows = [["1", "12", "10.50", "007", "3"], ["2", "13", "-4", "010", "x"]]
    assert number_columns(header, rows) == {"id": "int", "client": "int", "amount": "float"}
    assert number_columns(header, [["1", "", "1,5", "7", "3"], ["2", "3", "2", "8", "4"]]) == {
        "id": "int", "code": "int", "mixed": "int",
    }  # fmt: skip


def test_numbers_read_as_numbers_give_what_text_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"{i},{100 + i % 7},2025-0{1 + i % 3}-1{i % 9},{10 + i % 5}.25" for i in range(1, 60)]
    path = _file(tmp_path, rows)
    assert sniff(path).numbers == {"order_id": "int", "customer_id": "int", "amount": "float"}
    typed = analyse_file(path)
    assert typed.as_json() == _as_text(path, monkeypatch)
    assert typed.orders is not None
    assert list(typed.orders.customers.index[:2]) == ["100", "101"]  # named as in the file


def test_a_text_cell_past_the_sample_falls_back_to_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"{i},{100 + i % 50},2025-01-{1 + i % 28:02d},{i % 90}.5" for i in range(1, 20_000)]
    rows.append("20000,7,2025-02-01,n/a")  # row 20001: beyond the sniffed sample
    rows.append("20001,0012,2025-02-02,12.5")  # a customer number with a leading zero
    path = _file(tmp_path, rows)
    assert "amount" in sniff(path).numbers
    data = analyse_file(path).as_json()
    assert data == _as_text(path, monkeypatch)
    assert data["source"]["rows_excluded"] == {"bad_amount": 1}
    assert data["customers"] == 51  # "0012" is its own customer, as written
