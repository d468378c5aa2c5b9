"""Excel and OpenDocument workbooks read like the same table saved as CSV: the sheet that holds
the table, its header below title rows, date and number cells taken as typed."""

from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from pathlib import Path

import pytest

from advisor.analytics import workbooks
from advisor.analytics.errors import ImportProblem
from advisor.analytics.files import analyse_file
from advisor.cli import main
from tests.spreadsheet_files import write_ods, write_xlsx

HEADER = ["N° client", "Date", None, "Montant"]
ORDERS = [
    [1234, dt.date(2024, 1, 5), None, 12.5],
    ["C002", dt.date(2024, 1, 20), None, 30],
    [1234, dt.datetime(2024, 2, 3, 14, 30), None, 20],
    ["C002", dt.date(2024, 3, 15), None, "n/a"],
    ["C003", dt.date(2024, 3, 16), None, 45.75],
]
CSV = (
    "N° client,Date,Montant\n"
    "1234,2024-01-05,12.5\n"
    "C002,2024-01-20,30\n"
    "1234,2024-02-03 14:30,20\n"
    "C002,2024-03-15,n/a\n"
    "C003,2024-03-16,45.75\n"
)


def _sheets() -> dict[str, list[list[object]]]:
    """A notes sheet first; the orders below a title, a date of export and a blank row, from
    column B, with a blank column between the date and the amount."""
    table = [[None, *HEADER], *[[None, *row] for row in ORDERS]]
    return {
        "Lisez-moi": [["Export de la caisse"], ["Les montants sont TTC."]],
        "Commandes": [["Ventes 2024 — boutique"], ["Exporté le", dt.date(2024, 4, 1)], [], *table],
    }


def _figures(data: dict) -> dict:
    """Everything but how the file was read."""
    return {k: v for k, v in data.items() if k not in ("source", "warnings")}


@pytest.mark.parametrize("writer", [write_xlsx, write_ods], ids=["xlsx", "ods"])
def test_a_workbook_gives_the_figures_of_the_same_table_in_csv(
    tmp_path: Path, writer: object
) -> None:
    suffix = ".xlsx" if writer is write_xlsx else ".ods"
    book = writer(tmp_path / f"ventes{suffix}", _sheets())  # type: ignore[operator]
    text = tmp_path / "ventes.csv"
    text.write_text(CSV, encoding="utf-8")
    from_book, from_text = analyse_file(book).as_json(), analyse_file(text).as_json()
    assert _figures(from_book) == _figures(from_text)
    # worked out by hand: Jan 1234 and C002 new; Feb 1234 back, C002 lost; Mar C003 new
    periods = [(p["label"], p["new"], p["retained"], p["lost"], p["revenue"])
               for p in from_book["periods"]]  # fmt: skip
    assert periods == [
        ("2024-01", 2, 0, 0, 42.5),
        ("2024-02", 0, 1, 1, 20.0),
        ("2024-03", 1, 0, 1, 45.75),
    ]
    source = from_book["source"]
    assert source["sheet"] == "Commandes"
    assert source["columns"] == {"customer": "N° client", "date": "Date", "amount": "Montant"}
    assert source["rows_excluded"] == from_text["source"]["rows_excluded"] == {"bad_amount": 1}


def test_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "ventes.xlsx", _sheets())
    imported = analyse_file(book).orders
    assert imported is not None
    # title, export date and blank row, header on row 4: "n/a" is the 4th order, row 8
    assert imported.imported.source.excluded_rows == {"bad_amount": [8]}


def test_number_cells_in_the_customer_column_are_keys_as_shown(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "ventes.xlsx", _sheets())
    result = analyse_file(book).orders
    assert result is not None
    assert sorted(result.customers.index.astype(str)) == ["1234", "C002", "C003"]


def test_the_sheet_can_be_chosen_and_an_unknown_one_is_named(tmp_path: Path) -> None:
    sheets = _sheets()
    sheets["Anciennes"] = [["Client", "Date", "Montant"], ["Z9", dt.date(2023, 5, 2), 99.0]]
    book = write_xlsx(tmp_path / "ventes.xlsx", sheets)
    older = analyse_file(book, sheet="anciennes").as_json()  # case does not matter
    assert older["source"]["sheet"] == "Anciennes"
    assert older["orders"] == 1 and older["revenue"] == 99.0
    with pytest.raises(ImportProblem) as problem:
        analyse_file(book, sheet="2022")
    assert "no sheet “2022”" in str(problem.value)
    assert "Lisez-moi, Commandes, Anciennes" in str(problem.value)


def test_analyze_reads_a_workbook_and_names_its_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write_xlsx(tmp_path / "ventes.xlsx", _sheets())
    assert main(["analyze", str(book), "--lang", "en"]) == 0
    assert "ventes.xlsx, sheet “Commandes”" in capsys.readouterr().out
    assert main(["analyze", str(book), "--sheet", "Commandes", "--json", "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out)["orders"] == 4


def test_a_survey_workbook_with_answers_in_words(tmp_path: Path) -> None:
    book = write_xlsx(
        tmp_path / "avis.xlsx",
        {
            "Réponses": [
                ["Respondent ID", "End Date", "How satisfied were you with your visit?"],
                [None, None, "Response"],
                [1, dt.datetime(2025, 3, 1, 10, 5), "Very satisfied"],
                [2, dt.datetime(2025, 3, 2, 11, 0), "Neither satisfied nor dissatisfied"],
                [3, dt.datetime(2025, 3, 3, 9, 30), "Satisfied"],
            ]
        },
    )
    data = analyse_file(book).as_json()
    assert data["source"]["format"] == "surveymonkey"
    assert data["surveys"][0]["csat_counts"] == [0, 0, 1, 1, 1]
    assert data["surveys"][0]["scores"]["csat"] == pytest.approx(66.67)


def test_a_text_file_named_like_a_workbook_is_read_as_text(tmp_path: Path) -> None:
    renamed = tmp_path / "ventes.xlsx"
    renamed.write_text(CSV, encoding="utf-8")
    assert analyse_file(renamed).as_json()["orders"] == 4


def test_a_damaged_workbook_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "ventes.xlsx", _sheets()).read_bytes()
    cut = tmp_path / "coupé.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImportProblem) as problem:
        analyse_file(cut)
    assert "coupé.xlsx: the workbook cannot be opened" in str(problem.value)
    junk = tmp_path / "junk.xlsx"
    with zipfile.ZipFile(junk, "w") as archive:
        archive.writestr("readme.txt", "not a spreadsheet")
    with pytest.raises(ImportProblem, match="cannot be opened"):
        analyse_file(junk)


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = write_xlsx(tmp_path / "ventes.xlsx", _sheets())
    monkeypatch.setattr(workbooks, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ImportProblem, match="unpacks to"):
        analyse_file(book)


def test_an_empty_workbook_says_so(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "vide.xlsx", {"Feuil1": []})
    with pytest.raises(ImportProblem, match="sheets are empty"):
        analyse_file(book)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_pipe_named_like_a_workbook_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "ventes.xlsx"
    os.mkfifo(pipe)
    with pytest.raises(ImportProblem, match="not an ordinary file"):
        analyse_file(pipe)
