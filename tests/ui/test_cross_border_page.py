"""The Cross-border costs page through AppTest: on the sample (no duties loaded) it says which template to upload;
with a duties file for three sample orders it shows the tiles, the destination chart and both tables, and the
border costs equal the duties loaded (converted to the reporting currency)."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from appdriver import assert_clean, open_app


def open_page(query: dict | None = None) -> AppTest:
    return open_app(query, page="cross_border", timeout=90)


def load_duties(ws, tmp_path) -> list[str]:
    """Duties in US dollars for three Shopify orders of the sample: 10, 20 and 30 (+ 5 clearance on the first)."""
    con = ws.reader()
    try:
        refs = [r[0] for r in con.execute("SELECT source_order_ref FROM fct_orders WHERE channel = 'shopify' AND "
                                          "is_in_revenue ORDER BY order_date DESC, order_id LIMIT 3").fetchall()]
    finally:
        con.close()
    path = tmp_path / "duties.csv"
    path.write_text("order_id,channel,hs_code,destination_country,duty,import_vat,clearance_fee,currency,paid_by\n"
                    f"{refs[0]},shopify,6109.10,GB,10,0,5,USD,merchant\n"
                    f"{refs[1]},shopify,6109.10,GB,20,0,0,USD,merchant\n"
                    f"{refs[2]},shopify,4202.92,CA,30,0,0,USD,customer\n")
    from lib.ingest import ingest_files
    assert ingest_files(ws, [path])[0].status == "loaded"
    return refs


def test_without_duties_the_page_says_what_to_upload(app_ws):
    at = open_page({"period": "all time"})
    assert_clean(at)
    assert [t.value for t in at.title] == ["Cross-border costs"]
    assert "duties" in at.info[0].value and "Upload" in at.info[0].value


def test_with_duties_the_border_costs_show(app_ws, tmp_path):
    load_duties(app_ws, tmp_path)
    at = open_page({"period": "all time"})
    assert_clean(at)
    assert [m.label for m in at.metric] == ["Border costs", "Border costs / cross-border revenue", "Landed margin"]
    assert at.metric[0].value == "$35.00"  # 10 + 5 + 20; the customer paid the third (DAP)
    by_dest = at.dataframe[0].value.set_index("destination_country")  # countries by name, not ISO code
    assert by_dest.loc["United Kingdom", "border_cost_reporting_amount"] == pytest.approx(35.0)
    assert by_dest.loc["Canada", "orders_paid_by_customer"] == 1 and "US" not in by_dest.index
    orders = at.dataframe[1].value
    assert len(orders) == 3 and orders["border_cost_reporting_amount"].sum() == pytest.approx(35.0)
    assert "tooltip" in at.get("vega_lite_chart")[0].proto.spec
