"""The function names Spark resolves, for the fast transpile test (which runs where there is no Spark, as in CI).

`spark_builtin_functions.txt` is Spark's own `SHOW FUNCTIONS` (the pinned pyspark), operators left out; regenerate it
with `python -m tests.scaleout.spark_functions` (needs pyspark and Java) when requirements-scaleout.txt moves.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import sqlglot
from sqlglot import exp

LIST = Path(__file__).with_name("spark_builtin_functions.txt")
SYNTAX = {"try_cast"}  # written like a call, parsed by Spark as syntax (not listed by SHOW FUNCTIONS)


@lru_cache(maxsize=1)
def builtins() -> frozenset[str]:
    return frozenset(line.strip() for line in LIST.read_text().splitlines() if line.strip() and not line.startswith("#"))


def called_functions(spark_sql: str) -> set[str]:
    """Every function name a Spark SQL text calls (lower case), as Spark will look it up."""
    names = set()
    for node in sqlglot.parse_one(spark_sql, read="spark").find_all(exp.Func):
        if isinstance(node, exp.Anonymous):
            names.add(node.name.lower())
            continue
        m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", node.sql("spark"))
        if m:
            names.add(m.group(1).lower())
    return names


def unknown_functions(spark_sql: str) -> set[str]:
    """The names Spark would refuse with UNRESOLVED_ROUTINE."""
    return called_functions(spark_sql) - builtins() - SYNTAX


def main() -> None:
    from lib.scaleout.spark import session
    spark = session("local[1]")
    try:
        names = sorted({r[0].split(".")[-1] for r in spark.sql("SHOW FUNCTIONS").collect()})
        version = spark.version
    finally:
        spark.stop()
    LIST.write_text(f"# Spark {version} builtin functions: spark.sql('SHOW FUNCTIONS') (operators left out); regenerate with\n"
                    "# python -m tests.scaleout.spark_functions on a machine with pyspark when the pinned pyspark changes.\n"
                    + "".join(f"{n}\n" for n in names if re.fullmatch(r"[a-z_][a-z0-9_]*", n)))


if __name__ == "__main__":
    main()
