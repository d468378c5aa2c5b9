"""The killed share of mutants per module, from the last `mutmut run` (``./dev mutate``).

    python -m tools.mutation_report            # the table
    python -m tools.mutation_report --survivors advisor.domain.kpis   # which changes lived

Killed: a test failed (or timed out) with the change in place. Survived: every test still
passed. No tests: no test reaches the changed function. Not checked: the run did not get there.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

_LINE = re.compile(r"^\s*(?P<name>[\w.]+)__mutmut_\d+: (?P<status>.+)$")
KILLED = {"killed", "timeout"}


def results(mutmut: Path) -> dict[str, Counter[str]]:
    """Statuses counted per module (``advisor.domain.kpis``)."""
    listing = subprocess.run(
        [str(mutmut), "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for line in listing.splitlines():
        match = _LINE.match(line)
        if match:
            module = match["name"].rsplit(".", 1)[0]  # drop the x_function name
            by_module[module][match["status"].strip()] += 1
    return by_module


def survivors(mutmut: Path, module: str) -> list[str]:
    listing = subprocess.run(
        [str(mutmut), "results"], capture_output=True, text=True, check=True
    ).stdout
    return [
        line.strip().split(":")[0]
        for line in listing.splitlines()
        if line.strip().startswith(module + ".") and line.rstrip().endswith("survived")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", metavar="MODULE", help="list the mutants that lived")
    args = parser.parse_args(argv)
    mutmut = Path(sys.executable).with_name("mutmut")
    if args.survivors:
        print("\n".join(survivors(mutmut, args.survivors)))
        return 0
    table = results(mutmut)
    header = ("mutants", "killed", "survived", "no tests", "share")
    print(f"{'module':38} " + " ".join(f"{h:>8}" for h in header))
    weakest = 100.0
    for module, counts in sorted(table.items()):
        total = sum(counts.values())
        killed = sum(counts[s] for s in KILLED)
        share = 100 * killed / total if total else 100.0
        weakest = min(weakest, share)
        print(
            f"{module:38} {total:8} {killed:8} {counts['survived']:8} "
            f"{counts['no tests']:8} {share:7.1f}%"
        )
    return 0 if weakest >= 90 else 1


if __name__ == "__main__":
    sys.exit(main())
