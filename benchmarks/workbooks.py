"""Reading orders from an Excel workbook against the same rows as CSV, and the workbook reader
chosen (python-calamine) against openpyxl.

The orders are shaped like a shop's: one customer per four orders over three years, order and
customer numbers as number cells, dates as date cells, 10 % guests. The same cells are written
as ``.xlsx`` (xlsxwriter) and as CSV. ``analyze FILE --json`` runs on each in its own process,
alternating, so each peak memory is its own.

    python -m benchmarks.workbooks                 # 1,000,000 rows, 3 runs each
    python -m benchmarks.workbooks --rows 100000
    python -m benchmarks.workbooks --keep /tmp/wb  # only write the files, for farm-bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["Order ID", "Order Date", "Status", "Order Total", "Customer ID", "Customer Email"]

_ANALYZE = """
import json, resource, sys, time
started = time.perf_counter()
from pathlib import Path
from advisor.analytics.files import analyse_file
data = analyse_file(Path(sys.argv[1]), "month").as_json()
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "orders": data["orders"], "customers": data["customers"],
                  "revenue": data["revenue"]}))
"""


def write_files(folder: Path, rows: int, seed: int = 4) -> tuple[Path, Path]:
    """``orders.xlsx`` and ``orders.csv`` with the same ``rows`` orders."""
    import numpy as np
    import xlsxwriter

    rng = np.random.default_rng(seed)
    customer = rng.integers(1, rows // 4 + 1, rows)
    guest = rng.random(rows) < 0.10
    minutes = rng.integers(0, 3 * 365 * 24 * 60, rows)
    failed = rng.random(rows) < 0.02
    total = rng.gamma(2.0, 20.0, rows).round(2)
    start = dt.datetime(2023, 1, 1)
    book_path, text_path = folder / "orders.xlsx", folder / "orders.csv"
    book = xlsxwriter.Workbook(str(book_path), {"constant_memory": True})
    sheet = book.add_worksheet("Orders")
    date_format = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, HEADER)
    with text_path.open("w", encoding="utf-8", newline="") as text:
        text.write(",".join(HEADER) + "\n")
        for i in range(rows):
            when = start + dt.timedelta(minutes=int(minutes[i]))
            status = "failed" if failed[i] else "completed"
            who = 0 if guest[i] else int(customer[i])
            email = "" if guest[i] else f"c{who}@example.com"
            sheet.write_number(i + 1, 0, i + 1)
            sheet.write_datetime(i + 1, 1, when, date_format)
            sheet.write_string(i + 1, 2, status)
            sheet.write_number(i + 1, 3, float(total[i]))
            sheet.write_number(i + 1, 4, who)
            if email:
                sheet.write_string(i + 1, 5, email)
            text.write(f"{i + 1},{when:%Y-%m-%d %H:%M:%S},{status},{total[i]},{who},{email}\n")
    book.close()
    return book_path, text_path


def _analyze(path: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", _ANALYZE, str(path)], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def _readers(path: Path) -> tuple[float, float]:
    """Seconds to read every cell of the sheet with python-calamine, then with openpyxl."""
    import openpyxl
    import python_calamine

    started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    calamine_rows = len(book.get_sheet_by_name("Orders").to_python())
    calamine = time.perf_counter() - started
    started = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True)
    openpyxl_rows = sum(1 for _ in workbook["Orders"].iter_rows(values_only=True))
    workbook.close()
    assert calamine_rows == openpyxl_rows
    return calamine, time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the two files there and stop")
    args = parser.parse_args(argv)
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        for path in write_files(args.keep, args.rows):
            print(path)
        return
    with tempfile.TemporaryDirectory() as folder:
        book, text = write_files(Path(folder), args.rows)
        sizes = book.stat().st_size / 1e6, text.stat().st_size / 1e6
        from_book, from_text = [], []
        for _ in range(args.runs):
            from_text.append(_analyze(text))
            from_book.append(_analyze(book))
        calamine, openpyxl = _readers(book)
    assert from_book[0]["revenue"] == from_text[0]["revenue"], "the two files disagree"
    a = statistics.median(r["seconds"] for r in from_book)
    b = statistics.median(r["seconds"] for r in from_text)
    print(f"Orders from a workbook, {args.rows:,} rows, median of {args.runs} runs:")
    print(f"  analyze .xlsx ({sizes[0]:.0f} MB)  {a:6.2f} s   peak "
          f"{max(r['rss_mb'] for r in from_book):5.0f} MB")  # fmt: skip
    print(f"  analyze .csv  ({sizes[1]:.0f} MB)  {b:6.2f} s   peak "
          f"{max(r['rss_mb'] for r in from_text):5.0f} MB")  # fmt: skip
    print(f"  ratio              {a / b:6.2f}")
    print(f"  reading every cell: python-calamine {calamine:.2f} s, openpyxl (read-only) "
          f"{openpyxl:.2f} s ({openpyxl / calamine:.1f}×)")  # fmt: skip


if __name__ == "__main__":
    main()
