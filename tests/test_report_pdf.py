"""The printed plan as a reader gets it: text, numbers per language, fonts, page size,
metadata, and what happens when a section has nothing to say. Reads the PDF with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from advisor.domain.project import BusinessProfile, PlannedAction, Project
from advisor.paths import FONTS, demo_project
from advisor.progress import Cancelled, Progress
from advisor.report.model import ReportOptions, build_report
from advisor.report.pdf import render_pdf
from advisor.storage.project_file import load_project

TODAY = dt.date(2027, 1, 10)


@cache
def _pdf(language: str, paper: str = "a4") -> bytes:
    project = load_project(demo_project(language))
    return render_pdf(build_report(project, ReportOptions(language, paper, today=TODAY)))


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(data).pages)


@cache
def _dejavu_characters() -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFace

    regular = TTFontFace(str(FONTS / "DejaVuSans.ttf")).charToGlyph
    bold = TTFontFace(str(FONTS / "DejaVuSans-Bold.ttf")).charToGlyph
    return frozenset(regular) & frozenset(bold)


def test_english_plan_has_every_section_with_english_numbers() -> None:
    text = _text(_pdf("en"))
    for heading in (
        "Contents",
        "Executive summary",
        "Key findings",
        "KPI snapshot",
        "Money at stake",
        "Key figures",
        "Trends across periods",
        "Customer journey",
        "Diagnosis",
        "Action plan",
        "30/60/90-day roadmap",
        "Appendix",
        "How each KPI is computed",
        "Sources of the references",
    ):
        assert heading in text, heading
    assert "Brûlerie des Canuts" in text
    assert "= typical" in text and "! watch" in text  # status by symbol and word
    assert re.search(r"€\d{1,3},\d{3}", text)  # €75,001
    assert "15 April 2027" in text  # the review date, spelt out
    assert "Page 3 of" in text


def _body_after_contents(data: bytes) -> str:
    """The text of the pages after the contents page, each run of spaces and line breaks as
    one space (so a table cell's wrapped sentence reads whole)."""
    pages = [page.extract_text() for page in _reader(data).pages]
    contents = next(i for i, text in enumerate(pages) if "Contents" in text or "Sommaire" in text)
    return " ".join(re.sub(r"\s+", " ", text) for text in pages[contents + 1 :])


@pytest.mark.parametrize(
    ("section", "body"),
    [
        ("executive summary", "took part in a retention workshop run by Claire Dumont"),
        ("key findings", "“Weak activation” drives customers away strongly"),
        ("key figures, with the user's figures", "(1,190 ÷ 1,835) × 100"),
        ("trend table", "2026 Q3 91.2% 61.4% 1.2% 22"),
        ("journey stage table", "Find a good local coffee → Camille Roux"),
        ("journey stage table, frictions", "Shop hard to find from the main street"),
        ("friction points", "Onboarding: the first cup (feeling −1): Wrong grind"),
        ("retention type", "How to count churn. Nothing is automatic"),
        ("churn causes table", "Poor customer experience yes strongly December e-mails"),
        ("churn causes table, what to do", "Guide every new customer to a first success"),
        ("common mistakes", "No communication plan beyond the next promotion"),
        ("fair-loyalty audit", "Customers cannot see their balance"),
        ("action plan", "Reply to every support message within 24 hours"),
        ("roadmap", "Days 31–60: by 13 March 2027"),
        ("KPI formulas", "(customers active in both periods ÷ customers at start) × 100"),
        ("sources", "Retention Advisor's own rule of thumb"),
        ("playbooks in full", "A check-in is a service call, not a sales call"),
    ],
)
def test_each_section_prints_its_body_not_only_its_heading(section: str, body: str) -> None:
    """A section whose heading is in the contents but whose table or text is lost fails here:
    each is looked for by a line of its body, on the pages after the contents."""
    assert body in _body_after_contents(_pdf("en")), section


def test_french_plan_is_french_with_french_numbers() -> None:
    text = _text(_pdf("fr"))
    for heading in ("Sommaire", "Synthèse", "Indicateurs clés", "Parcours client", "Plan d’action"):
        assert heading in text, heading
    assert re.search(r"\d{1,3}[ \u202f]\d{3}[ \u202f]€", text)  # 75 001 €
    assert re.search(r"\d+,\d[ \u202f]%", text)  # 11,4 %
    assert "15 avril 2027" in text
    assert "✗ critique" in text
    assert "Executive summary" not in text and "Key figures" not in text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_character_has_a_glyph_in_the_embedded_font(language: str) -> None:
    text = _text(_pdf(language))
    missing = {c for c in text if ord(c) not in _dejavu_characters() and not c.isspace()}
    assert missing == set()
    assert "\ufffd" not in text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_font_is_embedded_dejavu(language: str) -> None:
    reader = _reader(_pdf(language))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "DejaVuSans" in font["/BaseFont"], font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_metadata_title_author_subject_and_language() -> None:
    reader = _reader(_pdf("fr"))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Brûlerie des Canuts — Plan d’action fidélisation"
    assert meta.author == "Claire Dumont, Atelier Fidélité Conseil"
    assert meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "fr"


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.3, 841.9)), ("letter", (612, 792))])
def test_page_size(paper: str, size: tuple[float, float]) -> None:
    for page in _reader(_pdf("en", paper)).pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.1)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.1)


def test_an_empty_project_prints_a_cover_and_skips_empty_sections() -> None:
    project = Project(profile=BusinessProfile(name="Chez Léa"))
    report = build_report(project, ReportOptions("en", today=TODAY))
    assert (report.summary, report.kpis, report.journey, report.plan) == (None,) * 4
    text = _text(render_pdf(report))
    assert "Chez Léa" in text and "Retention action plan" in text
    assert "Key figures" not in text and "Action plan" not in text.replace(
        "Retention action plan", ""
    )


def test_sections_left_out_by_the_user_are_not_printed() -> None:
    project = load_project(demo_project("en"))
    options = ReportOptions("en", sections=frozenset({"plan"}), today=TODAY)
    text = _text(render_pdf(build_report(project, options)))
    assert "30/60/90-day roadmap" in text
    assert "Key figures" not in text and "Customer journey" not in text


def test_long_tables_split_across_pages_with_their_header_repeated() -> None:
    project = Project(profile=BusinessProfile(name="Many actions"))
    project.plan.actions = [
        PlannedAction(id=f"a{i}", title=f"Action number {i} " + "with a long title " * 4)
        for i in range(60)
    ]
    reader = _reader(render_pdf(build_report(project, ReportOptions("en", today=TODAY))))
    pages_with_header = [
        page for page in reader.pages if re.search(r"Action\s+Owner\s+Due", page.extract_text())
    ]
    assert len(pages_with_header) >= 3
    assert "Action number 59" in _text(render_pdf(build_report(project, ReportOptions("en"))))


def test_free_text_cannot_inject_markup() -> None:
    project = load_project(demo_project("en"))
    project.profile.name = "Tom & Jerry <b>Café</b>"
    project.plan.actions[0].title = "Call <font size=40>everyone</font> & more"
    text = " ".join(_text(render_pdf(build_report(project, ReportOptions("en")))).split())
    assert "Tom & Jerry <b>Café</b>" in text
    assert "Call <font size=40>everyone</font> & more" in text


def test_a_cancelled_export_stops() -> None:
    progress = Progress()
    progress.cancel()
    report = build_report(load_project(demo_project("en")), ReportOptions("en"))
    with pytest.raises(Cancelled):
        render_pdf(report, progress)


def test_logo_is_drawn_and_a_broken_logo_is_left_out(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "#aa3300").save(logo)
    project = load_project(demo_project("en"))
    plain = _reader(render_pdf(build_report(project, ReportOptions("en", today=TODAY))))
    assert len(plain.pages[0].images) == 0

    cover = _reader(render_pdf(build_report(project, ReportOptions("en", logo=logo, today=TODAY))))

    (drawn,) = list(cover.pages[0].images)  # on the cover, once
    assert drawn.image.size == (300, 100)
    assert drawn.image.convert("RGB").getpixel((150, 50)) == (0xAA, 0x33, 0x00)
    assert all(len(page.images) == 0 for page in cover.pages[1:])

    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    left_out = _reader(
        render_pdf(build_report(project, ReportOptions("en", logo=broken, today=TODAY)))
    )
    assert len(left_out.pages[0].images) == 0
    assert left_out.pages[0].extract_text() == plain.pages[0].extract_text()
    assert len(left_out.pages) == len(plain.pages)


def test_every_table_cell_wraps_its_text_or_fits_on_one_line() -> None:
    """Plain strings in a reportlab table never wrap: one is only left as a string when it
    fits on one line of its column (quicker to lay out); anything longer is a paragraph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Table

    from advisor.report.pdf import _story, register_fonts
    from advisor.report.pdf_styles import make_styles

    register_fonts()
    project = load_project(demo_project("fr"))
    project.plan.actions[0].title = "x" * 300  # one unbreakable word
    report = build_report(project, ReportOptions("fr", today=TODAY))
    styles = make_styles(colors_black())
    tables = [f for f in _story(report, styles, 480) if isinstance(f, Table)]
    assert len(tables) >= 8
    strings = 0
    for table in tables:
        for index, row in enumerate(table._cellvalues):
            style = styles.header_cell if index == 0 else styles.cell
            for cell, width in zip(row, table._colWidths, strict=True):
                if isinstance(cell, str) and cell:
                    strings += 1
                    assert "\n" not in cell
                    assert stringWidth(cell, style.fontName, style.fontSize) <= width - 8, cell
    assert strings > 50  # the short cells: "Statut", "12,5 %"…
    long_title = [
        cell for table in tables for row in table._cellvalues for cell in row
        if isinstance(cell, Paragraph) and "x" * 300 in cell.text
    ]  # fmt: skip
    assert long_title  # the long title wraps
    assert render_pdf(report).startswith(b"%PDF")


def colors_black():  # type: ignore[no-untyped-def]
    from reportlab.lib import colors

    return colors.black


def test_the_accent_colour_brands_the_cover_and_headings() -> None:
    project = load_project(demo_project("en"))
    branded = render_pdf(build_report(project, ReportOptions("en", accent="#aa3300")))
    cover = _reader(branded).pages[0].get_contents()
    assert cover is not None and b".666667 .2 0 rg" in cover.get_data()
    plain = render_pdf(build_report(project, ReportOptions("en")))
    house = _reader(plain).pages[0].get_contents()
    assert house is not None and b".666667 .2 0 rg" not in house.get_data()


def test_chosen_playbooks_are_printed_in_full(tmp_path: Path) -> None:
    from tests.test_report_model import write_playbook

    project = load_project(demo_project("en"))
    project.plan.actions[1].playbook_id = "test-first-cup"
    options = ReportOptions("en", today=TODAY, playbooks_folder=write_playbook(tmp_path))
    text = _text(render_pdf(build_report(project, options)))
    assert "The playbooks behind the plan" in text
    assert "First cup guide" in text and "Only 62.8% buy twice." in text
    assert "Day 14: Send the check-in e-mail" in " ".join(text.split())
    assert "Effort ●●○○○" in text


@pytest.mark.parametrize(
    ("language", "summary", "after"),
    [("en", "Executive summary", "Key figures"), ("fr", "Synthèse", "Indicateurs clés")],
)
def test_the_executive_summary_fits_on_one_page(language: str, summary: str, after: str) -> None:
    pages = [page.extract_text() for page in _reader(_pdf(language)).pages]
    start = next(i for i, text in enumerate(pages) if i > 1 and summary in text)
    assert after in pages[start + 1].splitlines()[2]  # the next section's title, after the header


def test_a_long_business_name_is_shortened_in_the_running_header() -> None:
    project = load_project(demo_project("en"))
    project.profile.name = "La Très Grande Brûlerie Artisanale des Canuts et des Traboules Réunies"
    page = _reader(render_pdf(build_report(project, ReportOptions("en")))).pages[3]
    header = page.extract_text().splitlines()[0]
    assert header.startswith("La Très Grande Brûlerie") and "…" in header


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_page_holds_a_heading_alone(language: str, paper: str) -> None:
    """Running header (2 lines) + a heading + the page number is a page with nothing on it."""
    pages = _reader(_pdf(language, paper)).pages[1:]
    assert all(len(page.extract_text().splitlines()) > 4 for page in pages)


@pytest.mark.parametrize(("language", "value"), [("en", "22.8 months"), ("fr", "22,8 mois")])
def test_a_kpi_value_with_a_word_unit_is_printed_whole(language: str, value: str) -> None:
    # the bakery's lifespan: 1 ÷ 4.4 % churn a month = 22.8 months; its value column once broke
    # it as "22.8 mont hs"
    from advisor.paths import EXAMPLES

    project = load_project(EXAMPLES / f"bakery.{language}.retention")
    data = render_pdf(build_report(project, ReportOptions(language, "a4", today=TODAY)))
    lines = [line.replace("\u00a0", " ") for line in _text(data).splitlines()]
    assert any(value in line for line in lines), value
