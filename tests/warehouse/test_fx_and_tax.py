"""Money in one currency and without tax: a workspace of Shopify orders in GBP, CAD, TRY and BDT (the real 79-column
layout) whose reporting totals equal an independent computation with the ECB rates (currencyconverter's own API);
BDT has no ECB rate and is left out and named, never summed as another currency; VAT-inclusive prices; the
operator's rates taking precedence; eBay and Walmart currencies read from the file."""
from __future__ import annotations

import datetime as dt

import pytest
from currency_converter import CurrencyConverter

from lib.metrics.filters import Filters
from lib.ingest import ingest_files
from lib.metrics import overview, workspace

from tests.ingest import fixtures as F

DAY = "2026-03-03 10:00:00 +0000"  # a Tuesday: an ECB business day, so the rate is that day's own
ORDERS = [  # (id, currency, item price, qty, shipping, taxes, total): US-style tax added, except TRY (VAT in prices)
    ("7001", "GBP", "40.00", "2", "5.00", "0.00", "88.00"),  # + a £3 tip (Shopify's Subtotal leaves tips out)
    ("7002", "CAD", "100.00", "1", "10.00", "13.00", "123.00"),
    ("7003", "TRY", "1200.00", "1", "0.00", "200.00", "1200.00"),  # Total = Subtotal + Shipping, Taxes > 0: inclusive
    ("7004", "BDT", "5000.00", "1", "100.00", "0.00", "5100.00"),
    ("7005", "USD", "20.00", "1", "0.00", "1.50", "21.50"),
    ("7006", "GBP", "120.00", "1", "0.00", "20.00", "125.00"),  # VAT inside, + a £5 tip: still VAT-inclusive
]
TIPS = {"7001": 3.0, "7006": 5.0}


def shopify_multi_currency(d):
    rows = []
    for oid, cur, price, qty, ship, tax, total in ORDERS:
        sub = f"{float(price) * int(qty):.2f}"
        rows.append({"Name": f"#{oid}", "Email": "a@b.c", "Financial Status": "paid", "Paid at": DAY,
                     "Fulfillment Status": "fulfilled", "Currency": cur, "Subtotal": sub, "Shipping": ship, "Taxes": tax,
                     "Total": total, "Discount Amount": "0.00", "Created at": DAY, "Lineitem quantity": qty,
                     "Lineitem name": "Mug", "Lineitem price": price, "Lineitem sku": "MUG-1",
                     "Lineitem requires shipping": "true", "Lineitem fulfillment status": "fulfilled",
                     "Refunded Amount": "0.00", "Id": oid, "Lineitem discount": "0.00"})
    for oid, tip in TIPS.items():  # tip lines, as Shopify writes them (every row has Created at): not product sales
        rows.append({"Name": f"#{oid}", "Created at": DAY, "Lineitem quantity": "1", "Lineitem name": "Tip",
                     "Lineitem price": f"{tip:.2f}", "Lineitem requires shipping": "false", "Id": oid})
    return F.write_rows(d / "orders_export.csv", F.SHOPIFY_79, rows)


def net(oid):  # hand-computed net revenue in the order's own currency (tips are not revenue)
    _, cur, price, qty, ship, tax, total = next(o for o in ORDERS if o[0] == oid)
    inclusive = float(tax) > 0 and abs(float(total) - float(price) * int(qty) - float(ship) - TIPS.get(oid, 0)) < 0.005
    return float(price) * int(qty) + float(ship) - (float(tax) if inclusive else 0.0)


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    from lib.workspace import Workspace
    d = tmp_path_factory.mktemp("fx")
    w = Workspace.open(d / "ws")
    w.initialise()
    reports = ingest_files(w, [shopify_multi_currency(d)])
    assert reports[0].ok and reports[0].rows_quarantined == 0, reports[0].message
    return w


def q(ws, sql, params=None):
    con = ws.reader()
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def test_reporting_amounts_equal_the_ecb_rates(ws):
    c = CurrencyConverter()
    day = dt.date(2026, 3, 3)
    rows = dict((oid, (cur, rate, amount)) for oid, cur, rate, amount in q(
        ws, "SELECT source_order_ref[2:], currency, fx_rate, net_revenue_reporting_amount FROM fct_orders"))
    for oid in ("7001", "7002", "7003"):
        cur = rows[oid][0]
        expected = c.convert(net(oid), cur, "USD", date=day)
        assert rows[oid][2] == pytest.approx(expected, rel=1e-9), oid
        assert rows[oid][1] == pytest.approx(c.convert(1, cur, "USD", date=day), rel=1e-9)
    assert rows["7005"][1:] == (1.0, pytest.approx(20.0))


def test_a_currency_without_rate_is_left_out_and_named(ws):
    assert q(ws, "SELECT has_fx_rate, fx_rate, net_revenue_reporting_amount FROM fct_orders WHERE currency = 'BDT'") == [
        (False, None, None)]
    f = Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    con = ws.reader()
    try:
        h, _ = overview.headline(con, f)
        unrated = workspace.unrated_currencies(con, f)
    finally:
        con.close()
    c = CurrencyConverter()
    expected = sum(c.convert(net(o), cur, "USD", date=dt.date(2026, 3, 3)) for o, cur, *_ in ORDERS if cur != "BDT")
    assert h.net_revenue_amount == pytest.approx(expected, rel=1e-9)  # taka never added as dollars
    assert h.orders == len(ORDERS)  # counts still include the BDT order
    assert [(u.currency, u.orders, u.net_revenue_amount) for u in unrated] == [("BDT", 1, pytest.approx(5100.0))]


def test_vat_inclusive_prices_leave_the_tax_out_of_net_revenue(ws):
    rows = q(ws, "SELECT source_order_ref, prices_include_tax, tax_amount, net_revenue_amount FROM fct_orders ORDER BY 1")
    by = {r[0]: r[1:] for r in rows}
    assert by["#7003"] == (True, 200.0, pytest.approx(1000.0))  # 1,200 TRY paid, 200 of it VAT
    assert by["#7002"] == (False, 13.0, pytest.approx(110.0))  # US-style: tax on top, never in revenue
    assert by["#7001"][0] is False


def test_tip_lines_are_not_product_sales(ws):
    assert q(ws, "SELECT units, lines, gross_sales_amount FROM fct_orders WHERE source_order_ref = '#7001'") == [
        (2.0, 1, 80.0)]
    assert q(ws, "SELECT count(*) FROM fct_order_lines WHERE sku = 'Tip' OR product_name = 'Tip'") == [(0,)]
    # a tip does not hide VAT inside the prices: 120 paid with 20 VAT and a 5 tip is 100 of revenue
    assert q(ws, "SELECT prices_include_tax, net_revenue_amount FROM fct_orders WHERE source_order_ref = '#7006'") == [
        (True, 100.0)]


def test_your_rates_take_precedence_and_fill_missing_currencies(tmp_path, ws):
    import shutil
    from lib.workspace import Workspace
    w = Workspace.open(tmp_path / "ws")
    shutil.copytree(ws.root, w.root, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".write.lock"))
    w = Workspace.open(tmp_path / "ws")
    rates = F.write_rows(tmp_path / "rates.csv", ["date", "from_currency", "to_currency", "rate"], [
        {"date": "2026-02-27", "from_currency": "BDT", "to_currency": "USD", "rate": "0.0080"},
        {"date": "2026-03-02", "from_currency": "USD", "to_currency": "BDT", "rate": "125"},  # latest on or before: 1/125
        {"date": "2026-03-04", "from_currency": "BDT", "to_currency": "USD", "rate": "0.0090"},  # after the order date
        {"date": "2026-03-01", "from_currency": "GBP", "to_currency": "USD", "rate": "1.25"}])
    assert ingest_files(w, [rates])[0].ok
    got = dict(q(w, "SELECT currency, fx_rate FROM fct_orders"))
    assert got["BDT"] == pytest.approx(1 / 125)
    assert got["GBP"] == pytest.approx(1.25)  # yours before the ECB's, even though the ECB has a newer one
    assert q(w, "SELECT fx_rate_source FROM fct_orders WHERE currency = 'CAD'")[0][0].startswith("ECB reference rates")
    # an ECB history file you downloaded crosses CAD through the euro on its own day
    ecb = F.ecb_fx_history(tmp_path, rows={"2026-03-03": {"USD": "1.05", "CAD": "1.50"}})
    assert ingest_files(w, [ecb])[0].ok
    assert dict(q(w, "SELECT currency, fx_rate FROM fct_orders"))["CAD"] == pytest.approx(1.05 / 1.50)


def test_ebay_and_walmart_read_their_currency_from_the_file(tmp_path):
    from lib.workspace import Workspace
    w = Workspace.open(tmp_path / "ws")
    w.initialise()
    assert all(r.ok for r in ingest_files(w, [F.ebay_uk(tmp_path / "a"), F.ebay_us(tmp_path / "b")]))
    got = dict(q(w, "SELECT source_order_ref, currency FROM fct_orders"))
    assert got["05-11111-22222"] == "GBP" and got["12-13245-67890"] == "USD"


def test_changing_the_reporting_currency_converts_everything_again(tmp_path, ws):
    import shutil
    from lib.workspace.settings import save_settings
    from lib.workspace import Workspace
    shutil.copytree(ws.root, tmp_path / "ws", ignore=shutil.ignore_patterns(".write.lock"))
    w = Workspace.open(tmp_path / "ws")
    save_settings(w, {**w.settings(), "reporting_currency": "EUR"})
    c = CurrencyConverter()
    day = dt.date(2026, 3, 3)
    got = dict(q(w, "SELECT source_order_ref[2:], net_revenue_reporting_amount FROM fct_orders"))
    assert got["7005"] == pytest.approx(c.convert(net("7005"), "USD", "EUR", date=day), rel=1e-9)
    assert got["7001"] == pytest.approx(c.convert(net("7001"), "GBP", "EUR", date=day), rel=1e-9)
    assert got["7004"] is None
    assert q(w, "SELECT DISTINCT reporting_currency FROM fct_orders") == [("EUR",)]


def test_net_revenue_by_currency_keeps_each_currencys_own_total(ws):
    con = ws.reader()
    try:
        df = overview.by_currency(con, Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    finally:
        con.close()
    rows = {r.currency: r for r in df.itertuples()}
    assert set(rows) == {"GBP", "CAD", "TRY", "BDT", "USD"} and rows["GBP"].orders == 2
    assert rows["TRY"].net_revenue_amount == pytest.approx(1000.0)  # in lira, without the VAT
    assert rows["BDT"].net_revenue_amount == pytest.approx(5100.0) and rows["BDT"].orders_without_rate == 1
    assert rows["BDT"].net_revenue_reporting_amount != rows["BDT"].net_revenue_reporting_amount  # NaN: never converted
    assert rows["USD"].net_revenue_reporting_amount == pytest.approx(20.0)
    assert df["net_revenue_reporting_amount"].sum() == pytest.approx(
        sum(r.net_revenue_reporting_amount for r in df.itertuples() if r.currency != "BDT"))


def test_a_rate_to_the_euro_combines_with_the_ecbs_and_stale_rates_give_way(tmp_path, ws):
    """Your BDT → EUR crosses with the ECB's EUR → USD; your two-year-old GBP rate does not beat the ECB's rate of
    the day; a rate over a year old is never used."""
    import shutil
    from lib.workspace import Workspace
    shutil.copytree(ws.root, tmp_path / "ws", ignore=shutil.ignore_patterns(".write.lock"))
    w = Workspace.open(tmp_path / "ws")
    rates = F.write_rows(tmp_path / "rates.csv", ["date", "from_currency", "to_currency", "rate"], [
        {"date": "2026-03-01", "from_currency": "BDT", "to_currency": "EUR", "rate": "0.0077"},
        {"date": "2024-01-01", "from_currency": "GBP", "to_currency": "USD", "rate": "1.10"},
        {"date": "2025-01-02", "from_currency": "CAD", "to_currency": "USD", "rate": "0.70"}])
    assert ingest_files(w, [rates])[0].ok
    c, day = CurrencyConverter(), dt.date(2026, 3, 3)
    got = {r[0]: r[1:] for r in q(w, "SELECT source_order_ref[2:], fx_rate, fx_rate_source FROM fct_orders")}
    assert got["7004"][0] == pytest.approx(0.0077 * c.convert(1, "EUR", "USD", date=day), rel=1e-9)
    assert got["7004"][1] == "your exchange rates + ECB reference rates (built in)"
    assert got["7001"][0] == pytest.approx(c.convert(1, "GBP", "USD", date=day), rel=1e-9)  # not the 2024 rate
    assert got["7002"][1].startswith("ECB")  # the ECB's current rate, not yours of 2025


def test_a_currency_whose_rates_stopped_more_than_a_year_ago_has_none(tmp_path):
    from lib.workspace import Workspace
    w = Workspace.open(tmp_path / "ws")
    w.initialise()
    header = ["order_id", "channel", "ordered_at", "sku", "quantity", "unit_price", "currency"]
    orders = F.write_rows(tmp_path / "o.csv", header, [
        {"order_id": "1", "channel": "web", "ordered_at": "2026-03-03", "sku": "A", "quantity": "1", "unit_price": "500",
         "currency": "XYZ"}])
    rates = F.write_rows(tmp_path / "r.csv", ["date", "from_currency", "to_currency", "rate"], [
        {"date": "2024-12-01", "from_currency": "XYZ", "to_currency": "USD", "rate": "0.01"}])
    assert all(r.ok for r in ingest_files(w, [orders, rates]))
    assert q(w, "SELECT has_fx_rate, fx_rate FROM fct_orders") == [(False, None)]
