"""No SQL is built from user values by string formatting.

Values travel as DuckDB `$params`.  Identifiers (table and column names) may be formatted into SQL only when they
come from our own registries: every f-string / .format / % SQL construction in lib/, pages/ and app.py must
interpolate only expressions listed in REVIEWED below (each one reviewed: a registry name, a temp-table name we
generate, SQL text from our own .sql files, or a number).  A new interpolation makes this test fail until it is
reviewed and listed; user input must never be one of them.
"""
from __future__ import annotations

import ast
import re

from sql_scan import REPO, rel, sources, sql_strings

SQL_WORDS = re.compile(r"\b(SELECT|INSERT|CREATE|DELETE|UPDATE|DROP|ALTER|ATTACH|COPY|FROM|WHERE|PRAGMA|SET)\b")

# expression (ast.unparse) -> why it is safe
REVIEWED = {
    # lib/warehouse builds by key (incremental.py): names and keys from model headers and the format registry
    "col": "a column a model header declares as the key of one of its inputs",
    "incremental.KEY_INDEX[key]": "the model that holds a key's lines (a constant)",
    "incremental.key_expr(spec)": "concat_ws over a registered format's `replaces` key",
    "key_expr(spec)": "concat_ws over a registered format's `replaces` key",
    "incremental.qualified(con, inp)": "a model name qualified by the workspace's database name (quoted)",
    "incremental.restricted_latest_sql(spec)": "a latest-load view generated from the format registry",
    "inp": "a model name from the DAG (a model header's declared input)",
    "literal(spec.name)": "a registered format name as a quoted SQL literal",
    "new": "a generated temp table name (_new_<model>)",
    "target": "a model name qualified by the workspace's database name (quoted)",
    "touched[inp]": "a generated temp table name (_touched_<model>)",
    "union": "UNION ALL of SELECTs generated from model headers",
    "values": "incremental.changed_values over two versions of a model's table",
    "keys": "a registered format's `replaces` key columns",
    "prev": "a generated table name (_prev_<model>)",
    "part_key(table, period(con, table))": "the snapshot part expression of a published table (its PARTITIONS date "
                                           "column, by year or month)",
    "touched": "a generated temp table name (_touched_<model>)",
    "after": "the SELECT of a model's rows for the keys in a generated temp table (_touched_<model>)",
    "diff": "the multiset difference of a model's rows before (_old_<model>) and after a build by key",
    "index_rows": "_old_<model> (a generated temp table) or a model name qualified by the workspace's database",
    "pred": "a predicate from a repository model's header (`grow-only, except rows where …`), not user input",
    "loaded_sql(spec)": "the load log's rows of a registered format (the name as a quoted literal)",
    "spec.name": "a registered FormatSpec name (identifier characters only)",
    "incremental.qualified(con, index)": "a model name (a header's key index) qualified by the workspace's database",
    "index": "a model name: the input a model header declares `by <key>`",
    "k_in": "the key column a model header declares",
    "replaced": "a predicate built from a header's key and a generated temp table name",
    "src": "a model name qualified by the workspace's database name (quoted)",
    "t_in": "a generated temp table name (_touched_<model>)",
    "sql": "a shadow view's SELECT built above from header names and generated temp tables",
    "via": "a column a model header names in its key index",
    # lib/ingest: identifiers from the format registry (FormatSpec / Col) and generated temp names
    "spec.table": "raw table name of a registered FormatSpec",
    "_row_hash(con, table)": "hash() over a published table's own columns (names from information_schema, quoted)",
    "BY_NAME[fmt].table": "raw table of a format name read back from our own load_log",
    "', '.join((c.name for c in spec.columns))": "registry column names",
    "', '.join(raw_cols)": "registry column names",
    "', '.join(cols)": "registry column names with their registry SQL types",
    "', '.join(select)": "typed-parse expressions over c<i> column positions (lib/ingest/parse.py)",
    "', '.join(parts)": "forward-fill expressions over registry column names",
    "errs": "validation CASE list over c<i> positions; labels are registry headers with quotes doubled",
    "fill": "forward-fill SELECT over registry columns (_forward_fill_sql)",
    "g": "the registry's fill_group column name",
    "seq_part": "registry key column names",
    "raw_text": "c<i> positional column names",
    "pos[spec.note_row[0]]": "column position (an int) of a registry column in the matched header",
    "rr.row_expr": "rowid arithmetic or _row, from lib/ingest/reader.py",
    "tmp": "temp table name built from an integer load id / a constant",
    "f.table": "temp table name _in_<i> generated in lib/ingest _load_batch",
    "table": "temp table name passed by lib/ingest (constant prefix)",
    "columns": "DuckDB columns={...} struct of c<i>: 'VARCHAR' built from a count",
    "wanted": "c<i> positional column names of the used columns",
    "', '.join((f'CAST(c{i} AS VARCHAR) AS c{i}' for i in range(n)))": "positional columns from a count",
    "max(mb, 128)": "an int from the workspace settings (int() applied)",
    "DATE_SAMPLE_ROWS": "module constant (an int)",
    "', '.join((f'c{i} VARCHAR' for i in cols))": "positional column DDL from column indexes",
    "', '.join((f'CAST(c{i} AS VARCHAR)' for i in cols))": "positional columns from column indexes",
    "relation": "temp table name from lib/ingest",
    "', '.join(aggs)": "count(try_strptime(...)) aggregates over c<i> with our format strings",
    "', '.join(stripped)": "tz-stripping expressions over c<i>",
    # lib/warehouse: model names are .sql file stems of the repository; types from SQL_TYPES
    "name": "staging/mart model name (file stem in lib/warehouse/models)",
    "model_sql('staging', name)": "SQL text of a repository .sql file",
    "model_sql(layer, name)": "SQL text of a repository .sql file (layer: 'staging' or 'intermediate', constants)",
    "kind": "the constant TABLE or VIEW (lib/warehouse build)",
    "BUILD_STATE": "module constant: the build-state table's name",
    "m.name": "model name (file stem in lib/warehouse/models)",
    "m.sql": "SQL text of a repository .sql file (lib/warehouse dag.Model)",
    # lib/warehouse/publish: snapshot parts
    "_month(col, fmt)": "strftime over a PARTITIONS column name (module constant), by '%Y' or '%Y-%m'",
    "key": "the month expression of a PARTITIONS column, or the constant 'all'",
    "literal(tmp)": "a path quoted as an SQL literal (quotes doubled)",
    "int(manifest['version'])": "an int",
    "' UNION ALL '.join(selects)": "SELECT * FROM part_<n>.t for the attached parts (n an int)",
    "literal(root / part)": "a part's path from our manifest, quoted as an SQL literal",
    "n": "an int counter (attach alias part_<n>)",
    "where": "FALSE, TRUE, or the year or month expression of a PARTITIONS column compared with $p",
    "literal(manifest['published_at'])": "a timestamp string quoted as an SQL literal",
    "spec.latest": "latest_<name> of a registered FormatSpec",
    "latest_sql(spec)": "SELECT over a registered FormatSpec's raw table partitioned by its `replaces` key",
    "', '.join(spec.replaces)": "the registry's replaces key: column names (and one lower/coalesce over them)",
    "model_sql('marts', name)": "SQL text of a repository .sql file",
    "c.name": "registry column name",
    "cols": "registry column names with their registry SQL types (raw table DDL)",
    "SQL_TYPES[c.type]": "registry type -> SQL type map",
    "t": "table name from MARTS/META_TABLES/SEED_TABLES or cfg_ names listed from the catalog",
    # lib/scaleout: macros.sql parsed by sqlglot; Spark's marts published into the workspace
    "body_sql": "the body of a macro of lib/warehouse/macros.sql (a repository file), parsed by sqlglot, never run",
    "mart": "a mart name of lib.warehouse.MARTS (the Spark marts published, lib/scaleout/publish.py)",
    "select": "CAST(<column> AS <type>) of a mart's columns and DuckDB types from lib.scaleout.transpile.model_schemas "
              "(names quoted, types from DuckDB's own catalog)",
    "source": "a path quoted as an SQL literal by lib.warehouse.publish.literal (quotes doubled)",
    # lib/metrics/carriers: composition of repository .sql files
    "body": "SQL text of a repository .sql file",
    "', '.join(ctes)": "CTEs whose bodies are repository .sql files, names from a module dict",
    # messages (not SQL), matched only because they mention SQL words
    "stmts[0].type.name": "statement type name in a refusal message",
    "ROW_CAP": "constant in a page caption",
    "TIMEOUT_S": "constant in a page caption",
}


def sql_interpolations():
    """(file, line, expression) for every expression formatted into a string that looks like SQL (an f-string,
    `"…".format(…)` or `"…" % …`: tests/sql_scan.py)."""
    found = []
    for path in sources():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node, text, exprs in sql_strings(tree):
            if exprs and SQL_WORDS.search(text):
                found += [(rel(path), node.lineno, ast.unparse(e)) for e in exprs]
    return found


def test_every_formatted_sql_fragment_is_reviewed():
    unreviewed = sorted({(f, e) for f, _, e in sql_interpolations() if e not in REVIEWED})
    assert not unreviewed, "SQL built by string formatting from unreviewed expressions:\n" + "\n".join(
        f"{f}: {{{e}}}" for f, e in unreviewed)


def test_pages_hold_no_sql():
    for path in (REPO / "pages").glob("*.py"):
        text = path.read_text()
        assert not re.search(r"\b(SELECT|INSERT INTO|GROUP BY)\b[\s\S]{0,200}\b(FROM|VALUES)\b", text), path


def test_the_scan_catches_a_formatted_value(tmp_path):
    code = 'def f(con, user_value):\n    con.execute(f"SELECT * FROM t WHERE name = \'{user_value}\'")\n'
    tree = ast.parse(code)
    exprs = [ast.unparse(v.value) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)
             for v in n.values if isinstance(v, ast.FormattedValue)]
    assert exprs == ["user_value"] and "user_value" not in REVIEWED
