"""What the printed plan says, read from the report model (no PDF, no Qt)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from advisor.domain.project import (
    ActionStatus,
    BusinessProfile,
    ChurnCauseCheck,
    PlannedAction,
    Project,
    Severity,
)
from advisor.i18n.formatting import NNBSP
from advisor.paths import demo_project
from advisor.report.model import ReportOptions, build_report
from advisor.report.text import narrative
from advisor.storage.project_file import load_project

TODAY = dt.date(2027, 1, 10)


def _demo(language: str = "en") -> Project:
    return load_project(demo_project(language))


def test_summary_has_three_to_five_findings_snapshot_and_money_at_stake() -> None:
    summary = build_report(_demo(), ReportOptions("en", today=TODAY)).summary
    assert summary is not None
    assert 3 <= len(summary.findings) <= 5
    assert [row.kpi_id for row in summary.snapshot][:2] == ["retention_rate", "churn_rate"]
    retention, churn = summary.snapshot[:2]
    # No churn benchmark is measured on shops: the plan says so rather than borrow one
    assert (churn.value, churn.status_text) == ("11.4%", "no reference")
    assert retention.status_text == churn.status_text and churn.source == ""
    nps = next(row for row in summary.snapshot if row.kpi_id == "nps")
    # NPS 20: more promoters than detractors, good on the usual reading (above 0 good, above 30
    # very good, above 50 excellent), and the same line wherever NPS is judged
    assert nps.status_text == "✓ good"
    assert nps.reference == "rule of thumb: good ≥ 0 · critical < 0"
    assert nps.source == "Retention Advisor's own rule of thumb"
    assert summary.money_at_stake is not None and "3 points" in summary.money_at_stake
    assert len(summary.top_actions) == 3
    assert not any("Reply to every support message" in a for a in summary.top_actions)  # done


def test_french_numbers_money_and_dates() -> None:
    report = build_report(_demo("fr"), ReportOptions("fr", today=TODAY))
    assert report.summary is not None and report.kpis is not None
    assert report.summary.snapshot[1].value == f"11,4{NNBSP}%"
    assert f"{NNBSP}€" in (report.summary.money_at_stake or "")
    aov = next(row for row in report.kpis.rows if row.kpi_id == "aov")
    assert aov.value.endswith(f"{NNBSP}€") and "," in aov.value
    assert report.cover.date == "10 janvier 2027"
    assert report.plan is not None and report.plan.review == "15 avril 2027"


def test_churn_causes_controllable_first_then_by_strength() -> None:
    project = Project()
    project.churn.causes = {
        "context": ChurnCauseCheck(severity=Severity.STRONGLY, controllable=False),
        "quality": ChurnCauseCheck(severity=Severity.SOMEWHAT, controllable=True),
        "activation": ChurnCauseCheck(severity=Severity.STRONGLY, controllable=True),
        "fit": ChurnCauseCheck(severity=None),
    }
    diagnosis = build_report(project, ReportOptions("en")).diagnosis
    assert diagnosis is not None and diagnosis.causes is not None
    assert [row[0] for row in diagnosis.causes.rows] == [
        "Weak activation",
        "Lack of quality",
        "Change of context",
    ]


def test_roadmap_counts_from_the_plans_start_else_the_export_date() -> None:
    project = _demo()
    project.plan.start = dt.date(2027, 1, 12)
    plan = build_report(project, ReportOptions("en", today=TODAY)).plan
    assert plan is not None and plan.roadmap[0][0] == "Days 1–30: by 11 February 2027"
    assert [len(items) for _heading, items in plan.roadmap] == [1, 2, 1, 1]


def test_roadmap_counts_30_60_90_days_from_the_export_date() -> None:
    project = Project()
    due = {"soon": 30, "next": 31, "third": 90, "later": 91}
    project.plan.actions = [
        PlannedAction(id=name, title=name, due=TODAY + dt.timedelta(days))
        for name, days in due.items()
    ]
    project.plan.actions.append(PlannedAction(id="x", title="gone", status=ActionStatus.DROPPED))
    plan = build_report(project, ReportOptions("en", today=TODAY)).plan
    assert plan is not None
    assert [items for _heading, items in plan.roadmap] == [
        ("soon",),
        ("next",),
        ("third",),
        ("later",),
    ]
    assert plan.roadmap[0][0] == "Days 1–30: by 9 February 2027"
    assert [row.title for row in plan.actions] == ["soon", "next", "third", "later"]


def test_a_new_project_has_a_cover_and_nothing_else() -> None:
    report = build_report(Project(profile=BusinessProfile(name="Atelier")), ReportOptions("en"))
    assert report.cover.business == "Atelier"
    assert all(
        getattr(report, key) is None
        for key in ("summary", "kpis", "journey", "diagnosis", "plan", "appendix")
    )


def test_narrative_escapes_the_users_text_and_translates_whole_sentences() -> None:
    text = narrative("plan_intro", "fr", actions=2, review="1er mars <script>", later=0)
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert text.startswith("2 actions, chacune avec un responsable")


def test_journey_rows_and_emotion_curve() -> None:
    journey = build_report(_demo(), ReportOptions("en")).journey
    assert journey is not None and journey.emotion_chart is not None
    assert len(journey.rows) == 9
    assert journey.rows[0].feeling == "+1 → +2"
    assert journey.emotion_chart.y_range == (-2.0, 2.0)
    assert [s.points[3] for s in journey.emotion_chart.series] == [-1.0, 2.0]


def test_diagnosis_prints_the_retention_type_mistakes_and_loyalty_audit() -> None:
    report = build_report(_demo(), ReportOptions("en"))
    diagnosis, summary = report.diagnosis, report.summary
    assert diagnosis is not None and diagnosis.retention_type is not None
    assert diagnosis.retention_type.title.startswith("Intentional retention")
    assert [row[0] for row in diagnosis.retention_type.scores.rows][2] == "✓ Intentional retention"
    assert any("same messages" in m for m in diagnosis.mistakes)
    assert any("balance" in item for item in diagnosis.audit)  # the one audit item answered no
    assert summary is not None and (summary.retention_type or "").startswith("Intentional")
    assert any("Poor customer experience" in f for f in summary.findings)


def test_a_project_without_answers_has_no_retention_type() -> None:
    project = _demo()
    project.retention_type.answers = {}
    report = build_report(project, ReportOptions("en"))
    assert report.diagnosis is not None and report.diagnosis.retention_type is None


def test_an_action_from_a_playbook_says_why_and_its_effort_and_the_appendix_holds_it(
    tmp_path: Path,
) -> None:
    project = _demo("fr")
    project.plan.actions[1].playbook_id = "test-first-cup"
    project.plan.actions[2].playbook_id = "no-such-playbook"  # gone from the library: ignored
    folder = write_playbook(tmp_path / "own")
    report = build_report(project, ReportOptions("fr", today=TODAY, playbooks_folder=folder))
    assert report.plan is not None and report.appendix is not None
    action = report.plan.actions[1]
    # why: the finding that calls for it (matching), the demo judging weak activation strong
    assert action.why.startswith("Pourquoi\u00a0: ")
    assert "«\u00a0Activation insuffisante\u00a0»" in action.why
    assert action.effort == "●●○○○"
    assert report.plan.actions[2].why == ""
    ids = [p.id for p in report.appendix.playbooks]
    assert "test-first-cup" in ids and "no-such-playbook" not in ids
    playbook = report.appendix.playbooks[ids.index("test-first-cup")]
    assert playbook.title == "Guide de la première tasse"
    assert playbook.why == f"Seuls 62,8{NNBSP}% rachètent."  # filled with the business's figure
    assert playbook.steps[1] == "Jour 14\u00a0: Envoyer l’e-mail de suivi"
    # No reference for a repeat rate inside a period: the target is to beat the latest figure.
    assert playbook.targets == (
        f"Taux de réachat +3 points en 90 jours, de 62,8{NNBSP}% à 65,8{NNBSP}% par trimestre",
    )


PLAYBOOK = """
id = "test-first-cup"
theme = "onboarding"
effort = 2
impact = 4
horizon = 30

[title]
en = "First cup guide"
fr = "Guide de la première tasse"

[summary]
en = "A card in the first parcel."
fr = "Une carte dans le premier colis."

[why]
en = "Only {{ kpi.repeat_purchase_rate | percent }} buy twice."
fr = "Seuls {{ kpi.repeat_purchase_rate | percent }} rachètent."

[when]
causes = ["activation"]

[[steps]]
delay = 0
en = "Write the card"
fr = "Rédiger la carte"

[[steps]]
delay = 14
en = "Send the check-in e-mail"
fr = "Envoyer l’e-mail de suivi"

[[track]]
target = "repeat_purchase_rate better"

[tools]
en = ["Printer"]
fr = ["Imprimante"]
"""


def write_playbook(folder: Path) -> Path:
    """A playbook of the tests' own in ``folder`` (bundled ones may change their wording)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test-first-cup.toml").write_text(PLAYBOOK, encoding="utf-8")
    return folder


def test_money_at_stake_uses_the_what_if_s_assumption_names_its_period_and_rounds() -> None:
    project = _demo()
    project.plan.retention_gain_points = 2.0  # as set on the KPI step's what-if
    text = build_report(project, ReportOptions("en", today=TODAY)).summary.money_at_stake or ""
    assert text.startswith("From the figures of 2026 Q4:")
    assert "<b>2 points</b> (from 11.4% to 9.4% per quarter)" in text
    # two significant figures: "€29,000", never "€29,120"
    amounts = re.findall(r"€([\d,]+)", text)
    digits = [a.replace(",", "").rstrip("0") for a in amounts]
    assert amounts and all(len(d) <= 2 for d in digits), amounts
    assert "The cut is the team's assumption: it sizes the stake, it is not a forecast." in text


@pytest.mark.parametrize(
    ("language", "warning"),
    [
        ("en", "2026 Q4 is not over on the date of this plan</b> (it ends on 31 December 2026)"),
        ("fr", "La période 2026 T4 n’est pas terminée à la date de ce plan</b>"),
    ],
)
def test_figures_of_a_period_not_over_are_called_incomplete(language: str, warning: str) -> None:
    # the demo's latest figures are for 2026 Q4 (1 October – 31 December 2026)
    before = build_report(_demo(language), ReportOptions(language, today=dt.date(2026, 12, 5)))
    assert before.summary is not None and before.kpis is not None
    assert warning in before.summary.intro and warning in before.kpis.intro
    last_day = build_report(_demo(language), ReportOptions(language, today=dt.date(2026, 12, 31)))
    assert last_day.kpis is not None and warning in last_day.kpis.intro  # still a day to go
    after = build_report(_demo(language), ReportOptions(language, today=dt.date(2027, 1, 1)))
    assert after.summary is not None and after.kpis is not None
    assert warning not in after.kpis.intro and warning not in after.summary.intro


def test_actions_due_after_the_review_are_counted_in_the_plan_intro() -> None:
    project = _demo()
    review = dt.date(2027, 3, 1)
    project.plan.review_date = review
    later = [a for a in project.plan.actions if a.due and a.due > review]
    assert later  # the demo has actions due in March and after
    plan = build_report(project, ReportOptions("en", today=TODAY)).plan
    assert plan is not None
    assert f"; {len(later)} of the actions fall due after that date" in plan.intro
    project.plan.review_date = max(a.due for a in project.plan.actions if a.due) - dt.timedelta(1)
    plan = build_report(project, ReportOptions("en", today=TODAY)).plan
    assert plan is not None and "; one action falls due after that date, and its result" in (
        plan.intro
    )
    project.plan.review_date = max(a.due for a in project.plan.actions if a.due)
    plan = build_report(project, ReportOptions("en", today=TODAY)).plan
    assert plan is not None and "fall due after" not in plan.intro


def test_money_at_stake_without_an_assumption_takes_the_churn_target_s_step() -> None:
    # the demo's 2026 Q4: 210 lost of 1,835 = 11.44 % a quarter; the churn target moves a fifth
    # of that, 2.29 points, to 9.15 %; the money at stake assumes the same cut, not 3 points
    from advisor.domain.kpis import compute_kpis
    from advisor.domain.playbooks import parse_target
    from advisor.domain.targets import LatestKpis
    from advisor.storage.references import project_context

    project = _demo()
    project.plan.retention_gain_points = None  # nobody set the what-if's assumption
    summary = build_report(project, ReportOptions("en", today=TODAY)).summary
    assert summary is not None and summary.money_at_stake is not None
    assert "<b>2.3 points</b> (from 11.4% to 9.2% per quarter)" in summary.money_at_stake
    assert "The cut is the one the plan's churn targets aim for" in summary.money_at_stake
    latest = project.kpi_periods[-1]
    results = compute_kpis(latest, project_context(project))
    target = parse_target("churn_rate good")
    assert target is not None
    assert LatestKpis(results, 3).target_text(target, "en", 90) == (
        "Churn rate −2.3 points in 90 days, from 11.4% to 9.2% per quarter"
    )
