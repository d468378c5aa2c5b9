"""The retention-type questionnaire as data: the three retention types, the questions, their
answers with the points each gives to each type, and the answers a business model suggests.

The scoring lives in ``advisor.domain.retention_type``; what each type means for a business is
explained in ``docs/retention-model.md`` (retention types).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from advisor.domain.project import BusinessModel
from advisor.i18n import N_


class RetentionType(StrEnum):
    """What brings customers back: a running contract, a new cycle, or their own choice."""

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

#: The ``frequency`` answer of a business whose customers buy once in a lifetime or nearly.
ONE_OFF_ANSWER = "once"

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
    """True when ``answer_id`` is one of the answers of question ``question_id``."""
    question = QUESTIONS_BY_ID.get(question_id)
    return question is not None and question.answer(answer_id) is not None


def unknown_answers(answers: Mapping[str, str]) -> list[str]:
    """Stored answers this version does not know (from a newer or edited file): kept in the
    file, left out of the scoring."""
    return sorted(f"{q}={a}" for q, a in answers.items() if not is_known_answer(q, a))
