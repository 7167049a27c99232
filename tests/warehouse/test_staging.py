"""Real staging: one staging model per orders format, stacked by name in int_order_lines; the latest-load rule
generated from the format registry (`FormatSpec.replaces`) instead of written in each model."""
from __future__ import annotations

from pathlib import Path

from lib.ingest import ingest_files
from lib.ingest.formats import BY_NAME
import re

from lib.warehouse import MODELS, intermediate_models, model_sql, staging_models

from tests.ingest import fixtures as F

ORDER_FORMATS = ("shopify_orders", "amazon_orders", "walmart_orders", "ebay_orders", "woocommerce_orders",
                 "woocommerce_analytics_orders", "etsy_orders", "bigcommerce_orders", "bigcommerce_line_items",
                 "magento_orders", "tiktok_orders",
                 "opsdesk_orders")


def test_each_orders_format_has_its_staging_model_reading_its_latest_loads():
    for name in ORDER_FORMATS:
        assert f"stg_{name}" in staging_models()
        sql = model_sql("staging", f"stg_{name}")
        assert BY_NAME[name].replaces and f"latest_{name}" in sql and f"raw_{name}" not in sql
        assert "max(_load_id)" not in sql  # the rule lives in lib.warehouse.latest_sql only
        assert f"SELECT * FROM stg_{name}" in model_sql("intermediate", "int_order_lines")
    assert intermediate_models() == ["int_dispute_orders", "int_order_lines", "int_shipments", "int_source_orders",
                                    "int_ticket_orders", "int_ticket_refs"]
    for name in ("shopify_orders", "amazon_orders", "walmart_orders", "ebay_orders", "opsdesk_orders"):  # stated totals
        assert f"SELECT * FROM stg_{name[:-7]}_order_totals" in model_sql("intermediate", "int_source_orders")


def test_staging_models_of_one_union_have_the_same_columns(empty_ws):
    # staging models are build-time temp tables over the raw tables: bind each one's SQL on the workspace's writer
    from lib.warehouse import FORMATS, latest_sql
    with empty_ws.writer() as con:
        con.execute("CREATE OR REPLACE TEMP TABLE cfg_reporting AS SELECT 'USD' AS reporting_currency")
        for spec in FORMATS:
            if spec.replaces:
                con.execute(f"CREATE OR REPLACE TEMP VIEW {spec.latest} AS {latest_sql(spec)}")
        cols = {name: [d[0] for d in con.execute(f"SELECT * FROM ({model_sql('staging', f'stg_{name}')}) LIMIT 0").description]
                for name in ORDER_FORMATS}
    first = cols[ORDER_FORMATS[0]]
    for name, c in cols.items():
        assert sorted(c) == sorted(first), f"stg_{name} differs: {set(c) ^ set(first)}"


def test_a_re_exported_order_replaces_its_lines(tmp_path, empty_ws):
    """The latest load of an order wins whole: a line the new export no longer has is gone."""
    header = ["order_id", "channel", "ordered_at", "sku", "quantity", "unit_price"]
    first = F.write_rows(tmp_path / "a.csv", header, [
        {"order_id": "W-1", "channel": "wholesale", "ordered_at": "2026-03-02", "sku": "CUP-1", "quantity": "2", "unit_price": "5"},
        {"order_id": "W-1", "channel": "wholesale", "ordered_at": "2026-03-02", "sku": "PLATE-1", "quantity": "1", "unit_price": "9"}])
    again = F.write_rows(tmp_path / "b.csv", header, [
        {"order_id": "W-1", "channel": "wholesale", "ordered_at": "2026-03-02", "sku": "CUP-1", "quantity": "3", "unit_price": "5"}])
    assert all(r.ok for r in ingest_files(empty_ws, [first]))
    assert all(r.ok for r in ingest_files(empty_ws, [again]))
    assert F.query(empty_ws, "SELECT sku, quantity FROM fct_order_lines") == [("CUP-1", 3.0)]
    assert F.query(empty_ws, "SELECT source_orders, source_total_amount FROM rpt_source_totals") == [(1, 15.0)]


def test_staging_models_are_created_after_the_staging_models_they_read():
    """A staging model may read another (stg_amazon_date_range feeds its _orders and _fees models; the channel source
    totals read stg_tiktok_orders): it is created after it, whatever their names."""
    order = staging_models()
    assert sorted(order) == sorted(p.stem for p in (MODELS / "staging").glob("*.sql"))
    for i, name in enumerate(order):
        sql = model_sql("staging", name)
        for other in order[i + 1:]:
            named_back = re.search(rf"\b{name}\b", model_sql("staging", other))
            assert named_back or not re.search(rf"\b{other}\b", sql), f"{name} reads {other}, created later"
    assert order.index("stg_amazon_date_range") < order.index("stg_amazon_date_range_orders")
    assert order.index("stg_tiktok_orders") < order.index("stg_channel_source_totals")  # not their name order
