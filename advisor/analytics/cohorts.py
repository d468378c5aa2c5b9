"""Cohort retention: customers grouped by the period of their first order, and the share of
each cohort that orders again 0, 1, 2… periods later."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from advisor.analytics.periods import ActivePairs, PeriodUnit, period_array, period_label


@dataclass(frozen=True)
class CohortTable:
    """``retention[i][k]``: percent of cohort i active k periods after its first; ``None`` past
    the end of the data. ``active`` holds (customer, cohort, offset) for listing a cell."""

    unit: PeriodUnit
    cohorts: list[str]
    sizes: list[int]
    retention: list[list[float | None]]
    active: pd.DataFrame
    #: The customer key of each code (sorted: codes sort as keys do).
    keys: NDArray[Any] = field(default_factory=lambda: np.array([], dtype=object))

    def customers(self, cohort: int, offset: int) -> list[str]:
        """The customers of cohort number ``cohort`` active ``offset`` periods later."""
        cell = self.active[(self.active["cohort"] == cohort) & (self.active["offset"] == offset)]
        return [str(key) for key in self.keys[np.sort(cell["code"].to_numpy())]]


def compute_cohorts(orders: pd.DataFrame, unit: PeriodUnit, keys: NDArray[Any]) -> CohortTable:
    """The cohort table of identified customers' orders (``code`` ≥ 0; ``keys`` name them)."""
    if not (orders["code"] >= 0).any():
        empty = pd.DataFrame(columns=["code", "cohort", "offset"])
        return CohortTable(unit, [], [], [], empty, keys)
    pairs = ActivePairs.of(orders, unit)
    last = int(period_array(orders["date"].to_numpy(), unit).max())
    first = pairs.first_periods()
    offset = pairs.period - first
    cohort_numbers, cohort = np.unique(first, return_inverse=True)
    width = last - int(cohort_numbers[0]) + 1
    counts = np.bincount(cohort * width + offset, minlength=len(cohort_numbers) * width)
    counts = counts.reshape(len(cohort_numbers), width)
    sizes = counts[:, 0]
    shares = counts / sizes[:, None] * 100
    retention: list[list[float | None]] = []
    for row, number in enumerate(cohort_numbers.tolist()):
        visible = last - number + 1
        retention.append(
            [round(float(v), 2) if k < visible else None for k, v in enumerate(shares[row])]
        )
    active = pd.DataFrame({"code": pairs.code, "cohort": cohort.astype(np.int64), "offset": offset})
    return CohortTable(
        unit,
        [period_label(n, unit) for n in cohort_numbers.tolist()],
        [int(s) for s in sizes],
        retention,
        active,
        keys,
    )
