"""The sample businesses of File › New from Example…: each loads, passes `validate`, prints in
both languages, holds the same figures in English and French, and gets the diagnosis and the
playbooks a consultant would give it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from advisor.cli import main
from advisor.domain.figure_checks import check_period
from advisor.domain.kpis import compute_kpis
from advisor.domain.matching import recommend
from advisor.domain.matching_input import diagnosis_input
from advisor.domain.periods import period_months
from advisor.domain.project import Project
from advisor.domain.retention_questionnaire import QUESTIONS
from advisor.domain.retention_type import diagnose_project
from advisor.domain.schema import to_plain
from advisor.domain.wizard import missing_before_export
from advisor.paths import EXAMPLES, examples
from advisor.storage.playbooks import bundled_library
from advisor.storage.project_file import load_project
from advisor.storage.references import project_context

Must = str | tuple[str, ...]  # a playbook id, or alternatives of which one is enough

#: A business without a loyalty programme is never told to fix or simplify one; the review
#: ritual joins every plan outside the ranking, so it never takes a place in the top five.
NO_PROGRAMME = ("fair-loyalty-fixes", "simplify-loyalty-programme")
SUBSCRIPTION_ONLY = ("pause-instead-of-cancel", "failed-payment-recovery", "annual-plan-offer")
NEVER_ANYONE = ("kpi-review-ritual",)


@dataclasses.dataclass(frozen=True)
class Expected:
    """What a consultant would conclude: the retention type, whether customers buy once in a
    lifetime, playbooks that must be in the top five and playbooks that must never be."""

    retention_type: str
    one_off: bool
    must: tuple[Must, ...]
    never: tuple[str, ...]


EXPECTED: dict[str, Expected] = {
    # Clients book every 6 to 8 weeks and choose anew each time; booking is the bottleneck.
    "hair-salon": Expected(
        "intentional",
        False,
        ("book-next-visit",),
        (
            *SUBSCRIPTION_ONLY,
            *NO_PROGRAMME,
            "abandoned-cart-reminder",
            "replenishment-reminders",
            "seasonal-re-engagement",
        ),
    ),
    # Monthly card payments that fail, and an onboarding that takes three weeks.
    "b2b-software": Expected(
        "continuous",
        False,
        ("failed-payment-recovery", "shorten-time-to-value"),
        (
            *NO_PROGRAMME,
            "abandoned-cart-reminder",
            "replenishment-reminders",
            "book-next-visit",
            "maintenance-reminders",
            "habit-building",
            "points-programme",
            "paid-membership",
            "seasonal-re-engagement",
            "easy-returns-guarantee",
        ),
    ),
    # Bought once in a lifetime: retention is referrals, reviews and the sessions after.
    "wedding-photographer": Expected(
        "intentional",
        True,
        # What retention means for a one-off purchase: the moment of delivery (reviews,
        # referrals), then adjacent services. Referrals rest on an NPS of few answers here.
        ("handover-moment", "adjacent-services", ("referral-programme", "review-management")),
        (
            *SUBSCRIPTION_ONLY,
            *NO_PROGRAMME,
            "habit-building",
            "points-programme",
            "tiered-programme",
            "paid-membership",
            "seasonal-re-engagement",
            "replenishment-reminders",
            "abandoned-cart-reminder",
            "book-next-visit",
            "second-order-offer",
        ),
    ),
    # Already runs a points card whose points expire after 3 months.
    "tea-shop": Expected(
        "intentional",
        False,
        ("fair-loyalty-fixes",),
        (
            *SUBSCRIPTION_ONLY,
            "points-programme",
            "tiered-programme",
            "book-next-visit",
            "maintenance-reminders",
        ),
    ),
    # A daily habit broken by the August closure; a fair card already exists.
    "bakery": Expected(
        "intentional",
        False,
        (("communication-calendar", "win-back-campaign"),),
        (
            *SUBSCRIPTION_ONLY,
            *NO_PROGRAMME,  # the card passes the audit: nothing to fix
            "points-programme",
            "tiered-programme",
            "abandoned-cart-reminder",
            "replenishment-reminders",
            "book-next-visit",
            "maintenance-reminders",
        ),
    ),
    # Servicing once or twice a year, and no reminder when it is due.
    "garage": Expected(
        "intentional",
        False,
        ("maintenance-reminders",),
        (
            *SUBSCRIPTION_ONLY,
            *NO_PROGRAMME,
            "abandoned-cart-reminder",
            "replenishment-reminders",
            "habit-building",
        ),
    ),
    # Monthly membership; new members drop out in their second month.
    "gym": Expected(
        "continuous",
        False,
        (("first-use-check-in", "shorten-time-to-value", "welcome-sequence"),),
        (
            *NO_PROGRAMME,
            "abandoned-cart-reminder",
            "replenishment-reminders",
            "maintenance-reminders",
            "book-next-visit",
            "easy-returns-guarantee",
        ),
    ),
    # Yearly engagement letters; clients leave at closing after slow answers.
    "accountant": Expected(
        "continuous",
        False,
        ("response-time-targets", "account-management-basics"),
        (
            *NO_PROGRAMME,
            "abandoned-cart-reminder",
            "replenishment-reminders",
            "habit-building",
            "points-programme",
            "paid-membership",
            "tiered-programme",
            "book-next-visit",
            "pause-instead-of-cancel",
            "seasonal-re-engagement",
            "easy-returns-guarantee",
        ),
    ),
    # Regulars who come by choice; reviews about waiting, none answered.
    "restaurant": Expected(
        "intentional",
        False,
        ("review-management", "service-standards"),
        (
            *SUBSCRIPTION_ONLY,
            *NO_PROGRAMME,
            "abandoned-cart-reminder",
            "replenishment-reminders",
            "maintenance-reminders",
        ),
    ),
}
LANGUAGES = ("en", "fr")
FILES = [(example_id, lang) for example_id in EXPECTED for lang in LANGUAGES]


def _path(example_id: str, lang: str) -> Path:
    return EXAMPLES / f"{example_id}.{lang}.retention"


@pytest.fixture(scope="module")
def loaded() -> dict[tuple[str, str], Project]:
    return {key: load_project(_path(*key)) for key in FILES}


def test_every_example_is_listed_in_both_languages() -> None:
    for lang in LANGUAGES:
        listed = examples(lang)
        assert [example_id for example_id, _path in listed] == sorted(EXPECTED)
        assert all(path == _path(example_id, lang) for example_id, path in listed)
    assert {p.name for p in EXAMPLES.iterdir()} == {_path(*key).name for key in FILES}


def test_a_language_without_translations_falls_back_to_english() -> None:
    assert examples("de") == examples("en")


@pytest.mark.parametrize(("example_id", "lang"), FILES)
def test_example_is_a_finished_workshop_with_a_plan_from_its_top_plays(
    loaded: dict[tuple[str, str], Project], example_id: str, lang: str
) -> None:
    project = loaded[example_id, lang]
    assert project.profile.report_language == lang
    assert project.profile.currency == "EUR"
    assert project.profile.sells_to in ("consumers", "businesses")
    assert 5 <= len(project.journey.stages) <= 8
    assert missing_before_export(project) == []  # every step but the printing is done
    assert set(project.retention_type.answers) == {q.id for q in QUESTIONS}
    assert project.churn.has_loyalty_programme is not None
    if not project.churn.has_loyalty_programme:
        assert project.churn.loyalty_audit == {}
    # The plan a consultant leaves: three of the recommended plays and the review ritual,
    # every action owned and dated, spread within the plan's monthly capacity.
    plan = project.plan
    assert plan.start is not None and plan.review_date is not None
    picked = {a.playbook_id for a in plan.actions}
    top = set(_top(project, len(picked)))
    assert "kpi-review-ritual" in picked and len(picked - {"kpi-review-ritual"}) == 3
    assert picked - {"kpi-review-ritual"} <= top
    assert all(a.owner and a.due and a.due > plan.start for a in plan.actions)
    windows = [
        (a.due - plan.start).days // 30
        for a in plan.actions
        if a.due and a.playbook_id != "kpi-review-ritual"
    ]
    assert max(windows.count(w) for w in windows) <= plan.capacity
    titles = [a.title.casefold() for a in plan.actions]
    assert len(titles) == len(set(titles))  # no step twice


def test_the_english_and_french_plans_are_the_same_plan(
    loaded: dict[tuple[str, str], Project],
) -> None:
    for example_id in EXPECTED:
        en, fr = loaded[example_id, "en"].plan, loaded[example_id, "fr"].plan
        assert [(a.playbook_id, a.due, a.owner) for a in en.actions] == [
            (a.playbook_id, a.due, a.owner) for a in fr.actions
        ], example_id


@pytest.mark.parametrize(("example_id", "lang"), FILES)
def test_figures_pass_the_checks_and_periods_are_as_long(
    loaded: dict[tuple[str, str], Project], example_id: str, lang: str
) -> None:
    periods = loaded[example_id, lang].kpi_periods
    assert 2 <= len(periods) <= 4
    assert len({period_months(p) for p in periods}) == 1
    for period in periods:
        assert check_period(period) == [], period.label
        assert period.customers_end == (
            period.customers_start + period.customers_new - period.customers_lost  # type: ignore[operator]
        )
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.customers_start == before.customers_end


@pytest.mark.parametrize(("example_id", "lang"), FILES)
def test_validate_command_accepts_the_file(
    example_id: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(_path(example_id, lang))]) == 0
    assert "a valid project" in capsys.readouterr().out


def _same_data(project: Project) -> dict[str, Any]:
    """Everything but the words: choices, counts, ids, emotions and figures."""
    return {
        "profile": (
            project.profile.name,
            project.profile.business_model,
            project.profile.sells_to,
            project.profile.customers,
            project.profile.yearly_revenue,
            project.profile.facilitator_name,
        ),
        "stages": [
            (
                s.id,
                s.emotion,
                s.emotion_to_be,
                s.moment_of_truth,
                s.kpi,
                s.owner,
                [(t.id, t.channel) for t in s.touchpoints],
                len(s.frictions),
                len(s.opportunities),
            )
            for s in project.journey.stages
        ],
        "answers": project.retention_type.answers,
        "causes": {
            cause: (check.severity, check.symptoms, check.controllable)
            for cause, check in project.churn.causes.items()
        },
        "mistakes": project.churn.mistakes,
        "loyalty": (project.churn.has_loyalty_programme, project.churn.loyalty_audit),
        "periods": [dataclasses.replace(p, label="") for p in project.kpi_periods],
    }


@pytest.mark.parametrize("example_id", EXPECTED)
def test_english_and_french_hold_the_same_figures(
    loaded: dict[tuple[str, str], Project], example_id: str
) -> None:
    english, french = loaded[example_id, "en"], loaded[example_id, "fr"]
    assert _same_data(english) == _same_data(french)
    en_context, fr_context = project_context(english), project_context(french)
    assert en_context == fr_context  # the French sector is recognised as the English one
    for en_period, fr_period in zip(english.kpi_periods, french.kpi_periods, strict=True):
        en_kpis, fr_kpis = compute_kpis(en_period, en_context), compute_kpis(fr_period, fr_context)
        assert {k: r.value for k, r in en_kpis.items()} == {k: r.value for k, r in fr_kpis.items()}
        assert {k: r.status for k, r in en_kpis.items()} == {
            k: r.status for k, r in fr_kpis.items()
        }
    assert english.journey.stages[1].name != french.journey.stages[1].name


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _texts(item)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


@pytest.mark.parametrize("example_id", EXPECTED)
def test_french_texts_are_typeset(loaded: dict[tuple[str, str], Project], example_id: str) -> None:
    texts = _texts(to_plain(loaded[example_id, "fr"]))
    # An ordinary space or a letter before : ; ! ? », after «, or before % and €; a straight
    # apostrophe.
    faults = [t for t in texts if re.search(r"[ \w][:;!?»]|«[ \w]|'| [%€]", t)]
    assert faults == []


@pytest.mark.parametrize(("example_id", "lang"), FILES)
def test_pdf_exports(example_id: str, lang: str, tmp_path: Path) -> None:
    target = tmp_path / f"{example_id}.{lang}.pdf"
    assert main(["export", str(_path(example_id, lang)), "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    reader = PdfReader(target)
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text()
    assert load_project(_path(example_id, lang)).profile.name in first.replace("\n", " ")


def _top_five(project: Project) -> tuple[list[str], Any]:
    data = diagnosis_input(project, project_context(project))
    ranked = recommend(bundled_library().playbooks, data)
    return [r.playbook.id for r in ranked[:5]], data


def _top(project: Project, n: int) -> list[str]:
    return _top_five(project)[0][:n] if n <= 5 else []


@pytest.mark.parametrize("example_id", EXPECTED)
def test_a_consultant_would_agree_with_the_diagnosis_and_the_top_five(
    loaded: dict[tuple[str, str], Project], example_id: str
) -> None:
    expected = EXPECTED[example_id]
    project = loaded[example_id, "en"]
    diagnosis = diagnose_project(project)
    top, data = _top_five(project)
    problems = []
    if diagnosis.main is None or diagnosis.main.value != expected.retention_type:
        problems.append(f"type {diagnosis.main} (expected {expected.retention_type})")
    purchases = getattr(data, "purchases", None)
    if purchases != ("one_off" if expected.one_off else "repeat"):
        problems.append(f"purchases {purchases!r} (expected one_off={expected.one_off})")
    for must in expected.must:
        choices = (must,) if isinstance(must, str) else must
        if not set(choices) & set(top):
            problems.append(f"missing {' or '.join(choices)}")
    for playbook_id in (*expected.never, *NEVER_ANYONE):
        if playbook_id in top:
            problems.append(f"never {playbook_id}")
    assert not problems, f"{example_id}: {'; '.join(problems)} — top five {top}"


@pytest.mark.parametrize("example_id", EXPECTED)
def test_english_and_french_get_the_same_recommendations(
    loaded: dict[tuple[str, str], Project], example_id: str
) -> None:
    """Stage names are recognised in both languages, so the words never change the plan."""
    assert _top_five(loaded[example_id, "en"])[0] == _top_five(loaded[example_id, "fr"])[0]


def test_a_one_off_business_gets_no_figure_of_customers_coming_back(
    loaded: dict[tuple[str, str], Project],
) -> None:
    project = loaded["wedding-photographer", "en"]
    results = compute_kpis(project.kpi_periods[-1], project_context(project))
    for kpi in ("churn_rate", "repeat_purchase_rate", "clv", "ltv_cac"):
        reason = results[kpi].reason
        assert results[kpi].value is None and reason is not None
        assert reason.render("en").startswith("Left out: customers buy once in a lifetime")
    assert results["aov"].value is not None and results["nps"].value is not None
