"""Pages on a workspace holding only the channels read since the platforms issue (WooCommerce, Etsy, BigCommerce,
TikTok Shop, Adobe Commerce): Overview names them, Data health reconciles them and says what an export cannot give,
Upload lists every format."""
from __future__ import annotations

import pytest

import appdriver
from appdriver import assert_clean, goto
from lib.ingest import ingest_files
from tests.ingest import fixtures as F

KEYS = ("woocommerce_aoe", "woocommerce_analytics", "etsy_order_items", "etsy_orders", "bigcommerce", "tiktok",
        "bigcommerce_line_items", "magento")


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
    assert "Loaded: BigCommerce (2) · Etsy (2) · Adobe Commerce · TikTok Shop · WooCommerce (2)" in loaded
    at = goto(at, "data_health")
    assert_clean(at)
    rec = next(df.value for df in at.dataframe if "source_total_amount" in df.value.columns)
    got = {(r.source, r.currency): (r.source_orders, r.mart_orders, round(r.gap_amount, 2)) for r in rec.itertuples()}
    from lib.metrics import names  # the page writes each source by its report's name
    want = {("etsy_orders", "EUR"): (1, 1, 0.0), ("etsy_orders", "USD"): (4, 4, 0.0),
            ("woocommerce_orders", "USD"): (4, 4, 0.0), ("woocommerce_analytics_orders", "EUR"): (4, 4, 0.0),
            ("bigcommerce_orders", "USD"): (3, 3, 0.0), ("bigcommerce_orders", "GBP"): (1, 1, 0.0),
            ("tiktok_orders", "USD"): (3, 3, 0.0), ("bigcommerce_line_items", "USD"): (2, 2, 0.0),
            ("bigcommerce_line_items", "GBP"): (1, 1, 0.0), ("bigcommerce_line_items", "EUR"): (1, 1, 0.0),
            ("magento_orders", "USD"): (3, 3, 0.0), ("magento_orders", "EUR"): (1, 1, 0.0)}
    assert got == {(names.display("format", f), c): v for (f, c), v in want.items()}
    # what the loaded exports cannot give: the order grid's missing items, WooCommerce Analytics' missing SKUs
    limits = next(i.value for i in at.info if "cannot give" in i.value)
    assert "**Adobe Commerce (Magento) order grid export**: no SKUs and no units" in limits
    assert "**WooCommerce Analytics orders export**: no SKUs" in limits
    checks = next(df.value for df in at.dataframe if "check_name" in df.value.columns)
    assert checks.set_index("check_name").loc["orders whose export lists no items (no SKUs, no units)", "value"] == 4


def test_upload_page_lists_the_channel_formats(app_empty_ws):
    at = goto(appdriver.open_app(timeout=60), "upload")
    assert_clean(at)
    listed = " ".join(m.value for m in at.markdown)
    for label in ("WooCommerce order export (Advanced Order Export)", "WooCommerce Analytics orders export",
                  "Etsy sold order items (EtsySoldOrderItems)", "Etsy sold orders (EtsySoldOrders)",
                  "BigCommerce orders export (default template)", "TikTok Shop orders export",
                  "BigCommerce orders export (one row per product)", "Adobe Commerce (Magento) order grid export",
                  "Amazon Date Range transaction report"):
        assert f"**{label}**" in listed, label
    # the table of platform exports: every channel export, with the sample business's WooCommerce and Etsy ticked
    [table] = [m.value for m in at.markdown if m.value.startswith("| Export | Sample |")]
    ticked = {row.split(" | ")[0].lstrip("| "): row.split(" | ")[1] == "✓" for row in table.splitlines()[2:]}
    assert ticked["WooCommerce order export (Advanced Order Export)"]
    assert ticked["Etsy sold orders (EtsySoldOrders)"] and ticked["Etsy sold order items (EtsySoldOrderItems)"]
    assert ticked["Shopify orders export"]
    assert not ticked["TikTok Shop orders export"] and not ticked["BigCommerce orders export (default template)"]
