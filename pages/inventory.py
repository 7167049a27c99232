"""Inventory: turnover, days of supply, sell-through, stock-outs and the sales they cost, GMROI — then ABC/XYZ and
the excess and aged stock holding cash, per METRICS.md "Inventory and demand"."""
from __future__ import annotations

import streamlit as st

from lib.metrics import inventory, workspace
from lib.metrics.registry import metric
from lib.ui import components as ui
from lib.ui import filters, nav, session
from lib.viz import inventory as charts

SELL_THROUGH = {"default": "Units sold / (opening on hand + received)", "amazon": "Amazon: 90-day units / average on hand"}


SKU_FIRST = ["sku", "product_name", "on_hand", "days_of_supply", "excess_value_amount", "excess_units",
             "aged_value_amount", "inventory_value_amount", "units_sold", "sell_through_rate", "stockout_days"]
SKU_HIDDEN = ["window_start", "window_end", "window_days", "is_active", "active_sku_days", "active_stockout_days"]


def render() -> None:
    st.title("Inventory")
    status = session.fetch(workspace.status)
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("inventory", "orders"), "Stock KPIs compare on-hand units per SKU, location and day "
                    "with sales.", wants={"product_costs": "Stock value and GMROI need unit costs."}):
        return
    f = filters.current()
    s = session.fetch(inventory.summary, f) if status.has_orders else None
    if s is None or not s.skus or s.window_start is None:
        ui.empty_state("No inventory snapshots in this period: widen the period in the sidebar.", upload=False)
        return
    a, b, cuts = *st.columns(2), session.workspace().settings()["inventory"]  # defaults and ABC/XYZ cuts: Settings
    excess = a.number_input("Excess beyond (days of supply)", 7, 730, cuts["excess_days"], step=7, key="inventory_excess_days", bind="query-params")
    aged = b.number_input("Aged after (days since received)", 30, 1095, cuts["aged_days"], step=30, key="inventory_aged_days", bind="query-params")
    basis = st.segmented_control("Sell-through", list(SELL_THROUGH), default="default", format_func=SELL_THROUGH.get,
                                key="inventory_sell_through", bind="query-params") or "default"
    s = session.fetch(inventory.summary, f, excess, aged)
    sell = s.sell_through_rate if basis == "default" else s.sell_through_amazon_90d
    tiles = [("inventory_turnover", f"{s.inventory_turnover_annualised or 0:,.1f}× / yr"),
             ("days_of_supply", f"{s.days_of_supply or 0:,.0f} days"),
             ("sell_through_rate", ui.rate(sell)), ("stockout_rate", ui.rate(s.stockout_rate)),
             ("gmroi", f"{s.gmroi or 0:,.2f}"), ("excess_stock_value", ui.money(s.excess_value_amount, status.currency))]
    for col, (key, value) in zip(st.columns(6), tiles):
        m = metric(key)
        ui.metric(col, "Sell-through" if key == "sell_through_rate" else m.name, value, help=m.definition)
    st.caption(f"Inventory window {s.window_start} – {s.window_end} ({s.window_days} days with snapshots in the period): "
               f"turnover {s.inventory_turnover or 0:.2f}× in the window, unit turnover {s.unit_turnover or 0:.2f}×; "
               f"sell-through = {SELL_THROUGH[basis].lower()}. Stock-outs cost an estimated {s.lost_sales_units or 0:,.0f} "
               f"units ({ui.money(s.lost_sales_amount, status.currency)}). Aged stock "
               f"{ui.money(s.aged_value_amount, status.currency)}. Channel and warehouse filters do not apply to stock.")
    trend, abc, stale, skus = st.tabs(["Trend", "ABC / XYZ", "Excess & aged", "By SKU"], key="inventory_tab",
                                         bind="query-params")
    trend.altair_chart(charts.weekly_chart(session.fetch(inventory.weekly, f), status.currency), width="stretch")
    classes = session.fetch(inventory.abc_xyz, f, *(cuts[k] for k in ("a_cut", "b_cut", "x_cut", "z_cut")))
    abc.altair_chart(charts.abc_xyz_heatmap(inventory.abc_xyz_matrix(classes), status.currency), width="stretch")
    with abc:
        ui.table(classes, "abc_xyz", caption=f"{metric('abc_class').definition} {metric('xyz_class').definition}")
    held = session.fetch(inventory.excess_and_aged, f, excess, aged)
    with stale:
        if len(held):
            st.altair_chart(charts.excess_aged_bars(held, currency=status.currency), width="stretch")
        ui.table(held, "excess_aged_stock", empty="No excess or aged stock at these thresholds.",
                 caption=f"{metric('excess_stock_value').definition} {metric('aged_stock_value').definition}")
    with skus:
        by_sku = session.fetch(inventory.sku_table, f, excess, aged)
        first = [c for c in SKU_FIRST if c in by_sku.columns]
        by_sku = by_sku.sort_values("excess_value_amount", ascending=False) if "excess_value_amount" in by_sku else by_sku
        ui.table(by_sku, "inventory_by_sku", column_order=first + [c for c in by_sku.columns if c not in first and
                                                                   c not in SKU_HIDDEN],
                 column_config={"days_of_supply": st.column_config.NumberColumn("Days of supply", format="%.0f"),
                                "excess_value_amount": ui.money_column("Excess value", status.currency)},
                 caption="Most excess stock value first; the window's dates are in the caption above and the CSV.")
        nav.link("forecast", "What to reorder → Forecast & replenishment", icon=":material/query_stats:")


if __name__ == "__main__":
    import app
    app.main()
