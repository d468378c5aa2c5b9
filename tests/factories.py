"""Projects for tests: a workshop filled in on every step, with the awkward bits real ones have
(accents, euro signs, multi-line notes, dates and times, optional figures left unknown)."""

from __future__ import annotations

import datetime as dt

from advisor.domain.churn_causes import CAUSES_BY_ID, CHURN_CAUSES
from advisor.domain.kpis import KpiContext
from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.project import (
    ActionPlan,
    ActionStatus,
    BusinessModel,
    BusinessProfile,
    Channel,
    ChurnCauseCheck,
    ChurnChecklist,
    ImportedFile,
    ImportSummary,
    JourneyMap,
    JourneyStage,
    KpiPeriod,
    Language,
    PlannedAction,
    Project,
    RetentionTypeAnswers,
    Severity,
    SurveyResults,
    Touchpoint,
)
from advisor.domain.retention_questionnaire import QUESTIONS


def full_profile() -> BusinessProfile:
    """A business profile with every field filled."""
    return BusinessProfile(
        name="Boulangerie Éclair",
        sector="Bakery & café",
        business_model=BusinessModel.REPEAT_RETAIL,
        customers=1840,
        yearly_revenue=412_500.5,
        currency="EUR",
        report_language=Language.FR,
        facilitator_name="Chloé Martin",
        facilitator_firm="Conseil «Fidélité»",
        notes="Two shops in Lyon.\nDelivery started in 2024 — 15 % of sales.",
    )


def full_journey() -> JourneyMap:
    """Four stages, each with touchpoints and an emotion, some frictions and opportunities."""
    return JourneyMap(
        stages=[
            JourneyStage(
                id="discover",
                name="Discovery",
                customer_goal="Find good bread nearby",
                emotion=1,
                emotion_to_be=2,
                touchpoints=[
                    Touchpoint("t1", Channel.SOCIAL, "Instagram posts"),
                    Touchpoint("t2", Channel.SHOP, "Shop window"),
                ],
                opportunities=["Loyalty card at first visit"],
                owner="Chloé",
                kpi="New customers per week",
            ),
            JourneyStage(
                id="buy",
                name="First purchase",
                emotion=0,
                emotion_to_be=1,
                touchpoints=[Touchpoint("t3", Channel.SHOP, "Counter")],
                frictions=["Queue on Saturday mornings", "Card payment > 5 € only"],
                moment_of_truth=True,
            ),
            JourneyStage(
                id="deliver",
                name="Delivery",
                emotion=-2,
                touchpoints=[Touchpoint("t4", Channel.DELIVERY, "Courier")],
                frictions=["Croissants arrive cold"],
                owner="Marc",
            ),
            JourneyStage(
                id="winback",
                name="Win-back",
                emotion=-1,
                emotion_to_be=1,
                touchpoints=[Touchpoint("t5", Channel.EMAIL)],
            ),
        ]
    )


def full_churn() -> ChurnChecklist:
    """A judgement on every churn cause, with mistakes and a loyalty audit."""
    severities = [Severity.NONE, Severity.SOMEWHAT, Severity.STRONGLY]
    causes = {
        cause_id: ChurnCauseCheck(
            symptoms=[next(iter(CAUSES_BY_ID[cause_id].symptoms))] if i % 2 else [],
            severity=severities[i % 3],
            evidence="Reviews on Google" if i == 4 else "",
            controllable=None if i == 0 else i % 2 == 0,
        )
        for i, cause_id in enumerate(CHURN_CAUSES)
    }
    return ChurnChecklist(
        causes=causes,
        mistakes=["discounts_for_everyone"],
        has_loyalty_programme=True,
        loyalty_audit={item.id: item.id != "rules_easy_to_understand" for item in AUDIT_ITEMS},
    )


def full_kpi_periods() -> list[KpiPeriod]:
    """Two quarters of figures, both with survey counts."""
    return [
        KpiPeriod(
            label="Q1 2025",
            start=dt.date(2025, 1, 1),
            end=dt.date(2025, 3, 31),
            customers_start=1700,
            customers_end=1760,
            customers_new=180,
            customers_lost=120,
            customers_reactivated=12,
            customers_active_both=1580,
            orders=9120,
            revenue=98_450.75,
            unique_buyers=1650,
            repeat_buyers=1010,
            gross_margin_pct=61.5,
            acquisition_spend=2_300.0,
            surveys=SurveyResults(
                nps_counts=[1, 0, 2, 1, 3, 5, 8, 12, 30, 25, 13],
                csat_counts=[2, 3, 10, 40, 45],
                ces_counts=[0, 1, 2, 5, 10, 20, 12],
            ),
        ),
        KpiPeriod(
            label="Q2 2025",
            start=dt.date(2025, 4, 1),
            end=dt.date(2025, 6, 30),
            customers_start=1760,
            customers_end=1840,
            customers_new=210,
            customers_lost=130,
            orders=9800,
            revenue=104_200.0,
            recurring_revenue_start=12_000.0,
            expansion_revenue=800.0,
            contraction_revenue=150.0,
            churned_revenue=420.0,
            surveys=SurveyResults(
                nps_counts=[0, 1, 1, 2, 2, 4, 6, 10, 28, 30, 16],
                csat_scale=7,
                csat_cutoff=6,
                csat_counts=[0, 1, 1, 3, 10, 30, 25],
                ces_scale=5,
                ces_higher_is_easier=False,
                ces_counts=[20, 10, 5, 1, 0],
            ),
        ),
    ]


def full_imports() -> ImportSummary:
    """Two imported exports, one with a time of import."""
    return ImportSummary(
        files=[
            ImportedFile(
                file_name="commandes 2025.csv",
                kind="orders",
                rows=18_920,
                first_date=dt.date(2025, 1, 2),
                last_date=dt.date(2025, 6, 29),
                imported_at=dt.datetime(2025, 7, 3, 9, 41, 12),
            ),
            ImportedFile(file_name="nps.xlsx", kind="survey", rows=212),
        ]
    )


def full_plan() -> ActionPlan:
    """Three actions with owners and due dates, and a review date."""
    return ActionPlan(
        actions=[
            PlannedAction(
                id="a1",
                title="Keep deliveries warm",
                playbook_id="experience-fix-friction",
                owner="Marc",
                due=dt.date(2025, 9, 1),
                status=ActionStatus.IN_PROGRESS,
                kpi_target="Complaints about cold food < 2 per month",
            ),
            PlannedAction(
                id="a2",
                title="Win-back e-mail after 60 days",
                owner="Chloé",
                due=dt.date(2025, 10, 15),
                notes="Offer a coffee, not a discount.",
            ),
            PlannedAction(
                id="a3",
                title="Second till on Saturdays",
                owner="Chloé",
                due=dt.date(2025, 8, 2),
                status=ActionStatus.DONE,
            ),
        ],
        review_date=dt.date(2025, 12, 1),
    )


def full_project() -> Project:
    """A workshop with every step filled in."""
    return Project(
        profile=full_profile(),
        journey=full_journey(),
        retention_type=RetentionTypeAnswers(answers={q.id: q.answers[-1].id for q in QUESTIONS}),
        churn=full_churn(),
        kpi_periods=full_kpi_periods(),
        imported=full_imports(),
        plan=full_plan(),
        notes="Workshop held on 3 July.\nNext: check Q3 figures.",
    )


def references_for(project: Project | None = None) -> KpiContext:
    """The bundled references that apply to ``project``'s business (the general ones for a
    business with no profile)."""
    from advisor.storage.references import project_context

    return project_context(project or Project())
