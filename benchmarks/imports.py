"""Importing an orders file: ``analyze`` against a bare pandas baseline, at the sizes a shop
reaches.

The file is a WooCommerce order export (order id, date and time, status, total, customer id,
e-mail) over three years, 2 % failed orders and 10 % guests. The *shop* case has one customer
per four orders, as real shops do; the *skewed* case draws customers from a Zipf law over
100,000 ids (a few customers with thousands of orders, ~7,000 customers per million orders).

The baseline reads the same file with ``read_csv`` (dates parsed), leaves out failed orders
and guests, and computes what ``analyze`` reports per period: orders and revenue, active,
new and retained customers, and the cohort matrix (first-order month × months since) — the
least any such analysis does. Each command runs in its own process, the two alternating, so
each peak memory (max RSS) is its own; times are whole processes, start-up included. Targets
(issue 19): ratio ≤ 2.0 at 1M rows, ≤ 2.5 at 3M; peak memory of ``analyze`` < 1 GB at 3M.

    python -m benchmarks.imports                    # shop 100k, 1M, 3M; skewed 1M
    python -m benchmarks.imports --rows 1000000 --case shop --runs 5
    python -m benchmarks.imports --write /tmp/orders.csv --rows 1000000   # for farm-bench
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3
SIZES = (100_000, 1_000_000, 3_000_000)

_ANALYZE = """
import json, resource, sys, time
started = time.perf_counter()
from pathlib import Path
from advisor.analytics.files import analyse_file
data = analyse_file(Path(sys.argv[1]), "month").as_json()
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "orders": data["orders"], "customers": data["customers"],
                  "new": sum(p["new"] for p in data["periods"]),
                  "retained": sum(p["retained"] for p in data["periods"])}))
"""

_BASELINE = """
import json, resource, sys, time
started = time.perf_counter()
import pandas as pd
frame = pd.read_csv(sys.argv[1], usecols=["order_date", "status", "order_total", "customer_id"])
frame = frame[frame["status"] != "failed"]
dates = pd.to_datetime(frame["order_date"], format="%Y-%m-%d %H:%M:%S")
month = dates.dt.year * 12 + dates.dt.month - 1
orders = month.value_counts()
revenue = frame["order_total"].groupby(month).sum()
known = frame["customer_id"] != 0
pairs = pd.DataFrame({"c": frame.loc[known, "customer_id"], "p": month[known]}).drop_duplicates()
active = pairs.groupby("p").size()
first = pairs.groupby("c")["p"].transform("min")
new = pairs[pairs["p"] == first].groupby("p").size()
retained = pairs.merge(pairs.assign(p=pairs["p"] + 1)).groupby("p").size()
cohorts = (pairs.assign(first=first, offset=pairs["p"] - first)
           .groupby(["first", "offset"]).size().unstack(fill_value=0))
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "orders": int(orders.sum()), "customers": int(pairs["c"].nunique()),
                  "new": int(new.sum()), "retained": int(retained.sum())}))
"""


def write_orders(path: Path, rows: int, case: str = "shop", seed: int = 4) -> None:
    """A WooCommerce-export-like file of ``rows`` orders (see the module's description)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    if case == "shop":
        customer = rng.integers(0, max(rows // 4, 1), rows)
    else:
        customer = rng.zipf(1.6, rows) % 100_000
    seconds = rng.integers(0, 3 * 365 * 86_400, rows)
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(seconds, "s")
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
    """What ``script`` printed, its ``seconds`` being the whole process's wall time."""
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    result["seconds"] = time.perf_counter() - started
    return result


def measure(rows: int, case: str, runs: int) -> dict[str, float]:
    """Median seconds, peak memory and ratio of ``analyze`` and the baseline, alternating."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        # in a child process: Linux keeps a process's peak memory across fork and exec, so a
        # parent grown by writing the file would set a floor under every run's figure
        subprocess.run(
            [sys.executable, "-m", "benchmarks.imports", "--write", str(path),
             "--rows", str(rows), "--case", case],
            cwd=Path(__file__).resolve().parent.parent,
            check=True,
        )  # fmt: skip
        analyze, baseline = [], []
        for _ in range(runs):
            baseline.append(_run(_BASELINE, path))
            analyze.append(_run(_ANALYZE, path))
    for key in ("orders", "new", "retained"):  # the two count the same thing
        assert analyze[0][key] == baseline[0][key], (key, analyze[0], baseline[0])
    ratios = [a["seconds"] / b["seconds"] for a, b in zip(analyze, baseline, strict=True)]
    return {
        "customers": analyze[0]["customers"],
        "analyze_s": statistics.median(r["seconds"] for r in analyze),
        "baseline_s": statistics.median(r["seconds"] for r in baseline),
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "analyze_mb": max(r["rss_mb"] for r in analyze),
        "baseline_mb": max(r["rss_mb"] for r in baseline),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="repeatable")
    parser.add_argument("--case", choices=("shop", "skewed"), action="append")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--write", type=Path, help="only write the file there, then stop")
    args = parser.parse_args(argv)
    if args.write is not None:
        write_orders(args.write, (args.rows or [1_000_000])[0], (args.case or ["shop"])[0])
        return
    cases = [(rows, case) for case in (args.case or ["shop"]) for rows in (args.rows or SIZES)]
    if not args.rows and not args.case:
        cases.append((1_000_000, "skewed"))
    print(f"Order import against bare pandas, median of {args.runs} alternating runs:")
    print(
        "| rows | case | customers | analyze | pandas | ratio (min–max) "
        "| peak MB analyze / pandas |"
    )
    print("|---|---|---|---|---|---|---|")
    for rows, case in cases:
        m = measure(rows, case, args.runs)
        print(
            f"| {rows:,} | {case} | {m['customers']:,.0f} | {m['analyze_s']:.2f} s "
            f"| {m['baseline_s']:.2f} s | **{m['ratio']:.2f}** ({m['ratio_min']:.2f}–"
            f"{m['ratio_max']:.2f}) | {m['analyze_mb']:.0f} / {m['baseline_mb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
