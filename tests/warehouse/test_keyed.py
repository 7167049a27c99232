"""Builds by key (lib/warehouse/incremental.py): a load recomputes only the orders it touched, and what it publishes is
what a full rebuild gives; whenever the build cannot be sure that other orders are untouched it rebuilds whole."""
from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest

from lib.ingest import ingest_files, remove_load
from lib.warehouse import MARTS, dag, incremental, models, sources

from tests.warehouse.test_incremental import full_rebuild, published

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "shopify_orders_export.csv"


def assert_equals_full_rebuild(ws, after: str) -> None:
    got, want = published(ws), full_rebuild(ws)
    for t in MARTS:
        assert got[t] == want[t], f"{t} differs from a full rebuild after {after}"


def shopify_orders(n: int) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the sample's last `n` Shopify orders (every line of each)."""
    with open(SAMPLE, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    names = list(dict.fromkeys(r[header.index("Name")] for r in body))[-n:]
    return header, [r for r in body if r[header.index("Name")] in names]


def last_order_as(number: str) -> tuple[list[str], list[list[str]]]:
    """The header and the lines of the sample's last Shopify order under another order number: a new order."""
    header, rows = shopify_orders(1)
    name, oid = header.index("Name"), header.index("Id")
    new = [r[:] for r in rows]
    for r in new:
        r[name], r[oid] = f"#{number}", number
    return header, new


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header] + rows)
    return path


def last_build(ws) -> dict:
    return ws.read_state("last_build")["keyed"]


def test_headers_declare_keys_on_inputs_the_model_reads():
    ms, src = models(), sources()
    g = dag.graph(ms, src)
    declared = {m.name: incremental.keyed(m.sql) for m in ms}
    assert declared["int_order_lines"] == incremental.Keyed("order_id", True, (), frozenset())
    k = declared["fct_orders"]
    assert k.key == "order_id" and k.inputs("fct_shipments") == [("order_id", "order_id")]
    assert k.grow_only == {"dim_calendar", "dim_fx_rates"} and k.index == "int_order_lines"
    assert declared["fct_order_lines"].inputs("dim_products") == [("sku", "sku")]
    assert declared["fct_shipments"].inputs("int_order_lines") == [("source_order_ref", "order_ref")]
    assert declared["fct_customer_orders"].inputs("fct_orders") == [("order_id", "order_id"), ("customer_key", "customer_key")]
    assert declared["dim_customers"].index == "fct_customer_orders"
    assert declared["fct_shipments"].index == "int_shipments"
    # int_shipments: kept when the calendar only grew, except the packages whose business-day lookup found nothing
    k = declared["int_shipments"]
    assert k.grow_only == {"dim_calendar"} and not k.by and [i for i, _ in k.missed] == ["dim_calendar"]
    assert "ship_bdi IS NULL" in k.missed[0][1]
    # fct_returns: a return's order number and SKU are its own columns, so its previous rows are the index
    k = declared["fct_returns"]
    assert k.own_index and k.index_of("fct_returns") == "fct_returns" and k.index is None
    assert k.inputs("int_order_lines") == [("source_order_ref", "order_ref")]
    assert incremental.keyed("-- incremental by r, indexed by its own rows:\n--   a: by x\nSELECT 1").own_index
    # a dispute matches its order by a normalised number: the input's side is the expression the model matches with;
    # a ticket's normalised number is a column of int_order_lines (computed once per line)
    assert declared["int_dispute_orders"].inputs("int_order_lines") == [("(ltrim(source_order_ref, '#'))", "order_ref_key")]
    assert declared["int_ticket_orders"].inputs("int_order_lines") == [("order_ref_key", "order_ref_key")]
    assert declared["fct_support_tickets"].index == "int_ticket_orders"
    with pytest.raises(ValueError, match="must name the column"):
        incremental.keyed("-- incremental by r, indexed by its own rows:\n--   a: by (lower(x))\nSELECT 1")
    for name, k in declared.items():
        if k is not None:
            assert {i for i, _, _ in k.by} | k.grow_only <= g[name], f"{name} declares an input it does not read"
            assert k.from_loads or k.by or k.grow_only, f"{name}: no input declared (the declaration ends at a non-input line)"
            assert k.from_loads or k.index_of(name) or not k.by, \
                f"{name}: a `by <column>` input needs an input `by {k.key}` or the model's own rows as the index"
    # the parser: a declaration ends at the first line that is not an input
    sql = ("-- x\n-- incremental by po_id:\n--   a, b: by po_id\n--   c: by sku\n--   e: by ref = po_ref\n"
           "--   d: grow-only\n--   f: grow-only, except rows where day_index IS NULL\n-- other words: by x\nSELECT 1")
    assert incremental.keyed(sql) == incremental.Keyed(
        "po_id", False, (("a", "po_id", "po_id"), ("b", "po_id", "po_id"), ("c", "sku", "sku"), ("e", "ref", "po_ref")),
        frozenset({"d", "f"}), (("f", "day_index IS NULL"),))
    assert incremental.keyed("-- grain: one row\nSELECT 1") is None
    assert incremental.source_literal("SELECT 'shopify_orders' AS source, x") == "shopify_orders"
    assert incremental.source_literal("SELECT 'a' AS source UNION ALL SELECT 'b' AS source") is None


def test_a_re_export_recomputes_only_the_orders_it_names(sample_ws_copy, tmp_path):
    ws = sample_ws_copy
    header, rows = shopify_orders(2)
    name, status, oid = header.index("Name"), header.index("Financial Status"), header.index("Id")
    first, second = rows[0][name], rows[-1][name]
    # the first order re-exported refunded, with one line fewer when it had several; the second stays as it was;
    # and a new order (a copy of the second under a new number)
    again = [r[:] for r in rows if r[name] == first]
    again = again[:-1] if len(again) > 1 else again
    for r in again:
        r[status] = "refunded"
    new = [r[:] for r in rows if r[name] == second]
    for r in new:
        r[name], r[oid] = "#990001", "990001"
    [rep] = ingest_files(ws, [write(tmp_path / "daily.csv", header, again + new)], loaded_by="test")
    assert rep.ok, rep.message
    keyed = last_build(ws)
    assert keyed["int_order_lines"] == 2  # two orders named: the re-export and the new one
    assert keyed["fct_orders"] >= 2 and keyed["fct_order_lines"] >= 2 and keyed["fct_order_landed_costs"] >= 2
    assert keyed["fct_orders"] < 50  # not the history (the sample has 6,000 orders)
    assert keyed["int_shipments"] == 0  # the calendar did not change: no package recomputed, none rebuilt whole
    assert keyed["fct_returns"] < 50  # the returns of the touched orders, not every return
    assert keyed["int_source_orders"] == 2  # the stated totals of the two orders the file names
    for model in ("int_ticket_orders", "fct_support_tickets", "int_dispute_orders", "fct_disputes", "fct_fulfillment_charges",
                  "fct_csat"):
        assert keyed.get(model, 0) < 50, model  # the tickets, disputes and 3PL lines of the touched orders only
    assert_equals_full_rebuild(ws, "a daily re-export")
    con = ws.reader()
    got = con.execute("SELECT financial_status FROM fct_orders WHERE source_order_ref = $n", {"n": first}).fetchall()
    assert got == [("refunded",)]
    assert con.execute("SELECT count(*) FROM fct_orders WHERE source_order_ref = '#990001'").fetchone()[0] == 1

    # the same file again: nothing changes (a duplicate is not loaded)
    [dup] = ingest_files(ws, [write(tmp_path / "daily_again.csv", header, again + new)], loaded_by="test")
    assert dup.status == "duplicate"


def test_an_order_older_than_the_history_rebuilds_the_order_facts_whole(sample_ws_copy, tmp_path):
    # the calendar starts 60 days before the first order: an older order moves every business-day index, so the
    # orders' ship-by dates must all be recomputed (dim_calendar did not only grow)
    ws = sample_ws_copy
    header, rows = shopify_orders(1)
    name, oid, created = header.index("Name"), header.index("Id"), header.index("Created at")
    old = [r[:] for r in rows]
    for r in old:
        r[name], r[oid], r[created] = "#990002", "990002", "2019-01-07 10:00:00 -0500"
    [rep] = ingest_files(ws, [write(tmp_path / "old.csv", header, old)], loaded_by="test")
    assert rep.ok, rep.message
    keyed = last_build(ws)
    assert keyed.get("int_order_lines") == 1 and "fct_orders" not in keyed
    assert_equals_full_rebuild(ws, "an order older than the history")


def test_a_removed_load_rebuilds_whole(sample_ws_copy, tmp_path):
    ws = sample_ws_copy
    header, rows = shopify_orders(3)
    status = header.index("Financial Status")
    for r in rows:
        r[status] = "voided"
    [rep] = ingest_files(ws, [write(tmp_path / "voided.csv", header, rows)], loaded_by="test")
    assert rep.ok and last_build(ws)["int_order_lines"] == 3
    remove_load(ws, rep.load_id)  # the orders' previous load is their latest again
    assert_equals_full_rebuild(ws, "removing a load")
    con = ws.reader()
    assert con.execute("SELECT count(*) FROM fct_orders WHERE financial_status = 'voided'").fetchone()[0] == 0


def test_exports_joined_in_staging_are_not_narrowed(empty_ws, tmp_path):
    # Etsy's orders and items files are joined by order number, which the two files may spell differently: a load of
    # either rebuilds the order lines whole, and the result is still a full rebuild's
    from tests.ingest.fixtures import etsy_order_items, etsy_orders
    ws = empty_ws
    for f in (etsy_order_items(tmp_path, "items.csv"), etsy_orders(tmp_path, "orders.csv")):
        [rep] = ingest_files(ws, [f], loaded_by="test")
        assert rep.ok, rep.message
        assert "int_order_lines" not in last_build(ws)
        assert_equals_full_rebuild(ws, f.name)


def test_an_order_loaded_after_its_package_claims_it_by_key(sample_ws_copy, tmp_path):
    # a package whose order is not loaded yet is kept under its reference; when the order arrives, the build finds the
    # package by the order's number (`int_order_lines: by source_order_ref = order_ref`) and joins it, by key
    ws = sample_ws_copy
    header, new = last_order_as("990003")
    ship = tmp_path / "package.csv"
    ship.write_text("shipment_id,order_id,channel,carrier,service,tracking_number,warehouse,label_created_at,"
                    "first_scan_at,delivered_at,status\n"
                    "SH990003,#990003,shopify,UPS,Ground,1Z990003990003,WH-East,2026-11-20 09:00:00,"
                    "2026-11-20 17:00:00,2026-11-23 12:00:00,delivered\n")
    [rep] = ingest_files(ws, [ship], loaded_by="test")
    assert rep.ok, rep.message
    con = ws.reader()
    assert con.execute("SELECT has_order FROM fct_shipments WHERE shipment_id = 'SH990003'").fetchall() == [(False,)]
    con.close()
    [rep] = ingest_files(ws, [write(tmp_path / "order.csv", header, new)], loaded_by="test")
    assert rep.ok, rep.message
    keyed = last_build(ws)
    # fct_orders: the order, and the package's former stand-in key (shopify:#990003, which names no order)
    assert keyed["int_order_lines"] == 1 and keyed["fct_shipments"] == 1 and keyed["fct_orders"] == 2
    assert_equals_full_rebuild(ws, "an order whose package was loaded before it")
    con = ws.reader()
    got = con.execute("SELECT s.has_order, o.shipments, o.is_shipped FROM fct_shipments s JOIN fct_orders o USING (order_id) "
                      "WHERE s.shipment_id = 'SH990003'").fetchall()
    assert got == [(True, 1, True)]


def test_a_customers_earlier_order_renumbers_their_history_by_key(sample_ws_copy, tmp_path):
    # a new order dated before a returning customer's first order becomes their first: every order of theirs moves
    # one place (fct_customer_orders by customer_key) and their customer row changes (dim_customers by customer_key)
    ws = sample_ws_copy
    con = ws.reader()
    email_orders = con.execute(
        "SELECT o.customer_key, min(o.ordered_at) FROM fct_orders o WHERE o.channel = 'shopify' AND o.is_in_revenue "
        "AND o.customer_key IS NOT NULL GROUP BY 1 HAVING count(*) >= 2 ORDER BY 1 LIMIT 1").fetchall()
    assert email_orders, "the sample has returning Shopify customers"
    key, first_at = email_orders[0]
    n_orders = con.execute("SELECT count(*) FROM fct_customer_orders WHERE customer_key = $k", {"k": key}).fetchone()[0]
    con.close()
    header, rows = shopify_orders(1)  # a copy of the sample's last order, for the returning customer
    email = header.index("Email")
    with open(SAMPLE, newline="", encoding="utf-8") as f:
        body = list(csv.reader(f))[1:]
    buyer = next(r[email] for r in body if r[email] and hashlib.sha256(
        ("email:" + re.sub(r"\+[^@]*@", "@", r[email].strip().lower())).encode()).hexdigest() == key)
    name, oid, created = header.index("Name"), header.index("Id"), header.index("Created at")
    new = [r[:] for r in rows]
    for r in new:
        r[name], r[oid], r[email] = "#990004", "990004", buyer
        r[created] = (first_at.replace(hour=0, minute=0, second=1)).strftime("%Y-%m-%d %H:%M:%S -0500") if r[created] else ""
    [rep] = ingest_files(ws, [write(tmp_path / "earlier.csv", header, new)], loaded_by="test")
    assert rep.ok, rep.message
    keyed_now = last_build(ws)
    assert keyed_now["fct_customer_orders"] == n_orders + 1 and keyed_now["dim_customers"] == 1
    assert_equals_full_rebuild(ws, "an earlier order of a returning customer")
    con = ws.reader()
    got = con.execute("SELECT first_order_id, orders FROM dim_customers WHERE customer_key = $k", {"k": key}).fetchall()
    assert got == [("shopify:990004", n_orders + 1)]


def test_a_model_whose_changed_inputs_came_out_unchanged_is_skipped(sample_ws_copy, tmp_path):
    # a new order with no package yet: the packages (int_shipments, fct_shipments) are recomputed by key with no key
    # touched, so the carrier invoice lines, which read only them and the invoices, are not rebuilt at all
    ws = sample_ws_copy
    header, new = last_order_as("990003")
    [rep] = ingest_files(ws, [write(tmp_path / "new.csv", header, new)], loaded_by="test")
    assert rep.ok, rep.message
    build = ws.read_state("last_build")
    assert build["keyed"]["int_shipments"] == 0 and build["keyed"]["fct_shipments"] == 0
    assert "fct_carrier_invoice_lines" not in build["marts"] and "fct_orders" in build["marts"]
    assert_equals_full_rebuild(ws, "a new order with no package")


def test_large_facts_are_split_by_month_and_a_daily_load_rewrites_only_its_months(sample_ws_copy, tmp_path,
                                                                                    monkeypatch):
    # past MONTHLY_ABOVE rows a fact's parts are months, not years (a year part at 10M lines is ~1 GB, rewritten by
    # every daily load): the first publish past it splits the table again whole, later ones write only their months
    from lib.warehouse import publish
    monkeypatch.setattr(publish, "MONTHLY_ABOVE", 1000)
    ws = sample_ws_copy

    def new_order(number: str) -> None:
        [rep] = ingest_files(ws, [write(tmp_path / f"{number}.csv", *last_order_as(number))], loaded_by="test")
        assert rep.ok, rep.message

    new_order("990004")
    parts = ws._manifest(ws.version())["tables"]["fct_orders"]
    assert len(parts) > 3 and all(re.fullmatch(r"\d{4}-\d{2}|none", publish.part_of(p)) for p in parts), parts
    assert_equals_full_rebuild(ws, "the switch to month parts")
    before = set(ws._manifest(ws.version())["tables"]["fct_orders"])
    new_order("990005")
    after = set(ws._manifest(ws.version())["tables"]["fct_orders"])
    assert len(after - before) == 1 and len(before - after) == 1  # one month's part replaced, the others kept
    assert_equals_full_rebuild(ws, "a daily load into month parts")

    # a returning customer's new order recomputes all their orders' customer facts, but only the new order's month
    # differs: the other months' parts are kept
    con = ws.reader()
    [(ref, months)] = con.execute(
        "SELECT arg_max(source_order_ref, n), max(n) FROM (SELECT source_order_ref, count(DISTINCT strftime(order_date, "
        "'%Y-%m')) OVER (PARTITION BY customer_key) AS n FROM fct_orders WHERE channel = 'shopify' "
        "AND customer_key IS NOT NULL)").fetchall()
    con.close()
    assert months >= 2
    header, rows = last_order_as("990006")
    email = next(r[header.index("Email")] for r in shopify_orders(10_000)[1] if r[header.index("Name")] == ref)
    for r in rows:
        r[header.index("Email")] = email
    before = set(ws._manifest(ws.version())["tables"]["fct_customer_orders"])
    [rep] = ingest_files(ws, [write(tmp_path / "990006.csv", header, rows)], loaded_by="test")
    assert rep.ok, rep.message
    assert last_build(ws)["fct_customer_orders"] >= months  # every order of the customer recomputed
    after = set(ws._manifest(ws.version())["tables"]["fct_customer_orders"])
    assert len(after - before) == 1 and len(before - after) == 1
    assert_equals_full_rebuild(ws, "a returning customer's order into month parts")


def _first_rows(name: str) -> tuple[list[str], list[str]]:
    with open(SAMPLE.parent / name, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        return next(rows), next(rows)


def test_tickets_disputes_3pl_lines_and_csat_are_linked_to_an_order_that_arrives_later(sample_ws_copy, tmp_path):
    # a ticket, a dispute, a 3PL invoice line and a CSAT response name order 990003 (each in its own spelling) before it is loaded;
    # the orders load then links exactly them (not every ticket of the history), with the package loaded beside it
    ws = sample_ws_copy
    head, row = _first_rows("zendesk_tickets.csv")
    ticket = dict(zip(head, row)) | {"Id": "990003", "Subject": "Where is my order 990003?", "Tags": ""}
    head_d, row_d = _first_rows("opsdesk_disputes.csv")
    dispute = dict(zip(head_d, row_d)) | {"dispute_id": "DP-990003", "order_id": "990003", "currency": "",
                                          "status": "lost"}
    head_i, row_i = _first_rows("opsdesk_3pl_invoice.csv")
    charge = dict(zip(head_i, row_i)) | {"invoice_id": "HFC-990003", "order_id": "#990003"}
    head_c, row_c = _first_rows("opsdesk_csat.csv")
    response = dict(zip(head_c, row_c)) | {"response_id": "R990003", "order_id": "#990003", "channel": ""}
    files = [write(tmp_path / "opsdesk_csat.csv", head_c, [[response[c] for c in head_c]]),
             write(tmp_path / "zendesk_tickets.csv", head, [[ticket[c] for c in head]]),
             write(tmp_path / "opsdesk_disputes.csv", head_d, [[dispute[c] for c in head_d]]),
             write(tmp_path / "opsdesk_3pl_invoice.csv", head_i, [[charge[c] for c in head_i]])]
    for rep in ingest_files(ws, files, loaded_by="test"):
        assert rep.ok, rep.message
    con = ws.reader()
    assert con.execute("SELECT delivery_issue FROM fct_support_tickets WHERE source_ticket_id = '990003'").fetchall() \
        == [("no linked order",)]
    con.close()

    head_s, row_s = _first_rows("opsdesk_shipments.csv")
    package = dict(zip(head_s, row_s)) | {"shipment_id": "SH990003", "order_id": "#990003", "channel": "shopify",
                                          "tracking_number": "1Z990003", "status": "lost", "delivered_at": ""}
    header, rows = last_order_as("990003")
    reps = ingest_files(ws, [write(tmp_path / "daily.csv", header, rows),
                             write(tmp_path / "opsdesk_shipments.csv", head_s, [[package[c] for c in head_s]])],
                        loaded_by="test")
    assert all(r.ok for r in reps), [r.message for r in reps]
    keyed = last_build(ws)
    # and the package's load keys the order facts too (they read its item rows through fct_shipments)
    for model in ("int_ticket_orders", "fct_support_tickets", "int_dispute_orders", "fct_disputes",
                  "fct_fulfillment_charges", "fct_csat", "fct_orders"):
        assert 1 <= keyed.get(model, 0) < 20, (model, keyed.get(model))  # by key: the history is not recomputed
    assert_equals_full_rebuild(ws, "an order named before it was loaded")
    con = ws.reader()
    try:
        oid, currency = con.execute("SELECT order_id, currency FROM fct_orders WHERE source_order_ref = '#990003'").fetchone()
        assert con.execute("SELECT order_id, delivery_issue FROM fct_support_tickets WHERE source_ticket_id = '990003'"
                           ).fetchall() == [(oid, "lost")]
        assert con.execute("SELECT order_id, currency FROM fct_disputes WHERE dispute_id = 'DP-990003'").fetchall() \
            == [(oid, currency)]
        assert con.execute("SELECT order_id, order_ref FROM fct_fulfillment_charges WHERE invoice_id = 'HFC-990003'"
                           ).fetchall() == [(oid, "#990003")]
        assert con.execute("SELECT order_id FROM fct_csat WHERE response_id = 'R990003'").fetchall() == [(oid,)]
    finally:
        con.close()


def test_a_ticket_re_exported_naming_another_order_follows_it(sample_ws_copy, tmp_path):
    # the same ticket in a later export names another order (its subject edited): the match moves to that order and
    # its packages, by key, as a full rebuild would
    ws = sample_ws_copy
    con = ws.reader()
    rows = con.execute(  # shopify orders whose packages all went with one carrier, by carrier
        "SELECT o.source_order_ref, min(s.carrier) AS carrier FROM fct_orders o JOIN fct_shipments s USING (order_id) "
        "WHERE o.channel = 'shopify' GROUP BY ALL HAVING count(DISTINCT s.carrier) = 1 ORDER BY 2, 1").fetchall()
    (a, carrier_a), (b, carrier_b) = rows[0], rows[-1]
    con.close()
    assert carrier_a != carrier_b
    head, row = _first_rows("zendesk_tickets.csv")
    for i, ref in enumerate((a, b)):
        ticket = dict(zip(head, row)) | {"Id": "990008", "Subject": f"Where is my order {ref.lstrip('#')}?", "Tags": ""}
        [rep] = ingest_files(ws, [write(tmp_path / f"tickets{i}.csv", head, [[ticket[c] for c in head]])],
                             loaded_by="test")
        assert rep.ok, rep.message
        assert last_build(ws).get("fct_support_tickets", 0) < 20  # by key: the touched tickets only
        con = ws.reader()
        got = con.execute("SELECT order_ref, carrier FROM fct_support_tickets WHERE source_ticket_id = '990008'"
                          ).fetchall()
        con.close()
        assert got == [(ref.lstrip("#"), (carrier_a, carrier_b)[i])]
        assert_equals_full_rebuild(ws, f"ticket export {i + 1}")
