"""What the step pages show for the demo project."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.domain.wizard import StepId
from advisor.i18n.formatting import NNBSP
from advisor.ui.shell.main_window import MainWindow
from tests.ui_helpers import make_window, type_text


@pytest.fixture
def window(demo_on) -> MainWindow:
    return demo_on()


def test_profile_says_what_is_still_missing(blank_on) -> None:
    window = blank_on()
    page = window.page(StepId.PROFILE)
    assert "Business name" in page.missing.text()
    type_text(page.name, "Atelier Vélo")
    assert "Business name" not in page.missing.text()
    assert "1 of 5 done" in window.navigator.item(0).text()


def test_french_profile_shows_numbers_the_french_way(window: MainWindow) -> None:
    window.set_language("fr")
    page = window.page(StepId.PROFILE)
    assert page.customers.edit.text() == f"1{NNBSP}800"
    assert page.yearly_revenue.edit.text() == f"420{NNBSP}000"
    assert page.title.text().count("Profil") == 1


def test_demo_opens_in_the_interface_language(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "config")
    window.set_language("fr")
    window.open_demo()
    assert window.session.project.journey.stages[0].name == "Découverte"


def test_saying_whom_a_subscription_sells_to_brings_its_churn_benchmark(
    window: MainWindow,
) -> None:
    from advisor.domain.kpi_definitions import DEFINITIONS

    profile = window.page(StepId.PROFILE)
    churn_row = [d.id for d in DEFINITIONS].index("churn_rate")

    def churn_status() -> str:
        window.show_step(StepId.KPIS)
        return str(window.page(StepId.KPIS).kpis.index(churn_row, 2).data())

    def choose(combo, value: object) -> None:  # type: ignore[no-untyped-def]
        combo.setCurrentIndex(combo.findData(value))
        combo.activated.emit(combo.currentIndex())

    assert profile.sells_to.currentData() == "consumers"
    choose(profile.business_model, "subscription")
    # 11.4 % lost in the quarter ≈ 4.0 % a month, below the B2C median of 6.81 %
    assert churn_status() == "✓ better than typical"
    choose(profile.sells_to, "")
    assert churn_status() == ""  # B2B or B2C not said: no median measured on such businesses
    window.session.undo_stack.undo()
    assert window.session.project.profile.sells_to == "consumers"
