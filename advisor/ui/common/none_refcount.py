"""A guard against a reference-counting bug of the PySide6 6.12 wheels on Python 3.11.

Their methods that return nothing hand back ``None`` without a new reference: the wheels are
built for Python versions where ``None`` is immortal (3.12 and later). On 3.11 every such call
(``setPos``, ``setPen``, ``setText``…) takes one reference from ``None``, and a few thousand
calls — one repaint of a busy board — make CPython abort with "deallocating None". The guard
checks whether this Python and this PySide6 show the bug and, if so, gives ``None`` the spare
references Python 3.12 gives it for good (``None`` is never freed in any case).
"""

from __future__ import annotations

import ctypes
import sys

SPARE_REFERENCES = 1 << 48
_protected = False


def leaks_none() -> bool:
    """Whether calls of PySide6 methods returning nothing take references from ``None``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("")
    return sys.getrefcount(None) < before - 8


def protect_none() -> bool:
    """Apply the guard once if it is needed; returns whether it is in place."""
    global _protected
    if not _protected and sys.version_info < (3, 12) and leaks_none():
        ctypes.c_ssize_t.from_address(id(None)).value += SPARE_REFERENCES
        _protected = True
    return _protected
