"""Importing a 1,000,000-row orders file: ``analyze`` against a bare pandas baseline.

The file is a WooCommerce order export (order id, ISO date, status, total, customer id, e-mail)
with 100,000 customers over three years, 2 % failed orders and 10 % guests. The baseline reads
it with ``read_csv`` (dates parsed), groups per customer (first order, orders, revenue) and
pivots cohorts (first-order month × months since) — the least any such analysis does. Each runs
in its own process, alternating, so peak memory (max RSS) is each one's own. Target: ≤ 3× the
baseline's time, peak memory < 1 GB.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROWS = 1_000_000
RUNS = 3

_ANALYZE = """
import json, resource, sys, time
started = time.perf_counter()
from advisor.analytics.files import analyse_file
result = analyse_file(__import__("pathlib").Path(sys.argv[1]), "month")
data = result.as_json()
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "orders": data["orders"], "customers": data["customers"]}))
"""

_BASELINE = """
import json, resource, sys, time
started = time.perf_counter()
import pandas as pd
frame = pd.read_csv(sys.argv[1], parse_dates=["order_date"])
frame = frame[frame["customer_email"].notna()]
per_customer = frame.groupby("customer_email").agg(
    first=("order_date", "min"), orders=("order_id", "size"), revenue=("order_total", "sum"))
dates = frame["order_date"]
month = dates.dt.year * 12 + dates.dt.month
first = month.groupby(frame["customer_email"]).transform("min")
cohorts = frame.assign(cohort=first, offset=month - first).pivot_table(
    index="cohort", columns="offset", values="customer_email", aggfunc="nunique")
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "orders": len(frame), "customers": len(per_customer)}))
"""


def write_orders(path: Path, rows: int = ROWS, seed: int = 4) -> None:
    """A WooCommerce-export-like file of ``rows`` orders."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    customer = rng.zipf(1.6, rows) % 100_000
    days = rng.integers(0, 3 * 365, rows)
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(days, "D")
    guest = rng.random(rows) < 0.10
    emails = pd.Series([f"c{c}@example.com" for c in customer])
    emails[guest] = ""
    frame = pd.DataFrame(
        {
            "order_id": np.arange(1, rows + 1),
            "order_date": dates.strftime("%Y-%m-%d %H:%M:%S"),
            "status": np.where(rng.random(rows) < 0.02, "failed", "completed"),
            "order_total": rng.gamma(2.0, 20.0, rows).round(2),
            "customer_id": np.where(guest, 0, customer + 1),
            "customer_email": emails,
        }
    )
    frame.to_csv(path, index=False)


def _run(script: str, path: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        write_orders(path)
        size = path.stat().st_size / 1e6
        analyze, baseline = [], []
        for _ in range(RUNS):
            baseline.append(_run(_BASELINE, path))
            analyze.append(_run(_ANALYZE, path))
    a = statistics.median(r["seconds"] for r in analyze)
    b = statistics.median(r["seconds"] for r in baseline)
    a_mem = max(r["rss_mb"] for r in analyze)
    b_mem = max(r["rss_mb"] for r in baseline)
    print(f"Order import, {ROWS:,} rows ({size:.0f} MB), median of {RUNS} runs:")
    print(f"  analyze            {a:6.2f} s   peak {a_mem:6.0f} MB  (target ≤ 3× and < 1024 MB)")
    print(f"  pandas baseline    {b:6.2f} s   peak {b_mem:6.0f} MB")
    print(f"  ratio              {a / b:6.2f}")
    print(
        f"  analyze counted {analyze[0]['orders']:.0f} orders, {analyze[0]['customers']:.0f} "
        f"customers; baseline {baseline[0]['orders']:.0f} rows, {baseline[0]['customers']:.0f}"
    )


if __name__ == "__main__":
    main()
