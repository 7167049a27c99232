"""Every model of the warehouse has a Spark reading after the project's rules (sqlglot only, no Spark): no
construct sqlglot reports as unsupported, none that Spark cannot parse, and the columns each model names are the
DuckDB model's, in order (no helper column leaks, no literal renamed)."""
from __future__ import annotations

import re

import pytest

sqlglot = pytest.importorskip("sqlglot")
from sqlglot import exp  # noqa: E402

from lib.scaleout.rules import NotPortable  # noqa: E402
from lib.scaleout.transpile import build_plan, model_schemas, to_spark  # noqa: E402

PLAN = build_plan()


def test_the_plan_follows_the_duckdb_build():
    from lib.warehouse import MARTS
    layers = [s.layer for s in PLAN]
    assert layers == sorted(layers, key=["latest", "staging", "intermediate", "marts"].index)
    assert [s.name for s in PLAN if s.layer == "marts"] == list(MARTS)
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
