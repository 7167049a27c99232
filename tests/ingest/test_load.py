"""Loading behaviour: quarantine reports, refusals, atomicity, idempotence, overlapping exports, removal, and a
SIGKILL in the middle of a load."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest

from tests.ingest import fixtures as F
from lib.ingest import ingest_files, remove_load
from lib.workspace import Workspace


@pytest.fixture
def ws(tmp_path):
    w = Workspace.open(tmp_path / "ws")
    w.initialise()
    return w


def one(ws, path, name=None):
    reports = ingest_files(ws, [path], names=[name] if name else None)
    assert len(reports) == 1
    return reports[0]


def raw(ws, sql, params=None):
    import duckdb
    con = duckdb.connect(str(ws.db_path), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def state(ws) -> tuple[dict, dict, int]:
    """Everything observable: every table of the database, every table of the current snapshot, its version."""
    return F.dump_db(ws), F.dump_snapshot(ws), ws.version()


TMPL_ORDERS = ["order_id", "channel", "ordered_at", "sku", "quantity", "unit_price", "currency"]


def shopify_export(path: Path, orders) -> Path:
    """orders: (id, name, financial_status, created, [(sku, qty, price), ...]); Total = sum of the lines."""
    rows = []
    for oid, name, status, created, lines in orders:
        total = sum(D(p) * q for _, q, p in lines)
        for i, (sku, q, p) in enumerate(lines):
            r = {"Name": name, "Email": f"{name[1:]}@example.invalid", "Created at": created,
                 "Lineitem quantity": str(q), "Lineitem name": f"Item {sku}", "Lineitem price": p, "Lineitem sku": sku}
            if i == 0:
                r.update({"Financial Status": status, "Fulfillment Status": "unfulfilled", "Currency": "USD",
                          "Subtotal": f"{total:.2f}", "Shipping": "0.00", "Taxes": "0.00", "Total": f"{total:.2f}",
                          "Id": oid, "Source": "web"})
            rows.append(r)
    return F.write_rows(path, F.SHOPIFY_79, rows)


# ------------------------------------------------------------------------------------------ quarantine


def test_quarantine_reports_file_row_column_reason(ws, tmp_path):
    rows = [
        {"order_id": "A1", "channel": "web", "ordered_at": "2026-03-02 10:00", "sku": "S1", "quantity": "1", "unit_price": "5.00"},  # row 2
        {"order_id": "A2", "channel": "web", "ordered_at": "2026-03-02 11:00", "sku": "S1", "quantity": "2", "unit_price": "5.00"},  # row 3
        {"order_id": "A3", "channel": "web", "ordered_at": "2026-03-02 12:00", "sku": "S2", "quantity": "abc", "unit_price": "5.00"},  # row 4
        {"order_id": "A4", "channel": "web", "ordered_at": "2026-03-02 13:00", "sku": "", "quantity": "1", "unit_price": "5.00"},  # row 5
        {"order_id": "A5", "channel": "web", "ordered_at": "2026-13-45 25:00", "sku": "S3", "quantity": "1", "unit_price": "5.00"},  # row 6
        {"order_id": "A6", "channel": "web", "ordered_at": "2026-03-02 14:00", "sku": "S3", "quantity": "-2", "unit_price": "5.00"},  # row 7
        {"order_id": "A7", "channel": "web", "ordered_at": "1899-12-31 14:00", "sku": "S3", "quantity": "1", "unit_price": "$x"},  # row 8
        {"order_id": "A8", "channel": "web", "ordered_at": "2026-03-03 09:00", "sku": "S4", "quantity": "3", "unit_price": "2.50"},  # row 9
    ]
    path = F.write_rows(tmp_path / "upload-123.tmp", TMPL_ORDERS, rows)
    r = one(ws, path, name="My orders (March).csv")
    assert r.status == "loaded" and r.format == "opsdesk_orders"
    assert (r.rows_read, r.rows_loaded, r.rows_quarantined) == (8, 3, 5)
    assert "3 row(s) loaded, 5 quarantined" in r.message and r.message.startswith("My orders (March).csv:")
    got = sorted((e.row, e.column, e.reason, e.value) for e in r.errors)
    assert got == [
        (4, "quantity", "not a number", "abc"),
        (5, "sku", "required value is empty", ""),
        (6, "ordered_at", "not a date/time in a known format (e.g. 2026-04-05 21:06:21 +0400, 07/21/2025, Jul-21-25)",
         "2026-13-45 25:00"),
        (7, "quantity", "negative quantity (load returns and cancellations with the returns template)", "-2"),
        (8, "ordered_at", "date outside 1990–2100", "1899-12-31 14:00"),
        (8, "unit_price", "not an amount (expected like 1400.00 or $1,433.66)", "$x"),
    ]
    # the quarantine table and the load log say the same, under the user's file name
    q = F.query(ws, "SELECT row_number, column_name, value FROM quarantine WHERE load_id = $l ORDER BY 1, 2",
                {"l": r.load_id})
    assert [(a, b, c) for a, b, c in q] == [(e[0], e[1], e[3]) for e in got]
    log = F.query(ws, "SELECT file_name, format, rows_read, rows_loaded, rows_quarantined, status FROM load_log")
    assert log == [("My orders (March).csv", "opsdesk_orders", 8, 3, 5, "loaded")]
    # only the good rows reach the marts
    assert sorted(x[0] for x in F.query(ws, "SELECT source_order_ref FROM fct_orders")) == ["A1", "A2", "A8"]


def test_quarantine_row_numbers_count_preamble_and_multiline_records(ws, tmp_path):
    """Row numbers are file rows (header = its own row) on both read paths: DuckDB's reader (no trailer) and the
    Python fallback (trailer rows present)."""
    base = {"Order Number": "1", "Custom Label": "L", "Quantity": "1", "Sold For": "$1.00", "Sale Date": "Jul-21-25",
            "Item Number": "9", "Buyer Note": "first line\nsecond line"}  # a two-line quoted note in every record
    rows = [dict(base, **{"Order Number": f"O-{i}", "Transaction ID": str(i)}) for i in range(4)]
    rows[2]["Sold For"] = "forty dollars"  # record 3 after `sep=,` and the header: file row 5
    for trailer, path_used in (([], "duckdb"), (["", "4 record(s) downloaded", "Seller ID : x"], "python")):
        p = F.write_rows(tmp_path / f"dl-{path_used}.csv", F.EBAY_US, rows, preamble=["sep=,"], trailer=trailer)
        r = one(ws, p)
        assert (r.rows_loaded, r.rows_quarantined) == (3, 1), path_used
        assert [(e.row, e.column, e.value) for e in r.errors] == [(5, "Sold For", "forty dollars")], path_used
        rownums = raw(ws, "SELECT _row FROM raw_ebay_orders WHERE _load_id = $l ORDER BY 1", {"l": r.load_id})
        assert [x[0] for x in rownums] == [3, 4, 6], path_used


def test_row_with_too_many_fields_is_quarantined_with_its_number(ws, tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("order_id,ordered_at,sku,quantity,unit_price\n"
                 "B1,2026-03-02,S1,1,5.00\n"
                 "B2,2026-03-02,S1,1,5.00,EXTRA,MORE\n"  # an unquoted delimiter shifts the columns: file row 3
                 "B3,2026-03-02,S1,2,5.00\n")
    r = one(ws, p)
    assert (r.status, r.rows_loaded, r.rows_quarantined) == ("loaded", 2, 1)
    e = r.errors[0]
    assert (e.row, e.column) == (3, "(row)") and "7 fields but the header has 5" in e.reason
    assert "B2" in e.value


# ------------------------------------------------------------------------------------------ refusals


def _untouched(ws, before):
    assert state(ws) == before
    assert not any(ws.archive_dir.rglob("*.*"))


def test_unknown_file_is_refused_naming_the_closest_format_and_missing_columns(ws, tmp_path):
    before = state(ws)
    header = [h for h in F.SHOPIFY_79 if h not in ("Financial Status", "Id")]
    p = F.write_rows(tmp_path / "orders_export.csv", header, [{"Name": "#1", "Total": "1.00", "Lineitem name": "x"}])
    r = one(ws, p)
    assert r.status == "refused" and not r.ok
    assert "unknown format" in r.message and "Shopify orders export" in r.message
    assert "Financial Status" in r.message and "Id" in r.message.split("missing column(s):")[1]
    assert r.format_label == "Shopify orders export"
    _untouched(ws, before)


@pytest.mark.parametrize("kind,content,words", [
    ("empty", b"", "empty"),
    ("blank", b"  \n\n \r\n", "empty"),
    ("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    ("text", b"hello,world\nthis,is not an export\n", "no known header"),
    ("header_only", (",".join(TMPL_ORDERS) + "\n").encode(), "no data rows"),
])
def test_unreadable_files_are_refused_with_a_clear_message(ws, tmp_path, kind, content, words):
    before = state(ws)
    p = tmp_path / f"{kind}.csv"
    p.write_bytes(content)
    r = one(ws, p)
    assert r.status == "refused" and words in r.message, r.message
    assert r.message.startswith(f"{kind}.csv: ")
    _untouched(ws, before)


def test_zip_archive_is_refused(ws, tmp_path):
    before = state(ws)
    inner = F.tmpl_orders(tmp_path)
    p = tmp_path / "exports.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.write(inner, "orders.csv")
    r = one(ws, p)
    assert r.status == "refused" and "zip archive" in r.message and "Unzip" in r.message
    _untouched(ws, before)


def test_missing_file_is_refused(ws, tmp_path):
    r = one(ws, tmp_path / "nope.csv")
    assert r.status == "refused" and "cannot be read" in r.message


# ------------------------------------------------------------------------------------------ atomicity


def test_a_load_failing_halfway_changes_nothing(ws, tmp_path, monkeypatch):
    assert one(ws, F.shopify_orders_79(tmp_path)).status == "loaded"
    before = state(ws)
    archived_before = sorted(ws.archive_dir.rglob("*.txt"))
    import lib.warehouse as wh
    real_build = wh.build
    seen = {}

    def failing_build(con, settings, changed=None, loads=None):
        # the raw rows and the load log entry are in (uncommitted) when the marts rebuild fails
        seen["raw"] = con.execute("SELECT count(*) FROM raw_walmart_orders").fetchall()[0][0]
        seen["log"] = con.execute("SELECT count(*) FROM load_log").fetchall()[0][0]
        real_build(con, settings, changed)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(wh, "build", failing_build)
    r = one(ws, F.walmart_csv(tmp_path))
    assert seen == {"raw": 3, "log": 2}
    assert r.status == "failed" and "nothing was changed" in r.message and "disk on fire" in r.message
    after = state(ws)
    assert F.diff_tables(before[0], after[0]) == [] and F.diff_tables(before[1], after[1]) == []
    assert after[2] == before[2]
    assert sorted(ws.archive_dir.rglob("*.txt")) == archived_before  # the copy made for this load is gone
    monkeypatch.setattr(wh, "build", real_build)
    r2 = one(ws, F.walmart_csv(tmp_path))
    assert r2.status == "loaded" and r2.load_id == 2


def test_a_load_failing_on_bad_sql_changes_nothing(ws, tmp_path, monkeypatch):
    """A failure inside DuckDB (not Python) aborts the transaction: it is rolled back, not half-committed."""
    assert one(ws, F.tmpl_orders(tmp_path)).status == "loaded"
    before = state(ws)
    import lib.warehouse as wh
    real_build = wh.build

    def bad_sql_build(con, settings, changed=None, loads=None):
        real_build(con, settings, changed)
        con.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(wh, "build", bad_sql_build)
    r = one(ws, F.tmpl_shipments(tmp_path))
    assert r.status == "failed" and "CatalogException" in r.message
    assert state(ws) == before


def test_a_batch_rebuilds_the_marts_once_and_publishes_one_snapshot(ws, tmp_path, monkeypatch):
    import lib.warehouse as wh
    real_build, calls = wh.build, []
    monkeypatch.setattr(wh, "build", lambda con, settings, changed=None, loads=None: (calls.append(1), real_build(con, settings, changed, loads))[1])
    v0 = ws.version()
    reports = ingest_files(ws, [F.tmpl_orders(tmp_path), F.tmpl_shipments(tmp_path), F.walmart_csv(tmp_path)])
    assert [r.status for r in reports] == ["loaded"] * 3
    assert [r.load_id for r in reports] == [1, 2, 3]
    assert len(calls) == 1 and ws.version() == v0 + 1
    assert F.query(ws, "SELECT count(*) FROM fct_orders WHERE channel = 'walmart'") == [(2,)]


def test_a_file_failing_inside_a_batch_is_dropped_and_the_rest_load(ws, tmp_path, monkeypatch):
    """The failing file rolls the batch back; the batch is replayed without it, so the workspace ends exactly as
    if only the good files had been loaded, and the failed file leaves no archive copy."""
    good = [F.tmpl_orders(tmp_path), F.walmart_csv(tmp_path)]
    bad = F.tmpl_shipments(tmp_path)
    other = Workspace.open(tmp_path / "reference")
    other.initialise()
    assert [r.status for r in ingest_files(other, good)] == ["loaded", "loaded"]
    import lib.ingest as ing
    real_insert = ing._insert

    def insert(ws_, con, f, loaded_by, archived):
        r = real_insert(ws_, con, f, loaded_by, archived)
        if f.spec.name == "opsdesk_shipments":
            con.execute("SELECT * FROM no_such_table")  # a DuckDB error after the rows went in: the transaction aborts
        return r

    monkeypatch.setattr(ing, "_insert", insert)
    reports = ingest_files(ws, [good[0], bad, good[1]])
    assert [r.status for r in reports] == ["loaded", "failed", "loaded"]
    assert "nothing was changed" in reports[1].message and "no_such_table" in reports[1].message
    assert [reports[0].load_id, reports[2].load_id] == [1, 2]
    mine, ref = F.marts_only(F.dump_snapshot(ws)), F.marts_only(F.dump_snapshot(other))
    assert F.diff_tables(mine, ref) == []
    assert raw(ws, "SELECT count(*) FROM raw_opsdesk_shipments") == [(0,)]
    archived = {p.stem for p in ws.archive_dir.rglob("*.txt")}
    assert reports[1].sha256 not in archived and reports[0].sha256 in archived


def test_the_same_file_twice_in_one_batch_loads_once(ws, tmp_path):
    p = F.tmpl_orders(tmp_path)
    copy = tmp_path / "copy.csv"
    copy.write_bytes(p.read_bytes())
    reports = ingest_files(ws, [p, copy])
    assert [r.status for r in reports] == ["loaded", "duplicate"]
    assert reports[1].load_id == reports[0].load_id and "same file as" in reports[1].message
    assert raw(ws, "SELECT count(*) FROM load_log") == [(1,)]


# ------------------------------------------------------------------------------------------ idempotence, overlap


def test_loading_the_same_file_twice_changes_nothing(ws, tmp_path):
    p = F.amazon_all_orders(tmp_path)
    r1 = one(ws, p)
    before = state(ws)
    r2 = one(ws, p)
    assert r2.status == "duplicate" and r2.ok and r2.load_id == r1.load_id and "already loaded" in r2.message
    # the same bytes under another name are the same file
    copy = tmp_path / "copy of report.txt"
    copy.write_bytes(p.read_bytes())
    assert one(ws, copy).status == "duplicate"
    assert state(ws) == before


def test_overlapping_exports_merge_latest_status_wins(ws, tmp_path):
    a = shopify_export(tmp_path / "a.csv", [
        ("9001", "#2001", "pending", "2026-01-05 10:00:00 -0500", [("S1", 1, "10.00"), ("S2", 2, "5.00")]),
        ("9002", "#2002", "paid", "2026-01-06 10:00:00 -0500", [("S1", 1, "10.00")]),
    ])
    b = shopify_export(tmp_path / "b.csv", [  # re-export: #2001 is now paid, #2003 is new
        ("9001", "#2001", "paid", "2026-01-05 10:00:00 -0500", [("S1", 1, "10.00"), ("S2", 2, "5.00")]),
        ("9003", "#2003", "pending", "2026-01-07 10:00:00 -0500", [("S3", 4, "1.25")]),
    ])
    assert one(ws, a).status == "loaded" and one(ws, b).status == "loaded"
    got = {r[0]: r[1:] for r in F.query(ws, "SELECT source_order_ref, financial_status, units, lines, order_total_amount "
                                            "FROM fct_orders")}
    assert got == {"#2001": ("paid", 3.0, 2, D("20.00")), "#2002": ("paid", 1.0, 1, D("10.00")),
                   "#2003": ("pending", 4.0, 1, D("5.00"))}
    assert F.query(ws, "SELECT count(*) FROM fct_order_lines") == [(4,)]  # no duplicated lines
    assert raw(ws, "SELECT count(*) FROM raw_shopify_orders") == [(6,)]  # both exports are kept raw
    totals = F.query(ws, "SELECT source_orders, source_total_amount, gap_amount FROM rpt_source_totals")
    assert totals == [(3, pytest.approx(35.0), pytest.approx(0))]


def test_overlapping_amazon_reports_latest_wins(ws, tmp_path):
    h = F.AMAZON_ALL_ORDERS
    base = {"amazon-order-id": "111-1", "purchase-date": "2025-01-01T10:00:00+00:00", "fulfillment-channel": "Amazon",
            "sku": "A", "quantity": "1", "currency": "USD", "item-price": "9.00"}
    p1 = F.write_rows(tmp_path / "r1.txt", h, [{**base, "order-status": "Pending"}], delimiter="\t")
    p2 = F.write_rows(tmp_path / "r2.txt", h, [{**base, "order-status": "Shipped",
                                               "last-updated-date": "2025-01-02T10:00:00+00:00"}], delimiter="\t")
    one(ws, p1), one(ws, p2)
    assert F.query(ws, "SELECT financial_status, units FROM fct_orders") == [("Shipped", 1.0)]


def test_remove_load_removes_exactly_one_file(ws, tmp_path):
    a = shopify_export(tmp_path / "a.csv", [
        ("9001", "#2001", "pending", "2026-01-05 10:00:00 -0500", [("S1", 1, "10.00")]),
        ("9002", "#2002", "paid", "2026-01-06 10:00:00 -0500", [("S1", 1, "10.00")])])
    b = shopify_export(tmp_path / "b.csv", [
        ("9001", "#2001", "paid", "2026-01-05 10:00:00 -0500", [("S1", 1, "10.00")]),
        ("9003", "#2003", "pending", "2026-01-07 10:00:00 -0500", [("S3", 4, "1.25")])])
    w = one(ws, F.walmart_csv(tmp_path))
    ra = one(ws, a)
    after_a = F.dump_db(ws)
    rb = one(ws, b)
    assert F.query(ws, "SELECT financial_status FROM fct_orders WHERE source_order_ref = '#2001'") == [("paid",)]
    msg = remove_load(ws, rb.load_id)
    assert "removed" in msg
    after = F.dump_db(ws)
    # every raw and mart table is back to what it was before b; the log keeps b, marked removed
    assert F.diff_tables(after_a, after) == ["load_log"]
    log = {r[0]: r[1] for r in F.query(ws, "SELECT load_id, status FROM load_log")}
    assert log == {w.load_id: "loaded", ra.load_id: "loaded", rb.load_id: "removed"}
    assert F.query(ws, "SELECT financial_status FROM fct_orders WHERE source_order_ref = '#2001'") == [("pending",)]
    assert F.query(ws, "SELECT count(*) FROM fct_orders WHERE channel = 'walmart'") == [(2,)]
    assert "already removed" in remove_load(ws, rb.load_id)
    assert "does not exist" in remove_load(ws, 999)
    # a removed file can be loaded again
    assert one(ws, b).status == "loaded"
    assert F.query(ws, "SELECT financial_status FROM fct_orders WHERE source_order_ref = '#2001'") == [("paid",)]


# ------------------------------------------------------------------------------------------ SIGKILL


KILL_SCRIPT = r"""
import pathlib, sys, time
sys.path.insert(0, {repo!r})
import lib.ingest as ing
import lib.warehouse as wh
from lib.workspace import Workspace
marker = pathlib.Path({marker!r})
mode = {mode!r}
def mark(text):  # atomic: the test never sees an empty marker
    tmp = marker.with_name("marker.tmp")
    tmp.write_text(text)
    tmp.replace(marker)
real_read, real_build = ing.read_into, wh.build
def read_into(*a, **k):
    r = real_read(*a, **k)
    if mode == "after_read":
        mark("read")
    return r
def build(con, settings, changed=None, loads=None):
    rebuilt = real_build(con, settings, changed, loads)
    if mode == "in_transaction":
        mark("built")  # raw rows, load log and marts written, not committed
        time.sleep(60)
    return rebuilt
ing.read_into, wh.build = read_into, build
ing.ingest_files(Workspace.open({root!r}), [{path!r}])
mark("finished")
"""


@pytest.fixture(scope="module")
def big_export(tmp_path_factory):
    p = tmp_path_factory.mktemp("big") / "big_export.csv"
    F.big_shopify_export(p, orders=20_000)
    return p


def _consistent_log(ws):
    """Every loaded file's rows are in its raw table, load ids are contiguous, archives exist."""
    import duckdb
    from lib.ingest.formats import BY_NAME
    con = duckdb.connect(str(ws.db_path), read_only=True)
    try:
        log = con.execute("SELECT load_id, format, rows_loaded, status, archive_path FROM load_log ORDER BY 1").fetchall()
        assert [r[0] for r in log] == list(range(1, len(log) + 1))
        for lid, fmt, n, status, arch in log:
            have = con.execute(f"SELECT count(*) FROM {BY_NAME[fmt].table} WHERE _load_id = $l", {"l": lid}).fetchall()[0][0]
            assert have == (n if status == "loaded" else 0), (lid, fmt)
            assert (ws.root / arch).exists()
        orphans = con.execute("SELECT DISTINCT load_id FROM quarantine WHERE load_id NOT IN (SELECT load_id FROM load_log)").fetchall()
        assert orphans == []
    finally:
        con.close()


@pytest.mark.parametrize("mode", ["after_read", "in_transaction"])
def test_sigkill_mid_load_leaves_the_previous_state(tmp_path, big_export, mode):
    ws = Workspace.open(tmp_path / "ws")
    assert one(ws, F.walmart_csv(tmp_path)).status == "loaded"
    before = state(ws)
    marker = tmp_path / "marker"
    script = KILL_SCRIPT.format(repo=str(F.REPO), marker=str(marker), mode=mode, root=str(ws.root), path=str(big_export))
    proc = subprocess.Popen([sys.executable, "-c", script], env=F.env_for_subprocess(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "the load never started"
            time.sleep(0.01)
        assert marker.read_text() in ("read", "built")
        if mode == "after_read":
            time.sleep(0.3)  # typing / inserting the rows
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert marker.read_text() != "finished"
    # reopening: the database (WAL replay) and the snapshot are as before the killed load
    ws2 = Workspace.open(ws.root)
    after = state(ws2)
    assert F.diff_tables(before[0], after[0]) == [] and F.diff_tables(before[1], after[1]) == []
    assert after[2] == before[2]
    _consistent_log(ws2)
    # the lock died with the process: the next load goes through
    r = one(ws2, F.tmpl_orders(tmp_path))
    assert r.status == "loaded" and r.load_id == 2
    _consistent_log(ws2)


def test_the_orders_templates_category_reaches_the_marts_when_the_catalog_lacks_the_sku(ws, tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_text("order_id,channel,ordered_at,sku,quantity,unit_price,category\n"
                      "A1,web,2026-03-01 10:00,S1,1,5.00,Candles\n"
                      "A2,web,2026-03-02 10:00,S2,1,5.00,\n"
                      "A3,web,2026-03-03 10:00,S3,1,5.00,Mugs\n")
    catalog = tmp_path / "products.csv"
    catalog.write_text("sku,product_name,category\nS3,Mug,Kitchen\n")
    assert [r.status for r in ingest_files(ws, [orders, catalog])] == ["loaded", "loaded"]
    got = dict(F.query(ws, "SELECT sku, category FROM fct_order_lines"))
    assert got == {"S1": "Candles", "S2": "Uncategorised", "S3": "Kitchen"}  # the catalog wins where it has the SKU
