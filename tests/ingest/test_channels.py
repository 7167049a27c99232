"""WooCommerce, Etsy, Amazon Date Range, BigCommerce, TikTok Shop and eBay Transaction exports through the real
ingest path, in workspaces holding only them: each order's net
revenue worked out by hand (tests/ingest/fixtures.py EXPECTED_*), totals per currency and fees reconciled with an
independent pandas reading of the same files, and the reconciliation report of Data health."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lib.ingest import ingest_files
from lib.workspace import Workspace
from tests.ingest import fixtures as F
from tests.ingest.test_formats import check_expected

KEYS = ("woocommerce_aoe", "woocommerce_aoe_2018", "woocommerce_analytics", "woocommerce_analytics_old",
        "etsy_order_items", "etsy_orders")


@pytest.fixture(scope="module")
def channels(tmp_path_factory):
    d = tmp_path_factory.mktemp("channels")
    files = {}
    for k in KEYS:
        (d / k).mkdir()
        files[k] = F.PLATFORM_BUILDERS[k][0](d / k)
    ws = Workspace.open(d / "ws")
    reports = dict(zip(KEYS, ingest_files(ws, [files[k] for k in KEYS])))
    return ws, reports, files


def _money(s: pd.Series) -> pd.Series:
    """The pandas reading of an export's money column: symbols and thousands separators dropped."""
    return pd.to_numeric(s.astype("string").str.replace(r"[^0-9.\-]", "", regex=True), errors="coerce").fillna(0.0)


def test_every_channel_file_loads_whole(channels):
    _, reports, _ = channels
    for k, r in reports.items():
        assert r.status == "loaded" and r.format == F.PLATFORM_BUILDERS[k][1], (k, r.message)
        assert r.rows_quarantined == 0, (k, r.errors)


def test_woocommerce_plugin_orders_by_hand(channels):
    ws, _, _ = channels
    check_expected(ws, F.EXPECTED_WOO_AOE)
    check_expected(ws, F.EXPECTED_WOO_AOE_2018)
    # the coupon-only row is not a line, the plugin's Item # orders the lines
    assert F.query(ws, "SELECT sku, quantity, unit_price_amount FROM fct_order_lines WHERE order_id = 'woocommerce:1001' "
                       "ORDER BY line_no") == [("MUG-1", 2.0, 12.0), ("PLATE-1", 1.0, 20.0)]


def test_woocommerce_analytics_orders_by_hand(channels):
    ws, _, _ = channels
    check_expected(ws, F.EXPECTED_WOO_ANALYTICS)
    # a bare "$" is the reporting currency (USD here) since that is a dollar; €1,061.50 is euros
    assert F.query(ws, "SELECT currency, net_revenue_amount FROM fct_orders WHERE order_id = 'woocommerce:3101'") == [
        ("USD", 1250.0)]


def test_a_dollar_sign_is_not_taken_for_a_reporting_currency_that_is_no_dollar(tmp_path):
    from lib.workspace.settings import save_settings
    ws = Workspace.open(tmp_path / "ws")
    save_settings(ws, {**ws.settings(), "reporting_currency": "EUR"})
    path = F.woocommerce_analytics_old(tmp_path)
    assert ingest_files(ws, [path])[0].status == "loaded"
    assert F.query(ws, "SELECT currency, has_fx_rate FROM fct_orders") == [(None, False)]


def test_the_same_woocommerce_order_in_both_files_is_read_once_from_the_lines(tmp_path):
    ws = Workspace.open(tmp_path / "ws")
    lines = F.woocommerce_aoe(tmp_path)
    analytics = F.write_rows(tmp_path / "analytics.csv", F.WOO_ANALYTICS, [
        {"Date": "2026-03-02 10:15:00", "Order #": "1001", "N. Revenue (formatted)": "$44.00", "Status": "completed",
         "Customer type": "new", "Product(s)": "2× Speckled mug, 1× Dinner plate", "Items sold": "3",
         "Net Sales": "44.00"}])
    assert all(r.ok for r in ingest_files(ws, [analytics, lines]))
    assert F.query(ws, "SELECT source, lines, net_revenue_amount FROM fct_orders WHERE order_id = 'woocommerce:1001'") == [
        ("woocommerce_orders", 2, 49.0)]
    assert F.query(ws, "SELECT count(*) FROM rpt_source_totals WHERE source = 'woocommerce_analytics_orders'") == [(0,)]


def test_etsy_orders_by_hand(channels):
    ws, _, _ = channels
    check_expected(ws, F.EXPECTED_ETSY)
    # an item without SKU is its listing; "#9005" and "9005" are one order
    assert F.query(ws, "SELECT sku FROM fct_order_lines WHERE order_id = 'etsy:9001' ORDER BY line_no") == [
        ("FOX-01",), ("7003",)]


def test_totals_per_currency_reconcile_with_pandas(channels):
    ws, _, files = channels
    woo = pd.concat([pd.read_csv(files["woocommerce_aoe"], dtype=str).assign(Currency="USD"),
                     pd.read_csv(files["woocommerce_aoe_2018"], dtype=str)])
    woo_orders = woo.groupby("Order Number").agg(currency=("Currency", "first"), total=("Order Total Amount", "first"))
    want = woo_orders.assign(total=_money(woo_orders["total"])).groupby("currency")["total"].agg(["count", "sum"])
    a = pd.concat([pd.read_csv(files["woocommerce_analytics"], dtype=str),
                   pd.read_csv(files["woocommerce_analytics_old"], dtype=str).rename(columns={"N. Revenue": "Net Sales"})])
    a["currency"] = a["N. Revenue (formatted)"].str[0].map({"€": "EUR", "$": "USD"})
    want_a = a.assign(net=_money(a["Net Sales"])).groupby("currency")["net"].agg(["count", "sum"])
    items = pd.read_csv(files["etsy_order_items"], dtype=str)
    orders = pd.read_csv(files["etsy_orders"], dtype=str)
    items["oid"] = items["Order ID"].str.lstrip("#")
    by_items = items.assign(v=_money(items["Item Total"])).groupby("oid").agg(
        currency=("Currency", "first"), v=("v", "sum"), ship=("Order Shipping", "first"), tax=("Order Sales Tax", "first"),
        disc=("Discount Amount", "first"))
    by_items["total"] = by_items["v"] + _money(by_items["ship"]) + _money(by_items["tax"]) - _money(by_items["disc"])
    stated = orders.set_index("Order ID").assign(total=lambda o: _money(o["Order Total"]))[["Currency", "total"]]
    etsy = pd.concat([stated.rename(columns={"Currency": "currency"}),
                      by_items.loc[~by_items.index.isin(stated.index), ["currency", "total"]]])
    want_e = etsy.groupby("currency")["total"].agg(["count", "sum"])
    got = {(s, c): (n, t, g) for s, c, n, t, g in F.query(
        ws, "SELECT source, currency, source_orders, source_total_amount, gap_amount FROM rpt_source_totals")}
    for source, frame in (("woocommerce_orders", want), ("woocommerce_analytics_orders", want_a), ("etsy_orders", want_e)):
        for cur, row in frame.iterrows():
            n, total, gap = got[(source, cur)]
            assert (n, float(total), float(gap)) == (row["count"], pytest.approx(row["sum"]), 0), (source, cur)
    assert {s for s, _ in got} == {"woocommerce_orders", "woocommerce_analytics_orders", "etsy_orders"}
    # the marts hold the same orders
    assert F.query(ws, "SELECT count(*) FROM fct_orders") == [(int(want["count"].sum() + want_a["count"].sum()
                                                                   + want_e["count"].sum()),)]


def test_net_revenue_per_currency_is_the_hand_computed_sum(channels):
    ws, _, _ = channels
    got = dict(F.query(ws, "SELECT currency || ' ' || channel, sum(net_revenue_amount) FROM fct_orders GROUP BY ALL"))
    # WooCommerce USD: 49 + 24 + 0 (cancelled) + 15 + 1250; EUR: 26 + 45 + 0 (refunded) + 0 (cancelled) + 1061.50
    # Etsy USD: 17.50 + 18 + 45 + 28; EUR: 74.04
    assert got == {"USD woocommerce": pytest.approx(1338.0), "EUR woocommerce": pytest.approx(1132.5),
                   "USD etsy": pytest.approx(108.5), "EUR etsy": pytest.approx(74.04)}


def test_etsy_card_processing_fees_reconcile_with_pandas(channels):
    ws, _, files = channels
    o = pd.read_csv(files["etsy_orders"], dtype=str)
    adjusted = _money(o["Adjusted Order Total"]) > 0
    fee = _money(o["Card Processing Fees"]).where(~adjusted, _money(o["Adjusted Card Processing Fees"]))
    want = sorted(zip("etsy:" + o["Order ID"], (-fee).round(2), o["Currency"]))
    got = F.query(ws, "SELECT order_id, round(amount, 2), currency FROM fct_marketplace_fees "
                      "WHERE channel = 'etsy' AND fee_group = 'other_fee' ORDER BY order_id")
    assert got == [(a, pytest.approx(b), c) for a, b, c in want]
    assert want[2][:2] == ("etsy:9003", pytest.approx(-0.90))  # the fee after the partial refund


def test_channels_are_named_in_the_sources_line():
    from lib.ui.components import sources
    assert sources(["woocommerce_orders", "woocommerce_analytics_orders", "etsy_orders", "etsy_order_items"]) == \
        "WooCommerce (2) · Etsy (2)"


# ------------------------------------------------------------------------------------------ Amazon Date Range report


@pytest.fixture(scope="module")
def date_range(tmp_path_factory):
    d = tmp_path_factory.mktemp("date_range")
    path = F.amazon_date_range(d)
    ws = Workspace.open(d / "ws")
    r = ingest_files(ws, [path])[0]
    return ws, r, path


def _date_range_frame(path) -> pd.DataFrame:
    """pandas' own reading of the report: the header is the row starting "date/time"."""
    lines = path.read_text(encoding="utf-8").splitlines()
    skip = next(i for i, line in enumerate(lines) if line.startswith('"date/time"'))
    return pd.read_csv(path, skiprows=skip, dtype=str)


def test_date_range_report_behind_its_preamble_loads_whole(date_range):
    _, r, _ = date_range
    assert r.status == "loaded" and r.format == "amazon_transactions" and r.rows_loaded == 7 and r.rows_quarantined == 0
    assert any("7 preamble row(s) skipped" in n for n in r.notes)


def test_date_range_orders_by_hand(date_range):
    ws, _, _ = date_range
    check_expected(ws, F.EXPECTED_AMAZON_DATE_RANGE)
    assert F.query(ws, "SELECT count(*) FROM fct_orders") == [(3,)]  # refunds, fees and transfers are no orders


def test_date_range_amounts_reconcile_with_each_rows_total(date_range):
    """Every amount column of a row lands in fct_marketplace_fees: per currency they add up to the rows' `total`
    (transfers, payouts to the bank, left out)."""
    ws, _, path = date_range
    df = _date_range_frame(path)
    df = df[df["type"] != "Transfer"]
    df["currency"] = df["marketplace"].map({"amazon.com": "USD", "amazon.co.uk": "GBP"})
    df["currency"] = df["currency"].fillna(df.groupby("settlement id")["currency"].transform("first"))
    want = df.assign(total=_money(df["total"])).groupby("currency")["total"].sum()
    got = dict(F.query(ws, "SELECT currency, sum(amount) FROM fct_marketplace_fees GROUP BY 1"))
    assert got == {c: pytest.approx(v) for c, v in want.items()}
    fees = dict(F.query(ws, "SELECT fee_group, sum(amount) FROM fct_marketplace_fees WHERE currency = 'USD' GROUP BY 1"))
    assert fees["referral_fee"] == pytest.approx(-3.60 - 3.00 + 1.44 - 5.25)
    assert fees["fulfillment_fee"] == pytest.approx(-12.50) and fees["other"] == pytest.approx(-39.99)


def test_date_range_orders_reconcile_with_pandas(date_range):
    ws, _, path = date_range
    df = _date_range_frame(path)
    orders = df[df["type"] == "Order"]
    taxes = ["product sales tax", "shipping credits tax", "promotional rebates tax"]
    amounts = ["product sales", "shipping credits", "gift wrap credits", "promotional rebates"]
    total = sum(_money(orders[c]) for c in amounts) + (orders["marketplace"] != "amazon.co.uk") * sum(
        _money(orders[c]) for c in taxes)
    by_cur = total.groupby(orders["marketplace"].map({"amazon.com": "USD", "amazon.co.uk": "GBP"})).sum()
    got = {c: (n, t, g) for c, n, t, g in F.query(
        ws, "SELECT currency, source_orders, source_total_amount, gap_amount FROM rpt_source_totals "
            "WHERE source = 'amazon_transactions'")}
    n_orders = orders.groupby(orders["marketplace"].map({"amazon.com": "USD", "amazon.co.uk": "GBP"}))["order id"].nunique()
    assert got == {c: (n_orders[c], pytest.approx(by_cur[c]), 0) for c in by_cur.index}


def test_date_range_defers_to_all_orders_and_to_settlement_reports(tmp_path):
    """An order the All Orders report holds is read from it, and a settlement a settlement report holds from that
    report: the Date Range report adds no second copy of either."""
    ws = Workspace.open(tmp_path / "ws")
    header = F.AMAZON_ALL_ORDERS
    all_orders = F.write_rows(tmp_path / "all.txt", header, [
        {"amazon-order-id": "112-0000002-0000002", "purchase-date": "2026-03-01T09:00:00+00:00",
         "order-status": "Shipped", "fulfillment-channel": "Merchant", "sales-channel": "Amazon.com", "sku": "CUP-1",
         "quantity": "3", "currency": "USD", "item-price": "30.00", "item-tax": "2.48", "shipping-price": "5.00",
         "shipping-tax": "0.41"}], delimiter="\t")
    settlement = F.write_rows(tmp_path / "settlement.txt", F.AMAZON_SETTLEMENT_V2, [
        {"settlement-id": "9000000002", "settlement-start-date": "2026-03-01T00:00:00+00:00",
         "settlement-end-date": "2026-03-15T00:00:00+00:00", "total-amount": "12.15", "currency": "GBP"},
        {"settlement-id": "9000000002", "transaction-type": "Order", "order-id": "203-0000003-0000003",
         "amount-type": "ItemPrice", "amount-description": "Principal", "amount": "15.00", "sku": "MUG-1",
         "posted-date-time": "2026-03-05T09:00:00+00:00"}], delimiter="\t")
    assert all(r.ok for r in ingest_files(ws, [all_orders, settlement, F.amazon_date_range(tmp_path)]))
    assert F.query(ws, "SELECT source, count(*) FROM fct_orders GROUP BY 1 ORDER BY 1") == [
        ("amazon_orders", 1), ("amazon_transactions", 2)]
    assert F.query(ws, "SELECT count(*), sum(amount) FROM fct_marketplace_fees WHERE settlement_id = '9000000002'") == [
        (1, 15.0)]
    assert F.query(ws, "SELECT source_orders FROM rpt_source_totals WHERE source = 'amazon_transactions' "
                       "AND currency = 'USD'") == [(1,)]


# ------------------------------------------------------------------------------------------ BigCommerce


@pytest.fixture(scope="module")
def bigcommerce(tmp_path_factory):
    d = tmp_path_factory.mktemp("bigcommerce")
    path = F.bigcommerce_orders(d)
    ws = Workspace.open(d / "ws")
    return ws, ingest_files(ws, [path])[0], path


def test_bigcommerce_orders_by_hand(bigcommerce):
    ws, r, _ = bigcommerce
    assert r.status == "loaded" and r.rows_loaded == 4 and r.rows_quarantined == 0
    check_expected(ws, F.EXPECTED_BIGCOMMERCE)
    # each item of Product Details is a line: a comma inside the name, a thousands separator in the price
    assert F.query(ws, "SELECT sku, product_name, quantity, unit_price_amount FROM fct_order_lines "
                       "WHERE order_id = 'bigcommerce:100' ORDER BY line_no") == [
        ("MUG-1", "Speckled mug, large", 2.0, 12.0), ("PLATE-1", "Dinner plate", 1.0, 1020.0)]


def test_bigcommerce_totals_and_lines_reconcile_with_pandas(bigcommerce):
    ws, _, path = bigcommerce
    df = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    want = df.assign(t=_money(df["Order Total (inc tax)"])).groupby("Order Currency Code")["t"].agg(["count", "sum"])
    got = {c: (n, t, g) for c, n, t, g in F.query(
        ws, "SELECT currency, source_orders, source_total_amount, gap_amount FROM rpt_source_totals")}
    assert got == {c: (row["count"], pytest.approx(row["sum"]), 0) for c, row in want.iterrows()}
    # units: pandas splits Product Details itself
    items = df["Product Details"].str.split("|").explode()
    units = items.str.extract(r"Product Qty: (\d+)")[0].astype(int).groupby(level=0).sum()
    assert dict(F.query(ws, "SELECT source_order_ref, units FROM fct_orders")) == {
        df.loc[i, "Order ID"]: float(u) for i, u in units.items()}



# ------------------------------------------------------------------------------------------ BigCommerce, one row per product


@pytest.fixture(scope="module")
def bigcommerce_rows(tmp_path_factory):
    d = tmp_path_factory.mktemp("bigcommerce_rows")
    path = F.bigcommerce_line_items(d)
    ws = Workspace.open(d / "ws")
    return ws, ingest_files(ws, [path])[0], path


def test_bigcommerce_line_items_by_hand(bigcommerce_rows):
    ws, r, _ = bigcommerce_rows
    assert r.status == "loaded" and r.format == "bigcommerce_line_items" and r.rows_loaded == 6
    assert r.rows_quarantined == 0, r.errors
    check_expected(ws, F.EXPECTED_BIGCOMMERCE_LINE_ITEMS)
    # each row a line in its order, in file order: a comma inside the name, a thousands separator in the price
    assert F.query(ws, "SELECT line_no, sku, product_name, quantity, unit_price_amount FROM fct_order_lines "
                       "WHERE order_id = 'bigcommerce:200' ORDER BY line_no") == [
        (1, "MUG-1", "Speckled mug, large", 2.0, 12.0), (2, "PLATE-1", "Dinner plate", 1.0, 1020.0)]
    # the same customer id is the same customer key in both BigCommerce layouts
    assert F.query(ws, "SELECT customer_key = sha256('bigcommerce:7') FROM fct_orders "
                       "WHERE order_id = 'bigcommerce:200'") == [(True,)]


def test_bigcommerce_line_items_reconcile_with_pandas(bigcommerce_rows):
    ws, _, path = bigcommerce_rows
    df = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    orders = df.groupby("Order ID").agg(currency=("Order Currency Code", "first"),
                                        total=("Order Total (inc tax)", "first"),
                                        units=("Product Qty", lambda q: pd.to_numeric(q).sum()))
    want = orders.assign(t=_money(orders["total"])).groupby("currency")["t"].agg(["count", "sum"])
    got = {c: (n, t, g) for c, n, t, g in F.query(
        ws, "SELECT currency, source_orders, source_total_amount, gap_amount FROM rpt_source_totals "
            "WHERE source = 'bigcommerce_line_items'")}
    assert got == {c: (row["count"], pytest.approx(row["sum"]), 0) for c, row in want.iterrows()}
    assert dict(F.query(ws, "SELECT source_order_ref, units FROM fct_orders")) == {
        i: float(u) for i, u in orders["units"].items()}
    # net revenue per currency: products' value (ex tax) − coupon + shipping (ex tax) − refunds, cancelled out
    d = df.drop_duplicates("Order ID").set_index("Order ID")
    net = (_money(d["Subtotal (ex tax)"]) + _money(d["Shipping Cost (ex tax)"]) + _money(d["Tax Total"])
           - _money(d["Order Total (inc tax)"])).clip(lower=0)
    rev = (_money(d["Subtotal (ex tax)"]) - net + _money(d["Shipping Cost (ex tax)"]) - _money(d["Refund Amount"]))
    rev[d["Order Status"].str.lower() == "cancelled"] = 0.0
    want_rev = rev.groupby(d["Order Currency Code"]).sum()
    got_rev = dict(F.query(ws, "SELECT currency, sum(net_revenue_amount) FROM fct_orders GROUP BY 1"))
    assert got_rev == {c: pytest.approx(v) for c, v in want_rev.items()}


def test_a_bigcommerce_order_in_both_layouts_is_read_once_from_the_default_export(tmp_path):
    ws = Workspace.open(tmp_path / "ws")
    (tmp_path / "a").mkdir()
    default = F.bigcommerce_orders(tmp_path / "a")
    order_100 = {"Order ID": "100", "Order Date": "18/01/2026", "Order Status": "Shipped",
                 "Subtotal (inc tax)": "24.00", "Subtotal (ex tax)": "24.00", "Tax Total": "0",
                 "Order Total (inc tax)": "24.00", "Order Currency Code": "USD", "Product Qty": "2",
                 "Product SKU": "MUG-1", "Product Name": "Speckled mug, large", "Product Unit Price": "12.00",
                 "Product Total Price": "24.00"}
    rows = F.write_rows(tmp_path / "rows.csv", F.BIGCOMMERCE_LINE_ITEMS, [order_100])
    assert all(r.ok for r in ingest_files(ws, [rows, default]))
    assert F.query(ws, "SELECT source, lines, gross_sales_amount FROM fct_orders WHERE order_id = 'bigcommerce:100'") == [
        ("bigcommerce_orders", 2, 1044.0)]
    assert F.query(ws, "SELECT count(*) FROM rpt_source_totals WHERE source = 'bigcommerce_line_items'") == [(0,)]


# ------------------------------------------------------------------------------------------ Adobe Commerce (Magento)


@pytest.fixture(scope="module")
def magento(tmp_path_factory):
    d = tmp_path_factory.mktemp("magento")
    path = F.magento_orders(d)
    ws = Workspace.open(d / "ws")
    return ws, ingest_files(ws, [path])[0], path


def test_magento_orders_by_hand(magento):
    ws, r, _ = magento
    assert r.status == "loaded" and r.format == "magento_orders" and r.rows_loaded == 4
    assert r.rows_quarantined == 0, r.errors
    check_expected(ws, F.EXPECTED_MAGENTO)
    assert F.query(ws, "SELECT ordered_at FROM fct_orders WHERE order_id = 'magento:000000102'") == [
        (dt.datetime(2026, 6, 10, 14, 15),)]
    # no SKU and no quantity is made up: the order's amount is one line without either
    assert F.query(ws, "SELECT sku, quantity, gross_sales_amount FROM fct_order_lines "
                       "WHERE order_id = 'magento:000000101'") == [(None, None, 200.0)]


def test_magento_totals_reconcile_with_pandas(magento):
    ws, _, path = magento
    df = pd.read_csv(path, dtype=str)
    cur = df["Grand Total (Base)"].str.extract(r"^([^\d]+)")[0].map({"$": "USD", "€": "EUR"})
    want = df.assign(t=_money_eu(df["Grand Total (Base)"]), c=cur).groupby("c")["t"].agg(["count", "sum"])
    got = {c: (n, t, g) for c, n, t, g in F.query(
        ws, "SELECT currency, source_orders, source_total_amount, gap_amount FROM rpt_source_totals "
            "WHERE source = 'magento_orders'")}
    assert got == {c: (row["count"], pytest.approx(row["sum"]), 0) for c, row in want.iterrows()}
    # net revenue: subtotal − what the grand total lacks (discount) + shipping − refunds, cancelled out; never tax
    sub, ship, gt = (_money_eu(df[c]) for c in ("Subtotal", "Shipping and Handling", "Grand Total (Base)"))
    rev = sub - (sub + ship - gt).clip(lower=0) + ship - _money_eu(df["Total Refunded"])
    rev[df["Status"] == "Canceled"] = 0.0
    got_rev = dict(F.query(ws, "SELECT currency, sum(net_revenue_amount) FROM fct_orders GROUP BY 1"))
    assert got_rev == {c: pytest.approx(v) for c, v in rev.groupby(cur).sum().items()}


def _money_eu(s: pd.Series) -> pd.Series:
    """Money as a store writes it in its locale: "$1,400.00" or "€1.234,50" (the last separator is the decimal)."""
    t = s.astype("string").str.replace(r"[^0-9.,\-]", "", regex=True)
    eu = t.str.contains(r",\d{2}$", regex=True).fillna(False)
    t = t.where(~eu, t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    return pd.to_numeric(t.str.replace(",", "", regex=False), errors="coerce").fillna(0.0)


def test_magento_units_are_unknown_not_guessed(magento):
    ws, _, _ = magento
    assert F.query(ws, "SELECT count(*), count(units), sum(lines) FROM fct_orders") == [(4, 0, 4)]


# ------------------------------------------------------------------------------------------ TikTok Shop


@pytest.fixture(scope="module")
def tiktok(tmp_path_factory):
    d = tmp_path_factory.mktemp("tiktok")
    path = F.tiktok_orders(d)
    ws = Workspace.open(d / "ws")
    return ws, ingest_files(ws, [path])[0], path


def test_tiktok_description_row_is_not_data_and_ids_lose_their_tab(tiktok):
    ws, r, _ = tiktok
    assert r.status == "loaded" and r.rows_read == 4 and r.rows_loaded == 4 and r.rows_quarantined == 0
    assert F.query(ws, "SELECT source_order_ref FROM fct_orders ORDER BY 1") == [
        ("576400000000000001",), ("576400000000000002",), ("576400000000000003",)]
    assert F.query(ws, "SELECT DISTINCT sku FROM fct_order_lines ORDER BY 1") == [("CUP-1",), ("MUG-1",), ("PLATE-1",)]


def test_tiktok_orders_and_deliveries_by_hand(tiktok):
    ws, _, _ = tiktok
    check_expected(ws, F.EXPECTED_TIKTOK)
    # the delivery times feed the fulfillment KPIs: shipped (first scan) and delivered from the export
    assert F.query(ws, "SELECT order_id, shipped_at, delivered_at, warehouse FROM fct_shipments ORDER BY 1") == [
        ("tiktok:576400000000000001", dt.datetime(2026, 3, 2, 16, 0), dt.datetime(2026, 3, 5, 11, 0), "Austin WH"),
        ("tiktok:576400000000000003", dt.datetime(2026, 3, 5, 9, 0), None, "Austin WH")]


def test_tiktok_totals_reconcile_with_pandas(tiktok):
    ws, _, path = tiktok
    df = pd.read_csv(path, dtype=str).iloc[1:]  # pandas sees the description row as data: dropped by hand
    df["Order ID"] = df["Order ID"].str.strip()
    orders = df.groupby("Order ID")["Order Amount"].first()
    assert F.query(ws, "SELECT currency, source_orders, source_total_amount, gap_amount FROM rpt_source_totals") == [
        ("USD", len(orders), pytest.approx(_money(orders).sum()), 0)]
    seller = (_money(df["SKU Subtotal Before Discount"]) - _money(df["SKU Seller Discount"])).sum()
    got = F.query(ws, "SELECT sum(gross_sales_amount - discount_amount) FROM fct_orders")[0][0]
    assert got == pytest.approx(seller)


# ------------------------------------------------------------------------------------------ eBay Transaction report


def test_ebay_transaction_fees_per_order_by_hand_and_with_pandas(tmp_path):
    ws = Workspace.open(tmp_path / "ws")
    path = F.ebay_transactions(tmp_path)
    orders = F.ebay_us(tmp_path)  # the same orders' sales, from the Orders report
    r = ingest_files(ws, [path, orders])[0]
    assert r.status == "loaded" and r.rows_loaded == 8 and r.rows_quarantined == 0
    got = dict(F.query(ws, "SELECT order_id, sum(amount) FROM fct_marketplace_fees GROUP BY 1"))
    assert got == {k: pytest.approx(v) for k, v in F.EXPECTED_EBAY_FEES.items()}
    # pandas: the fee columns of Order/Refund rows, the net amount of Other fee rows; payouts and holds are no fees
    lines = path.read_text(encoding="utf-8").splitlines()
    df = pd.read_csv(path, skiprows=next(i for i, x in enumerate(lines) if x.startswith("Transaction creation date")),
                     dtype=str)
    fee_cols = ["Final Value Fee - fixed", "Final Value Fee - variable", "Regulatory operating fee",
                'Very high "item not as described" fee', "Below standard performance fee", "International fee",
                "Deposit processing fee"]
    itemised = df[df["Type"].isin(["Order", "Refund"])]
    want = sum(_money(itemised[c].replace("--", None)).sum() for c in fee_cols) \
        + _money(df.loc[df["Type"] == "Other fee", "Net amount"]).sum()
    assert F.query(ws, "SELECT sum(amount), min(currency), max(currency) FROM fct_marketplace_fees") == [
        (pytest.approx(want), "USD", "USD")]
    # the fees meet their orders: every fee row names an order of the Orders report
    assert F.query(ws, "SELECT count(*) FROM fct_marketplace_fees f LEFT JOIN fct_orders o USING (order_id) "
                       "WHERE o.order_id IS NULL") == [(0,)]
