"""Upgrading project files written by older versions of the application.

Each entry of :data:`MIGRATIONS` turns a document of format ``n`` into format ``n + 1``; loading
applies them in order. Add one (and a test with a file of the old format) whenever the model
changes in a way older files do not fit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT_VERSION = 3

Document = dict[str, Any]


def _retention_gain(document: Document) -> Document:
    """Format 2 adds ``plan.retention_gain_points`` (the what-if's assumption, shared by the KPI
    step and the printed plan); a format 1 file gets the value both used then, 3 points."""
    project = document.get("project")
    if isinstance(project, dict):
        plan = project.setdefault("plan", {})
        if isinstance(plan, dict):
            plan.setdefault("retention_gain_points", 3.0)
    return document


def _reviews(document: Document) -> Document:
    """Format 3 adds ``reviews`` (the review rounds): a format 2 file has none."""
    project = document.get("project")
    if isinstance(project, dict):
        project.setdefault("reviews", [])
    return document


MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _retention_gain, 2: _reviews}


def migrate(document: Document, version: int) -> Document:
    """Bring ``document`` (of format ``version``) up to :data:`CURRENT_VERSION`."""
    while version < CURRENT_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
        document["format_version"] = version
    return document
