"""Reference bands: what counts as good, to watch or critical for a KPI, with the source.

Bands are data (``resources/reference_bands.json``, read by ``advisor.storage``); this module
only decides which band applies and what status a value gets. Bands are guidance with a source
and a caveat, never law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from advisor.i18n import N_


class Status(StrEnum):
    GOOD = "good"
    WATCH = "watch"
    CRITICAL = "critical"
    UNKNOWN = "unknown"


#: How each status reads, with a symbol so it survives black-and-white printing.
STATUS_TITLES: dict[Status, str] = {
    Status.GOOD: N_("✓ good"),
    Status.WATCH: N_("! watch"),
    Status.CRITICAL: N_("✗ critical"),
    Status.UNKNOWN: N_("no reference"),
}


@dataclass(frozen=True)
class Band:
    """Thresholds for one KPI, optionally for one sector or business model.

    For a KPI where higher is better, a value at or above ``good`` is good and one below
    ``critical`` is critical; where lower is better, the comparisons flip.
    """

    kpi: str
    good: float
    critical: float
    higher_is_better: bool
    source: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    year: int | None = None
    caveat: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    sector: str | None = None
    business_model: str | None = None

    def source_in(self, language: str) -> str:
        """Where the band comes from, in ``language`` (English when not translated)."""
        return self.source.get(language) or self.source.get("en", "")

    def caveat_in(self, language: str) -> str:
        """What to keep in mind when comparing with this band, in ``language``."""
        return self.caveat.get(language) or self.caveat.get("en", "")

    def status(self, value: float) -> Status:
        if self.higher_is_better:
            if value >= self.good:
                return Status.GOOD
            return Status.CRITICAL if value < self.critical else Status.WATCH
        if value <= self.good:
            return Status.GOOD
        return Status.CRITICAL if value > self.critical else Status.WATCH


@dataclass(frozen=True)
class Sector:
    """A sector the bands know, recognised from words in the profile's free-text sector."""

    key: str
    keywords: list[str] = field(default_factory=list, hash=False)


@dataclass(frozen=True)
class ReferenceData:
    """Everything in the bundled reference-band file."""

    sectors: list[Sector] = field(default_factory=list, hash=False)
    bands: list[Band] = field(default_factory=list, hash=False)


def _keyword_pattern(keyword: str) -> str:
    """A whole word (plural allowed), or a word start when the keyword ends with ``*``."""
    if keyword.endswith("*"):
        return r"(?<!\w)" + re.escape(keyword[:-1].casefold())
    return r"(?<!\w)" + re.escape(keyword.casefold()) + r"s?(?!\w)"


def sector_key(sector_text: str, sectors: list[Sector]) -> str | None:
    """The known sector named earliest in ``sector_text`` (case-insensitive, whole words), so that
    "Torréfaction et vente de café" is a roaster (retail) rather than a café."""
    text = sector_text.casefold()
    best: tuple[int, str] | None = None
    for sector in sectors:
        matches = (re.search(_keyword_pattern(k), text) for k in sector.keywords)
        found = [match.start() for match in matches if match]
        if found and (best is None or min(found) < best[0]):
            best = (min(found), sector.key)
    return best[1] if best else None


def pick_band(
    bands: list[Band], kpi: str, sector: str | None, business_model: str | None
) -> Band | None:
    """The most specific band for ``kpi``: the sector's, then the business model's, then the
    general one."""
    candidates = [b for b in bands if b.kpi == kpi]
    for match in (
        lambda b: sector is not None and b.sector == sector,
        lambda b: (
            b.sector is None and business_model is not None and b.business_model == business_model
        ),
        lambda b: b.sector is None and b.business_model is None,
    ):
        found = [b for b in candidates if match(b)]
        if found:
            return found[0]
    return None
