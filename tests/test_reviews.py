"""After the workshop: review rounds recorded in the project, what changed from one to the
next (KPIs in the KPI step's verdict terms, actions, findings), the ``progress`` and
``compare`` commands, and the plan as calendar events."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from advisor.cli import main
from advisor.domain.plan_edits import AddReviewRound
from advisor.domain.project import ActionStatus, Project
from advisor.domain.reviews import compare, take_round
from advisor.paths import demo_project
from advisor.storage.project_file import load_project, save_project
from advisor.storage.references import project_context

DAY_1, DAY_2 = dt.date(2027, 1, 10), dt.date(2027, 4, 15)


def _two_rounds() -> Project:
    """The demo reviewed at the workshop, then again in April: the latest period's customers
    lost fell from 210 to 120, one more action is done, another is past its due date."""
    project = load_project(demo_project("en"))
    context = project_context(project)
    AddReviewRound(take_round(project, context, DAY_1)).apply(project)
    project.kpi_periods[-1].customers_lost = 120
    project.plan.actions[1].status = ActionStatus.DONE  # the brewing card
    AddReviewRound(take_round(project, context, DAY_2)).apply(project)
    return project


def test_a_round_keeps_summaries_and_the_next_says_what_changed() -> None:
    project = _two_rounds()
    first, second = project.reviews
    assert first.period == "2026 Q4" and first.date == DAY_1
    churn = {mark.kpi: mark for mark in first.kpis}["churn_rate"]
    assert round(churn.value or 0, 1) == 11.4 and churn.status == "unknown"  # no shop reference
    assert [a.title for a in first.actions][:1] == [project.plan.actions[0].title]
    progress = compare(first, second, {"a-first-cup": "repeat_purchase_rate"})
    changes = {change.kpi: change for change in progress.kpis}
    # churn = lost ÷ customers at start: 210 ÷ 1,835 = 11.4 % → 120 ÷ 1,835 = 6.5 %
    assert round(changes["churn_rate"].after or 0, 1) == 6.5
    assert changes["churn_rate"].move == "better"
    assert changes["aov"].move == "steady"
    assert "Brewing card in first parcels and a day-10 check-in e-mail" in progress.done
    # due 1 March and 15 March 2027, neither done by 15 April: late
    assert progress.late == (
        "Let subscribers pause or skip a month from their account",
        "Personal win-back e-mail after four months without an order",
    )
    assert progress.open == ("Referral programme: a 250 g bag for both friends",)
    assert set(progress.remaining) <= set(first.findings)


def test_progress_and_compare_print_the_issue_s_json_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "reviewed.retention"
    save_project(_two_rounds(), path)
    assert main(["progress", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"kpis", "actions", "findings"}
    assert set(data["kpis"]["churn_rate"]) >= {
        "before", "after", "change", "verdict_before", "verdict_after",
    }  # fmt: skip
    assert data["kpis"]["churn_rate"]["change"] < 0
    assert set(data["actions"]) == {"done", "late", "open"}
    assert set(data["findings"]) == {"resolved", "new", "remaining"}

    before = tmp_path / "before.retention"
    save_project(load_project(demo_project("en")), before)
    assert main(["compare", str(before), str(path), "--json"]) == 0
    compared = json.loads(capsys.readouterr().out)
    assert compared["kpis"]["churn_rate"]["after"] < compared["kpis"]["churn_rate"]["before"]


def test_progress_without_a_round_says_how_to_record_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.retention"
    save_project(load_project(demo_project("en")), path)
    assert main(["progress", str(path), "--lang", "en"]) == 2
    assert "Start Review Round" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_plan_in_the_calendar_reads_back_with_its_events(
    language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = load_project(demo_project(language))
    path = tmp_path / "plan.ics"
    assert main(["plan", str(demo_project(language)), "--ics", str(path), "--lang", language]) == 0
    capsys.readouterr()
    calendar = Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    due = [a for a in project.plan.actions if a.due and a.status != ActionStatus.DROPPED]
    assert len(events) == len(due) + 1  # and the review meeting
    by_title = {str(event["summary"]): event for event in events}
    first = due[0]
    event = by_title[first.title]
    assert event.decoded("dtstart") == first.due
    description = str(event["description"])
    assert first.owner in description
    owner = "Responsable" if language == "fr" else "Owner"
    assert (
        description.startswith(f"{owner}")
        and ("Jour 0" if language == "fr" else "Day 0") in description
    )
    review = [e for e in events if e.decoded("dtstart") == project.plan.review_date]
    assert len(review) == 1 and project.profile.name in str(review[0]["summary"])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_printed_plan_shows_the_progress_since_the_last_review(
    language: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from advisor.report.export import export_pdf
    from advisor.report.model import ReportOptions

    project = _two_rounds()
    project.profile.report_language = project.profile.report_language.__class__(language)
    pdf = export_pdf(project, ReportOptions(language), tmp_path / "plan.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    text = " ".join(text.split())
    if language == "en":
        assert "Progress since the last review" in text
        assert "From 10 January 2027 to 15 April 2027" in text
        assert "Done: Reply to every support message" in text
    else:
        assert "Évolution depuis la dernière revue" in text
        assert "Du 10 janvier 2027 au 15 avril 2027" in text


def test_the_progress_view_model_reads_as_the_pdf_does() -> None:
    from advisor.domain.reviews import latest_progress
    from advisor.report.progress_text import progress_section

    project = _two_rounds()
    progress = latest_progress(project, project_context(project), {}, DAY_2)
    assert progress is not None
    section = progress_section(progress, project, "en", "EUR")
    churn = next(row for row in section.kpis if row[0] == "Churn rate")
    assert churn == ("Churn rate", "11.4%", "6.5%", "better")
    late = dict(section.actions)["Late"]
    assert "Let subscribers pause or skip a month from their account (Julien Morel)" in late
    assert "does not prove" in section.note
