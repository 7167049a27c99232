"""Incremental builds by key: a load recomputes only the orders it touched, not the whole history.

The DAG (`dag.py`) already limits a build to the models downstream of what a load wrote. But an orders export is
upstream of nearly every mart, so a daily file of 200 orders used to rebuild every order of the history. A model
whose rows for one key depend only on its inputs' rows for that key says so in its header, and the build then
deletes and re-inserts the rows of the keys that changed, inside the load's transaction:

    -- incremental by order_id:
    --   int_order_lines, fct_shipments: by order_id
    --   dim_products: by sku
    --   dim_calendar, dim_fx_rates: grow-only

or, for a model keyed by package whose rows depend on the orders of the same reference:

    -- incremental by shipment_id:
    --   int_shipments: by shipment_id
    --   int_order_lines: by source_order_ref = order_ref

* `by order_id`: the input's rows for an order are all the model needs for that order. The build reads only the
  touched orders' rows of it (a temporary view of that name shadows the table while the model is computed).
* `by sku` (another column): a changed row of the input touches every key with that value in the model's *key
  index*, its first input declared `by <key>` (the orders with a line of that SKU in `int_order_lines`); `by
  source_order_ref = order_ref`: the value is compared with another column of the index (a package's order number).
  The build reads only the input's rows of the values the touched keys have in the index. The input's side may be
  an expression in parentheses, the same one the model matches with (`by (ltrim(source_order_ref, '#')) =
  order_ref_key`: a dispute names its order with or without Shopify's '#').
* `incremental by return_id, indexed by its own rows:`: the model's previous rows are the key index (a return's order
  number and SKU are its own columns): a changed order number touches the returns that name it, and the inputs are
  read for the values the touched keys had before the build (the key index cannot change without an undeclared
  input changing, which rebuilds the model whole).
* `grow-only`: the input may gain rows (a new calendar day, a new currency) that no older order joins; if a build
  changed or removed any of its existing rows, the model is rebuilt whole.
* `grow-only, except rows where <predicate>`: as `grow-only`, but some of the model's rows may join the new rows: those
  whose lookup into the input found nothing (a package dated past the calendar's end). The predicate, over the model's
  previous rows, names them; their keys are recomputed when the input grew.

The orders a load touched come from the model that reads the exports themselves (`int_order_lines`):

    -- incremental by order_id: from the loads

its latest-load views are narrowed to the order keys (the format registry's `replaces`) that the new loads name, and
the lines of those orders are replaced for the sources (staging models) that read those exports; lines another
export gave the same order stay. A staging model that joins two exports (Etsy's orders and items: the files may spell
the order number differently) is not narrowed: a load of either rebuilds the model whole.

Anything else that changed upstream of a keyed model (a raw table it reads, an input it does not declare, a model
whose SQL changed, a removal of a load, a settings change) rebuilds it whole: never a guess. The property test in
`tests/warehouse/test_incremental.py` loads a business in random overlapping pieces and checks every mart against a
full rebuild after every load.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.formats import FORMATS
from .publish import literal

_HEAD = re.compile(r"^-- incremental by (\w+)(, indexed by its own rows)?(:\s*from the loads)?")
_INPUT = re.compile(r"^--\s{2,}([\w, ]+):\s*(?:by (\w+|\(.+\))(?:\s*=\s*(\w+))?|(grow-only)(?:, except rows where (.+))?)")
_SOURCE = re.compile(r"'(\w+)' AS source\b")


@dataclass(frozen=True)
class Keyed:
    key: str
    from_loads: bool
    by: tuple[tuple[str, str, str], ...]  # (input, its column, the column of the model's key index it equals)
    grow_only: frozenset[str]
    missed: tuple[tuple[str, str], ...] = ()  # (grow-only input, predicate on the model's rows that may join its new rows)
    own_index: bool = False  # the model's previous rows map the inputs' changed values to its keys

    def inputs(self, name: str) -> list[tuple[str, str]]:
        """(column, index column) of each declaration of an input (an input may be declared by two columns: a
        customer's orders are touched by an order's change and by its customer's)."""
        return [(c, v) for i, c, v in self.by if i == name]

    def index_of(self, model: str) -> str | None:
        """The table that lists the model's keys with their other attributes, through which a change of another
        input's column maps to keys: the model itself (`indexed by its own rows`), else its first input declared
        `by <key>`."""
        return model if self.own_index else self.index

    @property
    def index(self) -> str | None:
        """The first input declared `by <key>`."""
        return next((i for i, c, v in self.by if c == self.key and v == self.key), None)


def keyed(sql: str) -> Keyed | None:
    """The header's incremental declaration, or None (a model built whole)."""
    lines = sql.splitlines()
    for i, line in enumerate(lines):
        m = _HEAD.match(line)
        if not m:
            continue
        by, grow, missed = [], set(), []
        for nxt in lines[i + 1:]:
            d = _INPUT.match(nxt)
            if not d:
                break
            names = [n.strip() for n in d.group(1).split(",") if n.strip()]
            if d.group(4):
                grow |= set(names)
                missed += [(n, d.group(5).strip()) for n in names if d.group(5)]
            elif d.group(2).startswith("(") and not d.group(3):
                raise ValueError(f"an input declared by an expression must name the column it equals: {nxt.strip()}")
            else:
                by += [(n, d.group(2), d.group(3) or d.group(2)) for n in names]
        return Keyed(m.group(1), bool(m.group(3)), tuple(by), frozenset(grow), tuple(missed), bool(m.group(2)))
    return None


def source_literal(sql: str) -> str | None:
    """The `source` a staging model writes on its rows (one literal), or None when it writes several or none."""
    found = set(_SOURCE.findall(sql))
    return found.pop() if len(found) == 1 else None


def key_expr(spec) -> str:
    """An order format's `replaces` key as one text value."""
    return f"concat_ws('|', {', '.join(spec.replaces)})"


def restricted_latest_sql(spec) -> str:
    """`latest_<format>` narrowed to the order keys the new loads of it name (`_touched_keys`: none for a format
    this batch did not load)."""
    keys = ", ".join(spec.replaces)
    return (f"SELECT * FROM {spec.table} WHERE {key_expr(spec)} IN "
            f"(SELECT k FROM _touched_keys WHERE format = {literal(spec.name)}) "
            f"QUALIFY _load_id = max(_load_id) OVER (PARTITION BY {keys})")


def order_formats(latest_views: set[str]) -> list:
    """The formats with an order key whose latest-load view is among `latest_views`."""
    return [spec for spec in FORMATS if spec.replaces and spec.latest in latest_views]


def qualified(con, name: str) -> str:
    """`name` in the workspace database (not a temporary object of the same name)."""
    db = con.execute("SELECT current_database()").fetchone()[0]
    return f'"{db}".main.{name}'


def same_columns(con, a: str, b: str) -> bool:
    def cols(t: str) -> list:
        return con.execute(f"DESCRIBE {t}").fetchall()
    return [c[:2] for c in cols(a)] == [c[:2] for c in cols(b)]


def changed_values(prev: str, new: str, col: str) -> str:
    """SQL: the values of `col` on rows that differ between two versions of a table (added, removed or changed),
    compared as multisets: one of two identical rows removed is a change."""
    return (f"SELECT {col} FROM (SELECT * FROM {prev} EXCEPT ALL SELECT * FROM {new}) "
            f"UNION SELECT {col} FROM (SELECT * FROM {new} EXCEPT ALL SELECT * FROM {prev})")


def only_grew(con, prev: str, new: str) -> bool:
    """Every row of the previous version is still there, unchanged (as many times: multisets)."""
    return con.execute(f"SELECT count(*) FROM (SELECT * FROM {prev} EXCEPT ALL SELECT * FROM {new})").fetchone()[0] == 0
