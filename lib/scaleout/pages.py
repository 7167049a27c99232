"""Page queries on Spark: every query a page runs, exactly as the page composes it, replayed on Spark over the marts
Spark built, and held equal to DuckDB's answer (lib/scaleout/compare.py).

A page's data functions (`lib.metrics…`) take a DuckDB cursor and compose their SQL from `lib/metrics/sql/*.sql`
(fragments spliced at `/*markers*/`, CTEs stacked), with $parameters and the shared filters' macros
(`lib/warehouse/macros.sql`). `Recorder` is a cursor that writes down each statement and its parameters as it passes
them to DuckDB, so what Spark receives is what DuckDB ran. On Spark:
- the macros are expanded in the tree (`expand_macros`, from macros.sql itself: the file stays the single source);
- the parameters stay parameters: sqlglot writes DuckDB's `$name` as Spark's `:name` marker and the values are bound
  by `spark.sql(text, args=…)` (lists as arrays), never pasted into the text;
- the rules of lib/scaleout/rules.py run as for the models, plus those of page queries (`PAGE_RULES`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import sqlglot
from sqlglot import exp

from .rules import NotPortable
from .transpile import parse

MACROS_SQL = Path(__file__).resolve().parents[1] / "warehouse" / "macros.sql"


# ------------------------------------------------------------------------------------------------ recording


@dataclass(frozen=True)
class PageQuery:
    """One statement a page function ran: who ran it, its SQL and its parameters (name → value)."""
    source: str
    sql: str
    params: tuple  # sorted (name, value) pairs (values as given: lists stay lists)

    @property
    def args(self) -> dict:
        return dict(self.params)


class Recorder:
    """A DuckDB connection or cursor that writes down every `execute(sql, params)` before running it; every other
    attribute is the wrapped object's. `cursor()` gives a Recorder writing to the same log."""

    def __init__(self, con, log: list | None = None, source: str = ""):
        self._con, self.log, self.source = con, ([] if log is None else log), source

    def execute(self, sql, parameters=None):
        if parameters is not None and not isinstance(parameters, dict):
            raise NotPortable(f"{self.source}: positional parameters (name them: $name)")
        self.log.append(PageQuery(self.source, sql, tuple(sorted((parameters or {}).items()))))
        return self._con.execute(sql, parameters) if parameters is not None else self._con.execute(sql)

    def cursor(self):
        return Recorder(self._con.cursor(), self.log, self.source)

    def __getattr__(self, name):
        return getattr(self._con, name)


def record(con, calls) -> list[PageQuery]:
    """The statements of page function calls [(function, args), …] on `con` (a reader connection), each once, in
    the order first run."""
    log: list[PageQuery] = []
    for fn, args in calls:
        cur = Recorder(con.cursor(), log, f"{fn.__module__}.{fn.__qualname__}")
        try:
            fn(cur, *args)
        finally:
            cur.close()
    return unique(log)


def unique(log: list[PageQuery]) -> list[PageQuery]:
    """Each distinct (statement, parameters) once, in the order first run."""
    seen, out = set(), []
    for q in log:
        key = (q.sql, repr(q.params))
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


# ------------------------------------------------------------------------------------------------ macros


@dataclass(frozen=True)
class Macro:
    name: str
    params: tuple[str, ...]
    body: exp.Expression
    table: bool


@lru_cache(maxsize=1)
def macros() -> dict[str, Macro]:
    """The macros of lib/warehouse/macros.sql: `CREATE OR REPLACE MACRO name(p, …) AS [TABLE] body;`."""
    text = "\n".join(ln for ln in MACROS_SQL.read_text().splitlines() if not ln.lstrip().startswith("--"))
    out = {}
    head = re.compile(r"CREATE\s+OR\s+REPLACE\s+MACRO\s+(\w+)\s*\(([^)]*)\)\s+AS\s+(TABLE\s+)?", re.I | re.S)
    for stmt in (s.strip() for s in text.split(";")):
        if not stmt:
            continue
        m = head.match(stmt)
        if not m:
            raise NotPortable(f"macros.sql: a statement that is not a macro: {stmt[:60]}")
        body_sql = stmt[m.end():]
        table = bool(m.group(3))
        body = parse(body_sql) if table else parse(f"SELECT {body_sql}").expressions[0]
        out[m.group(1).lower()] = Macro(m.group(1).lower(), tuple(p.strip().lower() for p in m.group(2).split(",")),
                                        body, table)
    return out


def _call_name(node: exp.Expression) -> str | None:
    if isinstance(node, exp.Anonymous):
        return node.name.lower()
    return None


def _substitute(macro: Macro, args: list[exp.Expression]) -> exp.Expression:
    if len(args) != len(macro.params):
        raise NotPortable(f"macro {macro.name} takes {len(macro.params)} arguments, got {len(args)}")
    bound = dict(zip(macro.params, args))

    def sub(node):
        if isinstance(node, exp.Column) and not node.table and node.name.lower() in bound:
            return exp.paren(bound[node.name.lower()].copy(), copy=False)
        return node
    return macro.body.copy().transform(sub)


def expand_macros(tree: exp.Expression, schema: dict | None = None) -> exp.Expression:
    """Each call of a macro of macros.sql replaced by its body with the arguments in place of its parameters: a
    scalar macro as a parenthesised expression, a table macro (`FROM scoped_orders(…) o`) as a subquery with the
    call's alias (or the macro's name). Repeated until no call is left (macros call macros)."""
    defs = macros()
    for _ in range(10):
        found = False

        def expand(node):
            nonlocal found
            if isinstance(node, exp.Table) and _call_name(node.this) in defs and defs[_call_name(node.this)].table:
                found = True
                macro = defs[_call_name(node.this)]
                body = _substitute(macro, list(node.this.expressions))
                return exp.Subquery(this=body, alias=node.args.get("alias") or exp.TableAlias(
                    this=exp.to_identifier(macro.name)))
            name = _call_name(node)
            if name in defs and not defs[name].table:
                found = True
                return exp.paren(_substitute(defs[name], list(node.expressions)), copy=False)
            return node
        tree = tree.transform(expand)
        if not found:
            return tree
    raise NotPortable("macros nest more than 10 deep")


# ------------------------------------------------------------------------------------------------ page rules


# sqlglot's nodes of functions that return a list (list_filter, list_transform, list_sort, …)
LIST_VALUED = tuple(getattr(exp, n) for n in ("Array", "ArrayFilter", "Transform", "ArraySort", "SortArray",
                                              "ArrayDistinct", "ArrayConcat", "Split", "RegexpSplit")
                    if hasattr(exp, n))


def bind_list_lengths(tree: exp.Expression, params: dict) -> exp.Expression:
    """`len(x)` of a list (a list parameter, a cast to a list, a list literal) is the list's size: sqlglot writes
    DuckDB's `len` as string `LENGTH`, which Spark refuses on an array (or, worse, reads a string's characters)."""
    def is_list(node):
        while isinstance(node, exp.Paren):
            node = node.this
        if isinstance(node, exp.Placeholder):
            return isinstance(params.get(node.name), (list, tuple))
        if isinstance(node, exp.Cast):
            return node.to.is_type(exp.DataType.Type.ARRAY) or is_list(node.this)
        if isinstance(node, exp.Anonymous):  # list_distinct, list_slice, … (those sqlglot does not know)
            return node.name.lower().startswith("list_")
        return isinstance(node, LIST_VALUED)

    def rewrite(node):
        if isinstance(node, exp.Length) and is_list(node.this):
            return exp.ArraySize(this=node.this)
        return node
    return tree.transform(rewrite)


def quantile_lists(tree: exp.Expression, params: dict) -> exp.Expression:
    """DuckDB's `quantile_cont(x, q)` and `quantile_cont(x, [q1, q2])` (linear interpolation between the closest
    ranks) is Spark's `percentile(x, q)` / `percentile(x, array(q1, q2))`, the same interpolation and exact;
    sqlglot's `PERCENTILE_CONT(x, q)` is not a Spark call."""
    def rewrite(node):
        if isinstance(node, exp.PercentileCont) and node.args.get("expression") is not None:
            return exp.Anonymous(this="percentile", expressions=[
                exp.cast(node.this.copy(), "DOUBLE"), node.expression.copy()])
        return node
    return tree.transform(rewrite)


def any_value_as_min(tree: exp.Expression, params: dict) -> exp.Expression:
    """Page queries take `any_value(x)` of a value their group determines (an order's channel, a SKU's name):
    Spark's `min(x)` is that value. Where the group does not determine it the engines may differ, and the equality
    harness says so (the models' rule refuses any_value outright: a mart is stored, a page is re-run)."""
    def rewrite(node):
        inner = node.this if isinstance(node, exp.IgnoreNulls) else node
        if isinstance(inner, exp.AnyValue):
            return exp.Min(this=inner.this.copy())
        return node
    return tree.transform(rewrite)


def unnest_struct_list(tree: exp.Expression, params: dict) -> exp.Expression:
    """`SELECT unnest(CAST(l AS STRUCT(a T, …)[]), recursive := true)` (one row per element, one column per field)
    → `SELECT u['a'] AS a, … FROM (SELECT unnest(CAST(l AS …)) AS u)`: Spark's explode gives one struct column,
    and naming the fields lets a `SELECT *` over it be expanded."""
    for node in list(tree.find_all(exp.Explode)):
        recursive = [e for e in node.expressions if isinstance(e, exp.PropertyEQ) and e.name.lower() == "recursive"]
        select = node.parent
        if not recursive or not isinstance(select, exp.Select) or len(select.expressions) != 1:
            continue
        cast = node.this
        if not (isinstance(cast, exp.Cast) and cast.to.is_type(exp.DataType.Type.ARRAY)
                and cast.to.expressions and cast.to.expressions[0].is_type(exp.DataType.Type.STRUCT)):
            raise NotPortable(f"unnest(…, recursive := true) of a list whose fields are not stated: {node.sql('duckdb')}")
        fields = [f.name for f in cast.to.expressions[0].expressions]
        inner = exp.select(exp.alias_(exp.Explode(this=cast.copy()), "__u")).subquery("__t")
        select.replace(exp.select(*[exp.alias_(exp.Bracket(this=exp.column("__u"), expressions=[exp.Literal.string(f)]),
                                               f) for f in fields]).from_(inner))
    return tree


def mode_ties(tree: exp.Expression, params: dict) -> exp.Expression:
    """`mode(x ORDER BY x)` (DuckDB: among equally frequent values the first in that order) → Spark's
    `mode(x, true)` (the lowest). A bare `mode(x)` picks among ties differently on each engine: refused."""
    def rewrite(node):
        if not isinstance(node, exp.Mode):
            return node
        order = node.this
        if (isinstance(order, exp.Order) and len(order.expressions) == 1 and not order.expressions[0].args.get("desc")
                and order.expressions[0].this == order.this):
            return exp.Anonymous(this="mode", expressions=[order.this.copy(), exp.true()])
        raise NotPortable(f"mode() without ORDER BY its own value picks among ties: {node.sql('duckdb')}")
    return tree.transform(rewrite)


def unordered_row_key(tree: exp.Expression, params: dict) -> exp.Expression:
    """`row_number() OVER ()` (no partition, no order: a surrogate key, each row a different number in any order)
    → `monotonically_increasing_id()` (each row a different number): Spark refuses row_number without ORDER BY.
    Where such a key's value reached a page's output the engines would differ, and the harness would say so."""
    def rewrite(node):
        if (isinstance(node, exp.Window) and isinstance(node.this, exp.RowNumber) and not node.args.get("partition_by")
                and not node.args.get("order")):
            return exp.Anonymous(this="monotonically_increasing_id", expressions=[])
        return node
    return tree.transform(rewrite)


PAGE_RULES = (bind_list_lengths, quantile_lists, any_value_as_min, unnest_struct_list, mode_ties, unordered_row_key)


# ------------------------------------------------------------------------------------------------ on Spark


def to_spark_page(sql: str, params: dict, schema: dict) -> str:
    """One page statement as Spark SQL with `:name` parameter markers: macros expanded, the page rules, then the
    models' rules (lib/scaleout/rules.py)."""
    from .transpile import to_spark_tree
    tree = expand_macros(parse(sql))
    for rule in PAGE_RULES:
        tree = rule(tree, params)
    return to_spark_tree(tree, schema)


def spark_args(params: dict) -> dict:
    """The parameters as Spark binds them: lists become arrays (of literals); dates, timestamps, numbers, text and
    booleans as they are."""
    from pyspark.sql import functions as F
    out = {}
    for k, v in params.items():
        if isinstance(v, (list, tuple)):
            out[k] = F.array(*[F.struct(*[F.lit(y).alias(n) for n, y in x.items()]) if isinstance(x, dict)
                               else F.lit(x) for x in v])
        elif isinstance(v, Decimal):
            out[k] = float(v)
        else:
            out[k] = v
    return out


@dataclass
class PageQueryResult:
    query: PageQuery
    equal: bool
    detail: str = ""
    rows: int = 0
    spark_sql: str = ""
    extra: dict = field(default_factory=dict)


def compare_page_queries(duckdb_con, spark, queries: list[PageQuery], schema: dict) -> list[PageQueryResult]:
    """Each statement on DuckDB (`duckdb_con`, the workspace snapshot) and on Spark (whose session has the marts and
    cfg tables as views), compared by lib.scaleout.compare.compare_frames."""
    from .compare import compare_frames
    out = []
    for q in queries:
        duck = duckdb_con.execute(q.sql, q.args).fetchdf() if q.params else duckdb_con.execute(q.sql).fetchdf()
        try:
            text = to_spark_page(q.sql, q.args, schema)
            used = {k: v for k, v in q.args.items() if re.search(rf":{re.escape(k)}\b", text)}
            frame = spark.sql(text, args=spark_args(used) or None).toPandas()
        except Exception as e:  # noqa: BLE001  (a refused or failing statement is a result, reported)
            said = " ".join(ln.strip() for ln in str(e).splitlines() if ln.strip())[:400]
            out.append(PageQueryResult(q, False, f"{type(e).__name__}: {said}", len(duck)))
            continue
        if len(frame.columns) == len(duck.columns):
            # an unnamed expression's column is named by each engine its own way (`max(order_date)` / `_col_0`):
            # pages read such a statement by position, so the position names it
            frame.columns = [d if re.fullmatch(r"_col_\d+", str(s)) else s for s, d in zip(frame.columns, duck.columns)]
        d = compare_frames(q.source, duck, frame)
        out.append(PageQueryResult(q, d.equal, d.detail, len(duck), text))
    return out




def tables_read(sql: str) -> set[str]:
    """The tables and views a statement reads (its CTEs and the macros' own reads included, CTE names excluded)."""
    tree = expand_macros(parse(sql))
    ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    return {t.name.lower() for t in tree.find_all(exp.Table) if t.name and t.name.lower() not in ctes}
