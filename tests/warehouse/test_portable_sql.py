"""Models that mean the same on another engine (the Spark issue builds on this): every model parses as DuckDB SQL
with sqlglot, names every literal it selects (Spark turned an unaliased 'Amazon FBA' into a column named FBA), and
never picks an arbitrary value among differing ones (any_value)."""
from __future__ import annotations

from pathlib import Path

import pytest

sqlglot = pytest.importorskip("sqlglot")
from sqlglot import exp  # noqa: E402

MODELS = sorted((Path(__file__).resolve().parents[2] / "lib" / "warehouse" / "models").rglob("*.sql"))


def _names_its_columns(select: exp.Select) -> bool:
    """A select whose column names matter: not a later branch of a UNION (those take the first branch's names)."""
    node = select
    while isinstance(node.parent, (exp.Subquery, exp.Paren)):
        node = node.parent
    return not (isinstance(node.parent, exp.SetOperation) and node.parent.expression is node)


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_model_is_portable(path):
    tree = sqlglot.parse_one(path.read_text(), read="duckdb")
    unnamed = [e.sql() for s in tree.find_all(exp.Select) if _names_its_columns(s) for e in s.expressions
               if isinstance(e.this if isinstance(e, exp.Cast) else e, (exp.Literal, exp.Null, exp.Boolean))]
    assert not unnamed, f"literals selected without a name: {unnamed}"
    assert not list(tree.find_all(exp.AnyValue)), "any_value picks among differing values: use min/max/arg_max"
    assert sqlglot.transpile(path.read_text(), read="duckdb", write="spark")  # and it has a Spark reading


def test_the_lint_catches_what_it_is_for():
    bad = sqlglot.parse_one("SELECT 'Amazon FBA', any_value(x) AS y FROM t", read="duckdb")
    assert [e for s in bad.find_all(exp.Select) for e in s.expressions if isinstance(e, exp.Literal)]
    assert list(bad.find_all(exp.AnyValue))
    good = sqlglot.parse_one("SELECT 'a' AS k FROM t UNION ALL SELECT 'b' FROM u", read="duckdb")
    assert all(not _names_its_columns(s) or all(isinstance(e, exp.Alias) for e in s.expressions)
               for s in good.find_all(exp.Select))
