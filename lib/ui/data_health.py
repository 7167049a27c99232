"""The Data health page's parts: freshness tiles, and the actions on one load (download its quarantined rows,
remove its data)."""
from __future__ import annotations

import streamlit as st

from ..ingest import remove_load
from ..metrics import data_health as dh
from ..metrics import is_missing
from ..workspace import WorkspaceBusy
from . import components as ui
from . import session

NOTICE = "data_health_notice"  # the outcome of a removal, shown after the rerun that refreshes the page


def _ago(days) -> str:
    """"today", "yesterday", "12 days ago", "in 3 days" (a date after today: a clock or time-zone slip in the file),
    or "no data" when there is no such event (NULL in SQL: pd.NA, NaN or None here)."""
    if is_missing(days):
        return "no data"
    if int(days) < 0:
        return f"in {-int(days):,} day{'s' if int(days) < -1 else ''}"
    return {0: "today", 1: "yesterday"}.get(int(days), f"{int(days):,} days ago")


def freshness(fresh) -> None:
    """One tile per kind of event: the latest date and how long ago it was."""
    cols = st.columns(3)
    for i, row in enumerate(fresh.itertuples()):
        value = "–" if is_missing(row.latest_at) else f"{row.latest_at:%d %b %Y}"
        ui.metric(cols[i % 3], row.event.capitalize(), value, _ago(row.days_ago), neutral=True)


def export_limits(formats) -> None:
    """What the loaded exports cannot give (FormatSpec.lacks), one line per such format; nothing when none is."""
    from ..ingest.formats import BY_NAME
    limits = [BY_NAME[f] for f in formats if f in BY_NAME and BY_NAME[f].lacks]
    if limits:
        st.info("What some loaded exports cannot give:\n\n"
                + "\n".join(f"- **{s.label}**: {s.lacks}" for s in sorted(limits, key=lambda s: s.label)))


def gaps(kinds) -> None:
    """One tab per gap between entities, bound to the URL (`data_health_tab`): the tab labels stay the same whatever
    is loaded, so a link keeps opening its tab; the counts are said above the tabs."""
    found = {title: session.fetch(fn) for title, fn, *_ in kinds}
    st.caption(" · ".join(f"{title}: **{len(frame):,}**" for title, frame in found.items()))
    tabs = st.tabs(list(found), key="data_health_tab", bind="query-params")
    for tab, (title, _, hint, none) in zip(tabs, kinds):
        with tab:
            st.caption(hint)
            ui.table(found[title], title, height=300, empty=none, column_config=_order_columns(found[title]))


def _order_columns(frame) -> dict:
    """Orders by the channel's own order number (what a person looks up in Seller Central or Shopify), not by
    Opsdesk's key ("amazon:111-…"), which stays in the CSV download only."""
    if "source_order_ref" not in frame.columns:
        return {}
    pin = "shipment_id" not in frame.columns  # a package list keeps its package id first
    return {"order_id": None, "source_order_ref": st.column_config.Column("Order", pinned=pin)}


def notice() -> None:
    if NOTICE in st.session_state:
        kind, text = st.session_state.pop(NOTICE)
        (st.success if kind == "ok" else st.error)(text)


def load_actions(history) -> None:
    """Pick a loaded file: download its quarantined rows, or remove its data (after a confirmation)."""
    loads = history[history["status"] == "loaded"]
    if loads.empty:
        return
    label = dict(zip(loads["load_id"], loads["file_name"] + " (load " + loads["load_id"].astype(str) + ")"))
    load_id = int(st.selectbox("Choose a load", list(label), format_func=label.get, key="data_health_load",
                               bind="query-params"))
    row = loads[loads["load_id"] == load_id].iloc[0]
    left, right = st.columns(2)
    with left:
        if not is_missing(row["rows_quarantined"]) and row["rows_quarantined"] > 0:
            ui.download_csv(f"Download its {row['rows_quarantined']:,} quarantined rows (CSV)",
                            lambda: session.fetch(dh.quarantined_rows, load_id), f"quarantined_rows_load_{load_id}")
        else:
            st.caption("No rows of this load were quarantined.")
    with right:
        if not session.can_edit():
            session.view_only("remove a file's data")
            return
        sure = st.checkbox(f"Yes, remove the data of {row['file_name']}", key=f"confirm_remove_{load_id}")
        if st.button("Remove this file's data", type="primary", disabled=not sure, icon=":material/delete:"):
            with st.spinner(f"Removing {row['file_name']} and rebuilding the tables…"):
                try:
                    st.session_state[NOTICE] = ("ok", remove_load(session.workspace(), load_id))
                except WorkspaceBusy as e:
                    st.session_state[NOTICE] = ("error", f"Nothing was removed: {e}.")
            st.rerun()
