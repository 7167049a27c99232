"""Every model of the warehouse has a Spark reading after the project's rules (sqlglot only, no Spark): no
construct sqlglot reports as unsupported, none that Spark cannot parse, and the columns each model names are the
DuckDB model's, in order (no helper column leaks, no literal renamed); every function it calls is one Spark
resolves (its SHOW FUNCTIONS, committed in spark_builtin_functions.txt), every table it reads exists and no
SELECT has two generators."""
from __future__ import annotations

import re

import pytest

sqlglot = pytest.importorskip("sqlglot")
from sqlglot import exp  # noqa: E402

from lib.scaleout.rules import NotPortable  # noqa: E402
from lib.scaleout.transpile import build_plan, model_schemas, to_spark  # noqa: E402
from tests.scaleout.spark_functions import called_functions, unknown_functions  # noqa: E402

PLAN = build_plan()


def test_the_plan_follows_the_duckdb_build():
    from lib.warehouse import MARTS, models
    layers = [s.layer for s in PLAN]
    # the latest-load views, the staging views, then the intermediate models and marts in the DuckDB build's own
    # order (each after the models it reads: int_shipments after dim_calendar)
    assert layers == sorted(layers, key=lambda layer: {"latest": 0, "staging": 1}.get(layer, 2))
    assert [s.name for s in PLAN if s.layer in ("intermediate", "marts")] == [
        m.name for m in models() if m.layer != "staging"]
    assert set(MARTS) <= {s.name for s in PLAN if s.layer == "marts"}
    assert {s.name for s in PLAN if s.materialise} >= {"int_order_lines", "stg_fx_rates", *MARTS}


@pytest.mark.parametrize("step", PLAN, ids=lambda s: s.name)
def test_model_has_a_spark_reading(step):
    spark_sql = to_spark(step.duckdb_sql)  # raises NotPortable on any unsupported construct
    tree = sqlglot.parse_one(spark_sql, read="spark")
    assert tree.named_selects == list(model_schemas()[step.name]), "the Spark model names other columns"
    assert not list(tree.find_all(exp.Qualify, exp.DayOfWeekIso, exp.AnyValue, exp.TimestampDiff))
    assert not [u for u in tree.find_all(exp.Union) if u.args.get("by_name")]
    assert not [j for j in tree.find_all(exp.Join) if j.args.get("method")], "ASOF join"
    assert not [s for s in tree.find_all(exp.Star) if s.args.get("except_")]
    assert all(call.startswith("DATEDIFF(CAST(") for call in re.findall(r"DATEDIFF\(\w*\(?", spark_sql)), \
        "datediff counts elapsed days on timestamps: both sides must be dates"
    assert not [c for c in tree.find_all(exp.Cast) if isinstance(c.this, exp.Explode)], "generator inside a CAST"
    assert unknown_functions(spark_sql) == set(), "Spark has no such function (UNRESOLVED_ROUTINE)"
    ctes = {c.alias_or_name for c in tree.find_all(exp.CTE)}
    assert {t.name for t in tree.find_all(exp.Table) if t.name} - ctes - set(model_schemas()) == set(), \
        "reads a table that is neither a CTE of the model nor a table of the build (TABLE_OR_VIEW_NOT_FOUND)"
    assert not [s for s in tree.find_all(exp.Select) if sum(isinstance(e.unalias(), exp.Explode)
                                                             for e in s.expressions) > 1], "two generators in a SELECT"


def _spark(sql: str) -> str:
    return to_spark(sql, {"t": {"a": "DATE", "b": "TIMESTAMP", "x": "DOUBLE", "k": "VARCHAR"},
                          "u": {"k": "VARCHAR", "d": "DATE", "v": "DOUBLE"}})


def test_rules_rewrite_what_spark_reads_otherwise():
    assert "WEEKDAY(t.a) + 1" in _spark("SELECT isodow(a) AS w FROM t")
    day = _spark("SELECT date_diff('day', b, b) AS d FROM t")
    assert "DATEDIFF(CAST(t.b AS DATE), CAST(t.b AS DATE))" in day
    minute = _spark("SELECT date_diff('minute', b, b) AS d FROM t")
    assert "FLOOR(UNIX_MICROS(t.b) / 60000000)" in minute
    assert "CAST(t.x AS DOUBLE) / 60.0" in _spark("SELECT x / 60.0 AS h FROM t")
    q = sqlglot.parse_one(_spark("SELECT * FROM t QUALIFY row_number() OVER (PARTITION BY k ORDER BY a) = 1"),
                          read="spark")
    assert q.named_selects == ["a", "b", "x", "k"]  # the helper column stays inside
    u = sqlglot.parse_one(_spark("SELECT k, x FROM t UNION ALL BY NAME SELECT v AS x, k, d FROM u"), read="spark")
    assert [s.named_selects for s in (u.this, u.expression)] == [["k", "x", "d"], ["k", "x", "d"]]
    assert isinstance(u.this.expressions[2].this, exp.Null)
    asof = _spark("SELECT t.k, u.v FROM t ASOF LEFT JOIN u ON u.k = t.k AND t.a >= u.d")
    assert "ASOF" not in asof and "LEAD(d) OVER (PARTITION BY k ORDER BY d" in asof and "t.a < u.__asof_next" in asof


def test_what_no_rule_handles_is_refused():
    with pytest.raises(NotPortable, match="any_value"):
        _spark("SELECT any_value(x) AS x FROM t")
    with pytest.raises(NotPortable, match="weeks"):
        _spark("SELECT date_diff('week', a, a) AS w FROM t")


def test_unknown_functions_are_caught_without_spark():
    """The check that would have failed when generate_subscripts reached Spark untranslated."""
    assert unknown_functions("SELECT generate_subscripts(split(p, ','), 1) AS i, list_filter(l, x -> x <> '') AS f "
                             "FROM t") == {"generate_subscripts", "list_filter"}
    assert unknown_functions("SELECT filter(l, x -> x <> '') AS f, min_by(a, b) AS m, TRY_CAST(a AS INT) AS c, "
                             "posexplode(l) AS (p, v) FROM t") == set()
    assert {"filter", "min_by", "posexplode"} <= called_functions(
        "SELECT filter(l, x -> x <> '') AS f, min_by(a, b) AS m FROM t LATERAL VIEW posexplode(l) e AS p, v")


def _lists(sql: str) -> str:
    return to_spark(sql, {"o": {"id": "VARCHAR", "p": "VARCHAR", "tags": "VARCHAR[]"}})


def test_list_positions_become_posexplode():
    lateral = _lists("SELECT o.id, x.item, x.n FROM o, LATERAL (SELECT unnest(string_split(o.p, '|')) AS item, "
                     "generate_subscripts(string_split(o.p, '|'), 1) AS n) x WHERE x.item <> ''")
    tree = sqlglot.parse_one(lateral, read="spark")
    assert tree.named_selects == ["id", "item", "n"]
    assert "LATERAL VIEW POSEXPLODE(SPLIT(o.p, " in lateral and "(x.__pos + 1) AS n" in lateral
    assert "GENERATE_SUBSCRIPTS" not in lateral.upper()
    left = _lists("SELECT o.id, x.item FROM o LEFT JOIN LATERAL (SELECT unnest(tags) AS item, "
                  "generate_subscripts(tags, 1) AS n) x ON true")
    assert "LATERAL VIEW OUTER POSEXPLODE(o.tags) x AS __pos, item" in left
    inline = _lists("SELECT id, unnest(tags) AS tag, unnest(generate_series(1, len(tags))) AS i FROM o")
    assert sqlglot.parse_one(inline, read="spark").named_selects == ["id", "tag", "i"]
    assert "__pe.tag AS tag, (__pe.__pos + 1) AS i" in inline and "LATERAL VIEW POSEXPLODE(o.tags) __pe" in inline
    with pytest.raises(NotPortable, match="another list"):
        _lists("SELECT unnest(tags) AS tag, generate_subscripts(string_split(p, ','), 1) AS i FROM o")
    with pytest.raises(NotPortable, match="dimension"):
        _lists("SELECT unnest(tags) AS tag, generate_subscripts(tags, 2) AS i FROM o")


def test_ordered_first_becomes_min_by_and_by_name_keeps_the_with():
    first = _lists("SELECT id, first(t ORDER BY i) FILTER (WHERE t IS NOT NULL) AS a, first(t ORDER BY i DESC) AS b "
                   "FROM (SELECT id, unnest(tags) AS t, unnest(generate_series(1, len(tags))) AS i FROM o) s GROUP BY id")
    assert "MIN_BY(s.t, s.i) FILTER(WHERE NOT s.t IS NULL) AS a" in first
    assert "MAX_BY(s.t, s.i) AS b" in first
    several = _lists("SELECT p, first(id ORDER BY p DESC, id) AS a FROM o GROUP BY p")
    assert "ELEMENT_AT(ARRAY_SORT(COLLECT_LIST(STRUCT(o.id AS v, o.p AS k0, o.id AS k1))" in several
    assert "FIRST(" not in several.upper().replace("ELEMENT_AT", "")
    u = _lists("WITH a AS (SELECT id FROM o UNION ALL BY NAME SELECT p AS id FROM o) "
               "SELECT id FROM a UNION ALL BY NAME SELECT p AS id FROM o")
    assert "BY NAME" not in u and u.startswith("WITH a AS (")


def test_computed_list_positions_count_from_one():
    """sqlglot's DuckDB reader shifts the positions it can type (l[1] → l[0], l[len(l)] → l[len(l) - 1]) and
    leaves l[col] as it is, which Spark reads from 0: every position, read as written, becomes try_element_at
    (from 1, NULL out of range like DuckDB)."""
    text = to_spark("SELECT tags[1] AS a, tags[n + 1] AS b, list_extract(tags, 2) AS c, tags[n] AS d FROM o",
                    {"o": {"tags": "VARCHAR[]", "n": "INTEGER"}})
    assert "TRY_ELEMENT_AT(o.tags, 1) AS a" in text
    assert "TRY_ELEMENT_AT(o.tags, o.n + 1) AS b" in text
    assert "TRY_ELEMENT_AT(o.tags, 2) AS c" in text and "TRY_ELEMENT_AT(o.tags, o.n) AS d" in text
