"""Running part of a test without the power to write where permissions forbid it, so
permission failures are tested where CI runs too: root may write anywhere because it holds the
capabilities to override file permissions; the child process here gives them up (Linux) before
it starts, then runs as root like any other user, bound by the mode bits."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_PR_CAPBSET_DROP = 24
#: CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER (linux/capability.h)
_OVERRIDES = (1, 2, 3)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _drop_overrides() -> None:
    """In the child, before it runs the interpreter: no more permission overrides."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    for capability in _OVERRIDES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            os._exit(97)  # the test then reports that the capabilities could not be dropped


def locked(folder: Path) -> Path:
    """``folder`` made read-only for everyone, its owner included."""
    folder.chmod(0o555)
    return folder


def run_unprivileged(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` (``args`` in ``sys.argv[1:]``) in a child that the mode bits bind,
    whoever runs the tests."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=_drop_overrides if _is_root() else None,
    )
    assert result.returncode != 97, "could not give up root's permission overrides"
    return result
