"""Common mistakes that push customers away (``docs/retention-model.md``, common mistakes), as a
checklist.

A ticked item is a mistake the business makes; each becomes a finding of the given severity.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.i18n import N_


@dataclass(frozen=True)
class Mistake:
    id: str
    title: str
    help: str
    severity: str
    themes: tuple[str, ...]


MISTAKES: tuple[Mistake, ...] = (
    Mistake(
        "no_personalisation",
        N_("Every customer gets the same messages and offers"),
        N_("Beyond the first name: history, preferences, what they bought last."),
        "medium",
        ("personalisation",),
    ),
    Mistake(
        "intrusive_communication",
        N_("Too many messages, notifications or ads following customers around"),
        N_("Spam and heavy remarketing wear out goodwill."),
        "high",
        ("communication",),
    ),
    Mistake(
        "ignoring_negative_reviews",
        N_("Negative reviews left unanswered or deleted"),
        N_("A fast, honest answer often wins the customer back."),
        "high",
        ("feedback", "service"),
    ),
    Mistake(
        "lack_of_transparency",
        N_("Prices, conditions or delays are not stated clearly"),
        N_("Customers should never discover a condition after paying."),
        "high",
        ("communication", "quality"),
    ),
    Mistake(
        "neglected_service",
        N_("Service is slow, untrained or lacks empathy"),
        N_("Replies late, no one who knows the order, no apology."),
        "high",
        ("service",),
    ),
    Mistake(
        "over_automation",
        N_("Bots or automatic replies where customers want a person"),
        N_("Automate the simple questions, never the upset customer."),
        "medium",
        ("service",),
    ),
    Mistake(
        "no_long_term_communication_plan",
        N_("No communication plan beyond the next promotion"),
        N_("Who hears what from you, when, over the year."),
        "medium",
        ("communication",),
    ),
    Mistake(
        "discounts_for_everyone",
        N_("Relying on discounts and freebies rather than lasting value"),
        N_("Short-term incentives bring bargain hunters who leave with the discount."),
        "medium",
        ("loyalty", "habit"),
    ),
    Mistake(
        "programme_too_complex",
        N_("A loyalty programme too complex to explain in one sentence"),
        N_("If the staff cannot explain it, customers will not use it."),
        "medium",
        ("loyalty",),
    ),
    Mistake(
        "irrelevant_rewards",
        N_("Rewards customers do not care about"),
        N_("Ask what they value; it is often recognition or service, not a gadget."),
        "low",
        ("loyalty", "personalisation"),
    ),
    Mistake(
        "broken_promises",
        N_("Promises not kept (delays, stock, quality)"),
        N_("Promise a little less and deliver a little more."),
        "high",
        ("quality", "service"),
    ),
)
MISTAKES_BY_ID: dict[str, Mistake] = {m.id: m for m in MISTAKES}


def canonical_order(ids: list[str]) -> list[str]:
    """``ids`` in the checklist's order; unknown ids keep their place at the end."""
    order = {m.id: i for i, m in enumerate(MISTAKES)}
    return sorted(ids, key=lambda i: order.get(i, len(order)))
