"""The French catalogue covers every string of the interface."""

from __future__ import annotations

import re

from advisor.i18n import translator
from advisor.i18n.extract import collect_messages

PLACEHOLDER = re.compile(r"\{\w*\}")


def test_every_string_has_a_french_translation() -> None:
    french = translator("fr").messages
    missing = sorted(m.key for m in collect_messages() if not all(french.get(m.key, [""])))
    assert missing == []


def test_translations_keep_their_placeholders() -> None:
    french = translator("fr").messages
    broken = []
    for message in collect_messages():
        expected = set(PLACEHOLDER.findall(message.msgid))
        if message.plural:  # the singular may spell out "a" where the plural counts {n}
            expected |= set(PLACEHOLDER.findall(message.plural))
        forms = french.get(message.key, [])
        if message.plural:
            forms = forms[1:]  # the singular form may spell out "one"
        broken += [
            (message.msgid, form) for form in forms if set(PLACEHOLDER.findall(form)) != expected
        ]
    assert broken == []


JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")


def test_translations_keep_their_template_tags_exactly() -> None:
    """A template tag or expression is copied as it is: a no-break space slipped into
    ``{% if periods > 1 %}`` by French typography would be code, not text."""
    french = translator("fr").messages
    broken = []
    for message in collect_messages():
        expected = sorted(set(JINJA.findall(message.msgid)))
        for form in french.get(message.key, []):
            if sorted(set(JINJA.findall(form))) != expected:
                broken.append((message.msgid[:60], JINJA.findall(form)))
    assert broken == []
