"""Reading gettext ``.po`` catalogues without compiling them (no generated files in the repo)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
CONTEXT_SEPARATOR = "\x04"


@dataclass
class Translator:
    """Translations of one language; falls back to the English source text."""

    language: str
    messages: dict[str, list[str]] = field(default_factory=dict)

    def gettext(self, message: str) -> str:
        found = self.messages.get(message)
        return found[0] if found and found[0] else message

    def pgettext(self, context: str, message: str) -> str:
        found = self.messages.get(context + CONTEXT_SEPARATOR + message)
        return found[0] if found and found[0] else message

    def ngettext(self, singular: str, plural: str, n: float) -> str:
        index = plural_index(self.language, n)
        found = self.messages.get(singular)
        if found and len(found) > index and found[index]:
            return found[index]
        return singular if n == 1 else plural


def plural_index(language: str, n: float) -> int:
    """Which plural form a number takes: French treats anything below 2 as singular ("0,9
    point", "1,5 point"), English only 1."""
    if language == "fr":
        return 0 if abs(n) < 2 else 1
    return 0 if n == 1 else 1


def parse_po(text: str) -> dict[str, list[str]]:
    """Parse the text of a ``.po`` file into ``{msgid: [msgstr forms]}`` (fuzzy entries skipped)."""
    messages: dict[str, list[str]] = {}
    entry: dict[str, str] = {}
    forms: dict[int, str] = {}
    current: tuple[str, int] | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal entry, forms, current, fuzzy
        if "msgid" in entry and entry["msgid"] and not fuzzy:
            key = entry["msgid"]
            if "msgctxt" in entry:
                key = entry["msgctxt"] + CONTEXT_SEPARATOR + key
            if forms:
                messages[key] = [forms[i] for i in sorted(forms)]
            else:
                messages[key] = [entry.get("msgstr", "")]
        entry, forms, current, fuzzy = {}, {}, None, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if current is None:
                continue
            name, index = current
            if name == "msgstr[]":
                forms[index] += value
            else:
                entry[name] += value
            continue
        keyword, _, rest = line.partition(" ")
        value = ast.literal_eval(rest.strip())
        if keyword.startswith("msgstr["):
            index = int(keyword[7:-1])
            forms[index] = value
            current = ("msgstr[]", index)
        else:
            if keyword == "msgctxt" and "msgid" in entry:
                flush()
            entry[keyword] = value
            current = (keyword, 0)
    flush()
    return messages


def load_translator(language: str) -> Translator:
    """The translator for a language; English (the source language) needs no catalogue."""
    path = LOCALE_DIR / f"{language}.po"
    if language == "en" or not path.exists():
        return Translator(language)
    return Translator(language, parse_po(path.read_text(encoding="utf-8")))
