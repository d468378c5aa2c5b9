"""The user guide inside the application: a page for every step in both languages, opened by
F1 on the step shown, links that lead somewhere, the KPI definitions from the KPI table."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.wizard import StepId
from advisor.paths import HELP
from advisor.ui.shell.main_window import MainWindow

PAGES = ["index", *(step.value for step in StepId)]


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:  # type: ignore[no-untyped-def]
    from tests.ui_helpers import make_window

    return make_window(qtbot, tmp_path / "config")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        self.links += [value or "" for name, value in attrs if tag == "a" and name == "href"]

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_step_has_a_guide_page_whose_links_lead_somewhere(language: str) -> None:
    for page in PAGES:
        path = HELP / language / f"{page}.html"
        parsed = _Links()
        parsed.feed(path.read_text("utf-8"))
        assert parsed.title.strip(), path
        for link in parsed.links:
            assert (HELP / language / link).is_file(), (path, link)


def test_french_pages_keep_their_punctuation_with_its_word() -> None:
    for path in (HELP / "fr").glob("*.html"):
        text = re.sub(r"<[^>]+>", "", path.read_text("utf-8"))
        assert not re.search(r" [:;!?»]", text), path.name
        assert "« " not in text, path.name


def test_f1_opens_the_page_of_the_step_shown_and_the_kpi_definitions(
    window: MainWindow, qtbot
) -> None:
    window.open_demo()
    window.show_step(StepId.JOURNEY)
    window.menus.step_help.trigger()
    help_window = window.menus._help_window
    assert help_window is not None and help_window.isVisible()
    assert help_window.browser.source().fileName() == "journey.html"
    assert help_window.windowTitle() == "Customer journey"
    window.show_step(StepId.KPIS)
    window.menus.step_help.trigger()
    text = help_window.browser.toPlainText()
    assert "The KPIs, one by one" in text
    assert all(definition.title in text for definition in DEFINITIONS[:5])
    window.menus.user_guide.trigger()
    assert help_window.browser.source().fileName() == "index.html"


def test_the_guide_follows_the_language(window: MainWindow) -> None:
    window.set_language("fr")
    window.open_demo()
    window.show_step(StepId.PLAN)
    window.menus.step_help.trigger()
    help_window = window.menus._help_window
    assert help_window is not None
    assert help_window.windowTitle() == "Plan d’action"
    assert "fiches d’action" in help_window.browser.toPlainText()
