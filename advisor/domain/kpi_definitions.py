"""What each KPI is: name, unit, which way is better, formula in words, meaning, and the
playbook themes that address it; and the names of the figures KPIs are computed from."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.i18n import N_
from advisor.i18n.message import Unit

PERIOD_FIELD_LABELS: dict[str, str] = {
    "label": N_("Period"),
    "start": N_("First day"),
    "end": N_("Last day"),
}

FIGURE_LABELS: dict[str, str] = {
    "customers_start": N_("Customers at start"),
    "customers_end": N_("Customers at end"),
    "customers_new": N_("New customers"),
    "customers_lost": N_("Customers lost"),
    "customers_reactivated": N_("Reactivated customers"),
    "customers_active_both": N_("Also active the period before"),
    "orders": N_("Orders"),
    "revenue": N_("Revenue"),
    "unique_buyers": N_("Buyers"),
    "repeat_buyers": N_("Buyers with 2 or more orders"),
    "gross_margin_pct": N_("Gross margin %"),
    "acquisition_spend": N_("Acquisition spend"),
    "recurring_revenue_start": N_("Recurring revenue at start"),
    "expansion_revenue": N_("Expansion revenue"),
    "contraction_revenue": N_("Contraction revenue"),
    "churned_revenue": N_("Churned revenue"),
    "surveys.nps_counts": N_("NPS answers"),
    "surveys.csat_counts": N_("CSAT answers"),
    "surveys.csat_scale": N_("CSAT scale (top score)"),
    "surveys.csat_cutoff": N_("CSAT “satisfied” from score"),
    "surveys.ces_counts": N_("CES answers"),
    "surveys.ces_scale": N_("CES scale (top score)"),
}


@dataclass(frozen=True)
class KpiDefinition:
    """What a KPI is: its name, unit, which way is better, formula and meaning."""

    id: str
    title: str
    unit: Unit
    higher_is_better: bool | None
    formula: str
    explanation: str
    themes: tuple[str, ...] = ()
    decimals: int = 1


DEFINITIONS: tuple[KpiDefinition, ...] = (
    KpiDefinition(
        "retention_rate",
        N_("Customer retention rate"),
        Unit.PERCENT,
        True,
        N_("((customers at end − new customers) ÷ customers at start) × 100"),
        N_(
            "The share of the customers you had at the start who are still customers. "
            "Higher is better."
        ),
        ("onboarding", "service", "loyalty"),
    ),
    KpiDefinition(
        "strict_retention_rate",
        N_("Strict retention rate"),
        Unit.PERCENT,
        True,
        N_("(customers active in both periods ÷ customers at start) × 100"),
        N_(
            "Counts only customers active in this period and the previous one, so "
            "customers who came back are not counted as kept. Higher is better."
        ),
        ("onboarding", "habit"),
    ),
    KpiDefinition(
        "reactivation_rate",
        N_("Reactivation rate"),
        Unit.PERCENT,
        True,
        N_("(reactivated customers ÷ customers at start) × 100"),
        N_("Customers who had left and came back, shown apart from retention. Higher is better."),
        ("win-back",),
    ),
    KpiDefinition(
        "churn_rate",
        N_("Churn rate"),
        Unit.PERCENT,
        False,
        N_("(customers lost ÷ customers at start) × 100"),
        N_(
            "The share of the customers you had at the start who left during the "
            "period. Lower is better."
        ),
        ("early-warning", "win-back", "service"),
    ),
    KpiDefinition(
        "revenue_churn",
        N_("Revenue churn"),
        Unit.PERCENT,
        False,
        N_("((churned + contraction revenue) ÷ recurring revenue at start) × 100"),
        N_(
            "Recurring revenue lost to cancellations and downgrades, new business "
            "excluded. Lower is better."
        ),
        ("early-warning", "win-back"),
    ),
    KpiDefinition(
        "grr",
        N_("Gross revenue retention"),
        Unit.PERCENT,
        True,
        N_(
            "((recurring revenue at start − churned − contraction) ÷ recurring "
            "revenue at start) × 100"
        ),
        N_(
            "Recurring revenue kept from existing customers, before any upsell. It "
            "cannot exceed 100 %. Higher is better."
        ),
        ("service", "loyalty"),
    ),
    KpiDefinition(
        "nrr",
        N_("Net revenue retention"),
        Unit.PERCENT,
        True,
        N_(
            "((recurring revenue at start + expansion − contraction − churned) ÷ "
            "recurring revenue at start) × 100"
        ),
        N_(
            "Recurring revenue kept including upsells; above 100 % means existing "
            "customers grow faster than they leave. Higher is better."
        ),
        ("personalisation", "loyalty"),
    ),
    KpiDefinition(
        "aov",
        N_("Average order value"),
        Unit.MONEY,
        True,
        N_("revenue ÷ orders"),
        N_(
            "What an order brings on average, with revenue as you entered it (say "
            "whether tax, shipping and refunds are in). Higher is better."
        ),
        ("personalisation",),
        decimals=2,
    ),
    KpiDefinition(
        "purchase_frequency",
        N_("Purchase frequency"),
        Unit.NUMBER,
        True,
        N_("orders ÷ buyers"),
        N_("How many orders a buyer places in the period. Higher is better."),
        ("habit", "communication"),
        decimals=2,
    ),
    KpiDefinition(
        "repeat_purchase_rate",
        N_("Repeat purchase rate"),
        Unit.PERCENT,
        True,
        N_("(buyers with 2 or more orders ÷ buyers) × 100"),
        N_(
            "The share of buyers who ordered again within the period; a longer period "
            "gives a higher rate. Higher is better."
        ),
        ("onboarding", "habit"),
    ),
    KpiDefinition(
        "lifespan",
        N_("Customer lifespan"),
        Unit.NUMBER,
        True,
        N_("1 ÷ churn rate, in periods"),
        N_("How many periods a customer stays on average at today's churn. Higher is better."),
        ("service", "loyalty"),
    ),
    KpiDefinition(
        "clv",
        N_("Customer lifetime value (revenue)"),
        Unit.MONEY,
        True,
        N_("average order value × purchase frequency × lifespan"),
        N_("Revenue a customer brings over their lifespan; margin not applied. Higher is better."),
        ("personalisation", "loyalty"),
        decimals=2,
    ),
    KpiDefinition(
        "clv_margin",
        N_("Customer lifetime value (margin)"),
        Unit.MONEY,
        True,
        N_("lifetime value × gross margin %"),
        N_("Gross profit a customer brings over their lifespan. Higher is better."),
        ("personalisation", "loyalty"),
        decimals=2,
    ),
    KpiDefinition(
        "clv_subscription",
        N_("Subscription lifetime value"),
        Unit.MONEY,
        True,
        N_("(recurring revenue at start ÷ customers at start) × gross margin % ÷ churn rate"),
        N_(
            "Gross profit per subscriber over their lifespan, for subscription "
            "businesses. Higher is better."
        ),
        ("onboarding", "loyalty"),
        decimals=2,
    ),
    KpiDefinition(
        "cac",
        N_("Customer acquisition cost"),
        Unit.MONEY,
        False,
        N_("acquisition spend ÷ new customers"),
        N_("What winning one new customer costs. Lower is better."),
        ("referral",),
        decimals=2,
    ),
    KpiDefinition(
        "ltv_cac",
        N_("LTV:CAC"),
        Unit.RATIO,
        True,
        N_("lifetime value ÷ acquisition cost"),
        N_(
            "How many times a customer pays back what winning them cost; for subscription "
            "software, a lifetime margin of 3 : 1 is the usual health line (a rule of thumb), "
            "and below 1 each new customer costs more than they bring. Higher is better."
        ),
        ("referral", "loyalty"),
    ),
    KpiDefinition(
        "nps",
        N_("Net Promoter Score"),
        Unit.NUMBER,
        True,
        N_("% promoters (9–10) − % detractors (0–6)"),
        N_(
            "From −100 to +100: how many more customers would recommend you than "
            "would warn against you. Higher is better."
        ),
        ("feedback", "referral"),
        decimals=0,
    ),
    KpiDefinition(
        "csat",
        N_("Customer satisfaction (CSAT)"),
        Unit.PERCENT,
        True,
        N_("(answers at or above the cut-off ÷ all answers) × 100"),
        N_("The share of customers who said they were satisfied. Higher is better."),
        ("quality", "feedback"),
    ),
    KpiDefinition(
        "ces",
        N_("Customer effort score (CES)"),
        Unit.NUMBER,
        True,
        N_("average answer to “the business made it easy for me”"),
        N_("How easy dealing with you feels; the easier, the better."),
        ("service", "onboarding"),
    ),
)
BY_ID = {definition.id: definition for definition in DEFINITIONS}
