"""The bundled demo: complete, valid and the same business in both languages."""

from __future__ import annotations

import dataclasses

from advisor.domain.wizard import WORKSHOP_STEPS, StepId, StepState, completeness
from advisor.paths import demo_project
from advisor.storage.project_file import load_project


def test_demo_fills_every_step_in_both_languages() -> None:
    for language in ("en", "fr"):
        project = load_project(demo_project(language))
        states = {step: completeness(project, step).state for step in WORKSHOP_STEPS}
        # every step but the export, which is done once the plan is printed
        assert states.pop(StepId.EXPORT) == StepState.EMPTY
        assert set(states.values()) == {StepState.COMPLETE}, (language, states)


def test_demo_figures_agree_between_languages() -> None:
    english, french = load_project(demo_project("en")), load_project(demo_project("fr"))
    assert english.profile.name == french.profile.name
    assert (english.profile.report_language, french.profile.report_language) == ("en", "fr")
    for en_period, fr_period in zip(english.kpi_periods, french.kpi_periods, strict=True):
        assert dataclasses.replace(en_period, label="") == dataclasses.replace(fr_period, label="")
    assert [s.id for s in english.journey.stages] == [s.id for s in french.journey.stages]
    assert english.journey.stages[0].name != french.journey.stages[0].name


def test_demo_customer_counts_add_up() -> None:
    for period in load_project(demo_project("en")).kpi_periods:
        assert period.customers_end == (
            period.customers_start + period.customers_new - period.customers_lost
        )
