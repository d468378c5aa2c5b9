"""How much of each text the report takes from the project, decided once, when the report
model is built.

A project's free text arrives unbounded: a field can hold megabytes pasted by mistake, control
characters or half a surrogate pair read from a hand-edited file. :func:`bounded` copies the
project (and the chosen playbooks) with every text made printable and cut to its bound, the cut
noted in the report's language with the number of characters left out. Every later step and the
layout then work on texts of known size, so a huge field can neither slow the export down nor
make a table cell many pages long.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any, TypeVar, cast

from advisor.domain.project import BusinessProfile, JourneyStage
from advisor.i18n import translator
from advisor.i18n.formatting import format_number

#: Characters kept of a text printed as a paragraph (the business profile's: the cover, the
#: summary's first sentence).
MAX_FIELD = 5_000
#: Characters kept of any other text: each may be printed in a table cell.
MAX_CELL = 2_000
#: Line breaks kept in one text (2,000 of them would make one cell thirty pages long).
MAX_LINES = 60
#: Records whose texts print as paragraphs rather than table cells.
PARAGRAPH_RECORDS: tuple[type, ...] = (BusinessProfile,)
#: Lists printed together in one table cell, one bullet an item: their texts share one cell's
#: bound, each item counting at least :data:`MIN_ITEM` (a cell of 10,000 bullets would take
#: minutes to lay out). A record's text is its ``description``.
SHARED_CELLS: dict[type, tuple[str, ...]] = {
    JourneyStage: ("touchpoints", "frictions", "opportunities"),
}
MIN_ITEM = 40

#: Control characters other than tab and line feed, and lone surrogates (which no PDF encoding
#: can hold). A character that is not in the font is printed as a box, never an error.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

T = TypeVar("T")


def cut_note(hidden: int, language: str) -> str:
    """The note ending a cut text: "… (text cut: 1,234 characters more; see the project file)"."""
    return _note_form(hidden, language).format(count=format_number(hidden, language))


def _note_form(hidden: int, language: str) -> str:
    ngettext = translator(language).ngettext
    return ngettext(
        "… (text cut: {count} character more; see the project file)",
        "… (text cut: {count} characters more; see the project file)",
        hidden,
    )


def split_note(text: str, language: str) -> tuple[str, int]:
    """``text`` without the cut note it ends with, and the characters that note says were left
    out (0 without a note): a text cut again by the layout then counts them too."""
    for pattern in _note_patterns(language):
        match = pattern.search(text)
        if match:
            return text[: match.start()], int(re.sub(r"\D", "", match.group(1)))
    return text, 0


@cache
def _note_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for form in {_note_form(1, language), _note_form(2, language)}:
        head, _, tail = form.partition("{count}")
        number = "([0-9][0-9 \u00a0\u202f,.]*)"
        patterns.append(re.compile(f"{re.escape(head)}{number}{re.escape(tail)}$"))
    return tuple(patterns)


def printable(text: str) -> str:
    """``text`` with line ends made ``\\n``, control characters made spaces and lone
    surrogates made U+FFFD."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNPRINTABLE.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else " "


def cut(text: str, limit: int, language: str, more: int = 0) -> str:
    """``text`` printable, of at most ``limit`` characters and :data:`MAX_LINES` lines; a
    longer one ends, at a word if one ends near the limit, with :func:`cut_note`, which also
    counts ``more`` characters left out after it."""
    keep = max(0, min(len(text), limit))
    line_end = -1
    for _ in range(MAX_LINES + 1):
        line_end = text.find("\n", line_end + 1, keep)
        if line_end < 0:
            break
    else:
        keep = line_end
    if keep >= len(text) and not more:
        return printable(text)
    if keep == limit < len(text):  # end on a word when one ends near the limit
        start = max(0, keep - 30)
        space = max(text.rfind(" ", start, keep), text.rfind("\n", start, keep))
        keep = space if space > 0 else keep
    return printable(text[:keep].rstrip()) + cut_note(len(text) - keep + more, language)


def bounded(value: T, language: str) -> T:
    """A copy of ``value`` (a project, a record, a list or mapping of them) with every text
    :func:`cut` to its bound; the parts that need no change are shared, not copied."""
    return cast(T, _bound(value, language, MAX_CELL))


def _bound(value: Any, language: str, limit: int) -> Any:
    kind = type(value)
    if kind is str:
        if len(value) <= limit and not _needs_cleaning(value):
            return value
        return cut(value, limit, language)
    if kind in (list, tuple):
        items = [_bound(item, language, limit) for item in value]
        changed = any(new is not old for new, old in zip(items, value, strict=True))
        return kind(items) if changed else value
    if kind is dict:
        pairs = {key: _bound(item, language, limit) for key, item in value.items()}
        changed = any(pairs[key] is not item for key, item in value.items())
        return pairs if changed else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        inner = MAX_FIELD if isinstance(value, PARAGRAPH_RECORDS) else limit
        shared = SHARED_CELLS.get(kind, ())
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _share(old, language) if field.name in shared else _bound(old, language, inner)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value  # numbers, dates, enums, paths


def _share(items: list[Any], language: str) -> list[Any]:
    """The items of one cell, their texts within :data:`MAX_CELL` together: the item that
    crosses the bound is cut, its note counting the items left out after it."""
    texts = [item if type(item) is str else item.description for item in items]
    costs = [max(MIN_ITEM, len(text)) for text in texts]
    if sum(costs) <= MAX_CELL:
        return cast(list[Any], _bound(items, language, MAX_CELL))
    kept: list[Any] = []
    left = MAX_CELL
    for index, (item, text, cost) in enumerate(zip(items, texts, costs, strict=True)):
        if cost <= left:
            kept.append(_bound(item, language, MAX_CELL))
            left -= cost
            continue
        text = cut(text, left, language, more=sum(len(t) for t in texts[index + 1 :]))
        kept.append(text if type(item) is str else dataclasses.replace(item, description=text))
        break
    return kept


def _needs_cleaning(text: str) -> bool:
    return "\r" in text or _UNPRINTABLE.search(text) is not None or text.count("\n") > MAX_LINES
