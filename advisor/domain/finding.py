"""The finding model: one problem the diagnosis found, how serious, why we think so, where
in the journey and which themes address it. :mod:`advisor.domain.findings` gathers them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from advisor.i18n import N_
from advisor.i18n.message import Message


class FindingSeverity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


FINDING_SEVERITY_NAMES: dict[FindingSeverity, str] = {
    FindingSeverity.HIGH: N_("high"),
    FindingSeverity.MEDIUM: N_("medium"),
    FindingSeverity.LOW: N_("low"),
}


class FindingSource(StrEnum):
    CAUSE = "cause"
    DATA = "data"
    MISTAKE = "mistake"
    LOYALTY = "loyalty"
    JOURNEY = "journey"  # advisor.domain.journey_diagnosis.stage_findings


@dataclass(frozen=True)
class Finding:
    """One problem: how serious, why we think so, where in the journey, and which themes
    (``advisor.domain.themes``) address it. ``actionable`` is False for causes outside the
    business's control (still listed, with what can be done)."""

    id: str
    severity: FindingSeverity
    title: Message
    evidence: tuple[Message, ...] = ()
    stage_id: str | None = None
    themes: tuple[str, ...] = ()
    source: FindingSource = FindingSource.CAUSE
    actionable: bool = True
    action: Message | None = None
