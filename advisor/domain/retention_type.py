"""The retention-type questionnaire (domain brief §3) and its scoring.

Questions, answers and their weights are data; :func:`diagnose` is a pure function of the
answers. Each answer gives points to the continuous, discontinuous and intentional types; the
type with most points wins, with a confidence that falls when answers are missing or when the
types are close. The business model in the profile suggests answers the user can change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from advisor.domain.project import BusinessModel, Project
from advisor.i18n import N_


class RetentionType(StrEnum):
    CONTINUOUS = "continuous"
    DISCONTINUOUS = "discontinuous"
    INTENTIONAL = "intentional"


TYPE_NAMES: dict[RetentionType, str] = {
    RetentionType.CONTINUOUS: N_("Continuous retention"),
    RetentionType.DISCONTINUOUS: N_("Discontinuous retention"),
    RetentionType.INTENTIONAL: N_("Intentional retention"),
}

TYPE_DESCRIPTIONS: dict[RetentionType, str] = {
    RetentionType.CONTINUOUS: N_(
        "Customers stay under a running subscription or contract until they cancel. The most "
        "predictable kind: retention follows satisfaction closely."
    ),
    RetentionType.DISCONTINUOUS: N_(
        "Customers come and go in cycles (seasons, projects, budgets): a happy customer may "
        "stop for a while and come back."
    ),
    RetentionType.INTENTIONAL: N_(
        "Every purchase is a new decision: nothing brings the customer back automatically, "
        "so they must choose you again each time."
    ),
}

#: On a tie, the first of these among the tied types is shown as the main type: intentional
#: assumes nothing is automatic, the safest reading when the answers do not decide.
TIE_ORDER = (RetentionType.INTENTIONAL, RetentionType.DISCONTINUOUS, RetentionType.CONTINUOUS)


@dataclass(frozen=True)
class Answer:
    """One choice; ``weights`` are the points it gives (continuous, discontinuous, intentional)."""

    id: str
    text: str
    weights: tuple[int, int, int]

    def weight(self, kind: RetentionType) -> int:
        return self.weights[list(RetentionType).index(kind)]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str
    answers: tuple[Answer, ...]

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "payment",
        N_("How do most customers pay?"),
        N_("Think of the customers who bring most of your revenue."),
        (
            Answer("subscription", N_("A subscription that runs until they cancel"), (3, 0, 0)),
            Answer("contract", N_("A contract for a fixed term"), (2, 1, 0)),
            Answer(
                "one_off_and_subscription",
                N_("Mostly one-off purchases, some by subscription"),
                (1, 0, 2),
            ),
            Answer("one_off", N_("Each purchase is paid on its own"), (0, 0, 3)),
            Answer("projects", N_("Per project or per job"), (0, 2, 1)),
        ),
    ),
    Question(
        "frequency",
        N_("How often does a typical customer buy or use what you sell?"),
        N_("A rough idea is enough; the KPI step measures it precisely."),
        (
            Answer("continuous", N_("All the time: it is an ongoing service"), (3, 0, 0)),
            Answer("weekly", N_("About every week"), (0, 0, 3)),
            Answer("monthly", N_("About once a month"), (1, 0, 2)),
            Answer("few_times_a_year", N_("A few times a year"), (0, 1, 2)),
            Answer("yearly_or_less", N_("Once a year or less"), (0, 2, 1)),
            Answer("once", N_("Once in a lifetime, or nearly (a wedding, a house)"), (0, 0, 3)),
        ),
    ),
    Question(
        "seasonality",
        N_("Does demand follow seasons?"),
        N_(
            "Busy and quiet months alone do not make customers come back in cycles (the next "
            "questions ask that): a season tells the diagnosis to expect quiet months and "
            "churn peaks."
        ),
        (
            Answer("none", N_("No, it is steady all year"), (0, 0, 0)),
            Answer("mild", N_("Somewhat: some months are busier"), (0, 0, 0)),
            Answer("strong", N_("Strongly: most sales fall in one season"), (0, 0, 0)),
            Answer(
                "customer_cycles",
                N_("It follows our customers' own projects or budgets"),
                (0, 1, 0),
            ),
        ),
    ),
    Question(
        "pauses",
        N_("Do customers stop for a while and then come back?"),
        N_("For example, no orders over the summer, then back in September."),
        (
            Answer("never", N_("Rarely: when they stop, they are gone"), (1, 0, 1)),
            Answer("sometimes", N_("Sometimes"), (0, 1, 1)),
            Answer("often", N_("Often: a break is normal, even for happy customers"), (0, 3, 0)),
        ),
    ),
    Question(
        "renewal",
        N_("How does a customer keep buying from you?"),
        N_("What happens if the customer does nothing?"),
        (
            Answer("automatic", N_("It continues on its own until they cancel"), (3, 0, 0)),
            Answer("at_term", N_("They decide at the end of each term or contract"), (2, 1, 0)),
            Answer("decision", N_("They decide anew each time they buy"), (0, 0, 3)),
            Answer("new_need", N_("They come back when a new need or project starts"), (0, 3, 0)),
        ),
    ),
    Question(
        "commitment",
        N_("How long do customers commit for?"),
        N_("The length of the subscription, contract or engagement, if any."),
        (
            Answer("none", N_("No commitment"), (0, 1, 2)),
            Answer("month", N_("Month to month"), (2, 0, 0)),
            Answer("year", N_("A year or more"), (3, 0, 0)),
            Answer("project", N_("The length of a project or season"), (0, 2, 0)),
        ),
    ),
    Question(
        "usage",
        N_("How do customers use what you sell?"),
        N_("Picture a typical customer a few weeks after buying."),
        (
            Answer("ongoing", N_("Continuously, as a running service"), (3, 0, 0)),
            Answer("consumed", N_("They use it up, then need more"), (0, 0, 3)),
            Answer("bursts", N_("Intensively for a while, then not at all"), (0, 3, 0)),
            Answer("occasion", N_("For an occasion or an event"), (0, 1, 2)),
        ),
    ),
    Question(
        "lost",
        N_("When would you say a customer has left?"),
        N_("Your answer shapes how churn should be counted."),
        (
            Answer("cancelled", N_("When they cancel"), (3, 0, 0)),
            Answer("missed_cycle", N_("When they miss a whole season or cycle"), (0, 3, 0)),
            Answer(
                "silence", N_("When they stay away much longer than their usual gap"), (0, 0, 3)
            ),
            Answer("unknown", N_("We cannot tell"), (0, 0, 0)),
        ),
    ),
    Question(
        "alternatives",
        N_("How easy is it for a customer to buy elsewhere next time?"),
        N_("Count the effort of changing, not the price."),
        (
            Answer("hard", N_("Hard: changing takes effort (data, set-up, contract)"), (2, 1, 0)),
            Answer("moderate", N_("Possible, but they would lose habits or advice"), (1, 1, 1)),
            Answer("easy", N_("Easy: only their wish to come back holds them"), (0, 1, 2)),
        ),
    ),
    Question(
        "return_trigger",
        N_("What mostly brings a customer back?"),
        N_("The reason behind the next purchase or the next period."),
        (
            Answer("nothing_needed", N_("Nothing: the service simply continues"), (3, 0, 0)),
            Answer("new_cycle", N_("A new season, project or budget"), (0, 3, 0)),
            Answer("own_choice", N_("Their own choice: habit, your offers, a reminder"), (0, 0, 3)),
        ),
    ),
)
QUESTIONS_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}

#: Answers the business model makes likely; shown as suggestions, never stored unasked.
SUGGESTIONS: dict[BusinessModel, dict[str, str]] = {
    BusinessModel.SUBSCRIPTION: {
        "payment": "subscription",
        "frequency": "continuous",
        "renewal": "automatic",
        "commitment": "month",
        "usage": "ongoing",
        "lost": "cancelled",
        "return_trigger": "nothing_needed",
    },
    BusinessModel.REPEAT_RETAIL: {
        "payment": "one_off",
        "renewal": "decision",
        "commitment": "none",
        "usage": "consumed",
        "lost": "silence",
        "alternatives": "easy",
        "return_trigger": "own_choice",
    },
    # Most service businesses (a salon, a garage, a restaurant) are chosen anew at each visit.
    BusinessModel.SERVICES: {
        "payment": "one_off",
        "renewal": "decision",
        "commitment": "none",
        "lost": "silence",
        "return_trigger": "own_choice",
    },
    BusinessModel.MARKETPLACE: {
        "payment": "one_off",
        "renewal": "decision",
        "commitment": "none",
        "alternatives": "easy",
        "return_trigger": "own_choice",
    },
    BusinessModel.OTHER: {},
}


def suggested_answers(model: BusinessModel | None) -> dict[str, str]:
    """The answers the business model suggests (empty when no model is chosen)."""
    return dict(SUGGESTIONS.get(model, {})) if model is not None else {}


def is_known_answer(question_id: str, answer_id: str) -> bool:
    question = QUESTIONS_BY_ID.get(question_id)
    return question is not None and question.answer(answer_id) is not None


def unknown_answers(answers: Mapping[str, str]) -> list[str]:
    """Stored answers this version does not know (from a newer or edited file): kept in the
    file, left out of the scoring."""
    return sorted(f"{q}={a}" for q, a in answers.items() if not is_known_answer(q, a))


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


CONFIDENCE_NAMES: dict[Confidence, str] = {
    Confidence.LOW: N_("low confidence"),
    Confidence.MEDIUM: N_("medium confidence"),
    Confidence.HIGH: N_("high confidence"),
}


@dataclass(frozen=True)
class Driver:
    """An answer that pushed the result towards the main type."""

    question_id: str
    answer_id: str
    suggested: bool

    @property
    def question(self) -> Question:
        return QUESTIONS_BY_ID[self.question_id]

    @property
    def answer(self) -> Answer:
        answer = self.question.answer(self.answer_id)
        assert answer is not None
        return answer


@dataclass(frozen=True)
class Diagnosis:
    """The questionnaire's result. ``scores`` are shares of all points, in percent."""

    scores: dict[RetentionType, float]
    main: RetentionType | None
    confidence: Confidence | None
    tied: tuple[RetentionType, ...] = ()
    drivers: tuple[Driver, ...] = ()
    answered: int = 0
    suggested: int = 0
    total: int = len(QUESTIONS)
    effective: dict[str, str] = field(default_factory=dict)

    @property
    def one_off(self) -> bool:
        """True when customers buy once in a lifetime or nearly (a wedding, a house): repeat
        purchases are not what retention means for this business."""
        return self.effective.get("frequency") == ONE_OFF_ANSWER


#: The ``frequency`` answer of a business whose customers buy once in a lifetime or nearly.
ONE_OFF_ANSWER = "once"
ONE_OFF_TITLE = N_("One-off purchase")
ONE_OFF_DESCRIPTION = N_(
    "Customers buy what you sell once in their life, or nearly. Retention here is not a "
    "second purchase: it is what a customer does for you afterwards (recommend you, leave a "
    "review, buy an adjacent service). Repeat-purchase figures and loyalty schemes do not "
    "apply and are left out of the plan."
)


def diagnose(answers: Mapping[str, str], suggested: Mapping[str, str] | None = None) -> Diagnosis:
    """Score the three types from ``answers``; ``suggested`` fills unanswered questions and
    counts half as much towards the confidence. Unknown answers are ignored."""
    effective: dict[str, tuple[Answer, bool]] = {}
    for source, is_suggestion in ((suggested or {}, True), (answers, False)):
        for question_id, answer_id in source.items():
            question = QUESTIONS_BY_ID.get(question_id)
            answer = question.answer(answer_id) if question else None
            if answer is not None:
                effective[question_id] = (answer, is_suggestion)
    points = {kind: sum(a.weight(kind) for a, _s in effective.values()) for kind in RetentionType}
    total_points = sum(points.values())
    answered = sum(1 for _a, s in effective.values() if not s)
    n_suggested = len(effective) - answered
    plain = {q: a.id for q, (a, _s) in effective.items()}
    if total_points == 0:
        zero = {kind: 0.0 for kind in RetentionType}
        return Diagnosis(zero, None, None, (), (), answered, n_suggested, effective=plain)
    scores = {kind: points[kind] / total_points * 100 for kind in RetentionType}
    best = max(points.values())
    tied = tuple(kind for kind in TIE_ORDER if points[kind] == best)
    main = tied[0]
    second = sorted(points.values(), reverse=True)[1]
    margin = (best - second) / total_points
    coverage = (answered + 0.5 * n_suggested) / len(QUESTIONS)
    if len(tied) > 1:
        confidence = Confidence.LOW
    elif margin >= 0.25 and coverage >= 0.7:
        confidence = Confidence.HIGH
    elif margin >= 0.1 and coverage >= 0.4:
        confidence = Confidence.MEDIUM
    else:
        confidence = Confidence.LOW

    def lead(item: tuple[str, tuple[Answer, bool]]) -> int:
        answer = item[1][0]
        return answer.weight(main) - max(answer.weight(k) for k in RetentionType if k != main)

    order = {q.id: i for i, q in enumerate(QUESTIONS)}
    ranked = sorted(effective.items(), key=lambda item: (-lead(item), order[item[0]]))
    drivers = tuple(Driver(q, a.id, s) for q, (a, s) in ranked if lead((q, (a, s))) > 0)[:3]
    return Diagnosis(
        scores,
        main,
        confidence,
        tied if len(tied) > 1 else (),
        drivers,
        answered,
        n_suggested,
        effective=plain,
    )


def diagnose_project(project: Project) -> Diagnosis:
    """The diagnosis from the project's answers, its business model suggesting the rest."""
    return diagnose(
        project.retention_type.answers, suggested_answers(project.profile.business_model)
    )


_KPIS_FOR_TYPE: dict[RetentionType, tuple[str, ...]] = {
    RetentionType.CONTINUOUS: (
        "churn_rate",
        "retention_rate",
        "revenue_churn",
        "grr",
        "nrr",
        "lifespan",
        "clv_subscription",
    ),
    RetentionType.DISCONTINUOUS: (
        "reactivation_rate",
        "strict_retention_rate",
        "retention_rate",
        "churn_rate",
        "purchase_frequency",
        "clv",
    ),
    RetentionType.INTENTIONAL: (
        "repeat_purchase_rate",
        "purchase_frequency",
        "strict_retention_rate",
        "retention_rate",
        "aov",
        "clv",
    ),
}


#: What a one-off business should watch: how customers feel at the end (and so whether they
#: recommend), what each order brings, adjacent services included, and what winning each new
#: customer costs (every customer is a new one).
_ONE_OFF_KPIS: tuple[str, ...] = ("nps", "csat", "aov", "cac")
def kpis_for_type(kind: RetentionType) -> tuple[str, ...]:
    """Ids of the KPIs (``kpi_definitions.DEFINITIONS``) this retention type should watch first."""
    return _KPIS_FOR_TYPE[kind]


def kpis_to_watch(diagnosis: Diagnosis) -> tuple[str, ...]:
    """The KPIs this business should watch first: its type's, or a one-off business's."""
    if diagnosis.one_off:
        return _ONE_OFF_KPIS
    return _KPIS_FOR_TYPE[diagnosis.main] if diagnosis.main else ()


@dataclass(frozen=True)
class Lever:
    text: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class TypeAdvice:
    """What follows from a retention type: how to count churn and what works."""

    churn_definition: str
    levers: tuple[Lever, ...]


TYPE_ADVICE: dict[RetentionType, TypeAdvice] = {
    RetentionType.CONTINUOUS: TypeAdvice(
        N_(
            "A customer is lost when they cancel or do not renew. Count churn every month, "
            "and count the revenue lost to downgrades as well as to cancellations."
        ),
        (
            Lever(
                N_("Get new customers to their first result fast, before doubts set in."),
                ("onboarding",),
            ),
            Lever(
                N_("Watch usage and satisfaction, and call before the renewal, not after."),
                ("early-warning", "feedback"),
            ),
            Lever(
                N_("Give service that over-delivers: retention here follows satisfaction."),
                ("service", "quality"),
            ),
        ),
    ),
    RetentionType.DISCONTINUOUS: TypeAdvice(
        N_(
            "A customer is lost only after missing a full cycle: judge churn over a whole "
            "season or cycle, and count those who come back as reactivated, not as new."
        ),
        (
            Lever(
                N_("Stay in touch between cycles with useful news, not only offers."),
                ("communication", "community"),
            ),
            Lever(
                N_("Invite last season's customers back before the next one starts."),
                ("win-back", "personalisation"),
            ),
            Lever(
                N_("Reward customers who come back cycle after cycle."),
                ("loyalty",),
            ),
        ),
    ),
    RetentionType.INTENTIONAL: TypeAdvice(
        N_(
            "Nothing is automatic: a customer is lost when they stay away much longer than "
            "their usual gap between purchases. Watch the repeat purchase rate and the time "
            "between purchases."
        ),
        (
            Lever(
                N_("Build a habit: a regular moment when buying from you is obvious."),
                ("habit",),
            ),
            Lever(
                N_("Give value beyond the sale: advice, content, events, a community."),
                ("community", "communication"),
            ),
            Lever(
                N_("Be a brand customers identify with, and over-deliver on the promise."),
                ("quality", "personalisation"),
            ),
        ),
    ),
}

ONE_OFF_ADVICE = TypeAdvice(
    N_(
        "A customer who has bought is not lost when they do not buy again: nothing more was "
        "expected. Count instead, per customer served, the reviews left, the referrals that "
        "became customers and the adjacent services bought."
    ),
    (
        Lever(
            N_("Make the end of the service memorable, and ask every customer for a review."),
            ("feedback", "quality"),
        ),
        Lever(
            N_("Make recommending you easy, with a referral that rewards both sides."),
            ("referral",),
        ),
        Lever(
            N_("Offer adjacent services at the right moment (an album, a maintenance visit)."),
            ("personalisation",),
        ),
    ),
)


def advice_for(diagnosis: Diagnosis) -> TypeAdvice | None:
    """How to count churn and what works: the main type's advice, or a one-off business's."""
    if diagnosis.one_off:
        return ONE_OFF_ADVICE
    return TYPE_ADVICE[diagnosis.main] if diagnosis.main else None


_INTENTIONAL_PERIODS: dict[str, str] = {
    "continuous": N_("Measure churn per month."),
    "weekly": N_("Measure per month: several purchases fit in one period."),
    "monthly": N_("Measure per quarter: a regular customer buys several times in one."),
    "few_times_a_year": N_("Measure per year: a quarter may hold no purchase at all."),
    "yearly_or_less": N_("Measure over two years: one year may hold no purchase at all."),
}
_PERIODS: dict[RetentionType, str] = {
    RetentionType.CONTINUOUS: N_("Measure churn per month."),
    RetentionType.DISCONTINUOUS: N_(
        "Measure over a full season or cycle (often a year), never over part of one."
    ),
    RetentionType.INTENTIONAL: N_(
        "Measure over a period a little longer than the usual gap between two purchases."
    ),
}


def recommended_period(diagnosis: Diagnosis) -> str | None:
    """The measuring period that fits the main type (untranslated)."""
    if diagnosis.main is None or diagnosis.one_off:
        return None
    frequency = diagnosis.effective.get("frequency")
    if diagnosis.main == RetentionType.INTENTIONAL and frequency in _INTENTIONAL_PERIODS:
        return _INTENTIONAL_PERIODS[frequency]
    return _PERIODS[diagnosis.main]
