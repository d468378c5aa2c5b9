"""Cohort retention: customers grouped by the period of their first order, and the share of
each cohort that orders again 0, 1, 2… periods later."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from advisor.analytics.periods import PeriodUnit, period_label, period_numbers


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
    known = orders[orders["code"] >= 0]
    if known.empty:
        empty = pd.DataFrame(columns=["code", "cohort", "offset"])
        return CohortTable(unit, [], [], [], empty, keys)
    number = period_numbers(known["date"], unit)
    last = int(period_numbers(orders["date"], unit).max())
    pairs = pd.DataFrame({"code": known["code"].to_numpy(), "p": number.to_numpy()})
    pairs = pairs.drop_duplicates()
    first = pairs.groupby("code")["p"].transform("min")
    pairs["offset"] = pairs["p"] - first
    pairs["first"] = first
    counts = pairs.groupby(["first", "offset"]).size().unstack(fill_value=0)
    cohort_numbers = [int(c) for c in counts.index]
    sizes = counts[0].astype("int64")
    width = last - min(cohort_numbers) + 1
    counts = counts.reindex(columns=range(width), fill_value=0)
    shares = counts.div(sizes, axis=0).to_numpy() * 100
    retention: list[list[float | None]] = []
    for row, cohort in enumerate(cohort_numbers):
        visible = last - cohort + 1
        retention.append(
            [round(float(v), 2) if k < visible else None for k, v in enumerate(shares[row])]
        )
    index = {n: i for i, n in enumerate(cohort_numbers)}
    active = pd.DataFrame(
        {
            "code": pairs["code"].to_numpy(),
            "cohort": pairs["first"].map(index).to_numpy(dtype=np.int64),
            "offset": pairs["offset"].to_numpy(),
        }
    )
    return CohortTable(
        unit,
        [period_label(n, unit) for n in cohort_numbers],
        [int(s) for s in sizes],
        retention,
        active,
        keys,
    )
