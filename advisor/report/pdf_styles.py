"""Paragraph and table styles of the printed plan, built around one accent colour."""

from __future__ import annotations

from dataclasses import dataclass, fields

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#5f5f5f")
RULE = colors.HexColor("#c8c8c8")
ZEBRA = colors.HexColor("#f3f3f3")


@dataclass(frozen=True)
class Styles:
    accent: colors.Color
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_bullet: ParagraphStyle
    cell_small: ParagraphStyle
    header_cell: ParagraphStyle
    bullet: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    toc1: ParagraphStyle
    toc2: ParagraphStyle
    cover_title: ParagraphStyle
    cover_business: ParagraphStyle
    cover_line: ParagraphStyle
    callout: ParagraphStyle
    #: The report's language, for the note on a text cut to fit.
    language: str = "en"


def make_styles(accent: colors.Color, language: str = "en") -> Styles:
    # splitLongWords (reportlab's default, stated because the layout relies on it): a word wider
    # than the line breaks where the line ends, so a URL or a word of 1,000 letters wraps.
    body = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=9.5, leading=13.5, textColor=INK,
        splitLongWords=1,
    )  # fmt: skip
    cell = ParagraphStyle("cell", parent=body, fontSize=8.3, leading=10.6)
    styles = Styles(
        accent=accent,
        body=ParagraphStyle("body2", parent=body, spaceAfter=6),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10.5, textColor=MUTED),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_bullet=ParagraphStyle(
            "cell_bullet", parent=cell, leftIndent=8, bulletIndent=0, spaceAfter=1.5
        ),
        cell_small=ParagraphStyle(
            "cell_small", parent=cell, fontSize=7.2, leading=9, textColor=MUTED
        ),
        header_cell=ParagraphStyle(
            "header_cell", parent=cell, fontName=BOLD, textColor=colors.white
        ),
        bullet=ParagraphStyle(
            "bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=3
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=18, leading=22, spaceAfter=12,
            textColor=accent,
        ),
        h1=ParagraphStyle(
            "h1", parent=body, fontName=BOLD, fontSize=18, leading=22, spaceAfter=10,
            textColor=accent,
        ),
        h2=ParagraphStyle(
            "h2", parent=body, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=10,
            spaceAfter=5, textColor=INK,
        ),
        h3=ParagraphStyle(
            "h3", parent=body, fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=8,
            spaceAfter=2, keepWithNext=1,
        ),
        toc1=ParagraphStyle("toc1", parent=body, fontName=BOLD, fontSize=11, leading=20),
        toc2=ParagraphStyle("toc2", parent=body, fontSize=9.5, leading=14, leftIndent=14),
        cover_title=ParagraphStyle(
            "cover_title", parent=body, fontName=BOLD, fontSize=30, leading=36,
            textColor=accent,
        ),
        cover_business=ParagraphStyle(
            "cover_business", parent=body, fontName=BOLD, fontSize=20, leading=26
        ),
        cover_line=ParagraphStyle(
            "cover_line", parent=body, fontSize=11, leading=16, textColor=MUTED
        ),
        callout=ParagraphStyle(
            "callout", parent=body, borderColor=accent, borderWidth=0.8, borderPadding=8,
            leftIndent=8, rightIndent=8, backColor=colors.HexColor("#f7f7f7"), spaceBefore=12,
            spaceAfter=14,
        ),
        language=language,
    )  # fmt: skip
    for item in fields(styles):
        style = getattr(styles, item.name)
        if isinstance(style, ParagraphStyle):
            style.language = language  # read by the paragraphs' typesetting
    return styles
