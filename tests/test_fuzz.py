"""Damaged and hostile files never end in a traceback, a hang or runaway memory.

Seeded fuzzing of the three kinds of file a user hands the app — a project, a playbook, an
orders export — by random truncation, byte flips, deep nesting, huge numbers and huge strings.
Each case must end with the reader's own user-facing error (or be read), quickly."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor.analytics.errors import ImportProblem
from advisor.paths import PLAYBOOKS, demo_project
from advisor.storage.playbooks import read_playbook
from advisor.storage.project_file import ProjectFileError, load_project

SEED = 20261204
SLOW = 10.0  # seconds: a case slower than this is a hang

ORDERS = (
    "customer,date,amount\n"
    + "".join(
        f"c{i % 40},2026-{1 + i % 12:02d}-{1 + i % 28:02d},{10 + i % 90}.50\n" for i in range(160)
    )
).encode()


def _mutations(base: bytes, rng: random.Random, count: int) -> list[tuple[str, bytes]]:
    """``count`` damaged versions of ``base``, each with a label saying what was done."""
    cases: list[tuple[str, bytes]] = []
    for index in range(count):
        kind = index % 6
        if kind == 0:
            cut = rng.randrange(len(base))
            cases.append((f"cut at {cut}", base[:cut]))
        elif kind == 1:
            data = bytearray(base)
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            cases.append(("bytes flipped", bytes(data)))
        elif kind == 2:
            depth = rng.choice((100, 1_000, 5_000, 50_000))
            at = rng.randrange(len(base))
            cases.append((f"nested {depth}", base[:at] + b"[" * depth + b"]" * depth + base[at:]))
        elif kind == 3:
            digits = rng.choice((20, 400, 5_000, 50_000))
            text = base.decode("utf-8", "replace")
            spot = rng.choice(("1", "2", "0", "5"))
            where = text.find(spot, rng.randrange(len(text)))
            where = where if where >= 0 else text.find(spot)
            huge = text[:where] + "9" * digits + text[where + 1 :]
            cases.append((f"{digits}-digit number", huge.encode()))
        elif kind == 4:
            size = rng.choice((10_000, 200_000, 2_000_000))
            text = base.decode("utf-8", "replace")
            quote = text.find('"', rng.randrange(len(text)))
            quote = quote if quote >= 0 else 0
            filler = rng.choice(("x", "é", "<b>&", "\\ud800", "\\u0000", "=cmd|' /C calc'!A0"))
            long = text[: quote + 1] + filler * (size // len(filler)) + text[quote + 1 :]
            cases.append((f"{size}-character string", long.encode()))
        else:
            data = bytearray(base)
            start = rng.randrange(len(data))
            data[start : start + rng.randint(1, 200)] = rng.randbytes(rng.randint(0, 200))
            cases.append(("slice replaced", bytes(data)))
    return cases


def _run_cases(
    tmp_path: Path,
    name: str,
    base: bytes,
    count: int,
    read: Callable[[Path], object],
    expected: tuple[type[BaseException], ...],
) -> None:
    rng = random.Random(f"{SEED}-{name}")
    failures: list[str] = []
    for number, (label, data) in enumerate(_mutations(base, rng, count)):
        path = tmp_path / f"case-{number}-{name}"
        path.write_bytes(data)
        started = time.monotonic()
        try:
            read(path)
        except expected:
            pass
        except Exception as error:  # noqa: BLE001 - the failure being looked for
            failures.append(f"{name} #{number} ({label}): {type(error).__name__}: {error!s:.200}")
        elapsed = time.monotonic() - started
        if elapsed > SLOW:
            failures.append(f"{name} #{number} ({label}): took {elapsed:.1f} s")
        path.unlink()
    assert failures == [], "\n".join(failures)


def test_damaged_project_files_give_one_clear_error(tmp_path: Path) -> None:
    base = demo_project("fr").read_bytes()
    _run_cases(tmp_path, "project.retention", base, 240, load_project, (ProjectFileError,))


def test_damaged_playbooks_are_reported_as_problems(tmp_path: Path) -> None:
    base = (PLAYBOOKS / "welcome-sequence.toml").read_bytes()

    def read(path: Path) -> object:
        toml = path.with_suffix(".toml")
        path.rename(toml)
        try:
            return read_playbook(toml, user=True)
        finally:
            toml.rename(path)

    _run_cases(tmp_path, "playbook", base, 180, read, ())


def test_damaged_orders_exports_give_one_clear_error(tmp_path: Path) -> None:
    from advisor.analytics.files import analyse_file

    def read(path: Path) -> object:
        csv = path.with_suffix(".csv")
        path.rename(csv)
        try:
            return analyse_file(csv)
        finally:
            csv.rename(path)

    _run_cases(tmp_path, "orders", ORDERS, 60, read, (ImportProblem,))


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX only")
def test_fuzzing_stayed_under_a_gigabyte() -> None:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_bytes = peak if sys.platform == "darwin" else peak * 1024
    assert peak_bytes < 1024**3
