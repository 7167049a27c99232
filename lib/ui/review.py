"""The Weekly review page's parts: the pinned view, the week picker, the KPI tiles, the bullets, the alerts with
their drill-downs, the top movers, marketplace health, the downloads of the weekly pack (Excel) and the weekly brief
(PDF), and the pin button."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ..metrics import names
from ..metrics import review
from ..reports import words
from ..metrics.registry import format_value, metric
from ..viz import review as charts
from . import components as ui
from . import filters, nav, session

BADGE = {"green": "green", "amber": "orange", "red": "red", "none": "gray"}
HEALTH = ["channel", "metric_name", "window_days", "numerator", "denominator", "rate", "threshold", "status", "source"]
MOVER_LABELS = {"share_prev": "Share (prev)", "share_cur": "Share (this)", "value_prev": "Value (prev)",
                "value_cur": "Value (this)", "mix_effect": "Mix effect", "rate_effect": "Rate effect",
                "contribution": "Contribution"}
EFFECTS = ("mix_effect", "rate_effect", "contribution")
DIMS = {"channel": "Channel", "warehouse": "Warehouse", "carrier": "Carrier", "category": "Category", "sku": "SKU"}
SCOPE = ("channels", "warehouses", "carriers", "categories")  # the shared filters a review is scoped to


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~$])")


def _md(text: str) -> str:
    """Plain text (bullets carry slice names from the data) shown literally in st.markdown."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _split(query: dict) -> tuple[dict, dict]:
    """An alert's query as (the shared filters, the page's own bound controls such as `<page>_tab`)."""
    own = {k: v for k, v in query.items() if k.endswith("_tab")}
    return {k: v for k, v in query.items() if k not in own}, own


PENDING = "_review_drill_down"


def _open(page: str, query: dict) -> None:
    """Make the alert's filters the shared filters (the sidebar widgets take them on the next run) and open its
    tab (a bound widget's state: st.switch_page cannot set a bound query parameter)."""
    shared, own = _split(query)
    st.session_state[filters.STATE] = shared
    for key in filters.KEYS.values():
        st.session_state.pop(key, None)
    for key, value in own.items():
        st.session_state[key] = value
    # switched to at the start of the next run: by then the review is scoped to the alert's filters and may no
    # longer list this alert (its button would not come back pressed)
    st.session_state[PENDING] = (page, shared)


def pin_url(pin_id: str) -> str:
    return f"{filters.share_url('', None)}?pin={pin_id}"


def scope(f) -> dict:
    """The shared filters' dimensions as the review's params (its period does not apply)."""
    return {k: list(getattr(f, k)) for k in SCOPE}


def pinned(ws, pin_id: str) -> bool:
    """Show the pinned review `pin_id` (True), or say there is none and let the live review show (False)."""
    try:
        loaded = review.load_pin(ws, pin_id)
    except (TypeError, KeyError, ValueError):  # a review of other fields (another version of Opsdesk), or damaged
        st.error(f"The pinned review {pin_id!r} cannot be read: it was stored by another version of Opsdesk, or its "
                 "file is damaged. Showing the live review instead.")
        return False
    if loaded is None:
        st.error(f"There is no pinned review {pin_id!r} in this workspace. Showing the live review instead.")
        return False
    rv, pinned_at = loaded
    st.info(f"Pinned review **{pin_id}**, pinned {pinned_at} on data snapshot v{rv.data_version}: these numbers stay "
            f"as they were, whatever was loaded since. Link: {pin_url(pin_id)}", icon=":material/push_pin:")
    if st.button("Back to the live review", icon=":material/arrow_back:", help="The same week, with today's data"):
        del st.query_params["pin"]
        st.query_params["week"] = rv.week  # the live review of the pinned week, not the latest one
        st.session_state.pop("review_week", None)
        st.rerun()
    show(rv, (pin_id, pinned_at))
    return True


def week_picker(weeks, default: str) -> str:
    """The week selectbox (from the URL's `week`, else the latest complete week); a link names a week that is not
    the default."""
    options = weeks["week"].tolist()
    asked = st.query_params.get("week")
    labels = dict(zip(weeks["week"], weeks["label"]))
    week = st.selectbox("Week", options, index=options.index(asked if asked in options else default), key="review_week",
                        format_func=labels.get)
    if week != default:  # a link to this view names its week; the default (latest complete week) stays implicit
        st.query_params["week"] = week
    elif "week" in st.query_params:
        del st.query_params["week"]
    return week


def tiles(rv: review.WeeklyReview) -> None:
    for start in range(0, len(rv.tiles), 5):
        for col, t in zip(st.columns(5), rv.tiles[start:start + 5]):
            m = metric(t.key)
            size = None if t.change is None else format_value(m, abs(t.change), rv.currency)
            negative = t.change is not None and t.change < 0 and size != format_value(m, 0, rv.currency)  # never "-0.0 pts"
            change = None if t.change is None else ("-" if negative else "+") + size.replace(" %", " pts")
            with col.container(border=True):
                color = "off" if not t.change else "normal" if t.higher_is_better else "inverse"
                st.metric(t.name, format_value(m, t.value, rv.currency), change, delta_color=color,
                          chart_data=[v for v in rv.sparkline(t.key)["value"].tolist() if v == v] or None,
                          help=f"{m.definition} Measured on {0 if t.measured is None else t.measured:,.0f}. "
                               f"Previous week {format_value(m, t.previous, rv.currency)}.", delta_description=f"vs {rv.previous_week}")
                # the brief's and the pack's words: Met, Missed narrowly, Missed, Too few to judge, No target
                target = "" if t.target is None else f" · target {format_value(m, t.target, rv.currency)}"
                n = "" if t.measured is None else f" · n = {t.measured:,.0f}"
                st.badge(f"{words.status_text(t)}{target}{n}", color=BADGE[t.rag])


def follow_drill_down() -> None:
    """Open the drill-down an alert's button asked for on the previous run (before the review is computed)."""
    if pending := st.session_state.pop(PENDING, None):
        st.switch_page(nav.page(pending[0]), query_params=pending[1])


def alerts(rv: review.WeeklyReview, pinned: bool = False) -> None:
    """Each alert with a button opening its drill-down (disabled on a pinned review: its filters are of then)."""
    st.subheader(f"Alerts ({len(rv.alerts)})")
    for i, a in enumerate(rv.alerts):
        box, button = st.columns([5, 1], vertical_alignment="center")
        (box.error if a.severity == "red" else box.warning)(f"**{a.kind.capitalize()}** · " + _md(a.message))
        try:
            page = nav.page(a.page)
        except KeyError:
            continue
        button.button("Drill down", key=f"alert_{i}", on_click=_open, args=(a.page, a.query), disabled=pinned,
                      icon=":material/arrow_forward:", help=f"Open {words.drill_text(a, page.title)}")


def movers(rv: review.WeeklyReview) -> None:
    """The top movers of one KPI by one dimension: chart, table and what the columns mean."""
    choices = rv.mover_choices()
    if not choices:
        return
    st.subheader("Top movers")
    left, right = st.columns(2)
    kpi = left.selectbox("KPI", list(choices), format_func=lambda k: rv.tile(k).name, key="review_mover_kpi",
                           bind="query-params")
    dim = right.radio("By", choices[kpi], format_func=DIMS.get, horizontal=True, key="review_mover_dim",
                      bind="query-params")
    part = names.display_frame(rv.movers_of(kpi, dim))  # slices as people write them ("Amazon")
    st.altair_chart(charts.movers(part, metric(kpi).unit), width="stretch")
    unit = metric(kpi).unit
    fmt = "percent" if unit == "%" else "%.2f"

    def column(c: str, label: str):
        if c.startswith("share"):
            return st.column_config.NumberColumn(label, format="percent")
        if unit == "%" and c in EFFECTS:  # a rate's effects are changes of the rate: points ("-0.8 pts", never "-1%")
            return st.column_config.NumberColumn(label, format="%+.1f pts")
        if unit == "$":
            return ui.money_column(label, rv.currency)
        return st.column_config.NumberColumn(label, format=fmt)
    # in the lib's column order: a pinned review's records come back from JSON with their keys sorted
    shown = [c for c in review.MOVER_COLUMNS if c not in ("kpi", "dimension", "is_other")]
    table = part[shown].copy()
    for c in MOVER_LABELS:  # -0.0 (a zero effect of a shrinking share) would show as "-0%"
        table[c] = pd.to_numeric(table[c], errors="coerce") * (100 if unit == "%" and c in EFFECTS else 1) + 0.0
    ui.table(table, f"movers_{kpi}_{dim}_{rv.week}", column_config={
        c: column(c, label) for c, label in MOVER_LABELS.items()} | {"slice": DIMS.get(dim, "Slice"),
                                                               "measured_prev": "Measured (prev)",
                                                               "measured_cur": "Measured (this)"})
    st.caption("Contribution = rate effect (the slice's own value moved, at this week's share) + mix effect (its "
               "share moved, weighted by how far its previous value was from the average). They add up to the "
               f"change of {rv.tile(kpi).name}.")


def marketplace(rv: review.WeeklyReview) -> None:
    st.subheader("Marketplace health")
    st.caption(f"Trailing windows of order dates ending {rv.week_end}, seller-fulfilled orders, against the "
               "thresholds the marketplaces publish.")
    health = rv.frame("marketplace")[HEALTH].copy()
    for c in ("rate", "threshold"):  # a missing threshold shows blank, not "None"
        health[c] = pd.to_numeric(health[c], errors="coerce")
    health["source"] = health["source"].fillna("")
    ui.table(health, f"marketplace_health_{rv.week}", column_config={
        "channel": "Channel", "metric_name": "Metric", "window_days": "Days", "numerator": "Count",
        "denominator": "Of", "status": "Status", "source": "Threshold source",
        "rate": st.column_config.NumberColumn("Rate", format="percent"),
        "threshold": st.column_config.NumberColumn("Threshold", format="percent")})


def pack_button(rv: review.WeeklyReview, pin_id: str | None = None) -> None:
    """The weekly pack (Excel) and the weekly brief (PDF), each built only when clicked; both print on the paper of
    the settings.  The brief's alerts link to the review pinned (the same numbers next week): a live review is
    pinned when an editor downloads its brief."""
    from ..reports.weekly_pack import orientation_of, paper_of, weekly_pack
    ws = session.workspace()
    paper, app_url, orientation = paper_of(ws.settings()), filters.app_root(), orientation_of(ws.settings())
    may_pin = session.can_edit()  # a viewer's brief of a live review links to no pin: pinning is the editors'

    def brief() -> bytes:
        from ..reports.brief import brief_pdf
        return brief_pdf(rv, pin_id=pin_id or (review.pin(ws, rv) if may_pin else None), paper=paper,
                         app_url=app_url, orientation=orientation)

    left, right = st.columns(2)
    left.download_button("Download the weekly pack (Excel)", icon=":material/download:",
                         file_name=words.file_name("pack", rv.week, pin_id),
                         data=lambda: weekly_pack(rv, pin_id, paper=paper, app_url=app_url),
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    right.download_button("Download the weekly brief (PDF)", icon=":material/picture_as_pdf:",
                          file_name=words.file_name("brief", rv.week, pin_id), data=brief, mime="application/pdf",
                          help=f"One or two pages ({paper}) to send round: KPIs, what happened, alerts with links to "
                               "this review pinned, four charts.")


def show(rv: review.WeeklyReview, pinned: tuple[str, str] | None = None) -> None:
    """The whole review (live, or `pinned` = (id, when))."""
    where = names.scope_text({k: rv.filters.get(k) for k in SCOPE})
    st.caption(f"**{rv.week}** ({rv.week_start} – {rv.week_end}) vs {rv.previous_week} · {where} · data snapshot "
               f"v{rv.data_version} · {rv.orders:,} orders not cancelled before shipment (previous week {rv.previous_orders:,}). " +
               ("A pinned review keeps the filters it was pinned with: the sidebar's filters don't change it."
                if pinned else "The sidebar's channel, warehouse, carrier and category filters apply; its period "
                               "does not."))
    tiles(rv)
    st.subheader("What happened")
    st.markdown("\n".join(f"- {_md(b)}" for b in rv.bullets))
    for note in rv.notes:
        st.caption(_md(note))
    alerts(rv, pinned=bool(pinned))
    movers(rv)
    marketplace(rv)
    pack_button(rv, pinned[0] if pinned else None)


def pin_button(ws, rv: review.WeeklyReview) -> None:
    if not session.can_edit():
        session.view_only("pin this review (a pinned review keeps its numbers for a link)")
        return
    if st.button("Pin this review", icon=":material/push_pin:",
                 help="Stores these numbers as they are now; the link shows exactly them later, even after new loads."):
        st.success(f"Pinned. Share this link: {pin_url(review.pin(ws, rv))}", icon=":material/push_pin:")
