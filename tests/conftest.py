"""Test configuration: Qt runs offscreen and settings live in a temporary folder."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["RETENTION_ADVISOR_CONFIG_DIR"] = tempfile.mkdtemp(prefix="retention-advisor-tests-")
# The machine's language never decides a test: the command line falls back to the locale's
# (LC_ALL, LC_MESSAGES, LANG), so every test runs with an English one unless it sets another.
# .ci/run runs the headless tests again under a French locale to keep this true.
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "en_US.UTF-8"

from collections.abc import Callable, Iterator  # noqa: E402
from functools import partial  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from advisor.i18n import use_language  # noqa: E402

# Property tests draw the same examples on every run, so a run that lands is a run that passes
# again; HYPOTHESIS_PROFILE=explore draws new ones (and keeps failures in .hypothesis/).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from advisor.ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts in English, whatever the previous one switched to."""
    use_language("en")
    yield
    use_language("en")


# The UI tests' windows. Qt and the window load only in the tests that ask for one.


@pytest.fixture
def demo_on(qtbot: QtBot, tmp_path: Path) -> Callable[..., MainWindow]:
    """Opens the demo project in a new window at a step: ``demo_on(StepId.PLAN)`` (no step:
    the profile). Windows of one test share their settings folder."""
    from tests.ui_helpers import window_on

    return partial(window_on, qtbot, tmp_path / "config", demo=True)


@pytest.fixture
def blank_on(qtbot: QtBot, tmp_path: Path) -> Callable[..., MainWindow]:
    """Opens a new, empty project in a new window at a step: ``blank_on(StepId.KPIS)`` (no
    step: the profile)."""
    from tests.ui_helpers import window_on

    return partial(window_on, qtbot, tmp_path / "config", demo=False)
