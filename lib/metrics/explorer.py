"""The SQL explorer's schema browser (running queries is `lib/warehouse/sandbox.py`)."""
from __future__ import annotations

from . import query


def schema(con):
    """Tables and columns of the current snapshot (grain: table and column)."""
    return query(con, "explorer__schema")
