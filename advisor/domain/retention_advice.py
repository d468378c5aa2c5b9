"""What follows from a diagnosed retention type: how to count churn, the levers that work, the
KPIs to watch first and the period to measure over, and the reading of a one-off purchase.

The reasoning behind each is in ``docs/retention-model.md`` (retention types).
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.retention_questionnaire import RetentionType
from advisor.domain.retention_type import Diagnosis
from advisor.i18n import N_

#: The one-off reading, shown with the diagnosis when customers buy once in a lifetime or nearly.
ONE_OFF_TITLE = N_("One-off purchase")
ONE_OFF_DESCRIPTION = N_(
    "Customers buy what you sell once in their life, or nearly. Retention here is not a "
    "second purchase: it is what a customer does for you afterwards (recommend you, leave a "
    "review, buy an adjacent service). Repeat-purchase figures and loyalty schemes do not "
    "apply and are left out of the plan."
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
