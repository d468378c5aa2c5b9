"""Numbers, money, percentages and dates written the way each language's readers expect.

French groups thousands with a narrow no-break space (U+202F), uses a decimal comma and puts
the currency sign after the amount (``1 234,56 €``); English writes ``€1,234.56``. Parsing
accepts what people type in either convention, so a pasted ``1 234,50`` works in French.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

NNBSP = "\u202f"
NBSP = "\u00a0"

_SEPARATORS = {"en": (",", "."), "fr": (NNBSP, ",")}
_CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF", "CAD": "CA$"}
_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
}  # fmt: skip


def format_number(value: float, language: str, decimals: int = 0) -> str:
    """``1234.5`` -> ``1,234.5`` (en) or ``1 234,5`` (fr), rounded to ``decimals``."""
    group, point = _SEPARATORS.get(language, _SEPARATORS["en"])
    if round(value, decimals) == 0:
        value = 0.0  # never "−0.0"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", group).replace("-", "−")


def format_percent(value: float, language: str, decimals: int = 1) -> str:
    """A percentage already multiplied by 100: ``12.5`` -> ``12.5%`` / ``12,5 %``."""
    number = format_number(value, language, decimals)
    return f"{number}{NNBSP}%" if language == "fr" else f"{number}%"


def currency_sign(currency: str) -> str:
    return _CURRENCY_SIGNS.get(currency, currency)


def format_money(value: float, currency: str, language: str, decimals: int = 2) -> str:
    """``1234.56, EUR`` -> ``€1,234.56`` (en) or ``1 234,56 €`` (fr)."""
    sign = currency_sign(currency)
    number = format_number(abs(value), language, decimals)
    minus = "−" if round(value, decimals) < 0 else ""
    if language == "fr":
        return f"{minus}{number}{NNBSP}{sign}"
    spacer = " " if sign.isalpha() else ""
    return f"{minus}{sign}{spacer}{number}"


def lower_first(text: str) -> str:
    """``"Few second orders"`` -> ``"few second orders"``, for a text that goes on a sentence.

    Only an ordinary capitalised first word changes: acronyms and names keep their capitals
    (``NPS``, ``CSAT``, ``B2B``, ``PrestaShop``, ``Net Promoter Score``: a first word followed
    by another capitalised one), and so does the English pronoun ``I``.
    """
    words = text.split(" ", 2)
    word = words[0]
    if not word[:1].isupper() or any(c.isupper() for c in word[1:]):
        return text
    if len(words) > 1 and words[1][:1].isupper():
        return text  # a name of several words
    second = word[1:2]
    if second in ("'", "’"):
        second = word[2:3]  # "L’attrition", "D’après"
    elif second == "" and len(text) > 1:
        second = "" if word == "I" else "a"  # a one-letter word: "A", "À"
    if not second.islower():
        return text
    return text[0].lower() + text[1:]


def join_clauses(items: Iterable[str], language: str) -> str:
    """Texts shown on one line as the clauses of one sentence: ``a; b`` in English, ``a ; b``
    in French (a no-break space before the semicolon, so it never starts a line).

    Each clause after the first goes on lower-case (see :func:`lower_first`), and only the last
    keeps its full stop: ``["Many buy once.", "Few second orders"]`` ->
    ``"Many buy once; few second orders"``.
    """
    texts = [text.strip() for text in items if text.strip()]
    clauses = []
    for index, text in enumerate(texts):
        if index < len(texts) - 1 and text.endswith(".") and not text.endswith(("..", "etc.")):
            text = text[:-1]
        clauses.append(lower_first(text) if index else text)
    return (f"{NBSP}; " if language == "fr" else "; ").join(clauses)


def format_date(value: dt.date, language: str) -> str:
    """``2026-11-22`` -> ``22 November 2026`` / ``22 novembre 2026``."""
    months = _MONTHS.get(language, _MONTHS["en"])
    day = "1er" if language == "fr" and value.day == 1 else str(value.day)
    return f"{day} {months[value.month - 1]} {value.year}"


def format_datetime(value: dt.datetime, language: str) -> str:
    """A date followed by the time of day, 24-hour clock in both languages."""
    joiner = " à " if language == "fr" else " at "
    return f"{format_date(value.date(), language)}{joiner}{value:%H:%M}"


_SPACES = re.compile(rf"[\s{NBSP}{NNBSP}'’]")


def parse_number(text: str, language: str) -> float:
    """Read a number typed by a user; raises ``ValueError`` when it is not one.

    Accepts the language's own convention and the other obvious one: ``1 234,5`` and
    ``1234.5`` both read as 1234.5 in French; currency signs and spaces are ignored.
    """
    cleaned = _SPACES.sub("", text.strip())
    for sign in ("€", "$", "£", "CHF", "CA"):
        cleaned = cleaned.replace(sign, "")
    cleaned = cleaned.replace("−", "-")
    if not cleaned:
        raise ValueError("empty")
    if "," in cleaned and "." in cleaned:
        last_comma, last_point = cleaned.rfind(","), cleaned.rfind(".")
        decimal = "," if last_comma > last_point else "."
        thousands = "." if decimal == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    elif "," in cleaned:
        head, _, tail = cleaned.rpartition(",")
        grouped = language == "en" and len(tail) == 3 and cleaned.count(",") >= 1
        cleaned = cleaned.replace(",", "") if grouped else head.replace(",", "") + "." + tail
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise ValueError(text)
    return float(cleaned)


_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_WORDED_DATE = re.compile(r"(\d{1,2})(?:er)?\s+([^\W\d_]+)\.?\s+(\d{4})", re.IGNORECASE)
#: The American written order: ``March 31, 2027``, ``Mar 31 2027``, ``Jan 1st, 2027``.
_MONTH_FIRST_DATE = re.compile(
    r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE
)


def _month_named(name: str, language: str) -> int | None:
    """The month a name or its first three letters or more stand for (``mars``, ``Sept``),
    in ``language`` first, then in any language."""
    wanted = name.casefold()
    for months in (_MONTHS.get(language, _MONTHS["en"]), *_MONTHS.values()):
        for number, month_name in enumerate(months, start=1):
            if month_name.casefold() == wanted or (
                len(wanted) >= 3 and month_name.casefold().startswith(wanted)
            ):
                return number
    return None


def parse_date(text: str, language: str, day_first: bool = True) -> dt.date:
    """A date typed by a user: ``2026-03-31``, ``31/03/2026`` (``03/31/2026`` when not
    ``day_first``; two-digit years are 20xx), or as :func:`format_date` writes it (``31 March
    2026``, ``1er mars 2026``, a month's first three letters too: ``31 janv. 2027``), or in
    the American written order (``March 31, 2026``). Raises ``ValueError``."""
    cleaned = " ".join(text.replace(NBSP, " ").replace(NNBSP, " ").split())
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        pass
    numeric = _NUMERIC_DATE.fullmatch(cleaned)
    if numeric:
        first, second, year = (int(part) for part in numeric.groups())
        day, month = (first, second) if day_first else (second, first)
        return dt.date(year + 2000 if year < 100 else year, month, day)
    worded = _WORDED_DATE.fullmatch(cleaned)
    if worded:
        day_text, name, year_text = worded.groups()
        named = _month_named(name, language)
        if named is not None:
            return dt.date(int(year_text), named, int(day_text))
    month_first = _MONTH_FIRST_DATE.fullmatch(cleaned)
    if month_first:
        name, day_text, year_text = month_first.groups()
        named = _month_named(name, language)
        if named is not None:
            return dt.date(int(year_text), named, int(day_text))
    raise ValueError(text)


def still_typing_number(text: str, language: str) -> bool:
    """Whether ``text`` is the start of a number the user has not finished typing: a sign
    alone, a separator at the end (``38,`` ``1 2``), or in English a comma followed by one or
    two digits (``38,5`` on the way to ``38,500``)."""
    cleaned = text.strip()
    if cleaned in ("-", "+", "−"):
        return True
    if re.fullmatch(rf"[-+−]?\d[\d\s{NBSP}{NNBSP}.,']*[.,{NBSP}{NNBSP}' ]", text.rstrip("\n")):
        return True
    return language == "en" and bool(re.fullmatch(r"[-+−]?\d[\d,]*,\d{1,2}", cleaned))


_DATE_ON_ITS_WAY = re.compile(
    r"\d{1,4}(?:[/.\-]\d{0,2}(?:[/.\-]\d{0,4})?)?"  # 2026-0, 31/0, 31/03/20
    r"|\d{1,2}(?:er?)?(?:\s+[^\W\d_]*\.?(?:\s+\d{0,4})?)?"  # 31 ma, 1er mars 2
    r"|[^\W\d_]+\.?(?:\s+\d{0,2}(?:st|nd|rd|th|s|n|r|t)?,?(?:\s+\d{0,4})?)?",  # Mar 3
    re.IGNORECASE,
)


def still_typing_date(text: str) -> bool:
    """Whether ``text`` is the start of a date the user has not finished typing (``31/0``,
    ``2026-03``, ``31 mar``, ``March 3``): no mistake yet, while ``31x`` already is one."""
    cleaned = " ".join(text.replace(NBSP, " ").replace(NNBSP, " ").split())
    return not cleaned or bool(_DATE_ON_ITS_WAY.fullmatch(cleaned))


def decimals_of(value: float, most: int = 2) -> int:
    """How many decimals ``value`` was typed with, up to ``most`` (``54.5`` -> 1)."""
    for decimals in range(most + 1):
        if round(value, decimals) == value:
            return decimals
    return most
