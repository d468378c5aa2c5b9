"""Upgrading project files written by older versions of the application.

Each entry of :data:`MIGRATIONS` turns a document of format ``n`` into format ``n + 1``; loading
applies them in order. Add one (and a test with a file of the old format) whenever the model
changes in a way older files do not fit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT_VERSION = 1

Document = dict[str, Any]
MIGRATIONS: dict[int, Callable[[Document], Document]] = {}


def migrate(document: Document, version: int) -> Document:
    """Bring ``document`` (of format ``version``) up to :data:`CURRENT_VERSION`."""
    while version < CURRENT_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
        document["format_version"] = version
    return document
