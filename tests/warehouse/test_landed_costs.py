"""Duties and import taxes (the duties template) in each order's landed cost, never in revenue; hand-computed.

Rates: 1 EUR = 1.10 USD, 1 GBP = 1.25 USD (reporting USD). Costs: S1 20 USD, S2 30 USD.
D1: 2 × S1 at 50 USD; duty 10 + import VAT 21 + clearance 5 GBP, paid by the merchant = 36 GBP = 45 USD.
D2: 1 × S2 at 80 EUR (88 USD); duty 8 EUR, import VAT 17.6 EUR reclaimed (no cost), clearance 2 EUR = 10 EUR = 11 USD.
D3: 1 × S1 at 50 USD, no duties.  D5: 1 × S2 at 80 USD; 12 + 15 USD paid by the customer (DAP): no cost.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from csv_workspace import load_csv_workspace

FIXTURES = Path(__file__).parent / "landed_fixtures"
BASE = ("orders.csv", "costs.csv", "rates.csv")


def _files(names):
    return [(n, (FIXTURES / n).read_text()) for n in names]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return load_csv_workspace(tmp_path_factory.mktemp("landed"), _files(BASE + ("duties.csv",)))


def _rows(ws):
    con = ws.reader()
    try:
        return con.execute("SELECT * FROM fct_order_landed_costs ORDER BY order_id").fetchdf().set_index("order_id")
    finally:
        con.close()


def test_border_costs_by_order(ws):
    t = _rows(ws)
    assert t["border_cost_reporting_amount"].to_dict() == pytest.approx({"web:D1": 45.0, "web:D2": 11.0, "web:D3": 0.0,
                                                                         "web:D5": 0.0})
    assert t.loc["web:D1", ["duties_currency", "duty_amount", "import_vat_amount", "clearance_fee_amount",
                            "border_cost_amount"]].tolist() == ["GBP", 10.0, 21.0, 5.0, 36.0]
    assert t.loc["web:D2", "border_cost_amount"] == pytest.approx(10.0)
    assert t["has_duties"].to_dict() == {"web:D1": True, "web:D2": True, "web:D3": False, "web:D5": True}
    assert t["is_paid_by_customer"].to_dict() == {"web:D1": False, "web:D2": False, "web:D3": False, "web:D5": True}
    assert t.loc["web:D5", "duty_amount"] == 12.0 and t.loc["web:D1", "hs_codes"] == "6109.10"


def test_landed_cost_and_margin(ws):
    t = _rows(ws)
    assert t["landed_cogs_reporting_amount"].to_dict() == pytest.approx({"web:D1": 40.0, "web:D2": 30.0, "web:D3": 20.0,
                                                                         "web:D5": 30.0})
    assert t["landed_cost_reporting_amount"].to_dict() == pytest.approx({"web:D1": 85.0, "web:D2": 41.0, "web:D3": 20.0,
                                                                         "web:D5": 30.0})
    assert t["net_revenue_reporting_amount"].to_dict() == pytest.approx({"web:D1": 100.0, "web:D2": 88.0, "web:D3": 50.0,
                                                                         "web:D5": 80.0})
    assert t["landed_margin_reporting_amount"].to_dict() == pytest.approx({"web:D1": 15.0, "web:D2": 47.0, "web:D3": 30.0,
                                                                           "web:D5": 50.0})


def test_duties_are_never_revenue(ws, tmp_path):
    without = load_csv_workspace(tmp_path, _files(BASE))
    q = ("SELECT sum(net_revenue_reporting_amount), sum(tax_reporting_amount), sum(order_total_reporting_amount) "
         "FROM fct_orders")
    a, b = without.reader(), ws.reader()
    try:
        assert a.execute(q).fetchall() == b.execute(q).fetchall()
        lines = "SELECT sum(net_sales_reporting_amount), sum(cogs_reporting_amount) FROM fct_order_lines"
        assert a.execute(lines).fetchall() == b.execute(lines).fetchall()
    finally:
        a.close()
        b.close()


def test_a_duties_currency_without_a_rate_is_left_out_not_added(tmp_path):
    duties = "order_id,duty,currency\nD3,7,BDT\n"  # the ECB does not quote the taka
    ws = load_csv_workspace(tmp_path, _files(BASE) + [("duties.csv", duties)])
    t = _rows(ws)
    assert not t.loc["web:D3", "has_duties_fx_rate"]
    assert t.loc["web:D3", "duty_amount"] == 7.0
    assert t["border_cost_reporting_amount"].isna().tolist() == [False, False, True, False]
    assert t["landed_cost_reporting_amount"].isna().tolist() == [False, False, True, False]


def test_a_later_load_replaces_an_orders_duties(tmp_path):
    ws = load_csv_workspace(tmp_path, _files(BASE + ("duties.csv",)))
    again = tmp_path / "duties_fix.csv"
    again.write_text("order_id,channel,duty,currency\nD1,web,4,USD\n")
    from lib.ingest import ingest_files
    assert ingest_files(ws, [again])[0].status == "loaded"
    t = _rows(ws)
    assert t.loc["web:D1", "border_cost_reporting_amount"] == pytest.approx(4.0)
    assert t.loc["web:D2", "border_cost_reporting_amount"] == pytest.approx(11.0)


def test_by_destination_and_summary(ws):
    import datetime as dt

    from lib.metrics import cross_border
    p = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31), "channels": [], "warehouses": [], "carriers": [],
         "categories": []}
    con = ws.reader()
    try:
        d = cross_border.by_destination(con, p).set_index("destination_country")
        s = cross_border.summary(con, p)
        o = cross_border.orders(con, p)
    finally:
        con.close()
    assert d["border_cost_reporting_amount"].to_dict() == pytest.approx({"GB": 45.0, "DE": 11.0, "US": 0.0, "CA": 0.0})
    assert d.loc["GB", "border_cost_share"] == pytest.approx(45 / 100)
    assert (s.orders, s.orders_with_duties, s.orders_paid_by_customer, s.orders_with_unconverted_duties) == (4, 3, 1, 0)
    assert s.border_cost_reporting_amount == pytest.approx(56.0)
    assert s.net_revenue_reporting_amount == pytest.approx(100 + 88 + 50 + 80)
    assert s.border_cost_share == pytest.approx(56 / (100 + 88 + 80))  # of the orders with duties (not D3)
    assert pd.isna(d.loc["US", "border_cost_share"])  # no order with duties there
    assert s.landed_margin_reporting_amount == pytest.approx(15 + 47 + 30 + 50)
    assert o["order_id"].tolist() == ["web:D1", "web:D2", "web:D5"]


def test_countries_are_one_code_whatever_the_file_wrote(tmp_path):
    """Staging normalises every spelling of a country to its ISO 3166 code (seed_countries), on orders, shipments and
    duties alike, so "US" and "United States" are one destination; a spelling it does not know is kept as written
    (never guessed)."""
    orders = ("order_id,channel,ordered_at,sku,quantity,unit_price,currency,status,ship_to_country\n"
              "C1,web,2026-03-02 10:00,S1,1,50,USD,shipped,US\n"
              "C2,web,2026-03-02 11:00,S1,1,50,USD,shipped,United States\n"
              "C3,web,2026-03-02 12:00,S1,1,50,USD,shipped, usa \n"
              "C4,web,2026-03-02 13:00,S1,1,50,USD,shipped,Deutschland\n"
              "C5,web,2026-03-02 14:00,S1,1,50,USD,shipped,Narnia\n"
              "C6,web,2026-03-02 15:00,S1,1,50,USD,shipped,\n")
    duties = ("order_id,channel,sku,hs_code,country_of_origin,destination_country,duty,import_vat,clearance_fee,"
              "currency,paid_by,import_vat_recoverable,assessed_at\n"
              "C4,web,S1,6109.10,CN,DEU,4,0,0,USD,merchant,false,2026-03-05\n")
    ws = load_csv_workspace(tmp_path, [("orders.csv", orders), ("duties.csv", duties)] + _files(("costs.csv",)))
    con = ws.reader()
    try:
        got = dict(con.execute("SELECT order_id, ship_to_country FROM fct_orders").fetchall())
        dest = dict(con.execute("SELECT order_id, destination_country FROM fct_order_landed_costs").fetchall())
    finally:
        con.close()
    assert got == {"web:C1": "US", "web:C2": "US", "web:C3": "US", "web:C4": "DE", "web:C5": "Narnia", "web:C6": None}
    assert dest["web:C4"] == "DE" and dest["web:C2"] == "US"  # the duties' "DEU" is the order's "Deutschland"
