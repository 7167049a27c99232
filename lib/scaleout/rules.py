"""The project's AST rules: what sqlglot's DuckDB → Spark translation leaves wrong or unrunnable in our models.

Each rule takes a parsed DuckDB tree (and the schema of every table it may read) and returns a tree that means the
same on Spark. They run in the order of RULES, before sqlglot writes the Spark text. Each names the construct it
handles and why; a construct no rule handles and Spark would read differently is refused (`NotPortable`), never
passed through: a wrong number is worse than a failed build.

| rule | DuckDB | what Spark (or sqlglot's default translation) would do | rewrite |
|---|---|---|---|
| refuse_nondeterminism | `any_value(x)` | picks another of the differing values | refused (use min/max/arg_max) |
| unpivot_statement | `UNPIVOT t ON COLUMNS(* EXCLUDE (c)) INTO NAME n VALUE v` | no such statement | `SELECT * FROM t UNPIVOT (v FOR n IN (<columns from the schema>))` |
| expand_stars | `SELECT *`, `* EXCLUDE`, unaliased literals | QUALIFY's helper column leaks through `SELECT *`; `EXCLUDE` unknown; an unaliased `'Amazon FBA'` became `Amazon AS FBA` | every star expanded from the schema, every projection named (sqlglot `qualify`) |
| eliminate_qualify | `SELECT … QUALIFY cond` | sqlglot's rewrite filters on a helper with names the subquery hid (and leaks it through `SELECT *`) | `SELECT <names> FROM (SELECT …, cond AS __qualify) WHERE __qualify` |
| union_by_name | `UNION ALL BY NAME` | syntax error | branches aligned by name, NULL for a column a branch lacks (inner unions first; the statement's `WITH` kept) |
| posexplode_positions | `unnest(l) AS v, generate_subscripts(l, 1) AS i` (or `unnest(generate_series(1, len(l))) AS i`) in one SELECT, or in a `LATERAL (SELECT …) x` | no `generate_subscripts`; one generator per SELECT; sqlglot writes `len(l)` as string `LENGTH` | `LATERAL VIEW [OUTER] posexplode(l) x AS __pos, v`, `i` = `x.__pos + 1` |
| ordered_first | `first(x ORDER BY k)` | `first()` takes no ORDER BY (syntax error) | `min_by(x, k)` (`max_by` for DESC): equal when `k` is unique and not NULL in each group, as a list position is |
| unnest_cast | `CAST(unnest(generate_series(a, b, i)) AS DATE)` | a generator nested in an expression is refused | `explode(CAST(sequence(a, b, i) AS ARRAY<DATE>))` |
| isodow | `isodow(d)` (Monday = 1 … Sunday = 7) | sqlglot writes a Sunday-based number | `weekday(d) + 1` |
| date_diff_boundaries | `date_diff('day' / 'hour' / 'minute' / 'second', a, b)`: boundaries crossed | `datediff`/`timestampdiff` count whole elapsed units | day: `datediff(CAST(b AS DATE), CAST(a AS DATE))`; others: difference of `floor(unix_micros(x) / unit)` |
| asof_join | `a ASOF LEFT JOIN b ON eq… AND a.t >= b.t` | no ASOF join | `b` gains the next `t` of its key (`lead`), joined on `b.t <= a.t < next` |
| inline_lateral_row | `LEFT JOIN LATERAL (SELECT e AS a) r ON true` (one row: no FROM, no generator) | a scalar subquery inside it cannot read the outer tables (two levels of correlation) | `r.a` replaced by `e`, the join dropped |
| lateral_values | `, LATERAL (VALUES (…), …) AS x(c…)` over outer columns | inline tables cannot read outer columns | `LATERAL VIEW inline(array(struct(…)))` |
| double_division | `a / b` is DOUBLE in DuckDB, also between DECIMALs | DECIMAL ÷ DECIMAL stays DECIMAL (rounded at 6 places) | `CAST(a AS DOUBLE) / b` |
| double_average | `avg(decimal)` is DOUBLE | DECIMAL | `avg(CAST(x AS DOUBLE))` |
"""
from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.optimizer.qualify import qualify


class NotPortable(ValueError):
    """A construct no rule translates and Spark would read differently (or not at all)."""


# ------------------------------------------------------------------ rules

def refuse_nondeterminism(tree: exp.Expression, schema: dict) -> exp.Expression:
    """any_value picks whichever value an engine meets first: DuckDB and Spark meet them in different orders."""
    for node in tree.find_all(exp.AnyValue):
        raise NotPortable(f"any_value picks among differing values on each engine: {node.sql('duckdb')}")
    return tree


def _columns_of(source: str, tree: exp.Expression, schema: dict) -> list[str]:
    """The columns of a table or of a CTE of `tree` (a CTE's stars expanded from the schema)."""
    with_ = tree.args.get("with_")
    ctes = list(with_.expressions) if with_ else []
    names = [c.alias_or_name for c in ctes]
    if source in names:
        idx = names.index(source)
        probe = exp.select("*").from_(source)
        probe.set("with_", exp.With(expressions=[c.copy() for c in ctes[: idx + 1]]))
        return list(qualify(probe, schema=schema, dialect="duckdb", quote_identifiers=False).named_selects)
    if source in schema:
        return list(schema[source])
    raise NotPortable(f"unknown table {source!r}")


def unpivot_statement(tree: exp.Expression, schema: dict) -> exp.Expression:
    """DuckDB's simplified `UNPIVOT t ON cols INTO NAME n VALUE v` → standard `SELECT * FROM t UNPIVOT (v FOR n IN
    (cols))`, with `COLUMNS(* EXCLUDE (…))` resolved to the table's columns. Both engines leave NULL values out."""
    for pivot in list(tree.find_all(exp.Pivot)):
        if not pivot.args.get("unpivot") or not isinstance(pivot.parent, exp.CTE) or not pivot.args.get("into"):
            continue
        source = pivot.this.name
        cols: list[str] = []
        for e in pivot.expressions:
            if isinstance(e, exp.Columns) and isinstance(e.this, exp.Star):
                drop = {c.name.lower() for c in (e.this.args.get("except_") or [])}
                cols += [c for c in _columns_of(source, tree, schema) if c.lower() not in drop]
            elif isinstance(e, exp.Column):
                cols.append(e.name)
            else:
                raise NotPortable(f"UNPIVOT over {e.sql('duckdb')}")
        if not cols:
            raise NotPortable(f"UNPIVOT of {source} has no columns to unpivot")
        into = pivot.args["into"]
        spark_pivot = exp.Pivot(
            expressions=[exp.to_identifier(into.expressions[0].name)],
            fields=[exp.In(this=exp.to_identifier(into.this.name), expressions=[exp.column(c) for c in cols])],
            unpivot=True)
        table = exp.Table(this=exp.to_identifier(source), pivots=[spark_pivot])
        pivot.replace(exp.select("*").from_(table))
    return tree


def expand_stars(tree: exp.Expression, schema: dict) -> exp.Expression:
    """Expand every star (and `* EXCLUDE`) from the schema and name every projection (sqlglot's `qualify`)."""
    return qualify(tree, schema=schema, dialect="duckdb", quote_identifiers=False, validate_qualify_columns=False,
                   identify=False)


def eliminate_qualify(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`SELECT … QUALIFY cond` → `SELECT <names> FROM (SELECT …, cond AS __qualify) WHERE __qualify`. sqlglot's own
    translation filters on the helper outside the subquery with the inner table names (unresolvable once columns
    are qualified) and, over `SELECT *`, leaks the helper column into the model."""
    for select in list(tree.find_all(exp.Select)):
        qualify_ = select.args.get("qualify")
        if not qualify_:
            continue
        if select.args.get("distinct") or select.args.get("order") or select.args.get("limit"):
            raise NotPortable("QUALIFY together with DISTINCT, ORDER BY or LIMIT has no rule")
        names = list(select.named_selects)  # a later UNION branch may repeat a name: positions stay unique
        inner = select.copy()
        inner.set("qualify", None)
        inner.set("expressions", [exp.alias_(e.unalias().copy(), f"__c{i}") for i, e in enumerate(inner.expressions)])
        inner.select(exp.alias_(qualify_.this.copy(), "__qualify"), copy=False)
        outer = exp.select(*[exp.alias_(exp.column(f"__c{i}", table="__q"), n) for i, n in enumerate(names)]) \
            .from_(inner.subquery("__q")).where(exp.column("__qualify", table="__q"))
        if select is tree:
            tree = outer
        else:
            select.replace(outer)
    return tree


def union_by_name(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`a UNION ALL BY NAME b`: align b's projections on a's names (after expand_stars every projection is named);
    a name only one side has becomes NULL on the other, as DuckDB fills it."""
    def branches(node):
        if isinstance(node, exp.Union) and node.args.get("by_name"):
            return branches(node.this) + branches(node.expression)
        return [node]

    for union in reversed(list(tree.find_all(exp.Union))):  # inner ones (in a CTE, a branch) first
        if not union.args.get("by_name") or (isinstance(union.parent, exp.Union) and union.parent.args.get("by_name")):
            continue
        parts = [b.unnest() if isinstance(b, exp.Subquery) else b for b in branches(union)]
        if not all(isinstance(p, exp.Select) for p in parts):
            raise NotPortable("UNION BY NAME over something other than SELECTs")
        names: list[str] = []
        for p in parts:
            names += [n for n in p.named_selects if n not in names]
        aligned = []
        for p in parts:
            by = {e.alias_or_name: e for e in p.expressions}
            p = p.copy()
            p.set("expressions", [by[n].copy() if n in by else exp.alias_(exp.null(), n) for n in names])
            aligned.append(p)
        new = aligned[0]
        for p in aligned[1:]:
            new = exp.union(new, p, distinct=bool(union.args.get("distinct")))
        if union.args.get("with_"):  # `WITH … SELECT … UNION ALL BY NAME …`: the CTEs belong to the whole statement
            new.set("with_", union.args["with_"])
        if union is tree:
            tree = new
        else:
            union.replace(new)
    return tree


def _position_of(node: exp.Expression) -> exp.Expression | None:
    """The list whose 1-based positions `node` generates, for DuckDB's two spellings of it in a SELECT that also
    unnests that list: `generate_subscripts(l, 1)` and `unnest(generate_series(1, len(l)))`."""
    if isinstance(node, exp.Anonymous) and node.name.lower() == "generate_subscripts":
        args = node.expressions
        if len(args) == 2 and args[1] == exp.Literal.number(1):
            return args[0]
        raise NotPortable(f"generate_subscripts over another dimension than 1: {node.sql('duckdb')}")
    if isinstance(node, exp.Explode) and not isinstance(node, exp.Posexplode) \
            and isinstance(node.this, exp.GenerateSeries):
        series = node.this
        start, end = series.args.get("start"), series.args.get("end")
        if start == exp.Literal.number(1) and isinstance(end, exp.Length) and not series.args.get("step") \
                and not series.args.get("is_end_exclusive"):
            return end.this
    return None


def _posexplode_view(the_list: exp.Expression, alias: str, value: str, outer: bool) -> exp.Lateral:
    return exp.Lateral(this=exp.Posexplode(this=the_list.copy()), view=True, outer=outer,
                       alias=exp.TableAlias(this=exp.to_identifier(alias),
                                            columns=[exp.to_identifier("__pos"), exp.to_identifier(value)]))


def _plus_one(alias: str) -> exp.Expression:
    return exp.paren(exp.Add(this=exp.column("__pos", table=alias), expression=exp.Literal.number(1)))


def posexplode_positions(tree: exp.Expression, schema: dict) -> exp.Expression:
    """A list unnested next to its own positions in one SELECT (`unnest(l) AS v, generate_subscripts(l, 1) AS i`, or
    `unnest(l) AS v, unnest(generate_series(1, len(l))) AS i`: DuckDB unnests side by side) → one
    `LATERAL VIEW [OUTER] posexplode(l) x AS __pos, v` with i = x.__pos + 1. Spark allows one generator per SELECT and
    has no generate_subscripts. Covers a SELECT with a FROM, and a `[LEFT JOIN] LATERAL (SELECT <the pair>) x` over
    the outer table (x.i becomes x.__pos + 1). A NULL or empty list gives no row on both engines (LEFT: one NULL row)."""
    for select in list(tree.find_all(exp.Select)):
        values, positions = [], []
        for e in select.expressions:
            inner = e.unalias()
            if _position_of(inner) is not None:
                positions.append(e)
            elif isinstance(inner, exp.Explode) and not isinstance(inner, exp.Posexplode):
                values.append(e)
        if not positions:
            continue
        if len(values) != 1 or len(positions) != 1:
            raise NotPortable(f"list positions without exactly one unnest of that list: {select.sql('duckdb')[:200]}")
        value, position = values[0], positions[0]
        the_list = value.unalias().this
        if _position_of(position.unalias()) != the_list:
            raise NotPortable(f"positions of another list than the one unnested: {select.sql('duckdb')[:200]}")
        v_name, i_name = value.alias_or_name, position.alias_or_name
        lateral = select.parent.parent if isinstance(select.parent, exp.Subquery) else select.parent
        if isinstance(lateral, exp.Lateral) and not select.args.get("from_") and len(select.expressions) == 2 \
                and isinstance(lateral.parent, exp.Join):
            join = lateral.parent
            outer_select = join.parent
            alias = lateral.alias_or_name
            on = join.args.get("on")
            side = (join.args.get("side") or "").upper()
            if (on is not None and on != exp.true()) or side not in ("", "LEFT"):
                raise NotPortable("a LATERAL unnest joined other than by a comma or LEFT JOIN … ON true")
            join.pop()
            outer_select.append("laterals", _posexplode_view(the_list, alias, v_name, side == "LEFT"))
            for col in list(outer_select.find_all(exp.Column)):
                if col.table == alias and col.name == i_name:
                    col.replace(_plus_one(alias))
        elif select.args.get("from_"):
            select.append("laterals", _posexplode_view(the_list, "__pe", v_name, False))
            value.replace(exp.alias_(exp.column(v_name, table="__pe"), v_name))
            position.replace(exp.alias_(_plus_one("__pe"), i_name))
        else:
            raise NotPortable(f"list positions in a query with no table and no LATERAL join: {select.sql('duckdb')[:200]}")
    return tree


def ordered_first(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`first(x ORDER BY k)` (an ordered aggregate) → `min_by(x, k)` (`max_by` for DESC): Spark's first() takes no
    ORDER BY. Equal when k is unique and not NULL within each group (e.g. a list position): on ties each engine
    picks one of the rows, and min_by leaves out rows whose k is NULL where DuckDB sorts them last."""
    for first in list(tree.find_all(exp.First)):
        order = first.this
        if not isinstance(order, exp.Order):
            continue
        if len(order.expressions) != 1:
            first.replace(_first_by_keys(order.this, order.expressions))
            continue
        key = order.expressions[0]
        func = exp.ArgMax if key.args.get("desc") else exp.ArgMin
        first.replace(func(this=order.this.copy(), expression=key.this.copy()))
    return tree


def _first_by_keys(value: exp.Expression, keys: list[exp.Ordered]) -> exp.Expression:
    """`first(v ORDER BY k1 [DESC], k2 …)` as Spark: the group's (v, k1, k2 …) collected, sorted by a comparator
    that follows each key's direction with NULLs last (DuckDB's default both ways), and the first one's v. No key
    is negated, so text keys sort as text."""
    def compare(i: int) -> str:
        if i == len(keys):
            return "0"
        lo, hi = ("1", "-1") if keys[i].args.get("desc") else ("-1", "1")
        nulls_first = bool(keys[i].args.get("nulls_first"))
        a_null, b_null = ("-1", "1") if nulls_first else ("1", "-1")
        return (f"CASE WHEN a.k{i} IS NULL AND b.k{i} IS NULL THEN {compare(i + 1)} WHEN a.k{i} IS NULL THEN {a_null} "
                f"WHEN b.k{i} IS NULL THEN {b_null} WHEN a.k{i} < b.k{i} THEN {lo} WHEN a.k{i} > b.k{i} THEN {hi} "
                f"ELSE {compare(i + 1)} END")
    fields = ", ".join(["__v AS v"] + [f"__k{i} AS k{i}" for i in range(len(keys))])
    template = sqlglot.parse_one(
        f"element_at(array_sort(collect_list(struct({fields})), (a, b) -> {compare(0)}), 1).v", read="spark")
    bound = {"__v": value, **{f"__k{i}": k.this for i, k in enumerate(keys)}}
    return template.transform(lambda n: bound[n.name].copy() if isinstance(n, exp.Column) and n.name in bound
                              and not n.table else n)


def unnest_cast(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`CAST(unnest(list) AS T)` → `unnest(CAST(list AS T[]))`: Spark refuses a generator inside an expression."""
    for cast in list(tree.find_all(exp.Cast)):
        inner = cast.this
        if isinstance(inner, exp.Explode) or isinstance(inner, exp.Unnest):
            arg = inner.this if isinstance(inner, exp.Explode) else inner.expressions[0]
            to = exp.DataType(this=exp.DataType.Type.ARRAY, expressions=[cast.to.copy()], nested=True)
            cast.replace(exp.Explode(this=exp.Cast(this=arg.copy(), to=to)))
    return tree


def isodow(tree: exp.Expression, schema: dict) -> exp.Expression:
    """ISO day of week (Monday 1 … Sunday 7): Spark's weekday() is Monday 0 … Sunday 6."""
    for node in list(tree.find_all(exp.DayOfWeekIso)):
        node.replace(exp.paren(exp.Add(this=exp.Anonymous(this="WEEKDAY", expressions=[node.this.copy()]),
                                       expression=exp.Literal.number(1))))
    return tree


_MICROS = {"HOUR": 3_600_000_000, "MINUTE": 60_000_000, "SECOND": 1_000_000}


def date_diff_boundaries(tree: exp.Expression, schema: dict) -> exp.Expression:
    """DuckDB's date_diff counts the unit boundaries between a and b (10:00:59 → 10:01:00 is one minute); Spark's
    datediff/timestampdiff count whole elapsed units (zero minutes). Days compare the two dates; smaller units
    the floor of the epoch in that unit (exact for negative spans too)."""
    for node in list(tree.find_all(exp.DateDiff)):
        unit = (node.unit.name if node.unit else "DAY").upper()
        end, start = node.this.copy(), node.expression.copy()
        if unit == "DAY":
            new = exp.Anonymous(this="DATEDIFF", expressions=[exp.cast(end, "DATE"), exp.cast(start, "DATE")])
        elif unit in _MICROS:
            def epoch(x):
                return exp.Floor(this=exp.Div(this=exp.Anonymous(this="UNIX_MICROS", expressions=[x]),
                                              expression=exp.Literal.number(_MICROS[unit])))
            new = exp.Sub(this=epoch(end), expression=epoch(start))
        else:
            raise NotPortable(f"date_diff in {unit.lower()}s has no rule yet: {node.sql('duckdb')}")
        node.replace(exp.paren(new))
    return tree


def asof_join(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`a ASOF LEFT JOIN b ON <equalities> AND a.t >= b.t` (b's latest row at or before a.t, per key) → a range join
    on b's validity span: b gains `__asof_next`, the next t of its key (lead), and joins where
    b.t <= a.t < __asof_next. Exactly one b row per a row when b has one row per key and t (ties: DuckDB picks one of
    them, this picks the last in b's order)."""
    for join in list(tree.find_all(exp.Join)):
        if (join.args.get("method") or "").upper() != "ASOF":
            continue
        if (join.args.get("side") or "").upper() != "LEFT":
            raise NotPortable("only ASOF LEFT JOIN has a rule")
        right = join.this
        r_alias = right.alias_or_name
        conds = list(join.args["on"].flatten()) if isinstance(join.args["on"], exp.And) else [join.args["on"]]
        keys, ineq = [], None
        for c in conds:
            if isinstance(c, exp.EQ):
                side = c.this if c.this.table == r_alias else c.expression
                keys.append(side.name)
            elif isinstance(c, (exp.GTE, exp.LTE)):
                big, small = (c.this, c.expression) if isinstance(c, exp.GTE) else (c.expression, c.this)
                if small.table != r_alias:
                    raise NotPortable("ASOF join whose inequality is not <outer> >= <joined>")
                ineq = (big, small)
            else:
                raise NotPortable(f"ASOF join condition {c.sql('duckdb')}")
        if ineq is None:
            raise NotPortable("ASOF join without an inequality")
        big, small = ineq
        window = exp.Window(this=exp.Anonymous(this="LEAD", expressions=[exp.column(small.name)]),
                            partition_by=[exp.column(k) for k in keys],
                            order=exp.Order(expressions=[exp.Ordered(this=exp.column(small.name))]))
        src = right.copy()
        src.set("alias", None)
        spanned = exp.select("*", exp.alias_(window, "__asof_next")).from_(src).subquery(r_alias)
        nxt = exp.column("__asof_next", table=r_alias)
        on = exp.and_(*[c.copy() for c in conds],
                      exp.or_(exp.Is(this=nxt.copy(), expression=exp.null()), exp.LT(this=big.copy(), expression=nxt)))
        join.set("method", None)
        join.set("this", spanned)
        join.set("on", on)
    return tree


def inline_lateral_row(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`LEFT JOIN LATERAL (SELECT e1 AS a, …) r ON true` (no FROM: exactly one row per outer row) → `r.a` replaced by
    `e1` and the join dropped. Spark cannot resolve a column two correlation levels out (a scalar subquery inside
    the lateral reading the outer tables)."""
    for join in list(tree.find_all(exp.Join)):
        lateral = join.this
        if not isinstance(lateral, exp.Lateral) or lateral.args.get("view"):
            continue
        body = lateral.this.unnest() if isinstance(lateral.this, exp.Subquery) else lateral.this
        on = join.args.get("on")
        if not isinstance(body, exp.Select) or body.args.get("from_") or (on is not None and on != exp.true()):
            continue
        if body.find(exp.Explode, exp.Unnest):  # a generator gives several rows, not one
            continue
        alias = lateral.alias_or_name
        values = {e.alias_or_name: e.unalias() for e in body.expressions}
        select = join.parent
        join.pop()
        for col in list(select.find_all(exp.Column)):
            if col.table == alias and col.name in values:
                col.replace(exp.paren(values[col.name].copy()))
    return tree


def lateral_values(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`FROM t, LATERAL (VALUES (…), …) AS x(c1, c2)` reading t's columns → `LATERAL VIEW inline(array(struct(…)))`."""
    for lateral in list(tree.find_all(exp.Lateral)):
        values = lateral.this.unnest() if isinstance(lateral.this, exp.Subquery) else lateral.this
        if lateral.args.get("view") or not isinstance(values, exp.Values):
            continue
        alias = lateral.args["alias"]
        cols = [c.name for c in alias.columns]
        structs = [exp.Struct(expressions=[exp.PropertyEQ(this=exp.to_identifier(n), expression=v.copy())
                                           for n, v in zip(cols, row.expressions)]) for row in values.expressions]
        view = exp.Lateral(this=exp.Inline(this=exp.Array(expressions=structs)), view=True, outer=False,
                           alias=alias.copy())
        join = lateral.parent
        select = join.parent
        if not isinstance(join, exp.Join) or not isinstance(select, exp.Select):
            raise NotPortable("LATERAL VALUES outside a FROM list")
        join.pop()
        select.append("laterals", view)
    return tree


def double_division(tree: exp.Expression, schema: dict) -> exp.Expression:
    """DuckDB's `/` returns DOUBLE for every numeric pair; Spark keeps DECIMAL ÷ DECIMAL a DECIMAL (6 places)."""
    for div in list(tree.find_all(exp.Div)):
        if not (isinstance(div.this, exp.Cast) and div.this.to.is_type("double")):
            div.set("this", exp.cast(div.this.copy(), "DOUBLE"))
    return tree


def double_average(tree: exp.Expression, schema: dict) -> exp.Expression:
    """DuckDB averages DECIMALs as DOUBLE; Spark as DECIMAL."""
    for avg in list(tree.find_all(exp.Avg)):
        avg.set("this", exp.cast(avg.this.copy(), "DOUBLE"))
    return tree


def nested_cte_names(tree: exp.Expression, schema: dict) -> exp.Expression:
    """A `WITH` nested inside a CTE or subquery: DuckDB scopes its names there, so two CTEs named alike at
    different levels are fine; sqlglot's Spark writer moves every CTE to the top, where Spark refuses duplicate
    names. Each nested CTE is renamed `<name>__<n>` and the tables of its scope that read it follow (keeping the old
    name as their alias, so qualified columns still resolve)."""
    n = 0
    for with_ in list(tree.find_all(exp.With)):
        owner = with_.parent
        if owner is None or owner is tree:
            continue
        for cte in with_.expressions:
            n += 1
            old, new = cte.alias_or_name, f"{cte.alias_or_name}__{n}"
            cte.set("alias", exp.TableAlias(this=exp.to_identifier(new)))
            for table in list(owner.find_all(exp.Table)):
                if table.name == old and not table.args.get("db"):
                    alias = table.args.get("alias") or exp.TableAlias(this=exp.to_identifier(old))
                    table.set("this", exp.to_identifier(new))
                    table.set("alias", alias)
    return tree


def grouping_bits(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`grouping(a, b)` (DuckDB: one bit per column, the first the highest) → `grouping(a) * 2 + grouping(b)`:
    Spark's `grouping()` takes one column, and its `grouping_id(…)` must name every grouping column."""
    for node in list(tree.find_all(exp.Grouping)):
        cols = node.expressions
        if len(cols) > 1:
            bits = [exp.Mul(this=exp.Grouping(expressions=[c.copy()]), expression=exp.Literal.number(2 ** (len(cols) - 1 - i)))
                    for i, c in enumerate(cols)]
            total = bits[0]
            for b in bits[1:]:
                total = exp.Add(this=total, expression=b)
            node.replace(exp.paren(total, copy=False))
    return tree


def cte_materialized(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`WITH x AS MATERIALIZED (…)` (DuckDB: compute once) → `WITH x AS (…)`: Spark has no such keyword (a syntax
    error); the rows are the same, Spark decides itself whether to reuse them."""
    for cte in tree.find_all(exp.CTE):
        if cte.args.get("materialized") is not None:
            cte.set("materialized", None)
    return tree


def list_index(tree: exp.Expression, schema: dict) -> exp.Expression:
    """`l[i]` and `list_extract(l, i)` (DuckDB counts from 1, NULL out of range) → `try_element_at(l, i)` (Spark,
    also from 1, NULL out of range). The tree is read with positions as written (transpile.DuckDBAsWritten):
    sqlglot's own shift covers only the positions it can type, and Spark reads `l[i]` from 0 (the next element,
    silently). String keys (`s['field']`) and slices are left alone."""
    def rewrite(node):
        if isinstance(node, exp.Bracket) and len(node.expressions) == 1:
            idx = node.expressions[0]
            if (isinstance(idx, exp.Literal) and idx.is_string) or isinstance(idx, exp.Slice):
                return node
            return exp.Anonymous(this="try_element_at", expressions=[node.this.copy(), idx.copy()])
        if isinstance(node, exp.Anonymous) and node.name.lower() == "list_extract" and len(node.expressions) == 2:
            return exp.Anonymous(this="try_element_at", expressions=[e.copy() for e in node.expressions])
        if isinstance(node, exp.Anonymous) and node.name.lower() in ("list_position", "list_indexof") \
                and len(node.expressions) == 2:
            # DuckDB: the 1-based position, NULL when absent; Spark's array_position: 0 when absent
            # (an INT, as try_element_at takes: array_position gives a BIGINT)
            found = exp.Anonymous(this="array_position", expressions=[e.copy() for e in node.expressions])
            return exp.cast(exp.Nullif(this=found, expression=exp.Literal.number(0)), "INT")
        return node
    # innermost first: a position inside a position (l[list_position(m, x)]) is rewritten too
    for node in reversed(list(tree.find_all(exp.Bracket, exp.Anonymous, bfs=False))):
        new = rewrite(node)
        if new is not node:
            if node is tree:
                return new
            node.replace(new)
    return tree


RULES = (nested_cte_names, cte_materialized, grouping_bits, refuse_nondeterminism, unpivot_statement, expand_stars, eliminate_qualify, union_by_name,
         posexplode_positions, ordered_first, unnest_cast, isodow,
         asof_join, inline_lateral_row, lateral_values, double_division, double_average,
         list_index, date_diff_boundaries)  # last: its integer epoch divisions are not DuckDB's `/`
