"""The KPI step recomputes only the periods whose figures changed, and never shows stale KPIs."""

from __future__ import annotations

import dataclasses

import pytest

from advisor.domain import kpis
from advisor.domain.kpis import KpiCache, KpiContext, KpiResult, compute_kpis
from advisor.domain.project import KpiPeriod, SurveyResults


def _periods() -> list[KpiPeriod]:
    base = KpiPeriod("Q1", customers_start=200, customers_end=210, customers_new=30,
                     customers_lost=20, orders=500, revenue=20_000.0, unique_buyers=190,
                     surveys=SurveyResults(nps_counts=[0] * 9 + [5, 5]))  # fmt: skip
    return [dataclasses.replace(base, label=f"Q{i}", surveys=SurveyResults(
        nps_counts=list(base.surveys.nps_counts))) for i in range(1, 5)]  # fmt: skip


def _values(results: list[dict]) -> list[dict]:
    return [{k: r.value for k, r in period.items()} for period in results]


def test_one_changed_figure_recomputes_one_period(monkeypatch: pytest.MonkeyPatch) -> None:
    periods, context, cache = _periods(), KpiContext(), KpiCache()
    cache.results(periods, context)
    computed: list[str] = []
    original = kpis.compute_kpis
    monkeypatch.setattr(
        kpis, "compute_kpis", lambda p, c: computed.append(p.label) or original(p, c)
    )
    periods[2].orders = 650
    after = cache.results(periods, context)
    assert computed == ["Q3"]
    assert _values(after) == _values([compute_kpis(p, context) for p in periods])
    assert after[2]["aov"].value == pytest.approx(20_000 / 650)


def test_survey_counts_changed_in_place_are_seen() -> None:
    periods, context, cache = _periods(), KpiContext(), KpiCache()
    assert cache.results(periods, context)[0]["nps"].value == 100.0
    periods[0].surveys.nps_counts[0] = 10  # the same list, one count changed
    assert cache.results(periods, context)[0]["nps"].value == 0.0


def test_inserted_periods_and_another_context_are_recomputed() -> None:
    periods, cache = _periods(), KpiCache()
    cache.results(periods, KpiContext())
    periods.insert(1, KpiPeriod("new", customers_start=10, customers_lost=5))
    one_off = KpiContext(one_off=True)
    results = cache.results(periods, one_off)
    assert results[1]["churn_rate"].value is None  # left out for a one-off purchase
    assert _values(results) == _values([compute_kpis(p, one_off) for p in periods])


def test_a_report_computes_each_periods_kpis_once_per_context() -> None:
    """While a report is built (``remembering``), the KPI table, the findings and the playbook
    matching ask for the same periods' KPIs: they get the very same results, for each
    business context, until a figure changes."""
    period, shop, one_off = _periods()[0], KpiContext(), KpiContext(one_off=True)
    with kpis.remembering():
        first = compute_kpis(period, shop)
        other = compute_kpis(period, one_off)
        assert _same(compute_kpis(period, shop), first)
        assert _same(compute_kpis(period, one_off), other)
        assert other["churn_rate"].value is None and first["churn_rate"].value == 10.0
        period.customers_lost = 40  # 40 of 200: 20 %
        changed = compute_kpis(period, shop)
        assert not _same(changed, first) and changed["churn_rate"].value == 20.0
    assert not _same(compute_kpis(period, shop), compute_kpis(period, shop))  # no memory now


def _same(results: dict[str, KpiResult], others: dict[str, KpiResult]) -> bool:
    """The same computed results (not only equal ones), in a copy of the table."""
    return results.keys() == others.keys() and all(results[k] is others[k] for k in results)
