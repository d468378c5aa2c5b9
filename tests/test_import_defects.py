"""Files that real tools write and that the import once misread: each built small, each with
what a user should see (docs/analytics.md, "Bad input")."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from advisor.analytics.errors import ImportProblem
from advisor.analytics.files import analyse_file
from advisor.cli import main


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_old_mac_line_ends_are_read_as_rows(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "mac.csv", "customer,date,amount\rann,2024-01-05,10\rbob,2024-02-06,20\r"
    )
    data = analyse_file(path).as_json()
    assert (data["orders"], data["customers"], data["revenue"]) == (2, 2, 30.0)


def test_excels_sep_line_names_the_separator_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "excel.csv",
        "sep=;\ncustomer;date;amount\nann;2024-01-05;10,50\nbob;2024-02-06;oops\n",
    )
    result = analyse_file(path)
    data = result.as_json()
    assert data["source"]["delimiter"] == ";"
    assert data["source"]["columns"] == {"customer": "customer", "date": "date", "amount": "amount"}
    assert data["revenue"] == 10.5
    assert result.orders is not None
    assert result.orders.imported.source.excluded_rows == {"bad_amount": [4]}  # line 4 of the file


def test_a_header_of_a_hundred_thousand_columns_is_refused_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, "wide.csv", ",".join(["a"] * 100_000) + "\n" + ",".join("1" * 100_000))
    started = time.perf_counter()
    with pytest.raises(ImportProblem) as problem:
        analyse_file(path)
    assert time.perf_counter() - started < 10  # it took 78 s before the limit
    assert "the header has 100,000 columns, more than the 2,000" in problem.value.render("en")
    assert problem.value.row == 1


def test_a_first_line_longer_than_the_sample_is_not_taken_for_a_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "line.csv", "x" * 300_000)
    with pytest.raises(ImportProblem, match="first line is longer than 256 KB"):
        analyse_file(path)


def test_extra_fields_on_the_first_data_row_are_an_error_not_lost_data(
    tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    path = _write(tmp_path, "extra.csv", "customer,date,amount\nann,2024-01-05,10,99\n")
    with pytest.raises(ImportProblem) as problem:
        analyse_file(path)
    assert problem.value.row == 2
    assert "this row has 4 fields where the header has 3" in str(problem.value)
    assert not [w for w in recwarn if "Length of header" in str(w.message)]


def test_trailing_empty_fields_are_a_harmless_habit(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "trail.csv", "customer,date,amount\nann,2024-01-05,10,\nbob,2024-02-06,20,\n"
    )
    assert analyse_file(path).as_json()["revenue"] == 30.0


def test_a_file_of_refunds_only_is_refused_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path, "refunds.csv", "customer,date,amount\nann,2024-01-05,-10\nbob,2024-02-06,-20\n"
    )
    assert main(["analyze", str(path), "--lang", "en"]) == 2
    error = capsys.readouterr().err
    assert "all 2 rows are refunds: export the sales" in error


def test_an_unreadable_date_column_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "dates.csv", "customer,date,amount\nann,soon,10\nbob,later,20\nzoe,,5\n"
    )
    with pytest.raises(ImportProblem) as problem:
        analyse_file(path)
    text = problem.value.render("en")
    assert "none of the 3 rows is a sale that can be counted. Left out: " in text
    assert "unreadable date: 2, no date: 1." in text


def test_survey_answers_none_of_which_count_are_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "nps.csv",
        "date,How likely are you to recommend us?\n2024-01-05,11\n2024-01-06,12\n",
    )
    with pytest.raises(ImportProblem, match="none of the 2 answers can be counted"):
        analyse_file(path)


def test_warnings_are_in_the_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(
        tmp_path,
        "guests.csv",
        "customer,date,amount\nann,2024-01-05,10\n,2024-01-06,20\nann,16/02/2024,5\n",
    )
    assert main(["analyze", str(path), "--json", "--lang", "en"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert any("1 orders have no customer" in w for w in warnings)
    assert any("several formats" in w for w in warnings)


def test_satisfaction_written_in_words_is_counted_on_its_scale(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "csat.csv",
        "Date,Êtes-vous satisfait de votre visite ?\n"
        "2024-03-01,Très satisfaite\n2024-03-02,Plutôt satisfait\n2024-03-03,Insatisfait\n"
        "2024-03-04,5 - Very satisfied\n2024-03-05,Neither satisfied nor dissatisfied\n",
    )
    data = analyse_file(path).as_json()
    assert data["surveys"][0]["csat_counts"] == [0, 1, 1, 1, 2]
    assert data["surveys"][0]["scores"]["csat"] == 60.0  # 3 of 5 gave 4 or 5


def test_one_answer_off_the_scale_leaves_the_rows_other_answers_counted(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "two.csv",
        "date,How likely are you to recommend us?,How satisfied are you?\n"
        "2024-03-01,9,7\n2024-03-02,3,4\n2024-03-03,,\n",
    )
    result = analyse_file(path)
    data = result.as_json()
    survey = data["surveys"][0]
    assert survey["nps_counts"][9] == 1 and survey["nps_counts"][3] == 1  # both rows count
    assert survey["csat_counts"] == [0, 0, 0, 1, 0]  # the 7 is left out, the 4 counts
    assert data["source"]["rows_excluded"] == {"no_answer": 1}
    assert data["source"]["answers_excluded"] == {"csat": 1}
    assert any("row 2" in w and "“7”" in w for w in result.warnings())


def test_two_digit_years_pivot_and_implausible_dates_are_excluded_with_a_reason(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        "dates.csv",
        "customer,date,amount\nann,01/03/99,10\nbob,15/04/2024,20\n"
        "cat,01/01/2031,5\ndan,01/06/1985,7\n",
    )
    result = analyse_file(path)
    data = result.as_json()
    assert data["source"]["rows_excluded"] == {"future_date": 1, "old_date": 1}
    assert [p["label"] for p in data["periods"]][:1] == ["1999-03"]  # 99 is 1999, not 2099
    assert result.orders is not None
    assert result.orders.imported.source.excluded_rows == {"future_date": [4], "old_date": [5]}


def test_unix_time_stamps_in_a_survey_are_dates(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "typeform.csv",
        "How likely are you to recommend us?,Submitted At\n9,1704451200\n6,1704537600000\n",
    )
    survey = analyse_file(path).as_json()["surveys"]
    assert [(s["label"], s["answers"]) for s in survey] == [("2024-01", 2)]


def test_french_messages_put_a_no_break_space_before_colons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "remb.csv", "customer,date,amount\nann,2024-01-05,-10\n")
    assert main(["analyze", str(path), "--lang", "fr"]) == 2
    error = capsys.readouterr().err.strip()
    assert error == (
        "retention-advisor\u00a0: remb.csv\u00a0: la seule ligne est un remboursement\u00a0: "
        "exportez les ventes (commandes ou paiements), avec leurs remboursements si vous "
        "voulez, pas les remboursements seuls"
    )


def test_the_map_option_takes_french_role_names_and_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "t.csv", "qui,quand,combien\nann,2024-01-05,10\nbob,2024-02-06,20\n")
    assert (
        main(["analyze", str(path), "--json", "--map", "client=qui,date=quand,montant=combien"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["customers"] == 2
    assert main(["analyze", str(path), "--lang", "fr"]) == 2
    error = capsys.readouterr().err
    assert "impossible de savoir quelles colonnes contiennent\u00a0: Client, Date, Montant" in error
    assert main(["analyze", str(path), "--lang", "fr", "--map", "qui=client"]) == 2
    assert "client, date, montant, commande, note" in capsys.readouterr().err


def test_a_damaged_workbook_is_named_without_the_library_s_words(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(ImportProblem) as problem:
        analyse_file(path)
    text = problem.value.render("en")
    assert text == (
        "broken.xlsx: the workbook cannot be opened: it is damaged or not an Excel or "
        "OpenDocument file; open it in your spreadsheet and save it again"
    )


def test_retention_above_100_percent_is_explained_in_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # January: ann and bob. February: ann alone (bob lost). March: ann and bob (bob back), so
    # March's retention is (2 − 0) ÷ 1 = 200 % while its strict rate is 100 %.
    rows = (
        "ann,2025-01-05,10\nbob,2025-01-06,10\nann,2025-02-05,10\n"
        "ann,2025-03-05,10\nbob,2025-03-06,10\n"
    )
    path = _write(tmp_path, "back.csv", "customer,date,amount\n" + rows)
    assert main(["analyze", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Retention above 100 % in 2025-03: customers who came back after a break" in out
