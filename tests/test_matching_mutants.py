"""Playbook matching word for word and weight for weight: the exact reasons a shop owner reads
under a recommended play (a figure that rose or fell, a score from few answers, a stage where
customers feel bad, a mistake, an unfair loyalty rule, a cause the figures point to), which
evidence is strong enough on its own, and the one-line summary in each language and currency.
Written against the changes mutation testing made to ``advisor/domain/matching.py`` that no
other test noticed.

Weights, as the module documents them: a cause rated strong 3, partial 2; a finding of high
severity 3, medium 2, low 1; a KPI condition 2 (+1 when its verdict is poor, 1 in all when the
score comes from few answers); a stage 3 when customers feel very bad or a moment of truth
hurts, else 2; a one-off purchase 2. A play needs 3 (its three strongest pieces summed);
urgency multiplies: critical 1.5, worse 1.3, to watch 1.2."""

from __future__ import annotations

import dataclasses

from advisor.domain.finding import Finding, FindingSeverity, FindingSource
from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.kpis import KpiResult
from advisor.domain.matching import Recommendation, recommend
from advisor.domain.matching_input import BadStage, DiagnosisInput
from advisor.domain.playbooks import Conditions, KpiCondition, Playbook
from advisor.domain.project import Severity
from advisor.domain.references import Status
from advisor.i18n.message import Message
from advisor.storage.playbooks import bundled_library

LIBRARY = {p.id: p for p in bundled_library().playbooks}


def play(**when: object) -> Playbook:
    """A play of the onboarding theme triggered only by ``when`` (no exclusion)."""
    return dataclasses.replace(
        LIBRARY["shorten-time-to-value"],
        id="test-play",
        when=Conditions(**when),  # type: ignore[arg-type]
    )


def only(playbook: Playbook, data: DiagnosisInput) -> Recommendation:
    (recommendation,) = recommend([playbook], data)
    return recommendation


def reasons(recommendation: Recommendation) -> list[str]:
    return [reason.message.render("en") for reason in recommendation.reasons]


def kpi(name: str, value: float, status: Status = Status.TYPICAL, **extra: object) -> KpiResult:
    return KpiResult(BY_ID[name], value, status=status, **extra)  # type: ignore[arg-type]


PARTIAL_ACTIVATION = {"activation": Severity.SOMEWHAT}  # weight 2
WEAK_ACTIVATION_PARTIAL = "“Weak activation” was rated partial"


# --- figures that moved since the period before --------------------------------------------


def test_a_churn_rate_that_went_up_is_said_to_have_risen_with_both_figures() -> None:
    # Churn 7.0 % -> 9.0 %: 2 points the wrong way (a lower churn is better), beyond the
    # 1-point noise. Evidence: partial activation 2 + the move 2 = 4.
    data = DiagnosisInput(
        causes=PARTIAL_ACTIVATION,
        kpis={"churn_rate": kpi("churn_rate", 9.0)},
        previous={"churn_rate": kpi("churn_rate", 7.0)},
    )
    recommendation = only(
        play(causes=("activation",), kpis=(KpiCondition("churn_rate", "is worsening"),)), data
    )
    assert reasons(recommendation) == [WEAK_ACTIVATION_PARTIAL, "Churn rate rose from 7.0% to 9.0%"]
    assert recommendation.relevance == 4.0


def test_a_repeat_purchase_rate_that_went_down_is_said_to_have_fallen() -> None:
    # 38.0 % -> 36.0 %: 2 points the wrong way (a higher rate is better).
    data = DiagnosisInput(
        causes=PARTIAL_ACTIVATION,
        kpis={"repeat_purchase_rate": kpi("repeat_purchase_rate", 36.0)},
        previous={"repeat_purchase_rate": kpi("repeat_purchase_rate", 38.0)},
    )
    condition = KpiCondition("repeat_purchase_rate", "is worsening")
    recommendation = only(play(causes=("activation",), kpis=(condition,)), data)
    assert reasons(recommendation) == [
        WEAK_ACTIVATION_PARTIAL,
        "Repeat purchase rate fell from 38.0% to 36.0%",
    ]


def test_an_acquisition_cost_that_rose_is_shown_in_the_currency_of_the_business() -> None:
    # CAC €40.00 -> €50.00: 25 % dearer, beyond the 5 % noise; a lower cost is better.
    data = DiagnosisInput(
        causes=PARTIAL_ACTIVATION,
        kpis={"cac": kpi("cac", 50.0)},
        previous={"cac": kpi("cac", 40.0)},
    )
    recommendation = only(
        play(causes=("activation",), kpis=(KpiCondition("cac", "is worsening"),)), data
    )
    # Two reasons, equal weight (2 each): the cause, then the figure, joined by "; ", the second
    # going on lower case.
    assert recommendation.reason_line("en") == (
        "Why: “Weak activation” was rated partial; "
        "customer acquisition cost rose from €40.00 to €50.00."
    )
    assert recommendation.reason_line("en", "USD").endswith("rose from $40.00 to $50.00.")


# --- how much a verdict weighs ---------------------------------------------------------------


def test_a_figure_to_watch_weighs_less_than_a_poor_one_and_adds_a_fifth_to_urgency() -> None:
    # CSAT "to watch" (fair): 2, with partial activation 2 = relevance 4; urgency 1.2 for a
    # figure to watch, so the score is 4 x 1.2 = 4.8 (shown with its decimal).
    watch = DiagnosisInput(
        causes=PARTIAL_ACTIVATION, kpis={"csat": kpi("csat", 70.0, Status.WATCH)}
    )
    recommendation = only(
        play(causes=("activation",), kpis=(KpiCondition("csat", "is not good"),)), watch
    )
    assert (recommendation.relevance, recommendation.urgency, recommendation.score) == (
        4.0,
        1.2,
        4.8,
    )
    assert reasons(recommendation) == [
        WEAK_ACTIVATION_PARTIAL,
        "Customer satisfaction (CSAT) at 70.0%: to watch",
    ]
    # The same figure "worse than typical" (poor): 2 + 1 = 3, first; 3 + 2 = 5, x 1.3 = 6.5.
    worse = DiagnosisInput(
        causes=PARTIAL_ACTIVATION, kpis={"csat": kpi("csat", 70.0, Status.WORSE)}
    )
    recommendation = only(
        play(causes=("activation",), kpis=(KpiCondition("csat", "is not good"),)), worse
    )
    assert (recommendation.relevance, recommendation.score) == (5.0, 6.5)


def test_a_figure_to_watch_alone_is_not_enough_to_recommend_a_play() -> None:
    # 2 < 3: a fair figure is a lesser piece of evidence.
    data = DiagnosisInput(kpis={"csat": kpi("csat", 70.0, Status.WATCH)})
    assert recommend([play(kpis=(KpiCondition("csat", "is not good"),))], data) == []


def test_a_critical_score_from_few_answers_is_named_as_such() -> None:
    few = Message.of("Only {n} answers: treat this score as a hint, not a measure.", n=12)
    data = DiagnosisInput(
        causes={"activation": Severity.STRONGLY},
        kpis={"nps": kpi("nps", -20.0, Status.CRITICAL, warnings=(few,))},
    )
    recommendation = only(
        play(causes=("activation",), kpis=(KpiCondition("nps", "is poor"),)), data
    )
    # Strong cause 3, then the hint 1 (NPS has no decimals; a true minus sign).
    assert reasons(recommendation) == [
        "“Weak activation” was rated strong",
        "Net Promoter Score at −20: critical, from few answers",
    ]
    assert recommendation.relevance == 4.0


# --- journey stages --------------------------------------------------------------------------


def stage_play() -> Playbook:
    return play(causes=("activation",), stages=("delivery",))


def test_a_stage_where_customers_feel_very_bad_is_enough_on_its_own() -> None:
    # Emotion -2: "very bad", weight 3 = the threshold.
    data = DiagnosisInput(bad_stages=(BadStage("delivery", "Delivery", -2),))
    recommendation = only(stage_play(), data)
    assert reasons(recommendation) == ["customers feel very bad at “Delivery”"]
    assert recommendation.relevance == 3.0


def test_a_stage_where_customers_feel_a_little_bad_needs_more_evidence() -> None:
    # Emotion -1: "bad", weight 2 < 3 alone; with partial activation 2 + 2 = 4.
    stage = BadStage("delivery", "Delivery", -1)
    assert recommend([stage_play()], DiagnosisInput(bad_stages=(stage,))) == []
    data = DiagnosisInput(causes=PARTIAL_ACTIVATION, bad_stages=(stage,))
    recommendation = only(stage_play(), data)
    assert reasons(recommendation) == [WEAK_ACTIVATION_PARTIAL, "customers feel bad at “Delivery”"]
    assert recommendation.relevance == 4.0


def test_a_moment_of_truth_where_customers_feel_bad_is_strong_evidence() -> None:
    # Emotion -1 at a moment of truth: weight 3, enough alone.
    data = DiagnosisInput(bad_stages=(BadStage("delivery", "Delivery", -1, moment_of_truth=True),))
    assert only(stage_play(), data).relevance == 3.0


def test_friction_at_a_moment_of_truth_customers_do_not_mind_is_lesser_evidence() -> None:
    # Emotion 0 at a moment of truth with friction points: weight 2, not enough alone.
    stage = BadStage("delivery", "Delivery", 0, moment_of_truth=True)
    assert recommend([stage_play()], DiagnosisInput(bad_stages=(stage,))) == []
    recommendation = only(
        stage_play(), DiagnosisInput(causes=PARTIAL_ACTIVATION, bad_stages=(stage,))
    )
    assert reasons(recommendation) == [
        WEAK_ACTIVATION_PARTIAL,
        "friction points at a moment of truth, “Delivery”",
    ]
    assert recommendation.relevance == 4.0


def test_a_stage_named_twice_counts_once_at_its_worst() -> None:
    # Two "Delivery" stages (-1 and -2): one reason, the worse (3); relevance 3, not 3 + 2.
    twice = (BadStage("delivery", "Delivery", -1), BadStage("delivery", "Delivery", -2))
    recommendation = only(stage_play(), DiagnosisInput(bad_stages=twice))
    assert reasons(recommendation) == ["customers feel very bad at “Delivery”"]
    assert recommendation.relevance == 3.0


# --- findings --------------------------------------------------------------------------------


def finding(
    finding_id: str, severity: FindingSeverity, source: FindingSource, title: str = "Own title"
) -> Finding:
    return Finding(finding_id, severity, Message(title), source=source)


def test_a_common_mistake_is_named_by_its_catalogue_title() -> None:
    mistake = finding("mistake.no_personalisation", FindingSeverity.HIGH, FindingSource.MISTAKE)
    recommendation = only(play(findings=(mistake.id,)), DiagnosisInput(findings=(mistake,)))
    assert reasons(recommendation) == [
        "common mistake: “Every customer gets the same messages and offers”"
    ]


def test_an_unfair_loyalty_rule_is_named_by_its_problem_and_ranks_first() -> None:
    # A failed audit item of medium severity (2) is enough on its own: it is a fairness issue.
    item = finding("loyalty.no_points_expiry_trap", FindingSeverity.MEDIUM, FindingSource.LOYALTY)
    recommendation = only(play(findings=(item.id,)), DiagnosisInput(findings=(item,)))
    assert reasons(recommendation) == ["loyalty programme falls short: “Points expire too fast”"]
    assert recommendation.fairness and recommendation.relevance == 2.0


def test_a_cause_the_figures_point_to_is_named_by_the_cause() -> None:
    hint = finding("data.quality", FindingSeverity.HIGH, FindingSource.DATA)
    recommendation = only(play(findings=(hint.id,)), DiagnosisInput(findings=(hint,)))
    assert reasons(recommendation) == ["figures point to “Lack of quality”"]


def test_a_rated_cause_listed_as_a_finding_keeps_its_own_title() -> None:
    # A play listing the finding "cause.quality" but not the cause: the finding is evidence
    # (high, 3) with its own title, beside the partial activation (2): 5 in all.
    rated = finding(
        "cause.quality",
        FindingSeverity.HIGH,
        FindingSource.CAUSE,
        "“Lack of quality” drives customers away",
    )
    data = DiagnosisInput(causes=PARTIAL_ACTIVATION, findings=(rated,))
    recommendation = only(play(causes=("activation",), findings=(rated.id,)), data)
    assert reasons(recommendation) == [
        "“Lack of quality” drives customers away",
        WEAK_ACTIVATION_PARTIAL,
    ]
    assert recommendation.relevance == 5.0


def test_a_cause_rated_and_found_counts_once_and_other_findings_still_count() -> None:
    # Quality rated strong (3) is also the finding "cause.quality": counted once; the broken
    # promises (medium, 2) listed after it still count: 3 + 2 = 5.
    rated = finding("cause.quality", FindingSeverity.HIGH, FindingSource.CAUSE)
    promises = finding("mistake.broken_promises", FindingSeverity.MEDIUM, FindingSource.MISTAKE)
    data = DiagnosisInput(causes={"quality": Severity.STRONGLY}, findings=(rated, promises))
    recommendation = only(play(causes=("quality",), findings=(rated.id, promises.id)), data)
    assert reasons(recommendation) == [
        "“Lack of quality” was rated strong",
        "common mistake: “Promises not kept (delays, stock, quality)”",
    ]
    assert recommendation.relevance == 5.0


def test_findings_the_catalogues_do_not_know_are_shown_by_their_own_title() -> None:
    # Only the text before the first dot is the kind: "data.old.quality" is not the cause
    # "quality"; a mistake or audit item missing from the catalogue keeps its title.
    unknown = (
        finding("mistake.retired", FindingSeverity.HIGH, FindingSource.MISTAKE, "Old mistake"),
        finding("loyalty.retired", FindingSeverity.LOW, FindingSource.LOYALTY, "Old audit item"),
        finding("data.old.quality", FindingSeverity.LOW, FindingSource.DATA, "Old hint"),
    )
    playbook = play(findings=tuple(f.id for f in unknown))
    recommendation = only(playbook, DiagnosisInput(findings=unknown))
    # Weights 3, 1, 1: sorted strongest first, the two lows in the order listed.
    assert reasons(recommendation) == ["Old mistake", "Old audit item", "Old hint"]


# --- one-off purchases -----------------------------------------------------------------------


def test_a_play_written_for_one_off_purchases_counts_the_one_off_purchase_as_evidence() -> None:
    # "adjacent-services" (personalisation, for one-off purchases only): the one-off purchase
    # (2) + a medium mistake (2) = 4; the mistake alone (2) would not be enough.
    adjacent = LIBRARY["adjacent-services"]
    mistake = finding("mistake.no_personalisation", FindingSeverity.MEDIUM, FindingSource.MISTAKE)
    data = DiagnosisInput(findings=(mistake,), purchases="one_off")
    recommendation = only(adjacent, data)
    assert "a one-off purchase: your next customers come through those you served" in reasons(
        recommendation
    )
    assert recommendation.relevance == 4.0
    assert recommend([adjacent], DiagnosisInput(findings=(mistake,))) == []


# --- the one-line summary --------------------------------------------------------------------


def test_the_summary_line_gives_the_two_strongest_reasons_only() -> None:
    # Strong activation 3, very bad delivery 3, a medium mistake 2: three reasons, the line
    # names the first two.
    mistake = finding("mistake.no_personalisation", FindingSeverity.MEDIUM, FindingSource.MISTAKE)
    data = DiagnosisInput(
        causes={"activation": Severity.STRONGLY},
        findings=(mistake,),
        bad_stages=(BadStage("delivery", "Delivery", -2),),
    )
    playbook = play(causes=("activation",), findings=(mistake.id,), stages=("delivery",))
    recommendation = only(playbook, data)
    assert len(recommendation.reasons) == 3
    assert recommendation.reason_line("en") == (
        "Why: “Weak activation” was rated strong; customers feel very bad at “Delivery”."
    )


def test_the_summary_line_in_french_puts_a_no_break_space_before_the_semicolon() -> None:
    data = DiagnosisInput(
        causes={"activation": Severity.STRONGLY},
        bad_stages=(BadStage("delivery", "Livraison", -2),),
    )
    # The French catalogue: "Pourquoi : {first}.", "« {cause} » pèse {severity} dans les
    # départs" (strong: "fortement"), "les clients vivent très mal l’étape « {stage} »"; the
    # clauses joined by a no-break space then "; ".
    assert only(stage_play(), data).reason_line("fr") == (
        "Pourquoi\u00a0: «\u00a0Activation insuffisante\u00a0» pèse fortement dans les départs"
        "\u00a0; les clients vivent très mal l’étape «\u00a0Livraison\u00a0»."
    )


def test_the_summary_line_shows_money_in_euros_unless_told_otherwise() -> None:
    # Average order value 30 "worse than typical": 2 + 1 = 3, enough alone.
    data = DiagnosisInput(kpis={"aov": kpi("aov", 30.0, Status.WORSE)})
    recommendation = only(play(kpis=(KpiCondition("aov", "is not good"),)), data)
    assert (
        recommendation.reason_line("en")
        == "Why: Average order value at €30.00: worse than typical."
    )
    assert (
        recommendation.reason_line("en", "GBP")
        == "Why: Average order value at £30.00: worse than typical."
    )
