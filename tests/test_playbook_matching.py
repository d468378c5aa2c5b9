"""Matching playbooks to a diagnosis: contrasting businesses get sensible top plays, with a
reason each, and a playbook whose conditions are not met is never proposed. Plus the content
of the bundled library: every playbook valid, bilingual and reachable by some diagnosis."""

from __future__ import annotations

import pytest

from advisor.domain.finding import Finding, FindingSeverity, FindingSource
from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.kpis import KpiResult, worsened
from advisor.domain.matching import applies, recommend, top_ids
from advisor.domain.matching_input import DiagnosisInput, diagnosis_input, stage_of
from advisor.domain.playbook_text import render_text
from advisor.domain.playbooks import KNOWN_FINDINGS, PLAYBOOK_LANGUAGES, Playbook
from advisor.domain.project import (
    BusinessModel,
    BusinessProfile,
    ChurnCauseCheck,
    ChurnChecklist,
    JourneyMap,
    JourneyStage,
    KpiPeriod,
    Project,
    RetentionTypeAnswers,
    Severity,
    SurveyResults,
)
from advisor.domain.references import Status
from advisor.i18n.message import Message
from advisor.paths import PLAYBOOKS
from advisor.storage.playbooks import bundled_library, load_folder
from advisor.storage.references import project_context
from tests.factories import references_for

LIBRARY = bundled_library().playbooks

CONTINUOUS = {
    "payment": "subscription", "frequency": "continuous", "renewal": "automatic",
    "commitment": "month", "usage": "ongoing", "lost": "cancelled",
    "return_trigger": "nothing_needed",
}  # fmt: skip
DISCONTINUOUS = {
    "payment": "projects", "seasonality": "strong", "pauses": "often", "renewal": "new_need",
    "usage": "bursts", "lost": "missed_cycle", "return_trigger": "new_cycle",
}  # fmt: skip
INTENTIONAL = {
    "payment": "one_off", "frequency": "few_times_a_year", "renewal": "decision",
    "usage": "occasion", "lost": "silence", "return_trigger": "own_choice",
}  # fmt: skip


def _project(
    model: BusinessModel,
    answers: dict[str, str],
    causes: dict[str, Severity],
    period: KpiPeriod,
    mistakes: list[str] | None = None,
    stages: list[JourneyStage] | None = None,
) -> Project:
    return Project(
        profile=BusinessProfile(name="Test", sector="", business_model=model),
        retention_type=RetentionTypeAnswers(dict(answers)),
        churn=ChurnChecklist(
            {cause: ChurnCauseCheck(severity=severity) for cause, severity in causes.items()},
            mistakes or [],
        ),
        kpi_periods=[period],
        journey=JourneyMap(stages or []),
    )


def _ranked(project: Project) -> list[str]:
    return top_ids(recommend(LIBRARY, diagnosis_input(project, project_context(project))), 50)


@pytest.fixture
def subscription_box() -> Project:
    """A coffee subscription losing 12 % of its subscribers a month, weak activation."""
    period = KpiPeriod(
        "2026-10",
        customers_start=500,
        customers_end=470,
        customers_new=30,
        customers_lost=60,
        recurring_revenue_start=15000,
        churned_revenue=1800,
    )
    project = _project(
        BusinessModel.SUBSCRIPTION,
        CONTINUOUS,
        {"activation": Severity.STRONGLY, "context": Severity.SOMEWHAT},
        period,
    )
    project.profile.sells_to = "consumers"  # judged against the B2C median (6.81 % a month)
    return project


@pytest.fixture
def seasonal_shop() -> Project:
    """A ski-hire shop: customers come back each winter, or not."""
    period = KpiPeriod(
        "2026",
        customers_start=800,
        customers_end=700,
        customers_new=150,
        customers_lost=250,
        customers_reactivated=40,
    )
    return _project(
        BusinessModel.REPEAT_RETAIL,
        DISCONTINUOUS,
        {"context": Severity.STRONGLY},
        period,
        stages=[JourneyStage("winback", "Win-back", emotion=-1)],
    )


@pytest.fixture
def local_restaurant() -> Project:
    """A neighbourhood restaurant with slow service and bad reviews it does not answer."""
    nps = [6, 3, 4, 5, 5, 6, 8, 10, 8, 5, 4]  # 38 detractors out of 64
    period = KpiPeriod(
        "2026-Q3",
        customers_start=900,
        customers_end=860,
        customers_new=80,
        customers_lost=120,
        surveys=SurveyResults(nps_counts=nps),
    )
    return _project(
        BusinessModel.SERVICES,
        INTENTIONAL,
        {"experience": Severity.STRONGLY, "quality": Severity.SOMEWHAT},
        period,
        mistakes=["ignoring_negative_reviews", "neglected_service"],
        stages=[JourneyStage("s-visit", "Service in the dining room", emotion=-2)],
    )


def test_a_subscription_with_high_churn_gets_retention_of_subscribers_first(
    subscription_box: Project,
) -> None:
    ranked = _ranked(subscription_box)
    assert {"shorten-time-to-value", "pause-instead-of-cancel"} <= set(ranked[:5])
    assert "seasonal-re-engagement" not in ranked  # discontinuous businesses only
    assert "points-programme" not in ranked  # intentional retention only
    assert "review-management" not in ranked  # nothing points to reviews


def test_a_seasonal_shop_is_helped_back_each_season(seasonal_shop: Project) -> None:
    ranked = _ranked(seasonal_shop)
    assert "seasonal-re-engagement" in ranked[:3]
    assert "win-back-campaign" in ranked[:5]
    assert "habit-building" not in ranked and "welcome-sequence" not in ranked


def test_a_restaurant_with_poor_reviews_starts_with_service_and_reviews(
    local_restaurant: Project,
) -> None:
    ranked = _ranked(local_restaurant)
    assert "review-management" in ranked[:3]
    assert "complaint-recovery" in ranked[:5]
    assert "pause-instead-of-cancel" not in ranked  # no subscription to pause
    assert "abandoned-cart-reminder" not in ranked  # not an e-shop


def test_each_recommendation_says_why_in_one_line_with_the_figures() -> None:
    # A B2B software subscription losing 7.2 % a month, against the 5.15 % median
    period = KpiPeriod(
        "2026-06", customers_start=500, customers_end=500, customers_new=36, customers_lost=36
    )
    project = _project(
        BusinessModel.SUBSCRIPTION, CONTINUOUS, {"activation": Severity.STRONGLY}, period
    )
    project.profile.sector, project.profile.sells_to = "Software", "businesses"
    recommendations = recommend(LIBRARY, diagnosis_input(project, references_for(project)))
    by_id = {r.playbook.id: r for r in recommendations}
    line = by_id["shorten-time-to-value"].reason_line("en")
    assert "“Weak activation” was rated strong" in line
    assert "churn rate at 7.2%: worse than typical" in line and "\n" not in line
    french = by_id["shorten-time-to-value"].reason_line("fr")
    assert "7,2\u202f%" in french
    assert all(r.reasons for r in recommendations)


def test_nothing_is_proposed_without_evidence_or_against_the_type_and_model() -> None:
    assert recommend(LIBRARY, DiagnosisInput()) == []
    seasonal = next(p for p in LIBRARY if p.id == "seasonal-re-engagement")
    evidence = DiagnosisInput(causes={"context": Severity.STRONGLY})
    assert applies(seasonal, evidence)
    assert not applies(seasonal, DiagnosisInput(None, "intentional", causes=evidence.causes))
    cart = next(p for p in LIBRARY if p.id == "abandoned-cart-reminder")
    mistake = Finding(
        "mistake.no_personalisation",
        FindingSeverity.MEDIUM,
        Message("x"),
        source=FindingSource.MISTAKE,
    )
    found = (mistake,)
    assert applies(cart, DiagnosisInput(findings=found))
    assert not applies(cart, DiagnosisInput("services", findings=found))


def test_a_critical_kpi_makes_a_playbook_more_urgent() -> None:
    play = next(p for p in LIBRARY if p.id == "shorten-time-to-value")
    churn = BY_ID["churn_rate"]
    from advisor.domain.references import Status

    strong = {"activation": Severity.STRONGLY}
    calm = DiagnosisInput(
        causes=strong, kpis={"churn_rate": KpiResult(churn, 9.0, status=Status.TYPICAL)}
    )
    alarm = DiagnosisInput(
        causes=strong, kpis={"churn_rate": KpiResult(churn, 9.0, status=Status.WORSE)}
    )
    (calm_rec,) = recommend([play], calm)
    (alarm_rec,) = recommend([play], alarm)
    assert alarm_rec.urgency > 1 == calm_rec.urgency and alarm_rec.score > calm_rec.score


def test_the_demo_project_gets_plays_for_its_activation_and_service_problems() -> None:
    from advisor.paths import demo_project
    from advisor.storage.project_file import load_project

    ranked = _ranked(load_project(demo_project("en")))
    # Poor experience (strong) and a CSAT to watch come first, then weak activation (strong)
    assert {"complaint-recovery", "response-time-targets"} <= set(ranked[:4])
    assert {"shorten-time-to-value", "first-use-check-in", "welcome-sequence"} <= set(ranked[:8])


# The library's content


def test_the_library_has_at_least_30_valid_playbooks_with_unique_ids() -> None:
    library = load_folder(PLAYBOOKS)
    assert library.problems == []
    ids = [p.id for p in library.playbooks]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)
    files = {path.stem for path in PLAYBOOKS.glob("*.toml")}
    assert files == set(ids)  # one file per playbook, named by its id


def _texts(playbook: Playbook, language: str) -> list[str]:
    texts = [playbook.title.get(language), playbook.summary.get(language)]
    texts += [playbook.why.get(language)] + [s.title.get(language) for s in playbook.steps]
    texts += list(playbook.tools.get(language)) + list(playbook.pitfalls.get(language))
    if playbook.ethics:
        texts.append(playbook.ethics.get(language))
    return texts


@pytest.mark.parametrize("playbook", LIBRARY, ids=lambda p: p.id)
def test_every_playbook_is_complete_in_both_languages(playbook: Playbook) -> None:
    english, french = (_texts(playbook, language) for language in PLAYBOOK_LANGUAGES)
    assert len(english) == len(french) and all(english) and all(french)
    assert all(en != fr for en, fr in zip(english, french, strict=True) if len(en) > 12)
    assert playbook.steps[0].delay_days == 0 and playbook.track
    assert set(playbook.when.findings) <= KNOWN_FINDINGS


def _satisfying(playbook: Playbook) -> DiagnosisInput:
    """The smallest diagnosis that meets one trigger of ``playbook``."""
    when = playbook.when
    model = when.business_models[0] if when.business_models else None
    kind = when.retention_types[0] if when.retention_types else None
    if when.causes:
        return DiagnosisInput(model, kind, causes={when.causes[0]: Severity.SOMEWHAT})
    if when.findings:
        finding = Finding(when.findings[0], FindingSeverity.MEDIUM, Message("x"))
        return DiagnosisInput(model, kind, findings=(finding,))
    condition = when.kpis[0]
    definition = BY_ID[condition.kpi]
    status = {"is poor": Status.WORSE, "is not good": Status.WATCH, "is good": Status.GOOD}
    if condition.test in status:
        result = KpiResult(definition, 10.0, status=status[condition.test])
        return DiagnosisInput(model, kind, kpis={condition.kpi: result})
    worse = 5.0 if definition.higher_is_better else 15.0
    latest = {condition.kpi: KpiResult(definition, worse)}
    previous = {condition.kpi: KpiResult(definition, 10.0)}
    return DiagnosisInput(model, kind, kpis=latest, previous=previous)


@pytest.mark.parametrize("playbook", LIBRARY, ids=lambda p: p.id)
def test_every_playbook_is_reachable_by_some_diagnosis(playbook: Playbook) -> None:
    assert applies(playbook, _satisfying(playbook))


@pytest.mark.parametrize("language", PLAYBOOK_LANGUAGES)
def test_every_template_renders_with_real_and_missing_figures(language: str) -> None:
    data = diagnosis_input(Project(), references_for())
    context = data.text_context(language, "EUR", {"name": "Test", "sector": ""})
    for playbook in LIBRARY:
        for text in _texts(playbook, language):
            rendered = render_text(text, context)
            assert "{{" not in rendered and "{%" not in rendered


@pytest.mark.parametrize(
    ("stage_id", "name", "typical"),
    [
        ("s-1", "Rachat", "repurchase"),
        ("s-1", "Repeat purchase", "repurchase"),
        ("s-1", "Retour au salon", "repurchase"),
        ("s-1", "Next visit", "repurchase"),
        ("s-1", "Prise de rendez-vous", "booking"),
        ("s-1", "Booking an appointment", "booking"),
        ("s-1", "Achat", "purchase"),
        ("s-1", "First order", "purchase"),
        ("s-1", "Livraison", "delivery"),
        ("s-1", "Service client", "support"),
        ("s-1", "Renouvellement", "renewal"),
        ("s-1", "Réactivation", "winback"),
        ("s-1", "Recommandation", "advocacy"),
        ("s-discovery", "Instagram", "discovery"),
        ("repurchase", "Whatever the owner calls it", "repurchase"),
        ("s-1", "Le mariage", None),
        ("s-1", "Prochaine révision", "repurchase"),
        ("s-1", "Next service", "repurchase"),
        ("s-1", "Monthly bookkeeping", None),
        ("s-1", "Reviews and recommendations", "advocacy"),
        ("s-1", "Monthly invoicing", "billing"),
        ("s-1", "Billing and renewal", "billing"),
        ("s-1", "Renouvellement de la mission", "renewal"),
        ("s-1", "Panier et paiement", "purchase"),
    ],
)
def test_journey_stages_are_recognised_in_both_languages(
    stage_id: str, name: str, typical: str | None
) -> None:
    assert stage_of(stage_id, name) == typical


def test_the_product_journey_templates_read_as_their_own_stage() -> None:
    import json

    from advisor.paths import RESOURCES

    stages = json.loads((RESOURCES / "journey_templates.json").read_text("utf-8"))["stages"]
    for key, stage in stages.items():
        for language in ("en", "fr"):
            assert stage_of(f"s-{language}", stage["name"][language]) == key, (key, language)


def _salon(**changes: object) -> Project:
    project = _project(
        BusinessModel.SERVICES,
        INTENTIONAL,
        {"experience": Severity.SOMEWHAT},
        KpiPeriod(label="2026-Q4", customers_start=900, customers_end=860, customers_new=40),
        stages=[JourneyStage("s-rdv", "Prise de rendez-vous", emotion=-2)],
    )
    for name, value in changes.items():
        setattr(project.churn, name, value)
    return project


def test_a_booking_friction_gets_the_play_that_answers_it() -> None:
    assert "book-next-visit" in _ranked(_salon())[:3]


def test_at_most_ten_plays_are_recommended_and_the_review_ritual_is_never_ranked() -> None:
    data = diagnosis_input(_salon(), references_for())
    assert len(recommend(LIBRARY, data)) <= 10
    everything = recommend(LIBRARY, data, limit=None)
    assert "kpi-review-ritual" not in {r.playbook.id for r in everything}
    # No reason is a matter of taste: each names a cause, a finding, a figure or a stage.
    for recommendation in everything:
        for reason in recommendation.reasons:
            assert "suited to" not in reason.message.render("en")


def test_an_existing_programme_is_fixed_before_any_new_one_is_created() -> None:
    unfair = _salon(has_loyalty_programme=True, loyalty_audit={"no_points_expiry_trap": False})
    ranked = _ranked(unfair)
    assert ranked[0] == "fair-loyalty-fixes"
    assert not {"points-programme", "tiered-programme", "paid-membership"} & set(ranked)
    none_yet = _salon(has_loyalty_programme=False, mistakes=["short_term_incentives"])
    assert "fair-loyalty-fixes" not in _ranked(none_yet)


def test_a_once_in_a_lifetime_purchase_gets_no_repeat_purchase_play() -> None:
    answers = {**INTENTIONAL, "frequency": "once"}
    project = _project(
        BusinessModel.SERVICES,
        answers,
        {"activation": Severity.STRONGLY, "experience": Severity.SOMEWHAT},
        KpiPeriod(label="2026", customers_start=30, customers_end=2, customers_new=34),
        mistakes=["short_term_incentives"],
        stages=[JourneyStage("s-1", "Repeat purchase", emotion=-2)],
    )
    data = diagnosis_input(project, references_for())
    assert data.purchases == "one_off"
    ranked = {r.playbook.id for r in recommend(LIBRARY, data, limit=None)}
    repeat_only = {p.id for p in LIBRARY if p.when.purchases == ("repeat",)}
    assert repeat_only and not ranked & repeat_only


def test_a_cause_the_owner_rejected_is_shown_but_never_triggers_a_play() -> None:
    project = _salon()
    project.churn.causes["quality"] = ChurnCauseCheck(severity=Severity.NONE)
    project.kpi_periods[0].surveys = SurveyResults(csat_counts=[20, 30, 50, 60, 40])
    context = references_for()
    data = diagnosis_input(project, context)
    from advisor.domain.findings import findings

    assert "data.quality" in {f.id for f in findings(project, context)}
    assert "data.quality" not in {f.id for f in data.findings}


def test_a_move_within_noise_is_not_worsening() -> None:
    definition = BY_ID["repeat_purchase_rate"]
    before = KpiResult(definition, 38.0)
    assert not worsened(KpiResult(definition, 37.5), before)
    assert worsened(KpiResult(definition, 36.5), before)
    aov = BY_ID["aov"]
    assert not worsened(KpiResult(aov, 31.0), KpiResult(aov, 32.0))
    assert worsened(KpiResult(aov, 30.0), KpiResult(aov, 32.0))


def test_a_score_from_few_answers_is_a_hint_that_never_makes_a_play_urgent() -> None:
    play = next(p for p in LIBRARY if p.id == "close-the-loop-detractors")
    nps = BY_ID["nps"]
    few = Message.of("Only {n} answers: treat this score as a hint, not a measure.", n=12)
    strong = {"experience": Severity.STRONGLY}
    measured = DiagnosisInput(
        causes=strong,
        kpis={"nps": KpiResult(nps, -20.0, status=Status.CRITICAL)},
    )
    hinted = DiagnosisInput(
        causes=strong,
        kpis={"nps": KpiResult(nps, -20.0, status=Status.CRITICAL, warnings=(few,))},
    )
    (sure,) = recommend([play], measured)
    (hint,) = recommend([play], hinted)
    assert sure.urgency == 1.5 and hint.urgency == 1.0
    assert hint.relevance < sure.relevance
    assert "from few answers" in hint.reason_line("en")


def test_a_moment_of_truth_with_friction_is_evidence_unless_customers_feel_good_there() -> None:
    def stage(emotion: int) -> JourneyStage:
        return JourneyStage(
            "s-1",
            "Next service",
            emotion=emotion,
            moment_of_truth=True,
            frictions=["No reminder: customers forget"],
        )

    for emotion, counted in ((0, True), (1, False), (-1, True)):
        project = _salon()
        project.journey.stages = [stage(emotion)]
        data = diagnosis_input(project, references_for())
        assert bool(data.bad_stages) is counted, emotion
    project = _salon()
    project.journey.stages = [stage(0)]
    reasons = {
        r.message.render("en")
        for rec in recommend(LIBRARY, diagnosis_input(project, references_for()), limit=None)
        for r in rec.reasons
    }
    assert "friction points at a moment of truth, “Next service”" in reasons
