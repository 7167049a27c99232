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
    """An in-memory DuckDB with the current snapshot's parts attached read-only and its views, then locked down: no
    file can be read or written, and the configuration cannot be changed back."""
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False, "autoload_known_extensions": False,
                                             "memory_limit": MEMORY_LIMIT, "threads": 2})
    ws.attach(con)
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


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


# ---------------------------------------------------------------- example and saved queries

EXAMPLES = {
    "Orders and net revenue per week and channel": (
        "SELECT date_trunc('week', order_date) AS week_start, channel, count(*) AS orders,\n"
        "       round(sum(net_revenue_amount), 2) AS net_revenue_amount\n"
        "FROM fct_orders\nGROUP BY ALL\nORDER BY week_start DESC, channel"),
    "On-time ship rate per warehouse": (
        "SELECT warehouse, count(is_on_time_ship) AS orders_with_ship_by,\n"
        "       round(avg(is_on_time_ship::INTEGER), 3) AS on_time_ship_rate\n"
        "FROM fct_orders\nWHERE is_shipped\nGROUP BY warehouse\nORDER BY on_time_ship_rate"),
    "Top 20 SKUs by units sold": (
        "SELECT sku, any_value(product_name) AS product_name, any_value(category) AS category,\n"
        "       sum(quantity) AS units, round(sum(net_sales_amount), 2) AS net_sales_amount\n"
        "FROM fct_order_lines\nGROUP BY sku\nORDER BY units DESC\nLIMIT 20"),
    "Return reasons": (
        "SELECT reason_group, count(*) AS returns, sum(quantity) AS units\n"
        "FROM fct_returns\nGROUP BY reason_group\nORDER BY units DESC"),
    "Late packages by carrier": (
        "SELECT carrier, service, count(*) AS delivered,\n"
        "       count(*) FILTER (WHERE NOT is_on_time_delivery) AS late\n"
        "FROM fct_shipments\nWHERE is_delivered\nGROUP BY ALL\nORDER BY late DESC"),
}


def saved_queries(ws) -> dict[str, str]:
    """The workspace's saved queries, name -> SQL (shared by everyone using the workspace)."""
    return dict(ws.read_state("saved_queries", {}))


def save_query(ws, name: str, sql: str) -> dict[str, str]:
    name = " ".join(str(name).split())[:80]
    if not name:
        raise QueryRefused("give the query a name")
    check_statement(sql)
    queries = {**saved_queries(ws), name: sql.strip()}
    ws.write_state("saved_queries", queries)
    return queries


def delete_query(ws, name: str) -> dict[str, str]:
    queries = {k: v for k, v in saved_queries(ws).items() if k != name}
    ws.write_state("saved_queries", queries)
    return queries
