"""Test configuration: Qt runs offscreen and settings live in a temporary folder."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["RETENTION_ADVISOR_CONFIG_DIR"] = tempfile.mkdtemp(prefix="retention-advisor-tests-")

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402

from advisor.i18n import use_language  # noqa: E402


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts in English, whatever the previous one switched to."""
    use_language("en")
    yield
    use_language("en")
