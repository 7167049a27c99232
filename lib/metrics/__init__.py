"""Parameterised questions over the marts: each function runs one `.sql` file of `lib/metrics/sql/` with $params.

SQL files are named `<domain>__<function>.sql`; values travel only as DuckDB parameters, never in the SQL text.
"""
from __future__ import annotations

import re
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


@lru_cache(maxsize=None)
def _metric_names() -> frozenset[str]:
    return frozenset(p.stem for p in SQL_DIR.glob("*.sql"))


_OWN_CTE = re.compile(r"(\w+)\s+AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(", re.I)


def _code(text: str) -> str:
    """SQL without its comments and string literals (what names and $parameters are looked for in)."""
    from ..warehouse.dag import _COMMENT
    return re.sub(r"'(?:[^']|'')*'", "''", _COMMENT.sub(" ", text))


@lru_cache(maxsize=None)
def reads(name: str) -> tuple[str, ...]:
    """The other metric SQL files `name` reads, by their file names used as relations (comments and strings aside; a
    CTE the file defines itself under such a name is its own)."""
    from ..warehouse.dag import refs
    own = {m.lower() for m in _OWN_CTE.findall(_code(sql_text(name)))}
    return tuple(sorted(refs(sql_text(name), _metric_names() - {name} - own)))


def _body(name: str) -> str:
    """A file's SQL without its comments, and without a closing semicolon."""
    from ..warehouse.dag import _COMMENT
    return _COMMENT.sub(" ", sql_text(name)).strip().rstrip(";").strip()


@lru_cache(maxsize=None)
def composed(name: str) -> str:
    """The one way metric SQL is composed: a file reads another metric file as a relation by its file name
    (`FROM returns__facts`), and this defines each file it reads, and what those read, first as a CTE of that name, in
    dependency order, each once. Only our own files are spliced (no user text); values stay $parameters, shared by
    every part, so a fragment means the same wherever it is used."""
    order: list[str] = []

    def visit(n: str, path: tuple[str, ...]) -> None:
        for d in reads(n):
            if d in path:
                raise ValueError(f"metric SQL files read each other: {' → '.join((*path, d))}")
            if d not in order:
                visit(d, (*path, d))
                order.append(d)

    visit(name, (name,))
    if not order:
        return sql_text(name)
    ctes = ",\n".join(f"{d} AS (\n{_body(d)}\n)" for d in order)
    body = _body(name)
    head = f"-- {name}, after the metric files it reads: {', '.join(order)}\n"
    own = re.match(r"(?i)with\s+(recursive\s+)?", body)
    if own:  # the file's own CTEs follow the ones it reads
        return f"{head}WITH {'RECURSIVE ' if own.group(1) else ''}{ctes},\n{body[own.end():]}"
    return f"{head}WITH {ctes}\n{body}"


def used_params(name: str, params: dict) -> dict:
    """Only the parameters the composed SQL of `name` mentions (DuckDB refuses unused ones), with the
    `$unknown_<dimension>` labels it uses."""
    text = _code(composed(name))
    return {k: v for k, v in {**UNKNOWN_PARAMS, **params}.items() if re.search(rf"\${re.escape(k)}\b", text)}


def query(con, name: str, params: dict | None = None):
    """DataFrame of `lib/metrics/sql/<name>.sql`, composed with the metric files it reads, run with `params` on a
    reader connection."""
    return con.execute(composed(name), used_params(name, params or {})).fetchdf()


def one_row(con, name: str, params: dict | None = None) -> tuple | None:
    """The first row of `lib/metrics/sql/<name>.sql` (composed as `query` does) as Python values, dates as dates:
    for a one-row question such as the last order day."""
    return con.execute(composed(name), used_params(name, params or {})).fetchone()


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
