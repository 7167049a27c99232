"""Parameterised questions over the marts: each function runs one `.sql` file of `lib/metrics/sql/` with $params.

SQL files are named `<domain>__<function>.sql`; values travel only as DuckDB parameters, never in the SQL text.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

SQL_DIR = Path(__file__).parent / "sql"

# The name a missing dimension value takes wherever a metric groups, filters or shows by that dimension: a package
# without a carrier is counted and shown under "Unknown", never dropped by a join or a filter.  These are the labels
# the marts already give what they know is missing (fct_orders.carrier 'Unknown', .warehouse 'Unassigned',
# fct_order_lines.category 'Uncategorised', fct_shipments.channel 'unknown'), so a slice, a sidebar filter value and
# a table cell agree; tests/metrics/test_shapes.py holds the two together.  SQL reads them as `$unknown_<dimension>`
# in one idiom, `coalesce(nullif(trim(x), ''), $unknown_x)` (`used_params` passes the ones a file mentions); pandas
# code uses `label_unknown`.
UNKNOWN = {"channel": "unknown", "warehouse": "Unassigned", "carrier": "Unknown", "service": "Unknown",
           "category": "Uncategorised", "sku": "Unknown", "zone": "Unknown", "region": "Unknown",
           "weight_band": "Unknown", "size": "(no size)", "colour": "(no colour)"}
UNKNOWN_PARAMS = {f"unknown_{k}": v for k, v in UNKNOWN.items()}


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


def used_params(name: str, params: dict) -> dict:
    """Only the parameters the SQL file mentions (DuckDB refuses unused ones), with the `$unknown_<dimension>`
    labels it uses."""
    text = sql_text(name)
    return {k: v for k, v in {**UNKNOWN_PARAMS, **params}.items() if f"${k}" in text}


def query(con, name: str, params: dict | None = None):
    """DataFrame of `lib/metrics/sql/<name>.sql` run with `params` on a reader connection."""
    return con.execute(sql_text(name), used_params(name, params or {})).fetchdf()


def is_missing(v) -> bool:
    """True for None, NaN, NaT and pd.NA, False for any other value (lists and arrays included).

    pandas 3 gives nullable columns `pd.NA` for a missing value, and `pd.NA != pd.NA`, `if pd.NA:` and `pd.NA or x`
    raise "boolean value of NA is ambiguous": test a value read from data with this, never with `v != v` or `if v`."""
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):  # list-likes: pd.isna answers per element
        return False


def label_unknown(df: pd.DataFrame, dimensions) -> pd.DataFrame:
    """A copy of `df` whose missing or blank values in these dimension columns carry the `UNKNOWN` label of that
    dimension (a column named "carrier" or "best_carrier" → "Unknown"); the pandas twin of the SQL idiom."""
    out = df.copy()
    for col in dimensions:
        if col not in out.columns:
            continue
        dim = next((d for d in UNKNOWN if col == d or col.endswith("_" + d)), col)
        values = out[col]
        blank = values.isna() | values.astype("string").str.strip().eq("").fillna(False).astype(bool)
        out[col] = values.astype(object).mask(blank, UNKNOWN.get(dim, "Unknown")).astype("str")
    return out
