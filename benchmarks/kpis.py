"""Recomputing every KPI for 60 periods (five years of months): target under 5 ms.

The baseline, measured in the same process, computes the same 19 KPIs for the same periods
with plain arithmetic: each formula once, missing figures and zero denominators skipped, no
explanation, verdict, reference or check — what any program showing these numbers must do.
The ratio is what the engine's explanations, checks and verdicts cost on top. The best of 30
runs is the figure compared with the target (other processes on the machine only ever slow a
run down); the median is printed beside it.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Callable

from advisor.domain.kpis import compute_kpis, context_for
from advisor.domain.project import KpiPeriod
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


def _div(top: float | None, bottom: float | None, scale: float = 1.0) -> float | None:
    return None if top is None or not bottom else top / bottom * scale


def plain_kpis(p: KpiPeriod, subscription: bool) -> dict[str, float | None]:
    """The 19 KPIs of one period by plain arithmetic (the baseline)."""
    s, e, n = p.customers_start, p.customers_end, p.customers_new
    retention = None if None in (s, e, n) or not s else (e - n) / s * 100  # type: ignore[operator]
    churn = _div(p.customers_lost, s, 100)
    start, lost, shrink = p.recurring_revenue_start, p.churned_revenue, p.contraction_revenue
    known = None not in (start, lost, shrink) and bool(start)
    revenue_churn = (lost + shrink) / start * 100 if known else None  # type: ignore[operator]
    grr = 100 - revenue_churn if revenue_churn is not None else None
    nrr = (
        (start - lost - shrink + p.expansion_revenue) / start * 100  # type: ignore[operator]
        if known and p.expansion_revenue is not None
        else None
    )
    aov = _div(p.revenue, p.orders)
    frequency = _div(p.orders, p.unique_buyers)
    lifespan = 100 / churn if churn else None
    clv = aov * frequency * lifespan if None not in (aov, frequency, lifespan) else None  # type: ignore[operator]
    margin = p.gross_margin_pct
    clv_margin = clv * margin / 100 if clv is not None and margin is not None else None
    arpa = _div(start, s)
    clv_sub = arpa * margin / churn if subscription and arpa and margin and churn else None
    cac = _div(p.acquisition_spend, n)
    value = clv_margin if clv_margin is not None else clv
    surveys = p.surveys
    nps_n, csat_n, ces_n = (
        sum(surveys.nps_counts),
        sum(surveys.csat_counts),
        sum(surveys.ces_counts),
    )
    return {
        "retention_rate": retention,
        "strict_retention_rate": _div(p.customers_active_both, s, 100),
        "reactivation_rate": _div(p.customers_reactivated, s, 100),
        "churn_rate": churn,
        "revenue_churn": revenue_churn,
        "grr": grr,
        "nrr": nrr,
        "aov": aov,
        "purchase_frequency": frequency,
        "repeat_purchase_rate": _div(p.repeat_buyers, p.unique_buyers, 100),
        "lifespan": lifespan,
        "clv": clv,
        "clv_margin": clv_margin,
        "clv_subscription": clv_sub,
        "cac": cac,
        "ltv_cac": _div(value, cac),
        "nps": (sum(surveys.nps_counts[9:]) - sum(surveys.nps_counts[:7])) / nps_n * 100
        if nps_n
        else None,
        "csat": sum(surveys.csat_counts[surveys.csat_cutoff - 1 :]) / csat_n * 100
        if csat_n
        else None,
        "ces": sum((i + 1) * c for i, c in enumerate(surveys.ces_counts)) / ces_n
        if ces_n
        else None,
    }


def main() -> None:
    periods = _periods()
    # A B2B subscription judged by the quarter: every churn verdict is converted to a month.
    context = context_for("Software", "subscription", load_reference_data(), "b2b")
    engine = _timings(lambda: [compute_kpis(p, context) for p in periods])
    baseline = _timings(lambda: [plain_kpis(p, True) for p in periods])
    engine_ids = set(compute_kpis(periods[0], context))
    assert set(plain_kpis(periods[0], True)) <= engine_ids, "the baseline computes other KPIs"
    print(f"KPIs for {PERIODS} periods, 30 runs (best / median):")
    print(f"  all KPIs            {engine[0]:7.2f} / {engine[1]:7.2f} ms  (target < 5 ms)")
    print(f"  plain arithmetic    {baseline[0]:7.3f} / {baseline[1]:7.3f} ms  (same 19 KPIs)")
    print(f"  ratio (best)        {engine[0] / baseline[0]:7.1f}")


if __name__ == "__main__":
    main()
