"""Returns: the root-cause summary first, then return rates and their trend, cohort maturity, reasons (Pareto and
heat map), comment phrases with examples, outlier SKUs and families, error returns by warehouse / carrier, cost."""
from __future__ import annotations

import streamlit as st

from lib.metrics import returns, workspace
from lib.metrics.registry import metric
from lib.ui import components as ui
from lib.ui import filters, session
from lib.ui import returns as ui_returns

BASES = {"order": "Order date (cohort)", "event": "Return date (event)"}
MATURITY_DAYS = 45  # returns of an order come back within ~30–45 days


def render() -> None:
    st.title("Returns")
    status = session.fetch(workspace.status)
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders", "returns"), "Return rates need the orders and the returns; "
                    "without returns every rate would read 0 %."):
        return
    f = filters.current()
    if filters.is_recent(f, status, MATURITY_DAYS) and f.period != filters.WIDE_PERIOD:
        note, button = st.columns([4, 1], vertical_alignment="center")
        note.info(f"Returns come back up to {MATURITY_DAYS} days after the order, so the orders of the last "
                  f"{MATURITY_DAYS} days have not matured: this period under-counts returns and may find no outliers. "
                  "Widen to 12 months for the matured picture.", icon=":material/hourglass_top:")
        with button:
            filters.widen_button(status, key="returns_widen")
    basis = st.segmented_control("Date basis", list(BASES), default="order", format_func=BASES.get, key="returns_basis", bind="query-params") or "order"
    summary, rates = session.fetch(returns.root_causes, f, basis), session.fetch(returns.rates, f, basis)
    cost = session.fetch(returns.cost, f, basis)
    st.subheader("What explains the returns")
    st.markdown(summary.headline)
    for i, x in enumerate(summary.findings, 1):
        with st.expander(f"{i}. {x.headline}", expanded=i == 1):
            st.markdown("\n".join(f"- {d}" for d in x.details))
            st.markdown(f"[Drill down: this page filtered to {x.subject}]({filters.share_url('returns', x.drill_down(f))})")
    tiles = {"unit_return_rate": ui.rate(rates.unit_return_rate), "order_return_rate": ui.rate(rates.order_return_rate),
             "refund_cost": ui.money(cost.refund_cost_amount, status.currency),
             "retained_revenue_rate": ui.rate(cost.retained_revenue_rate)}
    for col, (key, value) in zip(st.columns(4), tiles.items()):
        ui.metric(col, metric(key).name, value, help=metric(key).definition)
    st.caption(f"{rates.units_returned:,.0f} of {rates.units_sold:,.0f} units and {rates.returned_orders:,} of "
               f"{rates.orders:,} orders came back; {BASES[basis].lower()} basis.")
    # only the open tab is drawn: the tabs are bound to the URL, so switching one reruns the page anyway, and six
    # hidden tabs of charts cost the browser more than the page it shows
    tabs = st.tabs(list(ui_returns.TABS), key="returns_tab", bind="query-params")
    for tab, body in zip(tabs, ui_returns.TABS.values()):
        if tab.open:
            with tab:
                body(f, basis, status.currency)

if __name__ == "__main__":
    import app
    app.main()
