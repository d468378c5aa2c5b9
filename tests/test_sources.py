"""Every figure the product states has its source: each reference and each statistic quoted in a
playbook is listed in docs/sources.md, and a playbook never quotes a statistic without saying
who published it and when (or that it is undated, or a rule of thumb)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.domain.playbooks import PLAYBOOK_LANGUAGES, Playbook
from advisor.storage.playbooks import bundled_library
from advisor.storage.references import load_reference_data

SOURCES = Path(__file__).resolve().parent.parent / "docs" / "sources.md"
LIBRARY = bundled_library().playbooks
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_STATISTIC = re.compile(r"\d\s?%|\d+\s*(?:to|à)\s*\d+\s*(?:times|fois)|\d+\s*%")
_CITATION = re.compile(
    r"\(([^()]*?(?:\b(?:19|20)\d\d\b|undated|non daté|rule of thumb|règle empirique)[^()]*)\)"
)


def _sources_text() -> str:
    assert SOURCES.exists(), "docs/sources.md lists every figure the product states"
    return SOURCES.read_text(encoding="utf-8")


def test_every_reference_is_listed_with_its_source() -> None:
    text = _sources_text()
    for reference in load_reference_data().references:
        assert f"`{reference.id}`" in text, reference.id
        if reference.publisher:
            assert reference.publisher in text and str(reference.year) in text, reference.id


def _sentences(playbook: Playbook, language: str) -> list[str]:
    texts = [playbook.summary.get(language), playbook.why.get(language)]
    texts += [s.title.get(language) for s in playbook.steps]
    if playbook.ethics:
        texts.append(playbook.ethics.get(language))
    plain = (_TEMPLATE.sub("", text) for text in texts)
    return [s for text in plain for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9])", text)]


@pytest.mark.parametrize("language", PLAYBOOK_LANGUAGES)
def test_a_statistic_in_a_playbook_says_who_published_it_and_when(language: str) -> None:
    text = _sources_text()
    unsourced = []
    for playbook in LIBRARY:
        for sentence in _sentences(playbook, language):
            if not _STATISTIC.search(sentence):
                continue
            citations = _CITATION.findall(sentence)
            if not citations:
                unsourced.append(f"{playbook.id}: {sentence}")
                continue
            for citation in citations:
                publisher = re.split(r",|\s(?:19|20)\d\d", citation)[0].strip()
                rule = "rule of thumb" in citation or "règle empirique" in citation
                if not rule and publisher not in text:
                    unsourced.append(f"{playbook.id}: {publisher} missing from docs/sources.md")
    assert unsourced == []
