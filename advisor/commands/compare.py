"""``retention-advisor compare BEFORE AFTER [--json]``: two project files of the same business
compared as two review rounds (see :mod:`advisor.commands.progress`)."""

from __future__ import annotations

from advisor.commands.progress import add_compare_arguments as add_arguments
from advisor.commands.progress import run_compare as run

__all__ = ["add_arguments", "run"]
