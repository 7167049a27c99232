"""lib.metrics.workspace: the data-status line and the filter options."""
from __future__ import annotations

from lib.metrics import workspace


def test_status_of_the_sample_and_of_an_empty_workspace(app_con, app_empty_ws_master):
    s = workspace.status(app_con)
    assert s.has_orders and s.files_loaded >= 8 and s.version >= 1 and s.currency == "USD"
    assert "shopify_orders" in s.formats and s.first_order_date < s.last_order_date
    con = app_empty_ws_master.reader()
    try:
        e = workspace.status(con)
    finally:
        con.close()
    assert not e.has_orders and e.files_loaded == 0 and e.formats == () and e.last_order_date is None


def test_filter_options_cover_every_dimension(app_con):
    options = workspace.filter_options(app_con)
    assert set(options) == {"channels", "warehouses", "carriers", "categories"}
    assert "shopify" in options["channels"] and all(options.values())
    assert options["channels"] == sorted(options["channels"])
