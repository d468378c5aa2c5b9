"""References a KPI is judged against: published benchmarks and stated rules of thumb.

A reference is data (``resources/references.json``, read by ``advisor.storage``) with its whole
identity: the KPI, the period it is measured over, the population, the statistic, the publisher,
title and year, and a caveat in both languages. This module describes references, says which
one applies to a business, and names the verdicts. Judging a value is
:mod:`advisor.domain.verdicts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from advisor.i18n import N_


class Status(StrEnum):
    """The verdict on one KPI of one period."""

    #: Against a rule of thumb's lines.
    GOOD = "good"
    WATCH = "watch"
    CRITICAL = "critical"
    #: Against a typical value (an average or a median of a measured population).
    BETTER = "better"
    TYPICAL = "typical"
    WORSE = "worse"
    #: The figures behind it do not add up: no verdict until they are checked.
    CHECK = "check"
    #: No reference applies, or none can be compared like with like.
    UNKNOWN = "unknown"


#: How each status reads, with a symbol so it survives black-and-white printing.
STATUS_TITLES: dict[Status, str] = {
    Status.GOOD: N_("✓ good"),
    Status.WATCH: N_("! watch"),
    Status.CRITICAL: N_("✗ critical"),
    Status.BETTER: N_("✓ better than typical"),
    Status.TYPICAL: N_("= typical"),
    Status.WORSE: N_("! worse than typical"),
    Status.CHECK: N_("? check the figures"),
    Status.UNKNOWN: N_("no reference"),
}


#: A verdict in a sentence ("churn rate at 11.4 %: worse than typical").
VERDICT_WORDS: dict[Status, str] = {
    Status.GOOD: N_("good"),
    Status.WATCH: N_("to watch"),
    Status.CRITICAL: N_("critical"),
    Status.BETTER: N_("better than typical"),
    Status.TYPICAL: N_("no better than typical"),
    Status.WORSE: N_("worse than typical"),
    Status.CHECK: N_("to check"),
    Status.UNKNOWN: N_("without a reference"),
}

#: The colour each status is drawn in, on screen and on paper (typical and unknown are ink).
STATUS_COLOURS: dict[Status, str] = {
    Status.GOOD: "#2e7d32",
    Status.BETTER: "#2e7d32",
    Status.WATCH: "#b26a00",
    Status.WORSE: "#b26a00",
    Status.CRITICAL: "#b3261e",
    Status.CHECK: "#b3261e",
}
#: Reference lines on charts: the status colours, and a grey for a typical value.
LINE_COLOURS: dict[Status, str] = {**STATUS_COLOURS, Status.TYPICAL: "#555555"}


class Standing(StrEnum):
    """Where a verdict stands, whatever kind of reference gave it: what playbook triggers and
    findings read."""

    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"


STANDINGS: dict[Status, Standing] = {
    Status.GOOD: Standing.GOOD,
    Status.BETTER: Standing.GOOD,
    Status.WATCH: Standing.FAIR,
    Status.TYPICAL: Standing.FAIR,
    Status.CRITICAL: Standing.POOR,
    Status.WORSE: Standing.POOR,
}


#: KPIs published as a loss: their measure is the share kept.
LOSS_KPIS = frozenset({"churn_rate", "revenue_churn"})


class Basis(StrEnum):
    """What a reference is measured over."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    #: The customer's whole history (a lifetime repeat rate).
    LIFETIME = "lifetime"
    #: Not tied to a period: a score or a ratio.
    NONE = "none"


BASIS_MONTHS: dict[Basis, int] = {Basis.MONTH: 1, Basis.QUARTER: 3, Basis.YEAR: 12}


class Statistic(StrEnum):
    AVERAGE = "average"
    MEDIAN = "median"
    RULE_OF_THUMB = "rule_of_thumb"


STATISTIC_NAMES: dict[Statistic, str] = {
    Statistic.AVERAGE: N_("average"),
    Statistic.MEDIAN: N_("median"),
    Statistic.RULE_OF_THUMB: N_("rule of thumb"),
}


@dataclass(frozen=True)
class Reference:
    """One benchmark or rule of thumb, in the terms it was published in.

    ``kpi`` is the KPI it was published as (a churn benchmark says "4.91 % lost a month");
    a typical value (``typical``, with ``tolerance`` points either side counted as typical)
    or a rule of thumb's ``good`` and ``critical`` lines. ``scale`` is the top of the answer
    scale a survey reference was stated on (CES). ``sector``, ``business_model`` and
    ``customers`` (``b2b`` or ``b2c``) restrict it to the businesses it measured.
    """

    id: str
    kpi: str
    basis: Basis
    statistic: Statistic
    #: Empty for the product's own rules of thumb.
    publisher: str
    title: str
    year: int | None = None
    url: str = ""
    typical: float | None = None
    tolerance: float = 0.0
    good: float | None = None
    critical: float | None = None
    scale: int | None = None
    population: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    caveat: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    sector: str | None = None
    business_model: str | None = None
    customers: str | None = None

    @property
    def is_rule_of_thumb(self) -> bool:
        return self.statistic == Statistic.RULE_OF_THUMB

    @cached_property
    def measures(self) -> tuple[float | None, float | None, float | None]:
        """The good, critical and typical lines as a measure where higher is better: a share
        kept for a loss KPI (4.9 % lost is 95.1 % kept), the share of the scale's range for
        an effort score. Worked out once per reference."""

        def measure(value: float | None) -> float | None:
            if value is None:
                return None
            if self.kpi == "ces":
                return (value - 1) / ((self.scale or 7) - 1) * 100
            return 100.0 - value if self.kpi in LOSS_KPIS else value

        return measure(self.good), measure(self.critical), measure(self.typical)

    def population_in(self, language: str) -> str:
        return self.population.get(language) or self.population.get("en", "")

    def caveat_in(self, language: str) -> str:
        """What to keep in mind when comparing with it, in ``language``."""
        return self.caveat.get(language) or self.caveat.get("en", "")

    def citation(self) -> str:
        """ "Publisher, title (year)", the way the report prints a source."""
        year = str(self.year) if self.year else "n.d."
        return f"{self.publisher}, {self.title} ({year})"

    def specificity(self) -> int:
        return (
            2 * (self.sector is not None)
            + (self.business_model is not None)
            + (self.customers is not None)
        )


@dataclass(frozen=True)
class Sector:
    """A sector the references know, recognised from words in the profile's free-text sector."""

    key: str
    keywords: list[str] = field(default_factory=list, hash=False)


@dataclass(frozen=True)
class ReferenceData:
    """Everything in the bundled reference file."""

    sectors: list[Sector] = field(default_factory=list, hash=False)
    references: list[Reference] = field(default_factory=list, hash=False)


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


@dataclass(frozen=True)
class Business:
    """What picks a reference: the sector recognised from the profile, the business model and
    whether it sells to businesses or consumers (``None`` when not known)."""

    sector: str | None = None
    business_model: str | None = None
    customers: str | None = None

    def measured_like(self, reference: Reference) -> bool:
        """True when the reference's population includes this business: every restriction
        it has is known and met."""
        return (
            reference.sector in (None, self.sector)
            and reference.business_model in (None, self.business_model)
            and reference.customers in (None, self.customers)
        )


def pick_reference(
    references: list[Reference], kpis: tuple[str, ...], business: Business
) -> Reference | None:
    """The most specific reference published for one of ``kpis`` whose population includes
    the business; the file's order breaks ties."""
    found = [r for r in references if r.kpi in kpis and business.measured_like(r)]
    if not found:
        return None
    return max(found, key=lambda r: (r.specificity(), -found.index(r)))
