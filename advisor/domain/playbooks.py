"""The playbook model: a curated, bilingual retention play, with the conditions under which it
applies, its steps (tasks with a delay from the plan's start) and the KPIs it should move.

Playbooks are data (TOML files in ``playbooks/``, read by :mod:`advisor.storage.playbooks`);
this module only describes them and names the vocabulary their conditions may use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from advisor.domain.churn_causes import CAUSES, SUGGESTION_RULES
from advisor.domain.kpi_definitions import BY_ID as KPI_BY_ID
from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.mistakes import MISTAKES
from advisor.domain.project import BusinessModel
from advisor.domain.retention_questionnaire import RetentionType
from advisor.domain.themes import THEME_NAMES

PLAYBOOK_LANGUAGES = ("en", "fr")
#: A playbook id: lower-case words joined by hyphens (never a path).
PLAYBOOK_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The regular KPI review that checks the other plays work: part of every plan, never ranked
#: against them, and outside the plan's monthly capacity.
REVIEW_RITUAL = "kpi-review-ritual"
HORIZONS = (30, 60, 90)

#: Typical journey stages (``docs/retention-model.md``, customer journey) a playbook may name,
#: and the words that recognise them in a project's own stage ids and names (English and
#: French). A word matches the start of a word ("deliver" finds "Delivery", "achat" does not
#: find "Rachat"); stages are tried in this order, the most specific first, so "Repeat
#: purchase" is a repurchase, not a purchase.
STAGE_WORDS: dict[str, tuple[str, ...]] = {
    "winback": ("winback", "win-back", "win back", "reconqu", "reactivat", "réactiv"),
    "repurchase": (
        "repurchase",
        "repeat",
        "next",
        "prochain",
        "rachat",
        "return visit",
        "retour",
        "reorder",
        "re-order",
        "nouvelle commande",
        "fidélisation",
    ),
    "billing": (
        "billing",
        "invoic",
        "factur",
        "prélèvement",
        "échéance",
        "failed payment",
        "paiement échoué",
    ),
    "renewal": ("renewal", "renew", "renouvel", "réabonnement", "reconduction"),
    "advocacy": (
        "advocacy",
        "referral",
        "recommend",
        "review",
        "word of mouth",
        "recommand",
        "parrain",
        "bouche-à-oreille",
        "avis",
    ),
    "booking": (
        "booking",
        "book a",
        "book an",
        "appointment",
        "reservation",
        "rendez-vous",
        "réservation",
        "prise de rdv",
        "rdv",
    ),
    "onboarding": (
        "onboard",
        "activation",
        "prise en main",
        "welcome",
        "bienvenue",
        "first cup",
        "first-cup",
        "first use",
        "premiers pas",
        "première utilisation",
        "mise en route",
        "installation",
    ),
    "delivery": ("deliver", "livraison", "parcel", "colis", "shipping", "expédition"),
    "support": (
        "support",
        "customer service",
        "service client",
        "sav",
        "after-sales",
        "après-vente",
        "complaint",
        "réclamation",
    ),
    "usage": ("usage", "use", "utilisation", "consumption", "consommation"),
    "purchase": (
        "purchase",
        "achat",
        "checkout",
        "cart",
        "panier",
        "paiement",
        "payment",
        "order",
        "commande",
        "first visit",
        "première visite",
        "sign-up",
        "sign up",
        "subscription",
        "souscription",
        "inscription",
        "signature",
    ),
    "consideration": ("consideration", "considération", "compar", "quote", "devis"),
    "discovery": ("discover", "découverte", "awareness", "notori"),
}

#: Finding ids a playbook may name: those of advisor.domain.findings (causes judged or
#: suggested by the figures, mistakes, loyalty-audit items). Journey findings are named by
#: their stage (``Conditions.stages``), since each project names its own stages.
KNOWN_FINDINGS: frozenset[str] = frozenset(
    {f"cause.{c.id}" for c in CAUSES}
    | {f"data.{rule.cause_id}" for rule in SUGGESTION_RULES}
    | {f"mistake.{m.id}" for m in MISTAKES}
    | {f"loyalty.{item.id}" for item in AUDIT_ITEMS}
)
KNOWN_CAUSES: frozenset[str] = frozenset(c.id for c in CAUSES)
KNOWN_TYPES: frozenset[str] = frozenset(t.value for t in RetentionType)
KNOWN_MODELS: frozenset[str] = frozenset(m.value for m in BusinessModel)
KNOWN_KPIS: frozenset[str] = frozenset(KPI_BY_ID)
KNOWN_THEMES: frozenset[str] = frozenset(THEME_NAMES)
#: How often a customer buys: ``repeat`` (they can come back) or ``one_off`` (a purchase made
#: once or almost once in a lifetime: a wedding, a house, a renovation).
KNOWN_PURCHASES: frozenset[str] = frozenset({"repeat", "one_off"})
#: Whether the business already runs a loyalty programme: ``none`` or ``existing``.
KNOWN_LOYALTY: frozenset[str] = frozenset({"none", "existing"})

#: What a KPI condition can say of the latest figures: its verdict's standing against its
#: reference (the same lines the KPI step shows), or a move the wrong way since the period
#: before of the same length.
TESTS: dict[str, str] = {
    "is poor": "critical, or worse than typical",
    "is not good": "watch or critical, or typical or worse",
    "is good": "good, or better than typical",
    "is worsening": "worse than the period before of the same length",
}
#: What a target can ask: reach the reference's good line (or better than typical), or do
#: better than the latest period.
GOALS = ("good", "better")
_CONDITION = re.compile(r"\s*([a-z_]+)\s+(is poor|is not good|is good|is worsening)\s*")
_TARGET = re.compile(r"\s*([a-z_]+)\s+(good|better)\s*")


@dataclass(frozen=True)
class Text:
    """One text in every playbook language; may hold a sandboxed Jinja2 template."""

    en: str
    fr: str

    def get(self, language: str) -> str:
        return self.fr if language == "fr" else self.en


@dataclass(frozen=True)
class TextList:
    """A list of short texts (tools, pitfalls) in every playbook language, item by item."""

    en: tuple[str, ...] = ()
    fr: tuple[str, ...] = ()

    def get(self, language: str) -> tuple[str, ...]:
        return self.fr if language == "fr" else self.en


@dataclass(frozen=True)
class KpiCondition:
    """``kpi test``, e.g. ``churn_rate is poor``: what the latest figures say of a KPI."""

    kpi: str
    test: str

    def __str__(self) -> str:
        return f"{self.kpi} {self.test}"


def parse_condition(text: str) -> KpiCondition | None:
    """``"churn_rate is poor"`` as a condition; None when it is not written that way."""
    match = _CONDITION.fullmatch(text)
    if match is None:
        return None
    return KpiCondition(match[1], match[2])


@dataclass(frozen=True)
class Conditions:
    """When a playbook applies.

    ``retention_types``, ``business_models``, ``purchases`` and ``loyalty_programme`` exclude:
    when the business's type, model, purchase pattern or programme is known and not listed, the
    playbook is never proposed. The others are triggers: at least one
    must be met by the diagnosis (a cause judged somewhat or strongly, a finding, a KPI
    condition on the latest figures, a journey stage where customers feel bad).
    """

    retention_types: tuple[str, ...] = ()
    business_models: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    kpis: tuple[KpiCondition, ...] = ()
    stages: tuple[str, ...] = ()
    purchases: tuple[str, ...] = ()
    loyalty_programme: tuple[str, ...] = ()

    @property
    def has_triggers(self) -> bool:
        return bool(self.causes or self.findings or self.kpis or self.stages)


@dataclass(frozen=True)
class Step:
    """A task of the play, due ``delay_days`` after the plan's start."""

    delay_days: int
    title: Text
    detail: Text | None = None


@dataclass(frozen=True)
class KpiTarget:
    """A KPI the play should move: ``csat good`` (reach the reference's good line, or better
    than typical) or ``purchase_frequency better`` (better than the latest period)."""

    kpi: str
    goal: str

    def __str__(self) -> str:
        return f"{self.kpi} {self.goal}"


def parse_target(text: str) -> KpiTarget | None:
    """``"csat good"`` as a target; None when it is not written that way."""
    match = _TARGET.fullmatch(text)
    if match is None:
        return None
    return KpiTarget(match[1], match[2])


@dataclass(frozen=True)
class Playbook:
    """One curated play. ``origin`` is the file it came from (for messages), ``user`` True when
    it comes from the user's own folder."""

    id: str
    theme: str
    title: Text
    summary: Text
    why: Text
    when: Conditions
    steps: tuple[Step, ...]
    track: tuple[KpiTarget, ...]
    effort: int
    impact: int
    horizon: int
    tools: TextList = field(default_factory=TextList)
    pitfalls: TextList = field(default_factory=TextList)
    ethics: Text | None = None
    origin: str = ""
    user: bool = False


def by_id(playbooks: list[Playbook] | tuple[Playbook, ...]) -> Mapping[str, Playbook]:
    return {playbook.id: playbook for playbook in playbooks}
