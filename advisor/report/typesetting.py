"""Typesetting rules for every text that reaches the PDF, in one place: which spaces may end a
line and how a percent is written, by language.

reportlab breaks lines at any space it counts as whitespace, the narrow no-break space U+202F
included (French numbers use it between thousands: "7 860,00 €" could end a line after "7");
it never breaks at U+00A0. So the PDF's text gets U+00A0 wherever a line must not break:

- inside a number and between a number and its unit or currency ("7 860,00 €", "12 days");
- before French ``: ; ! ? »`` and after ``«`` (and so never a line starting with ``:``);
- around the colon of a ratio ("3 : 1"), and after ``× ÷ = ≥ ≤ < >`` before a number ("× 100",
  "< 0").

One percent style per language: "11.4%" in English, "11,4 %" in French. Works on paragraph
markup: tags are left as they are.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACE = f"[ {NBSP}{NNBSP}]"
_TAG = re.compile(r"(<[^>]*>)")
_UNITS = (
    "€|\\$|£|CHF|CA\\$|%|pts?|points?|days?|jours?|weeks?|semaines?|months?|mois|years?|ans?"
    "|quarters?|trimestres?|h|min|customers?|clients?|orders?|commandes?|answers?|réponses?"
)
_NUMBER_UNIT = re.compile(rf"(\d){_SPACE}+(?=(?:{_UNITS})(?![\w]))")
_BEFORE_PUNCTUATION = re.compile(rf"{_SPACE}+([:;!?»])")
_AFTER_GUILLEMET = re.compile(rf"«{_SPACE}+")
_RATIO = re.compile(rf"(\d){_SPACE}+:{_SPACE}+(\d)")  # "3 : 1", never a time "10:30"
_PERCENT = re.compile(rf"(\d){_SPACE}*%")
# "× 100" never leaves "100" alone, nor "critical < 0" its "0"
_OPERATOR = re.compile(rf"([×÷=≥≤]|&lt;|&gt;){_SPACE}+(?=[\d(−-])")


def typeset(markup: str, language: str) -> str:
    """``markup`` with no-break spaces where a line must not break and the language's percent
    style (see the module's description); tags untouched."""
    parts = _TAG.split(markup)
    for index in range(0, len(parts), 2):  # the text between tags
        parts[index] = _text(parts[index], language)
    return "".join(parts)


def _text(text: str, language: str) -> str:
    if not text:
        return text
    text = text.replace(NNBSP, NBSP)  # reportlab would break a line there
    text = _RATIO.sub(rf"\1{NBSP}:{NBSP}\2", text)
    if language == "fr":
        text = _PERCENT.sub(rf"\1{NBSP}%", text)
        text = _BEFORE_PUNCTUATION.sub(rf"{NBSP}\1", text)
        text = _AFTER_GUILLEMET.sub(f"«{NBSP}", text)
    else:
        text = _PERCENT.sub(r"\1%", text)
    text = _NUMBER_UNIT.sub(rf"\1{NBSP}", text)
    return _OPERATOR.sub(rf"\1{NBSP}", text)
