"""Every companion notebook shows its page's numbers: the notebook runs top to bottom (in a kernel, on a copy of the
sample workspace, with a date range and a channel filter injected after its parameters cell) and its `headline`
is compared with what the page renders through AppTest for the same workspace and filters — tiles and captions
parsed as shown ("9.8 %", "−$1,843"), tables compared value for value."""
from __future__ import annotations

import re

import datetime as dt
import shutil

from nbrun import PARAMS, QUERY, assert_shows, execute, numbers_in, open_page, same


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def caption_with(at, words: str) -> str:
    return next(c.value for c in at.caption if words in c.value)


def test_returns(app_ws):
    h = execute("03_returns.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    at = open_page("returns", QUERY)
    assert at.markdown[0].value == h["summary"]  # the summary's first line, word for word
    assert len(at.expander) == h["findings"]
    tiles = metrics(at)
    for label, key in [("Unit return rate", "unit_return_rate"), ("Order return rate", "order_return_rate"),
                       ("Cost of returns", "refund_cost_amount"), ("Retained revenue rate", "retained_revenue_rate")]:
        assert_shows(label, tiles[label], h[key])
    shown = numbers_in(caption_with(at, "came back"), r"([\d,.]+) of ([\d,.]+) units and ([\d,]+) of ([\d,]+) orders")
    for text, key in zip(shown, ["units_returned", "units_sold", "returned_orders", "orders"]):
        assert_shows(key, text, h[key])
    assert h["orders"] > 0 and h["units_returned"] > 0  # the parameters select returns to compare


def test_fulfillment(app_ws):
    from lib.metrics.registry import metric
    h = execute("01_kpis.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    at = open_page("fulfillment", QUERY)
    tiles = metrics(at)
    keys = [k for k in h if k not in ("orders", "shipped_orders", "cancelled_orders")]
    assert len(keys) == 8
    for key in keys:
        assert_shows(key, tiles[metric(key).name], h[key])
    caption = caption_with(at, "Orders placed")
    cancelled, orders, shipped = numbers_in(caption, r"([\d,]+) cancelled before shipment, so ([\d,]+) to fulfil: "
                                                     r"([\d,]+) shipped")
    for text, key in zip((orders, shipped, cancelled), ["orders", "shipped_orders", "cancelled_orders"]):
        assert_shows(key, text, h[key])
    assert h["orders"] > 0


def test_forecast(app_ws):
    h = execute("02_forecast.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    shutil.rmtree(app_ws.root / "cache", ignore_errors=True)  # the page fits again instead of reading the notebook's
    at = open_page("forecast", QUERY)
    assert "Fitted in" in caption_with(at, "SKU-days")  # not from the cache
    tiles = metrics(at)
    for label, key in [("Series forecast", "series"), ("Forecast error", "wape"), ("Repeating last year", "naive_wape"),
                       ("Range held actual", "coverage")]:
        assert_shows(label, tiles[label], h[key])
    (days,) = numbers_in(caption_with(at, "SKU-days"), r"\(([\d,]+) SKU-days\)")
    assert_shows("stock-out SKU-days", days, h["censored_sku_days"])
    shown = [m.value for m in at.markdown]
    assert h["accuracy"] in shown  # the sentence on accuracy, word for word
    assert h["replenishment"] in shown  # the plan's line, word for word
    assert h["series"] > 0


def test_carriers(app_ws):
    from lib.viz.carriers import title
    h = execute("04_carriers.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    at = open_page("carriers", QUERY)
    tiles = metrics(at)
    for label, key in [("Savings had the cheapest on-time option been used", "what_if_savings_amount"),
                       ("Billed on dim weight", "dim_billed_rate"), ("Saving, next-smaller box", "next_box_savings_amount"),
                       ("Saving, box fitted to weight", "fit_savings_amount")]:
        assert_shows(label, tiles[label], h[key])
    help_text = next(m.proto.help for m in at.metric if m.label.startswith("Savings had"))
    (moved,) = numbers_in(help_text, r"([\d,]+) packages move")
    assert_shows("packages moved", moved, h["what_if_packages_moved"])
    (measured,) = numbers_in(next(m.proto.help for m in at.metric if m.label == "Billed on dim weight"),
                             r"of ([\d,]+) with dims")
    assert_shows("packages with dims", measured, h["packages_with_dims"])
    board = at.dataframe[0].value.set_index(title("carrier"))  # the scorecard, raw values under their titles
    assert sorted(board.index) == sorted(h["scorecard"])
    for carrier, row in h["scorecard"].items():
        for key, value in row.items():
            page = board.loc[carrier, title(key)]
            assert (value is None and page != page) or abs(float(page) - value) < 1e-9, (carrier, key, page, value)
    assert len(h["scorecard"]) >= 2


def test_profitability(app_ws):
    h = execute("05_profitability.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    at = open_page("profitability", QUERY)
    tiles = metrics(at)
    for label, key in [("Net revenue", "net_revenue_amount"), ("Contribution margin", "contribution_margin_amount"),
                       ("Contribution margin %", "margin_rate"), ("Margin per unit", "margin_per_unit"),
                       ("Saving had every recommendation been taken", "fulfillment_path_saving_amount")]:
        assert_shows(label, tiles[label], h[key])
    shown = numbers_in(caption_with(at, "SKU × channel pairs"),
                       r"([\d,]+) of ([\d,]+) SKU × channel pairs lose money \(([^)]*)\); ([\d,.]+) units have no cost")
    for text, key in zip(shown, ["losing_pairs", "pairs", "losing_margin_amount", "units_without_cost"]):
        assert_shows(key, text, h[key])
    assert h["pairs"] > 0


def test_capacity(app_ws):
    h = execute("06_capacity.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    at = open_page("capacity", QUERY)
    # the page opens on the next peak with Settings' staffing; the notebook plans the last peak with data on the
    # baseline staffing (0): pick the notebook's scenario on the page, then the numbers must agree
    box = at.selectbox(key="capacity_window")
    name = h["window"].rsplit(" (", 1)[0]
    box.select_index(next(i for i, o in enumerate(box.options) if o.startswith(f"{name} (")))
    at.number_input(key="capacity_staffed").set_value(0.0)
    next(b for b in at.button if b.label == "Plan").click()  # the inputs are a form: they apply on Plan
    at.run()
    window = at.selectbox(key="capacity_window").value
    assert f"{window.name} ({window.start} – {window.end})" == h["window"]
    tiles = metrics(at)
    for label, key in [("Peak day orders", "peak_orders"), ("Peak headcount", "peak_headcount"),
                       ("Hours staffed per day", "staffed_hours"), ("Days with SLA at risk", "at_risk_days")]:
        assert_shows(label, tiles[label], h[key])
    backlog, late = numbers_in(caption_with(at, "wait at close"), r"Up to ([\d,]+) orders wait at close; ([\d,]+) ship late")
    assert_shows("max backlog", backlog, h["max_backlog"])
    assert_shows("late orders", late, h["late_orders"])
    assert h["peak_orders"] > 0


def test_data_health(app_ws):
    h = execute("00_data_health.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    at = open_page("data_health", QUERY)
    tiles = metrics(at)
    assert set(tiles) == {e.capitalize() for e in h["freshness"]}
    for event, latest in h["freshness"].items():
        page = tiles[event.capitalize()]
        assert (latest is None and page == "–") or dt.datetime.strptime(page, "%d %b %Y").date().isoformat() == latest
    frames = [d.value for d in at.dataframe]
    checks = next(f for f in frames if "check_name" in f.columns)
    assert {f"{r.entity}: {r.check_name}": int(r.value) for r in checks.itertuples()} == h["checks"]
    # the gap counts are said above the gap tabs ("SKUs missing from the catalog: **12** · …"); the tabs keep fixed
    # titles so a link keeps opening its tab
    line = next(c.value for c in at.caption if "SKUs missing from the catalog:" in c.value)
    for title, key in [("SKUs missing from the catalog", "skus_missing_catalog"), ("SKUs without cost", "skus_without_cost"),
                       ("Orders without a shipment", "orders_without_shipment"),
                       ("Shipments without delivery", "shipments_without_delivery")]:
        (n,) = numbers_in(line, re.escape(title) + r": \*\*([\d,]+)\*\*")
        assert same(n, h["gaps"][key]), (title, n, h["gaps"][key])
    recon = next(f for f in frames if "gap_amount" in f.columns)
    from lib.metrics import names  # the page writes each source by its report's name; the notebook keeps the format codes
    assert {f"{r.source} {r.currency}": r.gap_amount for r in recon.itertuples()} == {
        f"{names.display('format', k.rsplit(' ', 1)[0])} {k.rsplit(' ', 1)[1]}": v
        for k, v in h["reconciliation_gap_amount"].items()}
    assert len(next(f for f in frames if "load_id" in f.columns)) == h["loads"] > 0


def test_customers(app_ws):
    h = execute("07_customers.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    at = open_page("customers", QUERY)
    tiles = metrics(at)
    for label, key in [("Returning orders", "returning_order_share"), ("Repeat-purchase rate (90 days)", "repeat_rate"),
                       ("Time to second order", "median_days_to_second_order"),
                       ("Orders not identifiable", "orders_not_identifiable")]:
        assert_shows(label, tiles[label], h[key])
    shown = numbers_in(caption_with(at, "identifiable orders came from"),
                       r"([\d,]+) of ([\d,]+) identifiable orders came from returning customers\. ([\d,]+) customers "
                       r"placed their first order in the period; ([\d,]+) of them .* and ([\d,]+) of those")
    for text, key in zip(shown, ["returning_orders", "identifiable_orders", "new_customers", "mature_customers",
                                 "repeat_customers"]):
        assert_shows(key, text, h[key])
    assert h["identifiable_orders"] > 0 and h["repeat_customers"] > 0


def _filters():
    from lib.metrics.filters import Filters
    return Filters(dt.date.fromisoformat(PARAMS["START"]), dt.date.fromisoformat(PARAMS["END"]),
                   channels=tuple(PARAMS["CHANNELS"]), period="custom")


def _close(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(float(a) - float(b)) <= 1e-9 * max(1, abs(float(b))))


def test_disputes(app_ws):
    from dataclasses import asdict
    from lib.metrics import disputes
    h = execute("08_disputes.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    want = asdict(disputes.summary(app_ws.reader(), _filters()))  # what the page's lib call returns
    assert set(h) == set(want)
    for key, value in want.items():
        assert _close(h[key], value), (key, h[key], value)
    at = open_page("disputes", QUERY)
    tiles = metrics(at)
    for label, key in [("Dispute rate", "dispute_rate"), ("Dispute loss", "loss_amount"),
                       ("Dispute win rate", "win_rate"), ("High-risk orders shipped", "high_risk_shipped")]:
        assert_shows(label, tiles[label], h[key])
    shown = numbers_in(caption_with(at, "disputes opened against"),
                       r"([\d,]+) disputes opened against ([\d,]+) orders placed in the period: ([\d,]+) won, ([\d,]+) "
                       r"lost or accepted, ([\d,]+) still open")
    for text, key in zip(shown, ["disputes", "orders", "won", "lost", "open"]):
        assert_shows(key, text, h[key])
    assert h["orders"] > 0 and h["disputes"] > 0  # the parameters select disputes to compare


def test_accruals(app_ws):
    from lib.metrics import accruals
    from lib.metrics import workspace as workspace_metrics
    h = execute("09_accruals.ipynb", {"WORKSPACE": str(app_ws.root)}).headline
    con = app_ws.reader()
    status = workspace_metrics.status(con)
    months, default = accruals.months(con, status.last_order_date)  # the page's default month
    a = accruals.accruals(con, default, status.currency)
    po = a.purchase_orders["accrual_amount"].dropna()
    assert h["month"] == default
    assert _close(h["total_amount"], a.total_amount)
    assert (h["carrier_packages"], h["tpl_orders"], h["po_lines"], h["packages_without_basis"]) == \
        (len(a.carrier), len(a.tpl), len(a.purchase_orders), a.packages_without_basis)
    assert _close(h["po_value_amount"], float(po.sum()) if len(po) else None)
    at = open_page("accruals")
    tiles = metrics(at)
    for label, key in [("Packages not on a carrier invoice", "carrier_packages"), ("3PL orders not invoiced", "tpl_orders"),
                       ("PO lines received, not costed", "po_lines")]:
        assert_shows(label, tiles[label], h[key])
    from lib.metrics.registry import metric
    assert_shows("logistics accrual", tiles[metric("logistics_accrual").name], h["total_amount"])
    assert h["carrier_packages"] + h["tpl_orders"] > 0  # the sample's default month has something to accrue
    # another month through the parameter: the notebook follows it
    month = next(m for m in months if m < default)  # the month before the default
    other = execute("09_accruals.ipynb", {"WORKSPACE": str(app_ws.root), "MONTH": month}).headline
    b = accruals.accruals(con, month, status.currency)
    assert other["month"] == month and _close(other["total_amount"], b.total_amount)
    assert other["carrier_packages"] == len(b.carrier) > 0 and other["total_amount"] != h["total_amount"]


def test_incidents(app_ws):
    from dataclasses import asdict
    from lib.metrics import incidents
    h = execute("10_incidents.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    con, f = app_ws.reader(), _filters()
    days = incidents.incident_days(con, f)
    carrier = [v for v in incidents.scopes(con)["carrier"] if v not in ("Unassigned", "Unknown")][0]  # the page's default
    want = {"incident_days": len(days), "carrier_incident_days": int((days["kind"] == "carrier").sum()),
            "warehouse_incident_days": int((days["kind"] == "warehouse").sum()),
            **asdict(incidents.exposure(con, f, "carrier", carrier))}
    assert set(h) == set(want)
    for key, value in want.items():
        assert _close(h[key], value), (key, h[key], value)
    at = open_page("incidents", QUERY)
    if h["incident_days"]:  # the first table lists the incident days
        assert len(at.dataframe[0].value) == h["incident_days"]
    else:
        assert any("jumped in this period" in m.value for m in at.success)
    tiles = metrics(at)
    for label, key in [("Orders in scope", "orders"), ("Waiting to ship", "waiting_to_ship"), ("In transit", "in_transit"),
                       ("Delivered late", "delivered_late"), ("Promises at risk", "promises_at_risk"),
                       ("Customers to notify", "customers_to_notify"), ("Revenue exposed", "revenue_exposed")]:
        assert_shows(label, tiles[label], h[key])
    assert h["orders"] > 0
