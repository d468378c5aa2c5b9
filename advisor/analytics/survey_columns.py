"""Telling a survey export from an orders export by its column names, and the kind of score a
question holds (NPS, CSAT, CES) from its wording."""

from __future__ import annotations

from advisor.analytics.layouts import normalise

HINTS = {
    "nps": ("recommend", "recommander", "nps"),
    "csat": ("satisf", "csat"),
    "ces": ("easy", "effort", "facile", "ces"),
}


def kind_from_name(name: str) -> str | None:
    """``"nps"``, ``"csat"`` or ``"ces"`` from a normalised column name, else ``None``."""
    for kind, hints in HINTS.items():
        if any(hint in name for hint in hints):
            return kind
    return None


def looks_like_survey(header: list[str]) -> bool:
    """Typeform and SurveyMonkey exports, or a table with a score column and no amount."""
    names = [normalise(h) for h in header]
    if "submit date (utc)" in names or "respondent id" in names:
        return True
    has_amount = any(n in ("amount", "total", "montant", "net sales") for n in names)
    return not has_amount and any(kind_from_name(n) for n in names)
