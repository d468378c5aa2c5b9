"""Loading the bundled reference bands (``resources/reference_bands.json``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from advisor.domain.bands import ReferenceData
from advisor.domain.schema import SchemaError, from_plain
from advisor.paths import RESOURCES

REFERENCE_BANDS = RESOURCES / "reference_bands.json"


@cache
def load_reference_data(path: Path = REFERENCE_BANDS) -> ReferenceData:
    """The bands and sector keywords; a damaged file is a bug of ours, so it raises."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        result: ReferenceData = from_plain(ReferenceData, data)
    except (OSError, ValueError, SchemaError) as error:
        raise RuntimeError(f"bundled reference bands unreadable: {path}: {error}") from error
    return result
