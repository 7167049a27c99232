"""A second currency in a real browser: a Shopify export with pound and taka orders uploaded into the sample
workspace; Overview and the weekly review show reporting-currency (USD) figures, the pounds converted at the ECB rate,
and a warning that names the taka orders left out of money totals (no rate), never adding them as dollars."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from harness import settle
from lib.metrics.filters import Filters, quick_range
from lib.metrics import overview, review
from lib.ui.components import money
from lib.workspace import Workspace

from tests.ingest import fixtures as F

pytestmark = pytest.mark.browser


def shopify_export(path: Path, day: dt.date) -> Path:
    at = f"{day:%Y-%m-%d} 11:00:00 +0000"
    rows = []
    for oid, cur, price, total in (("8801", "GBP", "120.00", "120.00"), ("8802", "BDT", "90000.00", "90000.00")):
        rows.append({"Name": f"#{oid}", "Financial Status": "paid", "Fulfillment Status": "unfulfilled", "Currency": cur,
                     "Subtotal": price, "Shipping": "0.00", "Taxes": "0.00", "Total": total, "Created at": at,
                     "Lineitem quantity": "1", "Lineitem name": "Gift box", "Lineitem price": price,
                     "Lineitem sku": "GIFT-1", "Id": oid, "Refunded Amount": "0.00"})
    return F.write_rows(path, F.SHOPIFY_79, rows)


def tile(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text(label, exact=True))
    return box.locator('[data-testid="stMetricValue"]').first.inner_text()


def test_second_currency_upload_reports_in_usd_and_names_what_is_left_out(server, page, tmp_path):
    ws = Workspace(server.workspace)
    con = ws.reader()
    week = review.default_week(con)
    last = con.execute("SELECT max(order_date), min(order_date) FROM fct_orders").fetchall()[0]
    con.close()
    week_start, _ = review.parse_week(week)
    path = shopify_export(tmp_path / "orders_export_uk_bd.csv", week_start + dt.timedelta(days=1))

    page.goto(f"{server.url}/upload")
    settle(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(path))
    page.get_by_role("button", name="Load 1 file(s)").click()
    page.get_by_text("2 row(s) loaded").first.wait_for(timeout=60_000)
    settle(page)

    # Overview, default period (last 4 weeks): net revenue in USD with the pounds converted, the taka left out
    page.goto(f"{server.url}/overview")
    settle(page)
    con = ws.reader()
    try:
        start, end = quick_range("last 4 weeks", last[0], last[1])
        h, _ = overview.headline(con, Filters(start, end))
        gbp_rate = con.execute("SELECT fx_rate FROM fct_orders WHERE order_id = 'shopify:8801'").fetchall()[0][0]
        rv = review.weekly_review(con, week, {"channels": [], "warehouses": [], "carriers": [], "categories": []},
                                  ws.settings()["targets"])
    finally:
        con.close()
    assert 1.0 < gbp_rate < 1.6  # pounds are worth more than dollars: converted, not taken as dollars
    page.locator('[data-testid="stMetricLabel"]').first.wait_for(timeout=60_000)  # tiles draw after the guard's queries
    labels = [" ".join(t.split()) for t in page.locator('[data-testid="stMetricLabel"]').all_inner_texts()]
    assert "Net revenue (USD)" in labels, labels
    assert tile(page, "Net revenue (USD)") == money(h.net_revenue_amount, "USD")
    warning = page.locator('[data-testid="stAlert"]').filter(has_text="Left out of money totals").first
    assert "1 order in BDT" in warning.inner_text() and "No exchange rate to USD" in warning.inner_text()
    assert "90,000" in warning.inner_text()  # stated in taka, never converted

    # The weekly review of that week: the same warning, money in dollars
    page.goto(f"{server.url}/?week={week}")
    settle(page)
    review_warning = page.locator('[data-testid="stAlert"]').filter(has_text="Left out of money totals").first
    assert "1 order in BDT" in review_warning.inner_text()
    cost = tile(page, "Cost per order")
    assert cost.startswith("$") and cost == f"${rv.tile('cost_per_order').value:,.2f}"
    assert not page.locator('[data-testid="stException"]').count()
