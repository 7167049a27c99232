"""Pages on a workspace holding only WooCommerce and Etsy exports (the channels read since the platforms issue):
Overview names them and shows their net revenue, Data health reconciles them."""
from __future__ import annotations

import pytest

import appdriver
from appdriver import assert_clean, goto
from lib.ingest import ingest_files
from tests.ingest import fixtures as F

KEYS = ("woocommerce_aoe", "woocommerce_analytics", "etsy_order_items", "etsy_orders")


@pytest.fixture
def channel_ws(app_empty_ws, tmp_path):
    files = []
    for k in KEYS:
        (tmp_path / k).mkdir()
        files.append(F.PLATFORM_BUILDERS[k][0](tmp_path / k))
    reports = ingest_files(app_empty_ws, files)
    assert all(r.ok for r in reports), [r.message for r in reports]
    return app_empty_ws


def test_overview_and_data_health_on_woocommerce_and_etsy(channel_ws):
    at = appdriver.open_app(timeout=60)
    at = goto(at, "overview")
    assert_clean(at)
    loaded = " ".join(c.value for c in at.caption)
    assert "Loaded: Etsy (2) · WooCommerce (2)" in loaded
    at = goto(at, "data_health")
    assert_clean(at)
    rec = next(df.value for df in at.dataframe if "source_total_amount" in df.value.columns)
    got = {(r.source, r.currency): (r.source_orders, r.mart_orders, round(r.gap_amount, 2)) for r in rec.itertuples()}
    assert got == {("etsy_orders", "EUR"): (1, 1, 0.0), ("etsy_orders", "USD"): (4, 4, 0.0),
                   ("woocommerce_orders", "USD"): (4, 4, 0.0), ("woocommerce_analytics_orders", "EUR"): (4, 4, 0.0)}
