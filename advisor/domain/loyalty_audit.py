"""A fairness and clarity audit of a loyalty programme (``docs/retention-model.md``, fair
loyalty).

Each item is a good practice; the audit stores ``True`` when the programme meets it and
``False`` when it does not. A failed item becomes a finding of the given severity, and wherever
it is listed as a problem it is named by its ``problem`` text, never by the practice.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.i18n import N_


@dataclass(frozen=True)
class AuditItem:
    id: str
    #: The good practice, as the audit asks it ("Points do not expire too fast").
    title: str
    #: The same item when the programme fails it, as a problem ("Points expire too fast").
    problem: str
    help: str
    severity: str


AUDIT_ITEMS: tuple[AuditItem, ...] = (
    AuditItem(
        "rules_easy_to_understand",
        N_("The rules fit in one sentence anyone can check"),
        N_("The rules are too complex to explain in one sentence"),
        N_("For example: one point per euro, a reward at 100 points."),
        "medium",
    ),
    AuditItem(
        "no_lottery_mechanics",
        N_("No lottery-like mechanics (“spend X and maybe win”)"),
        N_("Lottery-like mechanics (“spend X and maybe win”)"),
        N_("Rewards should be certain, not a draw."),
        "high",
    ),
    AuditItem(
        "no_hidden_clauses",
        N_("No hidden clauses or misleading claims"),
        N_("Hidden clauses or misleading claims"),
        N_("Every condition should be written where customers sign up."),
        "high",
    ),
    AuditItem(
        "no_credit_or_hidden_fees",
        N_("No credit or “buy now, pay later” with hidden fees"),
        N_("Credit or “buy now, pay later” with hidden fees"),
        N_("Loyalty should never be built on debt."),
        "high",
    ),
    AuditItem(
        "no_points_expiry_trap",
        N_("Points do not expire too fast"),
        N_("Points expire too fast"),
        N_("A regular customer should always be able to use what they earned."),
        "medium",
    ),
    AuditItem(
        "rewards_reachable",
        N_("Rewards are within reach of a regular customer"),
        N_("Rewards are out of reach of a regular customer"),
        N_(
            "Every regular customer should be able to reach them, not only the few biggest "
            "spenders."
        ),
        "medium",
    ),
    AuditItem(
        "no_forced_spending",
        N_("No forced spending to keep a status or a balance"),
        N_("Customers must spend to keep a status or a balance"),
        N_("Customers should never be pushed to buy what they do not need."),
        "medium",
    ),
    AuditItem(
        "same_rules_for_everyone",
        N_("The same rules apply to every customer"),
        N_("The rules are not the same for every customer"),
        N_("Any difference (tiers) should be published and earned the same way by everyone."),
        "medium",
    ),
    AuditItem(
        "balance_communicated",
        N_("Customers can see their balance and what it gets them"),
        N_("Customers cannot see their balance or what it gets them"),
        N_("Show it on the receipt, by e-mail or in their account."),
        "low",
    ),
    AuditItem(
        "data_collected_with_consent",
        N_("Personal data is collected with consent and kept safe (GDPR)"),
        N_("Personal data is collected without consent or not kept safe (GDPR)"),
        N_("Customers should be able to see and erase what you hold about them."),
        "high",
    ),
)
AUDIT_BY_ID: dict[str, AuditItem] = {item.id: item for item in AUDIT_ITEMS}
