"""Weekly review (the landing page): KPI tiles for one week against the previous week and the target, with a
12-week sparkline; what happened, in sentences computed from the numbers; alerts that open their drill-down; the
top movers (mix/rate decomposition by channel, warehouse, carrier, category, SKU); marketplace health. Pin the
review to share exactly these numbers (`?pin=<id>`), or download it as the weekly pack (Excel)."""
from __future__ import annotations

import streamlit as st

from lib.metrics import review, workspace
from lib.metrics.registry import format_value, metric
from lib.ui import components as ui
from lib.ui import filters, nav, session
from lib.viz import review as charts

URL_PARAMS = ("week", "pin")  # kept in the URL by the frame while this page is open
BADGE = {"green": "green", "amber": "orange", "red": "red", "none": "gray"}
HEALTH = ["channel", "metric_name", "window_days", "numerator", "denominator", "rate", "threshold", "status", "source"]
MOVER_LABELS = {"share_prev": "Share (prev)", "share_cur": "Share (this)", "value_prev": "Value (prev)",
                "value_cur": "Value (this)", "mix_effect": "Mix effect", "rate_effect": "Rate effect",
                "contribution": "Contribution"}
DIMS = {"channel": "Channel", "warehouse": "Warehouse", "carrier": "Carrier", "category": "Category", "sku": "SKU"}


def _md(text: str) -> str:
    return text.replace("$", "\\$")


def _open(query: dict) -> None:
    """Make the alert's filters the shared filters (the sidebar widgets take them on the next run)."""
    st.session_state[filters.STATE] = dict(query)
    for key in filters.KEYS.values():
        st.session_state.pop(key, None)


def tiles(rv: review.WeeklyReview) -> None:
    for start in range(0, len(rv.tiles), 5):
        for col, t in zip(st.columns(5), rv.tiles[start:start + 5]):
            m = metric(t.key)
            change = None if t.change is None else ("+" if t.change >= 0 else "-") + \
                format_value(m, abs(t.change)).replace(" %", " pts")
            with col.container(border=True):
                color = "off" if not t.change else "normal" if t.higher_is_better else "inverse"
                st.metric(t.name, format_value(m, t.value), change, delta_color=color,
                          chart_data=[v for v in rv.sparkline(t.key)["value"].tolist() if v == v] or None,
                          help=f"{m.definition} Measured on {0 if t.measured is None else t.measured:,.0f}. "
                               f"Previous week {format_value(m, t.previous)}.", delta_description=f"vs {rv.previous_week}")
                target = "no target" if t.target is None else f"target {format_value(m, t.target)}"
                st.badge(f"{t.rag if t.rag != 'none' else '–'} · {target}", color=BADGE[t.rag])


def show(rv: review.WeeklyReview, pinned: tuple[str, str] | None = None) -> None:
    scope = "; ".join(f"{k}: {', '.join(v)}" for k, v in rv.filters.items() if v) or "all channels, warehouses, carriers"
    st.caption(f"**{rv.week}** ({rv.week_start} – {rv.week_end}) vs {rv.previous_week} · {scope} · data snapshot "
               f"v{rv.data_version} · {rv.orders:,} orders (previous week {rv.previous_orders:,}). The sidebar's "
               "channel, warehouse, carrier and category filters apply; its period does not.")
    tiles(rv)
    st.subheader("What happened")
    st.markdown("\n".join(f"- {_md(b)}" for b in rv.bullets))
    for note in rv.notes:
        st.caption(_md(note))
    st.subheader(f"Alerts ({len(rv.alerts)})")
    for i, a in enumerate(rv.alerts):
        box, button = st.columns([5, 1], vertical_alignment="center")
        (box.error if a.severity == "red" else box.warning)(_md(f"**{a.kind.capitalize()}** · {a.message}"))
        try:
            page = nav.page(a.page)
        except KeyError:
            continue
        where = ", ".join(f"{k} {v}" for k, v in a.query.items() if k not in ("period", "start", "end"))
        if button.button("Drill down", key=f"alert_{i}", on_click=_open, args=(a.query,), disabled=bool(pinned),
                         icon=":material/arrow_forward:", help=f"Open {page.title} for {a.query['start']} – "
                                                               f"{a.query['end']}" + (f", {where}" if where else "")):
            st.switch_page(page, query_params=a.query)
    choices = rv.mover_choices()
    if choices:
        st.subheader("Top movers")
        left, right = st.columns(2)
        kpi = left.selectbox("KPI", list(choices), format_func=lambda k: rv.tile(k).name, key="review_mover_kpi")
        dim = right.radio("By", choices[kpi], format_func=DIMS.get, horizontal=True, key="review_mover_dim")
        part = rv.movers_of(kpi, dim)
        st.altair_chart(charts.movers(part, metric(kpi).unit), width="stretch")
        fmt = {"%": "percent", "$": "dollar"}.get(metric(kpi).unit, "%.2f")
        ui.table(part.drop(columns=["kpi", "dimension", "is_other"]), f"movers_{kpi}_{dim}_{rv.week}", column_config={
            c: st.column_config.NumberColumn(label, format="percent" if c.startswith("share") else fmt)
            for c, label in MOVER_LABELS.items()})
        st.caption("Contribution = rate effect (the slice's own value moved, at this week's share) + mix effect (its "
                   "share moved, weighted by how far its previous value was from the average). They add up to the "
                   f"change of {rv.tile(kpi).name}.")
    st.subheader("Marketplace health")
    st.caption(f"Trailing windows of order dates ending {rv.week_end}, seller-fulfilled orders, against the "
               "thresholds the marketplaces publish.")
    ui.table(rv.frame("marketplace")[HEALTH], f"marketplace_health_{rv.week}", column_config={
        "channel": "Channel", "metric_name": "Metric", "window_days": "Days", "numerator": "Count",
        "denominator": "Of", "status": "Status", "source": "Threshold source",
        "rate": st.column_config.NumberColumn("Rate", format="percent"),
        "threshold": st.column_config.NumberColumn("Threshold", format="percent")})
    file_name = f"weekly_review_{rv.week}" + (f"_pin_{pinned[0]}" if pinned else "") + ".xlsx"
    st.download_button("Download the weekly pack (Excel)", icon=":material/download:", file_name=file_name,
                       data=lambda: review.weekly_pack(rv, pinned[0] if pinned else None),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def render() -> None:
    st.title("Weekly review")
    ws = session.workspace()
    pin_id = st.query_params.get("pin")
    if pin_id:
        loaded = review.load_pin(ws, pin_id)
        if loaded is None:
            st.error(f"There is no pinned review {pin_id!r} in this workspace. Showing the live review instead.")
        else:
            rv, pinned_at = loaded
            st.info(f"Pinned review **{pin_id}**, pinned {pinned_at} on data snapshot v{rv.data_version}: these "
                    f"numbers stay as they were, whatever was loaded since. Link: {filters.share_url('', None)}"
                    f"?pin={pin_id}", icon=":material/push_pin:")
            if st.button("Back to the live review", icon=":material/arrow_back:"):
                del st.query_params["pin"]
                st.rerun()
            show(rv, (pin_id, pinned_at))
            return
    status = session.fetch(workspace.status)
    if not status.has_orders:
        ui.empty_state("No orders are loaded yet. Upload your order and shipment exports: the weekly review shows "
                       "each week's KPIs against the previous week and your targets.")
        return
    weeks = session.fetch(review.weeks)
    options = weeks["week"].tolist()
    default = session.fetch(review.default_week)
    asked = st.query_params.get("week")
    labels = dict(zip(weeks["week"], weeks["label"]))
    week = st.selectbox("Week", options, index=options.index(asked if asked in options else default), key="review_week",
                        format_func=labels.get)
    if week != default:  # a link to this view names its week; the default (latest complete week) stays implicit
        st.query_params["week"] = week
    elif "week" in st.query_params:
        del st.query_params["week"]
    f = filters.current()
    scope = {k: list(getattr(f, k)) for k in ("channels", "warehouses", "carriers", "categories")}
    rv = session.fetch(review.weekly_review, week, scope, ws.settings()["targets"])
    show(rv)
    if st.button("Pin this review", icon=":material/push_pin:",
                 help="Stores these numbers as they are now; the link shows exactly them later, even after new loads."):
        pin = review.pin(ws, rv)
        st.success(f"Pinned. Share this link: {filters.share_url('', None)}?pin={pin}", icon=":material/push_pin:")


if __name__ == "__main__":
    import app
    app.main()
