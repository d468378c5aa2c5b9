"""The report model (:mod:`advisor.report.model`) laid out as a PDF with reportlab.

DejaVu Sans is embedded (French numbers need U+202F, and no text may fall back on the
non-embedded Helvetica); every table cell is a paragraph so text wraps instead of
overflowing; long tables split across pages with their header repeated; status is printed as
a word with a symbol, so the plan reads in black and white.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from advisor.errors import InputError
from advisor.i18n import _
from advisor.paths import FONTS
from advisor.progress import Progress
from advisor.report import pdf_sections as parts
from advisor.report.model import SECTION_TITLES, Report
from advisor.report.pdf_styles import BOLD, FONT, INK, MUTED, Styles, make_styles
from advisor.report.pdf_text import Paragraph, esc, fit_line, fit_paragraph, note_suffix

PAGE_SIZES = {"a4": A4, "letter": LETTER}
MARGIN = 1.8 * cm
HOUSE_ACCENT = "#1f5f8b"
INK_COLOUR, MUTED_INK = INK, MUTED


def register_fonts() -> None:
    """Register the bundled DejaVu Sans once; bold is its own file, and there is no italic."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


#: A heading in the contents: level (0 section, 1 sub-section), text, page, bookmark key.
Entry = tuple[int, str, int, str]


class _Document(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type hints
    """Collects contents entries and PDF bookmarks for headings, reports progress per page."""

    def __init__(
        self,
        target: io.BytesIO,
        on_page: Callable[[int], None],
        entries: list[Entry],
        **kw: Any,
    ) -> None:
        super().__init__(target, **kw)
        self._on_page = on_page
        self._entries = entries
        #: The key of the section being laid out (None: the cover and the contents).
        self.section: str | None = None

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab API)
        self.section = getattr(flowable, "report_section", self.section)
        level = getattr(flowable, "toc_level", None)
        if level is None:
            return
        text = flowable.getPlainText()
        key = f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=False)
        self._entries.append((level, text, self.page, key))

    def afterPage(self) -> None:  # noqa: N802 (reportlab API)
        self._on_page(self.page)


def _finishing_canvas(label: str, entries: list[Entry], contents_top: float) -> type[Canvas]:
    """A canvas that keeps its pages until the end, then writes "Page n of N" on every page
    but the cover and the contents on page 2: one layout pass instead of the two a
    contents flowable needs, which halves the export time."""

    class FinishingCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self._pageNumber == 2:
                    _draw_contents(self, entries, contents_top)
                if self._pageNumber > 1:
                    self.setFont(FONT, 8)
                    self.setFillColor(MUTED_INK)
                    text = label.format(page=self._pageNumber, pages=total)
                    self.drawRightString(self._pagesize[0] - MARGIN, MARGIN * 0.55, text)
                super().showPage()
            super().save()

    return FinishingCanvas


def _draw_contents(canvas: Canvas, entries: list[Entry], top: float) -> None:
    """Section and sub-section titles with dot leaders and page numbers, each a link."""
    left, right = MARGIN, canvas._pagesize[0] - MARGIN
    y = top
    for level, text, page, key in entries:
        font, size, indent, gap = (BOLD, 11, 0, 22) if level == 0 else (FONT, 9.5, 14, 15)
        if level == 0 and y != top:
            y -= 6
        y -= gap
        number = str(page)
        canvas.setFont(font, size)
        canvas.setFillColor(INK_COLOUR)
        canvas.drawString(left + indent, y, text)
        canvas.drawRightString(right, y, number)
        start = left + indent + stringWidth(text, font, size) + 6
        end = right - stringWidth(number, font, size) - 6
        dot = stringWidth(". ", FONT, size)
        if end - start > dot:
            canvas.setFont(FONT, size)
            canvas.setFillColor(MUTED_INK)
            canvas.drawRightString(end, y, ". " * int((end - start) / dot))
        canvas.linkAbsolute("", key, Rect=(left, y - 4, right, y + size), thickness=0)


def render_pdf(report: Report, progress: Progress | None = None) -> bytes:
    """The PDF of ``report``, as bytes (the caller writes them atomically)."""
    register_fonts()
    progress = progress or Progress()
    progress.report(0.1, "")
    accent = colors.HexColor(report.accent or HOUSE_ACCENT)
    styles = make_styles(accent, report.language)
    page_size = PAGE_SIZES[report.paper]
    buffer = io.BytesIO()
    entries: list[Entry] = []
    expected = 14

    def on_page(page: int) -> None:
        progress.report(
            min(0.95, 0.1 + 0.85 * page / expected), _("Laying out page {page}…").format(page=page)
        )

    doc = _Document(
        buffer,
        on_page,
        entries,
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 0.4 * cm,
        bottomMargin=MARGIN,
        title=report.title,
        author=report.author,
        subject=report.subject,
        creator="Retention Advisor",
        lang=report.language,
        initialFontName=FONT,
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip

    business = fit_line(report.business, page_size[0] / 2 - MARGIN, FONT, 8)

    def header(canvas: Canvas, document: BaseDocTemplate) -> None:
        canvas.saveState()
        top = page_size[1] - MARGIN + 0.1 * cm
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, top, business)
        canvas.drawRightString(page_size[0] - MARGIN, top, report.cover.title)
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, top - 4, page_size[0] - MARGIN, top - 4)
        canvas.restoreState()

    def cover_band(canvas: Canvas, document: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(accent)
        canvas.rect(0, page_size[1] - 1.2 * cm, page_size[0], 1.2 * cm, stroke=0, fill=1)
        canvas.restoreState()

    doc.addPageTemplates(
        [
            PageTemplate(id="cover", frames=[frame], onPage=cover_band),
            PageTemplate(id="body", frames=[frame], onPage=header),
        ]
    )
    story = _story(report, styles, doc.width, doc.height)
    expected = max(4, len(story) // 12)
    contents_top = page_size[1] - doc.topMargin - styles.title.leading - styles.title.spaceAfter
    canvasmaker = _finishing_canvas(report.labels["page"], entries, contents_top)
    try:
        doc.build(story, canvasmaker=canvasmaker)
    except LayoutError as error:  # the last resort: the layout above is meant to prevent it
        raise InputError(_layout_problem(doc.section)) from error
    progress.report(1.0, "")
    return buffer.getvalue()


def _layout_problem(section: str | None) -> str:
    """What the user reads when a text still cannot be laid out: where, and what to do."""
    where = _(SECTION_TITLES[section]) if section in SECTION_TITLES else _("Cover page")
    problem = _("a text in “{section}” is too long to fit on a page; shorten it and export again")
    return _("The PDF could not be made: {error}").format(error=problem.format(section=where))


#: Chapters that always start a page.
_OWN_PAGE = frozenset({"summary", "appendix"})


def _story(report: Report, styles: Styles, width: float, height: float = 650) -> list[Flowable]:
    cover = _cover(report, styles, width, height)
    story: list[Flowable] = [*cover, NextPageTemplate("body"), PageBreak()]
    story.append(Paragraph(report.labels["contents"], styles.title))  # entries drawn at the end
    builders: list[tuple[str, Callable[[], list[Flowable]]]] = [
        ("summary", lambda: parts.summary(report, styles, width)),
        ("kpis", lambda: parts.kpis(report, styles, width)),
        ("journey", lambda: parts.journey(report, styles, width)),
        ("diagnosis", lambda: parts.diagnosis(report, styles, width)),
        ("plan", lambda: parts.plan(report, styles, width)),
        ("appendix", lambda: parts.appendix(report, styles, width)),
    ]
    for key, build in builders:
        if getattr(report, key) is None:
            continue
        # The summary and the appendix start a page; the other chapters follow on the page
        # the one before ends on when at least 40 % of it is left, so a chapter's last lines
        # never sit alone on a page.
        story.append(PageBreak() if key in _OWN_PAGE else CondPageBreak(height * 0.4))
        heading = parts.heading(report.section_titles[key], styles.h1, 0)
        heading.report_section = key  # the section an error in the layout is reported in
        story.append(heading)
        story.extend(build())
    return story


def _cover(report: Report, styles: Styles, width: float, height: float) -> list[Flowable]:
    """The cover, always one page: the business, its sector and who prepared the plan get a
    few lines each, a longer text ends with the cut note, and the space above the date
    shrinks when the texts above it need it."""
    cover = report.cover
    language = report.language

    def fitted(text: str, style: ParagraphStyle, lines: int, note_size: float) -> Paragraph:
        suffix = note_suffix(language, note_size)
        return fit_paragraph(text, style, width, lines * style.leading, suffix, language)

    top: list[Flowable] = [Spacer(1, 3.2 * cm)]
    below = 11 * cm  # the date and the facilitator sit in the lower part of the page
    logo = _logo(report)
    if logo is not None:
        top += [logo, Spacer(1, 1 * cm)]
        below -= logo.drawHeight + 1 * cm
    top += [
        Paragraph(esc(cover.title), styles.cover_title),
        Spacer(1, 0.4 * cm),
        fitted(cover.business, styles.cover_business, 3, 11),
    ]
    if cover.sector:
        top.append(fitted(cover.sector, styles.cover_line, 2, 8))
    top += [Spacer(1, 0.5 * cm), HRFlowable(width="30%", thickness=2, color=styles.accent,
                                            hAlign="LEFT")]  # fmt: skip
    lines = [Paragraph(esc(cover.date), styles.cover_line)]
    by = " — ".join(p for p in (cover.facilitator, cover.firm) if p)
    if by:
        prepared = report.labels["labelled"].format(label=report.labels["prepared_by"], text=by)
        lines.append(fitted(prepared, styles.cover_line, 3, 8))
    lines.append(Paragraph(esc(cover.language_line), styles.cover_line))
    used = sum(_height(f, width, height) for f in (*top, *lines))
    room = height - used - 12  # a little slack for rounding
    return [*top, Spacer(1, max(0.0, min(below, room))), KeepTogether(lines)]


def _height(flowable: Flowable, width: float, height: float) -> float:
    _w, tall = flowable.wrap(width, height)
    return float(tall + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def _logo(report: Report) -> Image | None:
    """The consultant's logo scaled into 6 × 3 cm; an unreadable file is left out."""
    if report.logo is None:
        return None
    try:
        image = Image(str(report.logo))
        scale = min(6 * cm / image.imageWidth, 3 * cm / image.imageHeight, 1.0)
        image.drawWidth = image.imageWidth * scale
        image.drawHeight = image.imageHeight * scale
        image.hAlign = "LEFT"
    except Exception:  # noqa: BLE001 (any unreadable image: the plan prints without it)
        return None
    return image
