"""The project document: everything one retention workshop produces, as typed dataclasses.

Field metadata carries the constraints the file loader and the edits check (``min``, ``max``,
``choices``, ``max_length``); other choices are expressed as ``StrEnum`` types. The storage
layer turns these classes into JSON and back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

#: Above these, a figure is a typing slip, not a small business's customers, orders or money.
MAX_COUNT = 1_000_000_000
MAX_MONEY = 1_000_000_000_000.0

#: The longest text of each kind of field, in characters; beyond it, text is a paste gone wrong
#: and would make the pages and the printed plan crawl. Names, titles, ids and owners:
SHORT_TEXT = 500
#: Goals, touchpoints, friction points, evidence, KPI targets (one line of a table each):
LONG_TEXT = 2_000
#: Notes:
NOTES_TEXT = 5_000
#: A path on the user's computer (the longest any system allows):
PATH_TEXT = 32_767


def _count() -> Any:
    """A whole number of customers or orders that may be unknown; never negative."""
    return field(default=None, metadata={"min": 0, "max": MAX_COUNT})


def _money() -> Any:
    """An amount of money that may be unknown; never negative."""
    return field(default=None, metadata={"min": 0.0, "max": MAX_MONEY})


def _limit(characters: int = SHORT_TEXT) -> dict[str, int]:
    """Field metadata for text of at most ``characters`` characters: the field's text, each item
    of a list of texts, each key and text value of a table."""
    return {"max_length": characters}


class BusinessModel(StrEnum):
    """How the business earns repeat revenue; pre-fills the retention diagnosis."""

    SUBSCRIPTION = "subscription"
    REPEAT_RETAIL = "repeat_retail"
    SERVICES = "services"
    MARKETPLACE = "marketplace"
    OTHER = "other"


#: Whom a business sells to: ``businesses`` (B2B), ``consumers`` (B2C), ``both``, or not said.
SELLS_TO = ("", "businesses", "consumers", "both")


class Language(StrEnum):
    """Languages the product speaks (UI and report)."""

    EN = "en"
    FR = "fr"


CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD")


@dataclass
class BusinessProfile:
    """Who the workshop is for, and who runs it."""

    name: str = field(default="", metadata=_limit())
    sector: str = field(default="", metadata=_limit())
    business_model: BusinessModel | None = None
    #: Who the business sells to: picks the references measured on such businesses.
    sells_to: str = field(default="", metadata={"choices": SELLS_TO})
    customers: int | None = _count()
    yearly_revenue: float | None = _money()
    currency: str = field(default="EUR", metadata={"choices": CURRENCIES})
    report_language: Language = Language.EN
    facilitator_name: str = field(default="", metadata=_limit())
    facilitator_firm: str = field(default="", metadata=_limit())
    notes: str = field(default="", metadata=_limit(NOTES_TEXT))


class Channel(StrEnum):
    """Where a touchpoint happens."""

    WEBSITE = "website"
    SOCIAL = "social"
    EMAIL = "email"
    SHOP = "shop"
    PHONE = "phone"
    CHAT = "chat"
    DELIVERY = "delivery"
    INVOICE = "invoice"
    OTHER = "other"


@dataclass
class Touchpoint:
    """One contact between the customer and the business within a journey stage."""

    id: str = field(metadata=_limit())
    channel: Channel = Channel.OTHER
    description: str = field(default="", metadata=_limit(LONG_TEXT))


@dataclass
class JourneyStage:
    """A column of the journey map, from discovery to win-back."""

    id: str = field(metadata=_limit())
    name: str = field(metadata=_limit())
    customer_goal: str = field(default="", metadata=_limit(LONG_TEXT))
    emotion: int | None = field(default=None, metadata={"min": -2, "max": 2})
    emotion_to_be: int | None = field(default=None, metadata={"min": -2, "max": 2})
    touchpoints: list[Touchpoint] = field(default_factory=list)
    frictions: list[str] = field(default_factory=list, metadata=_limit(LONG_TEXT))
    opportunities: list[str] = field(default_factory=list, metadata=_limit(LONG_TEXT))
    owner: str = field(default="", metadata=_limit())
    moment_of_truth: bool = False
    kpi: str = field(default="", metadata=_limit())


@dataclass
class JourneyMap:
    """The customer journey, stages in order."""

    stages: list[JourneyStage] = field(default_factory=list)


@dataclass
class RetentionTypeAnswers:
    """Answers to the retention-type questionnaire: question id -> chosen answer id."""

    answers: dict[str, str] = field(default_factory=dict, metadata=_limit())


class Severity(StrEnum):
    """How strongly a churn cause applies."""

    NONE = "none"
    SOMEWHAT = "somewhat"
    STRONGLY = "strongly"


@dataclass
class ChurnCauseCheck:
    """The workshop's judgement on one of the six churn causes."""

    symptoms: list[str] = field(default_factory=list, metadata=_limit())
    severity: Severity | None = None
    evidence: str = field(default="", metadata=_limit(LONG_TEXT))
    controllable: bool | None = None


@dataclass
class ChurnChecklist:
    """Churn causes, common mistakes and the fair-loyalty audit."""

    causes: dict[str, ChurnCauseCheck] = field(default_factory=dict, metadata=_limit())
    mistakes: list[str] = field(default_factory=list, metadata=_limit())
    has_loyalty_programme: bool | None = None
    loyalty_audit: dict[str, bool] = field(default_factory=dict, metadata=_limit())


@dataclass
class SurveyResults:
    """Survey answers for one period, as counts per score."""

    nps_counts: list[int] = field(default_factory=list, metadata={"min": 0, "max": MAX_COUNT})
    csat_counts: list[int] = field(default_factory=list, metadata={"min": 0, "max": MAX_COUNT})
    csat_scale: int = field(default=5, metadata={"min": 2, "max": 11})
    csat_cutoff: int = field(default=4, metadata={"min": 1, "max": 11})
    ces_counts: list[int] = field(default_factory=list, metadata={"min": 0, "max": MAX_COUNT})
    ces_scale: int = field(default=7, metadata={"min": 2, "max": 11})
    ces_higher_is_easier: bool = True


@dataclass
class KpiPeriod:
    """The business's own figures for one period (a month, a quarter or a year)."""

    label: str = field(metadata=_limit())
    start: dt.date | None = None
    end: dt.date | None = None
    customers_start: int | None = _count()
    customers_end: int | None = _count()
    customers_new: int | None = _count()
    customers_lost: int | None = _count()
    customers_reactivated: int | None = _count()
    customers_active_both: int | None = _count()
    orders: int | None = _count()
    revenue: float | None = _money()
    unique_buyers: int | None = _count()
    repeat_buyers: int | None = _count()
    gross_margin_pct: float | None = field(default=None, metadata={"min": 0.0, "max": 100.0})
    acquisition_spend: float | None = _money()
    recurring_revenue_start: float | None = _money()
    expansion_revenue: float | None = _money()
    contraction_revenue: float | None = _money()
    churned_revenue: float | None = _money()
    surveys: SurveyResults = field(default_factory=SurveyResults)


PERIOD_LENGTHS = ("month", "quarter", "year")


@dataclass
class ImportedFile:
    """A summary of one order or survey file the user imported (the rows stay in the file)."""

    file_name: str = field(metadata=_limit())
    kind: str = field(metadata=_limit())
    rows: int = field(default=0, metadata={"min": 0})
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    imported_at: dt.datetime | None = None
    #: Where the file was read from on this computer, and how, so it can be read again.
    source_path: str = field(default="", metadata=_limit(PATH_TEXT))
    period: str = field(default="month", metadata={"choices": PERIOD_LENGTHS})
    columns: dict[str, str] = field(default_factory=dict, metadata=_limit(LONG_TEXT))
    date_order: str = field(default="", metadata={"choices": ("", "dmy", "mdy")})
    #: The workbook's sheet the table was read from ("" for a text export).
    sheet: str = field(default="", metadata=_limit())


@dataclass
class ImportSummary:
    """What was learnt from imported exports."""

    files: list[ImportedFile] = field(default_factory=list)


class ActionStatus(StrEnum):
    """Progress of one action in the plan."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


@dataclass
class PlannedAction:
    """One action of the plan: what, who, by when, and how success is measured."""

    id: str = field(metadata=_limit())
    title: str = field(metadata=_limit())
    playbook_id: str = field(default="", metadata=_limit())
    owner: str = field(default="", metadata=_limit())
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.PLANNED
    kpi_target: str = field(default="", metadata=_limit(LONG_TEXT))
    notes: str = field(default="", metadata=_limit(NOTES_TEXT))


@dataclass
class ActionPlan:
    """The actions chosen in the workshop, the day the plan starts (a playbook's step delays
    count from it), when the plan is reviewed and how many new actions a month the team can
    take on."""

    actions: list[PlannedAction] = field(default_factory=list)
    review_date: dt.date | None = None
    start: dt.date | None = None
    #: How many new actions the team can start in a month; picked playbooks are spread so that
    #: no 30-day window from the start holds more.
    capacity: int = field(default=3, metadata={"min": 1, "max": 20})
    #: The fall in churn, in percentage points a period, that the KPI step's what-if and the
    #: printed plan's "money at stake" both assume; None: the step the plan's churn targets
    #: take (:func:`advisor.domain.targets.rate_step` of the latest churn).
    retention_gain_points: float | None = field(default=None, metadata={"min": 0, "max": 50})


@dataclass
class KpiMark:
    """One KPI at a review: its value (None when it could not be computed) and its status."""

    kpi: str = field(metadata=_limit())
    value: float | None = None
    status: str = field(default="unknown", metadata=_limit())


@dataclass
class ActionMark:
    """One action of the plan at a review."""

    id: str = field(metadata=_limit())
    title: str = field(metadata=_limit())
    owner: str = field(default="", metadata=_limit())
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.PLANNED


@dataclass
class ReviewRound:
    """What the project stood at when a review round was recorded: summaries only, never
    customer rows (a few kilobytes a round)."""

    date: dt.date
    #: The latest period with figures, and its KPIs with their verdicts.
    period: str = field(default="", metadata=_limit())
    kpis: list[KpiMark] = field(default_factory=list)
    retention_type: str = field(default="", metadata=_limit())
    #: Churn causes by id and how much each was judged to apply.
    causes: dict[str, str] = field(default_factory=dict, metadata=_limit())
    #: The findings of the diagnosis, by id.
    findings: list[str] = field(default_factory=list, metadata=_limit())
    #: Each journey stage's name and feeling (−2 to +2, None when not set).
    emotions: dict[str, int | None] = field(default_factory=dict, metadata=_limit())
    actions: list[ActionMark] = field(default_factory=list)


@dataclass
class Project:
    """One workshop's document; saved as a ``.retention`` file."""

    profile: BusinessProfile = field(default_factory=BusinessProfile)
    journey: JourneyMap = field(default_factory=JourneyMap)
    retention_type: RetentionTypeAnswers = field(default_factory=RetentionTypeAnswers)
    churn: ChurnChecklist = field(default_factory=ChurnChecklist)
    kpi_periods: list[KpiPeriod] = field(default_factory=list)
    imported: ImportSummary = field(default_factory=ImportSummary)
    plan: ActionPlan = field(default_factory=ActionPlan)
    notes: str = field(default="", metadata=_limit(NOTES_TEXT))
    #: The review rounds recorded so far, oldest first.
    reviews: list[ReviewRound] = field(default_factory=list)
