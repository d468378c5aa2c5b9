"""Customers at risk: the time since their last order exceeds their usual interval between
orders (the shop's median interval for one-time buyers), most valuable first; and their export
to CSV with spreadsheet formulas neutralised."""

from __future__ import annotations

import codecs
import csv
import errno
import io
import unicodedata
from pathlib import Path

import pandas as pd

from advisor.storage.atomic_write import ProjectFileError, utf8, write_atomic

#: Columns of the at-risk list, in order.
AT_RISK_COLUMNS = (
    "customer",
    "orders",
    "revenue",
    "first_order",
    "last_order",
    "usual_interval_days",
    "days_since_last_order",
    "segment",
)
_FORMULA_STARTS = ("=", "+", "-", "@")
_CONTROL_STARTS = ("\t", "\r")


def usual_intervals(table: pd.DataFrame) -> tuple[pd.Series, float | None]:
    """Each customer's mean days between order days and the shop's median of those."""
    repeat = table["order_days"] >= 2
    span = (table["last_order"] - table["first_order"]).dt.days
    own = (span / (table["order_days"] - 1)).where(repeat)
    shop = float(own.median()) if repeat.any() else None
    return own, shop


def at_risk(scored: pd.DataFrame) -> pd.DataFrame:
    """The at-risk list (columns :data:`AT_RISK_COLUMNS`), sorted by revenue, highest first."""
    own, shop = usual_intervals(scored)
    interval = own.fillna(shop) if shop is not None else own
    late = scored["recency_days"] > interval
    chosen = scored[late.fillna(False)]
    result = pd.DataFrame(
        {
            "customer": chosen.index.astype(str),
            "orders": chosen["orders"].to_numpy(),
            "revenue": chosen["revenue"].round(2).to_numpy(),
            "first_order": chosen["first_order"].dt.date.to_numpy(),
            "last_order": chosen["last_order"].dt.date.to_numpy(),
            "usual_interval_days": interval[late.fillna(False)].round(1).to_numpy(),
            "days_since_last_order": chosen["recency_days"].to_numpy(),
            "segment": chosen["segment"].to_numpy() if "segment" in chosen else "",
        }
    )
    return result.sort_values(["revenue", "customer"], ascending=[False, True], kind="stable")


def _skipped(character: str) -> bool:
    """What a spreadsheet may skip before it looks for a formula: any space (tab, line break,
    no-break space…) and any invisible format mark (zero-width space U+200B, byte-order mark
    U+FEFF, direction marks U+200E/U+200F, bidi embeddings and isolates…)."""
    return character.isspace() or unicodedata.category(character) == "Cf"


def neutralise(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (``=HYPERLINK(…)`` → ``'=HYP…``),
    even behind spaces or invisible characters (``\u200b=cmd``); a cell starting with a tab or
    a carriage return is marked too."""
    start = 0
    while start < len(text) and _skipped(text[start]):
        start += 1
    risky = text.startswith(_CONTROL_STARTS) or text.startswith(_FORMULA_STARTS, start)
    return "'" + text if risky else text


def write_csv(table: pd.DataFrame, path: Path, headers: dict[str, str] | None = None) -> None:
    """Write ``table`` as UTF-8 CSV (with a BOM, for Excel); text cells neutralised, numbers
    written as numbers. Written atomically, like a project: a full disk or a crash never leaves
    half a list where the previous one was. Raises ``OSError`` (its reason for the user)."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream)
    writer.writerow([(headers or {}).get(c, c) for c in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow([neutralise(value) if isinstance(value, str) else value for value in row])
    try:
        write_atomic(path, codecs.BOM_UTF8 + utf8(stream.getvalue()))
    except ProjectFileError as error:  # callers report an OSError's reason
        raise OSError(errno.EIO, error.problem) from None
