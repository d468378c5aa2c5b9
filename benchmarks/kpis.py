"""Recomputing every KPI for 60 periods (five years of months): target under 5 ms.

The baseline, measured in the same process, is summing one figure over the same periods, so
the ratio tells how much the KPI engine costs compared with merely touching the data. The best
of 30 runs is the figure compared with the target (other processes on the machine only ever
slow a run down); the median is printed beside it.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Callable

from advisor.domain.kpis import compute_kpis, context_for
from advisor.paths import demo_project
from advisor.storage.project_file import load_project
from advisor.storage.references import load_reference_data

PERIODS = 60


def _periods() -> list:  # type: ignore[type-arg]
    demo = load_project(demo_project("en"))
    return [dataclasses.replace(demo.kpi_periods[i % 4], label=f"P{i}") for i in range(PERIODS)]


def _timings(work: Callable[[], object], repeats: int = 30) -> tuple[float, float]:
    """Best and median wall-clock time of ``repeats`` runs, in milliseconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times) * 1000, statistics.median(times) * 1000


def main() -> None:
    periods = _periods()
    # A B2B subscription judged by the quarter: every churn verdict is converted to a month.
    context = context_for("Software", "subscription", load_reference_data(), "b2b")
    engine = _timings(lambda: [compute_kpis(p, context) for p in periods])
    baseline = _timings(lambda: sum(p.revenue or 0 for p in periods))
    print(f"KPIs for {PERIODS} periods, 30 runs (best / median):")
    print(f"  all KPIs            {engine[0]:7.2f} / {engine[1]:7.2f} ms  (target < 5 ms)")
    print(f"  baseline (sum)      {baseline[0]:7.3f} / {baseline[1]:7.3f} ms")


if __name__ == "__main__":
    main()
