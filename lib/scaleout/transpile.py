"""The warehouse's DuckDB models as Spark SQL: sqlglot (`read="duckdb", write="spark"`) plus the rules of
lib/scaleout/rules.py. The DuckDB SQL stays the single source; nothing here is a hand-written Spark copy of a model.

`build_plan()` lists what a build runs, in the order of lib.warehouse.build(): the latest_<format> views, the
staging views, the intermediate model, the marts. `model_schemas()` gives the column names every rule that expands
a star needs, taken from a DuckDB build of an empty workspace (so transpiling needs no Spark, only sqlglot and the
DuckDB the app already has).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import sqlglot
from sqlglot import exp
from sqlglot.dialects.duckdb import DuckDB
from sqlglot.errors import ErrorLevel

from ..ingest.formats import FORMATS
from ..warehouse import MARTS, STAGING_READ_TWICE, intermediate_models, latest_sql, loaded_sql, model_sql, models, staging_models
from .rules import RULES, NotPortable


class DuckDBAsWritten(DuckDB):
    """DuckDB's dialect with list positions kept as written. sqlglot's DuckDB reader rewrites `l[i]` to count from
    0 only where it can tell that i is an integer (a literal, `len(l)`), and leaves `l[col]` counting from 1: the
    Spark text then reads the next element, silently. Read as written, every position counts from 1 and the
    `list_index` rule makes each one `try_element_at` (Spark's 1-based, NULL-out-of-range lookup)."""
    INDEX_OFFSET = 0


def parse(duckdb_sql: str) -> exp.Expression:
    """One DuckDB statement as a sqlglot tree, list positions as written (`DuckDBAsWritten`)."""
    return sqlglot.parse_one(duckdb_sql, read=DuckDBAsWritten)


@dataclass(frozen=True)
class Step:
    """One model of the build: its name, its DuckDB SQL and whether Spark materialises it (tables) or keeps a view."""
    name: str
    layer: str  # latest, staging, intermediate, marts
    duckdb_sql: str
    materialise: bool


def build_plan() -> list[Step]:
    steps = [Step(spec.latest, "latest", latest_sql(spec), False) for spec in FORMATS if spec.replaces]
    steps += [Step(f"loaded_{spec.name}", "latest", loaded_sql(spec), False) for spec in FORMATS]
    steps += [Step(m.name, m.layer, m.sql, m.layer != "staging" or m.name in STAGING_READ_TWICE) for m in models()]
    return steps  # the DuckDB build's order: each model after the models it reads


@lru_cache(maxsize=1)
def model_schemas() -> dict[str, dict[str, str]]:
    """{table or model: {column: DuckDB type}} for every raw, cfg and seed table and every model, from a DuckDB build
    of an empty in-memory workspace with the default settings (column names do not depend on the data)."""
    import duckdb

    from ..workspace.settings import DEFAULTS
    from ..warehouse import build, ensure_schema
    con = duckdb.connect()
    try:
        ensure_schema(con)
        build(con, DEFAULTS)
        rows = con.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() "
                           "ORDER BY table_name, column_index").fetchall()
    finally:
        con.close()
    schema: dict[str, dict[str, str]] = {}
    for table, column, dtype in rows:
        schema.setdefault(table, {})[column] = dtype
    return schema


class _Unsupported(logging.Handler):
    """Collects sqlglot's 'unsupported' warnings (a construct it wrote but Spark may not read the same)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def to_spark(duckdb_sql: str, schema: dict | None = None) -> str:
    """One DuckDB query as Spark SQL, after the project's rules. Raises NotPortable for a construct no rule handles
    and for any construct sqlglot reports as unsupported."""
    return to_spark_tree(parse(duckdb_sql), schema)


def to_spark_tree(tree, schema: dict | None = None) -> str:
    """`to_spark` of a tree already parsed (and, for page queries, with their macros expanded)."""
    schema = model_schemas() if schema is None else schema
    for rule in RULES:
        tree = rule(tree, schema)
    log = logging.getLogger("sqlglot")
    handler = _Unsupported()
    log.addHandler(handler)
    try:
        text = tree.sql(dialect="spark", unsupported_level=ErrorLevel.RAISE, comments=False)
    except sqlglot.errors.UnsupportedError as e:
        raise NotPortable(str(e)) from None
    finally:
        log.removeHandler(handler)
    if handler.messages:
        raise NotPortable("; ".join(handler.messages))
    return text
