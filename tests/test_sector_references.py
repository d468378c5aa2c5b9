"""Every sector the profile suggests, in either language, picks a band of its own."""

from __future__ import annotations

import pytest

from advisor.domain.references import sector_key
from advisor.i18n import translator
from advisor.storage.references import load_reference_data
from advisor.ui.profile.page import SECTOR_SUGGESTIONS


@pytest.mark.parametrize("language", ["en", "fr"])
def test_suggested_sectors_are_recognised(language: str) -> None:
    sectors = load_reference_data().sectors
    unknown = [
        text
        for text in (translator(language).gettext(s) for s in SECTOR_SUGGESTIONS)
        if sector_key(text, sectors) is None
    ]
    assert unknown == []
