"""One translation path for the whole product: UI, domain messages, reports and playbooks.

Source strings are English; ``locale/fr.po`` holds the French catalogue. ``_`` translates into
the current UI language; :func:`translator` gives any language (a report may be printed in a
language other than the UI's). ``N_`` marks a string for extraction without translating it, for
tables built at import time and translated when shown.
"""

from __future__ import annotations

import os
from functools import cache

from advisor.i18n.catalog import Translator, load_translator

LANGUAGES = ("en", "fr")
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}

_state = {"language": "en"}


@cache
def translator(language: str) -> Translator:
    """The (cached) translator for one of :data:`LANGUAGES`."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    return load_translator(language)


def use_language(language: str) -> None:
    """Make ``language`` the one ``_`` translates into."""
    translator(language)
    _state["language"] = language


def current_language() -> str:
    return _state["language"]


def _(message: str) -> str:
    return translator(_state["language"]).gettext(message)


def pgettext(context: str, message: str) -> str:
    return translator(_state["language"]).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(_state["language"]).ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message


def system_language() -> str:
    """French when the system's locale is French, English otherwise."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"
