"""The user's text on its way into the PDF: the one helper that makes it paragraph markup, and
the fitting of text into a space it cannot flow out of (a line of the page header or of a chart,
the cover, a table cell when the installed reportlab cannot split a row).

Long words need nothing here: every paragraph style keeps reportlab's ``splitLongWords`` (set
on the base style in :mod:`advisor.report.pdf_styles`), which breaks a word wider than the line
where the line ends, so a URL or 1,000 letters without a space wrap inside their cell, and the
text copied out of the PDF is still the text the user typed (no invisible break characters).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _Paragraph

from advisor.report.bounds import cut_note, split_note
from advisor.report.text import plain
from advisor.report.typesetting import typeset


class Paragraph(_Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """reportlab's paragraph, its text typeset for the style's language (see
    :mod:`advisor.report.typesetting`): every paragraph of the PDF is made here."""

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any, **kw: Any) -> None:
        if text is not None:  # None: a split's part, made from laid-out fragments
            text = typeset(text, getattr(style, "language", "en"))
        super().__init__(text, style, *args, **kw)


#: Markup put after a text cut to fit, given the number of characters left out.
Suffix = Callable[[int], str]


def esc(text: str) -> str:
    """Plain text as paragraph markup: ``&``, ``<`` and ``>`` print as themselves, line breaks
    are kept. Every text of the project goes through here (or through the narrative's
    autoescaping) before it becomes a paragraph."""
    return plain(text)


def fit_line(text: str, width: float, font: str, size: float) -> str:
    """``text`` on one line of ``width`` points, shortened with "…" when it is wider (a
    running header, a chart's label). A binary search: a long text costs a few measures, not
    one per character."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # text[:low] + "…" fits; text[:high] + "…" does not
    while high - low > 1:
        middle = (low + high) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle
    return text[:low].rstrip() + "…"


def note_suffix(language: str, size: float | None = None) -> Suffix:
    """The cut note of :mod:`advisor.report.bounds` as markup, smaller when ``size`` is given
    (under a large cover title)."""

    def suffix(hidden: int) -> str:
        note = esc(cut_note(hidden, language))
        return note if size is None else f'<font size="{size:g}">{note}</font>'

    return suffix


def fit_paragraph(
    text: str,
    style: ParagraphStyle,
    width: float,
    height: float,
    suffix: Suffix,
    language: str,
    bullet: str | None = None,
) -> Paragraph:
    """``text`` as a paragraph at most ``height`` points tall in ``width``: whole when it fits,
    else its longest start that fits followed by ``suffix``, which is told how many characters
    were left out (those a cut note already in ``text`` counted included)."""
    whole = Paragraph(esc(text), style, bulletText=bullet)
    if _height(whole, width) <= height:
        return whole
    body, hidden_before = split_note(text, language)

    def attempt(keep: int) -> Paragraph:
        shown = body[:keep].rstrip()
        markup = esc(shown) + suffix(len(body) - keep + hidden_before)
        return Paragraph(markup, style, bulletText=bullet)

    low, high = 0, len(body)  # attempt(low) fits (or is the note alone); attempt(high) does not
    while high - low > 1:
        middle = (low + high) // 2
        if _height(attempt(middle), width) <= height:
            low = middle
        else:
            high = middle
    space = max(body.rfind(" ", max(0, low - 30), low), body.rfind("\n", max(0, low - 30), low))
    return attempt(space if space > 0 else low)


def fit_flowables(
    flowables: Sequence[Flowable], width: float, height: float, suffix: Suffix, language: str
) -> list[Flowable]:
    """The flowables of a table cell, cut to ``height`` points: those that fit, then the one
    that does not cut to the room left (a paragraph) with ``suffix`` counting everything
    left out."""
    kept: list[Flowable] = []
    used = 0.0
    for index, flowable in enumerate(flowables):
        needed = _height(flowable, width) + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if used + needed <= height:
            kept.append(flowable)
            used += needed
            continue
        rest = sum(len(_plain(f)) for f in flowables[index + 1 :])
        text = _plain(flowable)
        if isinstance(flowable, Paragraph) and text:
            room = max(0.0, height - used - flowable.getSpaceBefore())
            bullet = getattr(flowable, "bulletText", None)
            more = _adding(suffix, rest)
            kept.append(fit_paragraph(text, flowable.style, width, room, more, language, bullet))
        elif kept and isinstance(kept[-1], Paragraph):
            kept.append(Paragraph(suffix(len(text) + rest), kept[-1].style))
        break
    return kept


def _adding(suffix: Suffix, more: int) -> Suffix:
    return lambda hidden: suffix(hidden + more)


def _height(flowable: Flowable, width: float) -> float:
    return float(flowable.wrap(width, 1e9)[1])


def _plain(flowable: Flowable) -> str:
    getter = getattr(flowable, "getPlainText", None)
    return str(getter()) if getter is not None else ""
