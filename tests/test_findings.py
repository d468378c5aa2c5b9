"""Findings: one ranked list from causes, figures, mistakes and the loyalty audit."""

from __future__ import annotations

from advisor.domain.finding import FindingSeverity, FindingSource
from advisor.domain.findings import findings
from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.mistakes import MISTAKES
from advisor.domain.project import (
    ChurnCauseCheck,
    JourneyStage,
    KpiPeriod,
    Project,
    Severity,
    SurveyResults,
)
from advisor.domain.themes import THEME_NAMES
from advisor.paths import demo_project
from advisor.storage.project_file import load_project
from tests.factories import references_for


def _ids(project: Project) -> list[str]:
    return [f.id for f in findings(project, references_for(project))]


def test_an_empty_project_has_no_findings() -> None:
    assert findings(Project(), references_for(Project())) == []


def test_a_strong_controllable_cause_is_a_high_finding_with_its_evidence() -> None:
    project = Project()
    project.journey.stages = [JourneyStage("s-1", "Discovery"), JourneyStage("s-2", "Support")]
    project.churn.causes["experience"] = ChurnCauseCheck(
        symptoms=["slow_replies"], severity=Severity.STRONGLY, evidence="E-mails answered in 3 days"
    )

    (finding,) = findings(project, references_for(project))

    assert (finding.id, finding.severity, finding.actionable) == (
        "cause.experience",
        FindingSeverity.HIGH,
        True,
    )
    assert finding.title.render("en") == "“Poor customer experience” drives customers away strongly"
    assert [e.render("en") for e in finding.evidence] == [
        "Replies take too long",
        "E-mails answered in 3 days",
    ]
    assert finding.stage_id == "s-2"
    assert finding.themes == ("service", "communication")


def test_severity_follows_strength_and_control() -> None:
    project = Project()
    causes = project.churn.causes
    causes["context"] = ChurnCauseCheck(severity=Severity.STRONGLY)  # outside control
    causes["quality"] = ChurnCauseCheck(severity=Severity.SOMEWHAT)
    causes["fit"] = ChurnCauseCheck(severity=Severity.SOMEWHAT)
    causes["activation"] = ChurnCauseCheck(severity=Severity.NONE)

    found = {f.id: f for f in findings(project, references_for(project))}

    assert found["cause.context"].severity == FindingSeverity.MEDIUM
    assert not found["cause.context"].actionable
    assert found["cause.quality"].severity == FindingSeverity.MEDIUM
    assert found["cause.fit"].severity == FindingSeverity.LOW
    assert "cause.activation" not in found
    # same severity: what the business can act on first
    assert _ids(project) == ["cause.quality", "cause.context", "cause.fit"]


def test_figures_pointing_to_an_unjudged_cause_become_a_finding() -> None:
    project = Project()
    project.kpi_periods = [
        KpiPeriod("Q1", surveys=SurveyResults(csat_counts=[4, 4, 2, 0, 0])),
    ]

    (finding,) = findings(project, references_for(project))

    assert (finding.id, finding.source, finding.severity) == (
        "data.quality",
        FindingSource.DATA,
        FindingSeverity.MEDIUM,
    )
    assert "CSAT" in finding.evidence[0].render("en")
    project.churn.causes["quality"] = ChurnCauseCheck(severity=Severity.NONE)
    assert findings(project, references_for(project))[0].severity == FindingSeverity.LOW
    project.churn.causes["quality"] = ChurnCauseCheck(severity=Severity.STRONGLY)
    (judged,) = findings(project, references_for(project))
    assert judged.id == "cause.quality" and "CSAT" in judged.evidence[-1].render("en")


def test_each_mistake_made_is_a_finding_with_its_severity() -> None:
    project = Project()
    project.churn.mistakes = [m.id for m in MISTAKES] + ["from_the_future"]

    found = findings(project, references_for(project))

    assert [f.id for f in found if f.source == FindingSource.MISTAKE] == sorted(
        (f"mistake.{m.id}" for m in MISTAKES),
        key=lambda i: (
            ["high", "medium", "low"].index(
                next(m.severity for m in MISTAKES if f"mistake.{m.id}" == i)
            ),
            [f"mistake.{m.id}" for m in MISTAKES].index(i),
        ),
    )
    assert all(set(f.themes) <= set(THEME_NAMES) for f in found)


def test_failed_loyalty_items_count_only_when_there_is_a_programme() -> None:
    project = Project()
    project.churn.loyalty_audit = {item.id: False for item in AUDIT_ITEMS}
    project.churn.has_loyalty_programme = False
    assert findings(project, references_for(project)) == []

    project.churn.has_loyalty_programme = True
    project.churn.loyalty_audit["no_hidden_clauses"] = True
    found = findings(project, references_for(project))

    assert len(found) == len(AUDIT_ITEMS) - 1
    assert "loyalty.no_hidden_clauses" not in _ids(project)
    assert found[0].severity == FindingSeverity.HIGH
    assert found[0].title.render("fr").startswith("Programme de fidélité")


def test_the_demo_has_ranked_findings_in_both_languages() -> None:
    for language in ("en", "fr"):
        demo = load_project(demo_project(language))
        found = findings(demo, references_for(demo))
        ids = [f.id for f in found]
        assert ids[:2] == ["cause.experience", "cause.activation"]
        assert "loyalty.balance_communicated" in ids
        assert "mistake.no_personalisation" in ids
        assert "data.quality" in ids


def test_a_painful_journey_stage_is_one_of_the_findings() -> None:
    from advisor.domain.project import JourneyMap, JourneyStage, Project

    project = Project(
        journey=JourneyMap(
            [JourneyStage("s-returns", "Returns", emotion=-2, frictions=["Return label by post"])]
        )
    )
    found = [f for f in findings(project, references_for(project)) if f.id == "journey.s-returns"]
    assert len(found) == 1
    assert found[0].stage_id == "s-returns"
    assert "Returns" in found[0].title.render("en")
