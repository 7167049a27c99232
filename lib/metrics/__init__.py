"""Parameterised questions over the marts: each function runs one `.sql` file of `lib/metrics/sql/` with $params.

SQL files are named `<domain>__<function>.sql`; values travel only as DuckDB parameters, never in the SQL text.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

SQL_DIR = Path(__file__).parent / "sql"


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


def used_params(name: str, params: dict) -> dict:
    """Only the parameters the SQL file mentions (DuckDB refuses unused ones)."""
    text = sql_text(name)
    return {k: v for k, v in params.items() if f"${k}" in text}


def query(con, name: str, params: dict | None = None):
    """DataFrame of `lib/metrics/sql/<name>.sql` run with `params` on a reader connection."""
    return con.execute(sql_text(name), used_params(name, params or {})).fetchdf()
