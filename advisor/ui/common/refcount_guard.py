"""A guard against a reference-counting bug of the PySide6 6.12 wheels on Python 3.11.

The wheels are built for Python versions where ``None``, ``True`` and ``False`` are immortal
(3.12 and later) and hand them back without a new reference:

- every call of a method that returns nothing (``setPos``, ``setPen``, ``setText``…) takes a
  reference from ``None``;
- every signal emitted, connected or disconnected from Python takes one from ``True``.

On 3.11 a few thousand such calls — one repaint of a busy journey board, about 750 keys typed
in the KPI table — make CPython abort with "deallocating None" or "deallocating True or
False", and the window vanishes with whatever was typed since the last recovery copy. The
guard checks whether this Python and this PySide6 show the bug and, if so, gives each of these
objects the spare references Python 3.12 gives them for good (they are never freed anyway).
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

SPARE_REFERENCES = 1 << 48
_PROBE_CALLS = 16
_protected: set[str] = set()


def _loses_references(obj: object, call: Callable[[], object]) -> bool:
    before = sys.getrefcount(obj)
    for _ in range(_PROBE_CALLS):
        call()
    return sys.getrefcount(obj) < before - _PROBE_CALLS // 2


def leaks_none() -> bool:
    """Whether calls of PySide6 methods returning nothing take references from ``None``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    return _loses_references(None, lambda: probe.setObjectName(""))


def leaks_true() -> bool:
    """Whether emitting a signal from Python takes references from ``True``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    return _loses_references(True, lambda: probe.objectNameChanged.emit(""))


def _spare(*objects: object) -> None:
    for obj in objects:
        ctypes.c_ssize_t.from_address(id(obj)).value += SPARE_REFERENCES


def protect_singletons() -> frozenset[str]:
    """Apply the guard once where it is needed; returns what it protects ("None", "bool")."""
    if sys.version_info < (3, 12):
        if "None" not in _protected and leaks_none():
            _spare(None)
            _protected.add("None")
        if "bool" not in _protected and leaks_true():
            _spare(True, False)
            _protected.add("bool")
    return frozenset(_protected)
