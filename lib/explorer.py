"""Running analysts' SQL safely: one SELECT, on a locked-down read-only connection, with a timeout and a row cap.

The connection opens the current snapshot read-only with external access disabled (no file reads or writes, no
ATTACH, COPY, INSTALL or LOAD), extension auto-loading off, a memory limit, and the configuration locked, so
`SET`/`RESET` fail too.  On top of that the text must parse to exactly one statement of type SELECT.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import duckdb

ROW_CAP = 10_000
TIMEOUT_S = 10.0
MEMORY_LIMIT = "1GB"


class QueryRefused(Exception):
    """The query was not run (or was stopped); the message says why in plain words."""


@dataclass(frozen=True)
class QueryResult:
    frame: object  # pandas.DataFrame
    truncated: bool
    row_cap: int


def locked_connection(ws) -> duckdb.DuckDBPyConnection:
    path = ws.snapshot_path()
    if path is None:
        ws.initialise()
        path = ws.snapshot_path()
    return duckdb.connect(str(path), read_only=True, config={
        "enable_external_access": False, "autoinstall_known_extensions": False,
        "autoload_known_extensions": False, "memory_limit": MEMORY_LIMIT, "threads": 2,
        "lock_configuration": True})


def check_statement(sql: str) -> str:
    """The single SELECT statement in `sql`, or QueryRefused."""
    if not sql or not sql.strip():
        raise QueryRefused("the query is empty")
    try:
        stmts = duckdb.extract_statements(sql)
    except duckdb.Error as e:
        raise QueryRefused(f"the query does not parse: {str(e).splitlines()[0]}") from None
    if len(stmts) != 1:
        raise QueryRefused(f"one statement at a time please ({len(stmts)} found)")
    if stmts[0].type != duckdb.StatementType.SELECT:
        raise QueryRefused(f"only SELECT queries can run here ({stmts[0].type.name} refused); the workspace is read-only")
    return stmts[0].query


def run_query(ws, sql: str, *, row_cap: int = ROW_CAP, timeout_s: float = TIMEOUT_S) -> QueryResult:
    query = check_statement(sql)
    con = locked_connection(ws)
    timer = threading.Timer(timeout_s, con.interrupt)
    timer.start()
    try:
        import pandas as pd
        cur = con.execute(query)
        rows = cur.fetchmany(int(row_cap) + 1)
        df = pd.DataFrame(rows, columns=[d[0] for d in cur.description])
    except duckdb.InterruptException:
        raise QueryRefused(f"stopped after {timeout_s:.0f} s; add filters or aggregate first") from None
    except duckdb.Error as e:
        msg = str(e).splitlines()[0]
        if "file system operations are disabled" in str(e) or "Cannot access" in str(e):
            msg = "reading or writing files is not allowed here; query the workspace tables"
        raise QueryRefused(msg) from None
    finally:
        timer.cancel()
        con.close()
    truncated = len(df) > row_cap
    return QueryResult(df.head(row_cap), truncated, row_cap)
