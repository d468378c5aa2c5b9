"""Reading .po catalogues and translating with them: what translators write is what users see,
and anything untranslated falls back to the English text."""

from __future__ import annotations

import pytest

from advisor.i18n import translator
from advisor.i18n.catalog import Translator, parse_po, plural_index

CATALOGUE = r"""# French translation of Retention Advisor.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: Retention Advisor 0.1\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#: advisor/ui/shell/menus.py:12
msgid "Save"
msgstr "Enregistrer"

#. The business profile page title
msgid ""
"Tell us about the business: who it serves "
"and how it earns repeat revenue."
msgstr ""
"Parlez-nous de l’entreprise : qui elle sert "
"et comment elle fidélise."

msgid "Line one\nLine \"two\""
msgstr "Ligne un\nLigne « deux »"

msgid "Open"
msgstr "Ouvrir"

msgctxt "churn cause"
msgid "Open"
msgstr "Non résolu"

msgid "{n} customer"
msgid_plural "{n} customers"
msgstr[0] "{n} client"
msgstr[1] ""
"{n} clients"

#, fuzzy, python-format
msgid "Export"
msgstr "Exporter (à revoir)"

#, python-format
msgid "{count} actions"
msgstr "{count} actions prévues"

msgid "Not translated yet"
msgstr ""

#~ msgid "Old text"
#~ msgstr "Ancien texte"
"""


@pytest.fixture
def french() -> Translator:
    return Translator("fr", parse_po(CATALOGUE))


def test_single_line_entry_is_read() -> None:
    assert parse_po(CATALOGUE)["Save"] == ["Enregistrer"]


def test_multi_line_strings_are_joined(french: Translator) -> None:
    source = "Tell us about the business: who it serves and how it earns repeat revenue."

    assert french.gettext(source) == (
        "Parlez-nous de l’entreprise : qui elle sert et comment elle fidélise."
    )


def test_escapes_inside_strings_are_decoded(french: Translator) -> None:
    assert french.gettext('Line one\nLine "two"') == "Ligne un\nLigne « deux »"


def test_same_text_in_another_context_has_its_own_translation(french: Translator) -> None:
    assert french.gettext("Open") == "Ouvrir"
    assert french.pgettext("churn cause", "Open") == "Non résolu"


def test_unknown_context_falls_back_to_source_text(french: Translator) -> None:
    assert french.pgettext("menu", "Save") == "Save"


def test_plural_forms_are_read_including_multi_line_forms() -> None:
    assert parse_po(CATALOGUE)["{n} customer"] == ["{n} client", "{n} clients"]


def test_fuzzy_entries_are_left_untranslated(french: Translator) -> None:
    assert "Export" not in parse_po(CATALOGUE)
    assert french.gettext("Export") == "Export"


def test_other_flags_do_not_hide_an_entry(french: Translator) -> None:
    assert french.gettext("{count} actions") == "{count} actions prévues"


def test_header_entry_is_not_a_translation(french: Translator) -> None:
    assert "" not in parse_po(CATALOGUE)
    assert french.gettext("") == ""


def test_obsolete_entries_are_ignored() -> None:
    assert "Old text" not in parse_po(CATALOGUE)


def test_empty_translation_falls_back_to_source_text(french: Translator) -> None:
    assert french.gettext("Not translated yet") == "Not translated yet"


def test_missing_message_falls_back_to_source_text(french: Translator) -> None:
    assert french.gettext("Never seen") == "Never seen"
    assert french.ngettext("{n} order", "{n} orders", 1) == "{n} order"
    assert french.ngettext("{n} order", "{n} orders", 3) == "{n} orders"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "{n} client"), (1, "{n} client"), (2, "{n} clients"), (1000, "{n} clients")],
)
def test_french_uses_singular_for_zero_and_one(french: Translator, n: int, expected: str) -> None:
    assert french.ngettext("{n} customer", "{n} customers", n) == expected


@pytest.mark.parametrize(("n", "expected"), [(0.5, 0), (0.9, 0), (1.5, 0), (1.99, 0), (2.0, 1)])
def test_french_uses_singular_below_two(n: float, expected: int) -> None:
    # "0,9 point", "1,5 point", "2 points"
    assert plural_index("fr", n) == expected


@pytest.mark.parametrize(("n", "expected"), [(0, 1), (1, 0), (2, 1), (0.9, 1), (1.5, 1)])
def test_english_uses_singular_for_one_only(n: int, expected: int) -> None:
    assert plural_index("en", n) == expected
    assert Translator("en").ngettext("{n} day", "{n} days", n) == ["{n} day", "{n} days"][expected]


def test_plural_with_only_singular_translated_falls_back_to_english_plural() -> None:
    partial = Translator(
        "fr", parse_po('msgid "a file"\nmsgid_plural "files"\nmsgstr[0] "un fichier"\n')
    )

    assert partial.ngettext("a file", "files", 1) == "un fichier"
    assert partial.ngettext("a file", "files", 4) == "files"


def test_english_needs_no_catalogue() -> None:
    english = translator("en")

    assert english.gettext("Save") == "Save"
    assert english.ngettext("{n} customer", "{n} customers", 0) == "{n} customers"


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError):
        translator("de")
