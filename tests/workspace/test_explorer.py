"""Hostile SQL through the explorer: every attempt to read or write files, escape the sandbox, change settings,
modify tables, run several statements or run forever is refused with a plain message, and the workspace's
tables (database and published snapshot) are unchanged afterwards."""
from __future__ import annotations

import re
import time

import pytest

from tests.ingest import fixtures as F
from lib.warehouse.sandbox import QueryRefused, run_query
from lib.ingest import ingest_files
from lib.workspace import Workspace

FILES = "reading or writing files is not allowed here"
ONLY_SELECT = r"only SELECT queries can run here \(\w+ refused\); the workspace is read-only"


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    d = tmp_path_factory.mktemp("explorer")
    w = Workspace.open(d / "ws")
    reports = ingest_files(w, [F.shopify_orders_79(d), F.amazon_all_orders(d)])
    assert all(r.status == "loaded" for r in reports)
    return w


@pytest.fixture(scope="module")
def before(ws):
    return F.dump_db(ws), F.dump_snapshot(ws), ws.version()


def _fingerprint(ws):
    files = sorted(p for p in ws.root.rglob("*") if p.is_file() and p.name != ".write.lock")
    return [(str(p.relative_to(ws.root)), p.stat().st_size, p.stat().st_mtime_ns) for p in files]


HOSTILE = [
    # reading files from the host
    ("SELECT * FROM read_csv('/etc/passwd')", FILES),
    ("SELECT * FROM read_csv_auto('/etc/passwd', header = false)", FILES),
    ("SELECT * FROM read_text('/etc/passwd')", FILES),
    ("SELECT * FROM read_blob('/etc/passwd')", FILES),
    ("SELECT * FROM read_json('/etc/passwd')", FILES),
    ("SELECT * FROM glob('/etc/*')", FILES),
    ("SELECT * FROM sniff_csv('/etc/passwd')", FILES),
    ("SELECT * FROM parquet_metadata('/etc/passwd')", FILES),
    ("SELECT * FROM '/etc/passwd'", r"does not exist"),
    ("SELECT * FROM fct_orders WHERE order_id IN (SELECT content FROM read_text('/etc/passwd'))", FILES),
    ("WITH t AS (SELECT 1) SELECT * FROM read_text('/etc/hostname')", FILES),
    ("SELECT * FROM read_parquet('https://example.com/x.parquet')", FILES),
    ("SELECT * FROM duckdb_secrets()", FILES),
    # writing files
    ("COPY fct_orders TO '{tmp}/out.csv'", ONLY_SELECT),
    ("COPY (SELECT * FROM fct_orders) TO '{tmp}/out.parquet' (FORMAT parquet)", ONLY_SELECT),
    ("EXPORT DATABASE '{tmp}/export'", ONLY_SELECT),
    # other databases, extensions, settings
    ("ATTACH '{tmp}/evil.duckdb' AS evil", ONLY_SELECT),
    ("DETACH snapshot", ONLY_SELECT),
    ("INSTALL httpfs", ONLY_SELECT),
    ("LOAD httpfs", ONLY_SELECT),
    ("SET enable_external_access = true", ONLY_SELECT),
    ("RESET memory_limit", ONLY_SELECT),
    ("SET memory_limit = '100GB'", ONLY_SELECT),
    ("USE memory", ONLY_SELECT),
    # changing tables
    ("CREATE TABLE stolen AS SELECT * FROM fct_orders", ONLY_SELECT),
    ("CREATE MACRO m() AS 1", ONLY_SELECT),
    ("DROP TABLE fct_orders", ONLY_SELECT),
    ("DELETE FROM fct_orders", ONLY_SELECT),
    ("UPDATE fct_orders SET units = 0", ONLY_SELECT),
    ("INSERT INTO fct_orders SELECT * FROM fct_orders", ONLY_SELECT),
    ("SELECT * FROM query('DROP TABLE fct_orders')", r"single SELECT statement"),
    ("BEGIN TRANSACTION", ONLY_SELECT),
    ("VACUUM", ONLY_SELECT),
    ("CHECKPOINT", ONLY_SELECT),
    # several statements
    ("SELECT 1; DROP TABLE fct_orders", r"one statement at a time please \(2 found\)"),
    ("SELECT count(*) FROM fct_orders; COPY fct_orders TO '{tmp}/x.csv'", r"one statement at a time please \(2 found\)"),
    # PRAGMA / CALL
    ("PRAGMA database_list", ONLY_SELECT),
    ("PRAGMA enable_profiling", ONLY_SELECT),
    ("CALL pragma_database_list()", ONLY_SELECT),
    ("CALL duckdb_settings()", ONLY_SELECT),
    # nonsense
    ("", r"the query is empty"),
    ("SELEC 1", r"does not parse"),
]


@pytest.mark.parametrize("sql,message", HOSTILE, ids=[f"{i:02d}-{q[:40]}" for i, (q, _) in enumerate(HOSTILE)])
def test_hostile_query_is_refused(ws, before, tmp_path, sql, message):
    fp = _fingerprint(ws)
    with pytest.raises(QueryRefused) as e:
        run_query(ws, sql.format(tmp=tmp_path))
    text = str(e.value)
    assert re.search(message, text), text
    assert "\n" not in text and len(text) < 300  # one plain line, no stack trace
    assert list(tmp_path.iterdir()) == []  # nothing written
    assert _fingerprint(ws) == fp  # no file of the workspace touched


def test_endless_query_is_stopped_by_the_timeout(ws):
    for sql in ("SELECT * FROM range(10000000000) ORDER BY random() LIMIT 5",
                "SELECT count(*) FROM range(10000000000000) a"):
        t = time.monotonic()
        with pytest.raises(QueryRefused, match=r"stopped after 1 s; add filters or aggregate first"):
            run_query(ws, sql, timeout_s=1.0)
        assert time.monotonic() - t < 10


def test_ordinary_queries_still_work_and_are_capped(ws):
    res = run_query(ws, "SELECT order_id, order_total_amount FROM fct_orders ORDER BY 1")
    assert len(res.frame) == 6 and not res.truncated
    res = run_query(ws, "SELECT * FROM range(50)", row_cap=10)
    assert len(res.frame) == 10 and res.truncated
    assert len(run_query(ws, "DESCRIBE fct_orders").frame) > 10
    assert run_query(ws, "SELECT current_setting('enable_external_access') AS x").frame["x"][0] in (False, "false")


def test_tables_unchanged_after_all_hostile_queries(ws, before):
    # runs last in this module: every table of the database and of the snapshot is as it was
    after = (F.dump_db(ws), F.dump_snapshot(ws), ws.version())
    assert F.diff_tables(before[0], after[0]) == []
    assert F.diff_tables(before[1], after[1]) == []
    assert after[2] == before[2]


def test_read_only_commands_refuse_a_folder_without_a_workspace(tmp_path, capsys):
    """`lib sql|export|report` on a mistyped folder fail clearly and create nothing (they used to answer 0 rows from a
    new empty workspace)."""
    from lib.__main__ import main
    missing = tmp_path / "no_such_workspace"
    assert main(["sql", "--workspace", str(missing), "SELECT count(*) FROM fct_orders"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", "--workspace", str(missing), "--table", "fct_orders", "--format", "csv"]) == 2
    assert not missing.exists()
    empty_folder = tmp_path / "plain_folder"
    empty_folder.mkdir()
    assert main(["sql", "--workspace", str(empty_folder), "SELECT 1"]) == 2
    assert "is not an Opsdesk workspace" in capsys.readouterr().err
    assert list(empty_folder.iterdir()) == []
