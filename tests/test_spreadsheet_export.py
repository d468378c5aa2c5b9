"""Tables written for spreadsheets: workbooks that re-open with typed cells and formats, CSV
files that open in columns in an English or a French spreadsheet."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from advisor.analytics.files import analyse_file
from advisor.cli import main
from advisor.paths import RESOURCES
from advisor.sheets.analysis_tables import at_risk_sheet, cohort_sheet, rfm_sheet
from advisor.sheets.table import Column, Kind, Sheet
from advisor.sheets.writing import write_sheet

ORDERS = (
    "customer,date,amount\n"
    '=HYPERLINK("http://x"),2025-01-01,100.5\n=HYPERLINK("http://x"),2025-01-11,100\n'
    "bob,2025-01-01,5\nbob,2025-03-01,5\n"
    "cat,2025-02-25,7\n"
)
HAIR_SALON = RESOURCES / "examples" / "hair-salon.en.retention"


@pytest.fixture
def analysis(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS, encoding="utf-8")
    result = analyse_file(path).orders
    assert result is not None
    return result


def test_the_at_risk_workbook_reopens_with_typed_cells(tmp_path: Path, analysis) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "at-risk.xlsx"
    write_sheet(at_risk_sheet(analysis, "en"), out, "en", "EUR")
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "Customers at risk"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Customer", "Orders", "Revenue", "First order"]
    customer, orders, revenue, first, last = (c for c in sheet[2][:5])
    assert customer.value == '=HYPERLINK("http://x")' and customer.data_type == "s"  # text
    assert (orders.value, revenue.value) == (2, 200.5)
    assert "€" in revenue.number_format
    assert first.value == dt.datetime(2025, 1, 1) and first.is_date
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:H{sheet.max_row}"


def test_cohort_percents_are_fractions_shown_as_percents(tmp_path: Path, analysis) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "cohorts.xlsx"
    write_sheet(cohort_sheet(analysis, "en"), out, "en")
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]][:4] == ["Cohort", "Customers", "Month 0", "Month 1"]
    january = [c for c in sheet[2]]
    # January: two customers, both active in January, one (bob) in March (+2)
    assert [c.value for c in january[:5]] == ["2025-01", 2, 1.0, 0.0, 0.5]
    assert january[4].number_format == "0.0%"
    assert sheet.cell(4, 4).value is None  # March's cohort has no +1 yet


def test_french_cohort_headers_name_the_period_and_start_with_no_quote(
    tmp_path: Path, analysis
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "cohortes.csv"
    write_sheet(cohort_sheet(analysis, "fr"), out, "fr", "EUR")
    rows = list(csv.reader(out.read_bytes().decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][2:4] == ["Mois 0 (%)", "Mois 1 (%)"]


def test_a_french_csv_opens_in_columns(tmp_path: Path, analysis) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "segments.csv"
    write_sheet(rfm_sheet(analysis, "fr"), out, "fr", "EUR")
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:4] == [
        "Segment",
        "Clients",
        "Chiffre d’affaires (€)",
        "Part du chiffre d’affaires (%)",
    ]
    revenue = {row[0]: row[2] for row in rows[1:]}
    assert all("," in v and "." not in v for v in revenue.values() if v)
    assert len({len(row) for row in rows}) == 1


def test_the_english_csv_uses_commas_and_points_and_neutralises_formulas(
    tmp_path: Path,
    analysis,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "at-risk.csv"
    write_sheet(at_risk_sheet(analysis, "en"), out, "en", "USD")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["Customer", "Orders", "Revenue ($)"]
    assert rows[1][:4] == ['\'=HYPERLINK("http://x")', "2", "200.50", "2025-01-01"]


def test_cells_of_any_kind_and_hostile_text_survive(tmp_path: Path) -> None:
    sheet = Sheet(
        "Odd: [sheet]/name?",
        (Column("Text"), Column("Share", Kind.PERCENT, 1), Column("Day", Kind.DATE)),
        [("a" * 40_000, float("nan"), None), ("=1+1", 12.5, dt.date(2025, 2, 3))],
    )
    out = tmp_path / "odd.xlsx"
    write_sheet(sheet, out, "en")
    book = openpyxl.load_workbook(out).active
    assert book.title == "Odd   sheet  name"
    assert len(book["A2"].value) == 32_767 and book["B2"].value is None
    assert book["A3"].value == "=1+1" and book["A3"].data_type == "s"
    assert book["B3"].value == 0.125


def test_kpis_and_plan_write_workbooks_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kpis, plan = tmp_path / "kpis.xlsx", tmp_path / "plan"
    assert main(["kpis", str(HAIR_SALON), "--xlsx", str(kpis), "--lang", "en"]) == 0
    assert main(["plan", str(HAIR_SALON), "--xlsx", str(plan), "--lang", "en"]) == 0
    capsys.readouterr()
    table = openpyxl.load_workbook(kpis).active
    header = [c.value for c in table[1]]
    assert header[:6] == ["Period", "Period start", "Period end", "KPI", "Value", "Unit"]
    churn = next(r for r in table.iter_rows(min_row=2) if r[3].value == "Churn rate")
    assert isinstance(churn[4].value, float) and churn[4].number_format.endswith("%")
    assert churn[5].value == "%"
    actions = openpyxl.load_workbook(tmp_path / "plan.xlsx").active
    assert [c.value for c in actions[1]][:4] == ["Action", "Status", "Owner", "Due"]
    assert actions.max_row >= 2 and actions["D2"].is_date
    assert any("Day " in (r[6].value or "") for r in actions.iter_rows(min_row=2))


def test_an_unwritable_table_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing-folder" / "kpis.csv"
    assert main(["kpis", str(HAIR_SALON), "--csv", str(out), "--lang", "en"]) == 2
    error = capsys.readouterr().err.strip()
    assert "kpis.csv" in error and len(error.splitlines()) == 1


def test_quarter_labels_follow_the_language(tmp_path: Path) -> None:
    from advisor.analytics.periods import display_label

    assert display_label("2025-Q1", "fr") == "2025 T1"
    assert display_label("2025-Q1", "en") == "2025 Q1"
    assert display_label("2025-03", "fr") == "2025-03"  # months and years are the same
    assert display_label("2025", "fr") == "2025"
