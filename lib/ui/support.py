"""Widgets of the Support page: the tiles, the service-time table, the satisfaction comparison and the orders behind
a spike week (the page stays a thin outline; the figures come from lib.metrics.support)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ..metrics import customer, support
from ..metrics.registry import metric
from . import components as ui
from . import session


def headings() -> dict:
    """Column headings the naming conventions cannot guess (WISMO, the spike flag, hours)."""
    n = st.column_config.NumberColumn
    return {"wismo_tickets": n("WISMO tickets", format="localized"),
            "wismo_late_or_lost_tickets": n("WISMO, late or lost package", format="localized"),
            "late_or_lost_share": n("Late or lost share", format="percent"),
            "is_spike": st.column_config.CheckboxColumn("Spike week"),
            "is_wismo": st.column_config.CheckboxColumn("Where is my order"),
            "contacts_per_100_orders": n("Contacts per 100 orders", format="%.1f"),
            "first_reply_hours": n("First reply (h)", format="%.1f"), "resolution_hours": n("Resolution (h)", format="%.1f"),
            "first_reply_median_hours": n("First reply median (h)", format="%.1f"),
            "first_reply_p90_hours": n("First reply p90 (h)", format="%.1f"),
            "resolution_median_hours": n("Resolution median (h)", format="%.1f"),
            "resolution_p90_hours": n("Resolution p90 (h)", format="%.1f"),
            "source_ticket_id": "Ticket", "delivery_issue": "Delivery issue", "help_desk": "Help desk"}


def table(df, name: str, **kwargs) -> None:
    ui.table(df, name, column_config=headings(), **kwargs)


def tiles(s: support.SupportSummary, weeks: pd.DataFrame, targets: dict) -> None:
    orders = int(weeks["orders"].sum()) if len(weeks) else 0
    per_100 = 100 * s.tickets / orders if orders else None
    values = {
        "contacts_per_100_orders": "–" if per_100 is None else f"{per_100:,.1f}",
        "wismo_late_or_lost_share": ui.rate(s.wismo_late_or_lost_share),
        "first_reply_within_target_rate": ui.rate(s.first_reply_within_target_rate),
        "resolved_within_target_rate": ui.rate(s.resolved_within_target_rate),
        "ticket_satisfaction": ui.rate(s.ticket_satisfaction),
    }
    for col, (key, value) in zip(st.columns(len(values)), values.items()):
        ui.metric(col, metric(key).name, value, help=metric(key).definition)
    st.caption(f"{s.tickets:,} tickets and {orders:,} orders in the period; {s.linked_tickets:,} tickets name an order; "
               f"{s.wismo_tickets:,} ask where an order is. Targets: first reply within "
               f"{targets['first_reply_target_hours']:g} h, resolution within {targets['resolution_target_hours']:g} h "
               "(Settings → Support).")


SERVICE_COLUMNS = ["help_desk", "tickets", "replied_tickets", "first_reply_median_hours", "first_reply_p90_hours",
                   "first_reply_within_target_rate", "resolved_tickets", "resolution_median_hours",
                   "resolution_p90_hours", "resolved_within_target_rate"]


def service_times(f) -> None:
    by_desk = session.fetch(support.summary_by_help_desk, f)
    t = by_desk.assign(
        first_reply_within_target_rate=by_desk["first_reply_within_target"] / by_desk["replied_tickets"].where(by_desk["replied_tickets"] > 0),
        resolved_within_target_rate=by_desk["resolved_within_target"] / by_desk["resolved_tickets"].where(by_desk["resolved_tickets"] > 0))
    table(t[SERVICE_COLUMNS], "support_service_times",
             caption="Elapsed hours from the ticket's creation; a help desk's business-hours clock is not applied.")


def satisfaction(f, s: support.SupportSummary, have: dict) -> None:
    left, right = st.columns(2)
    ui.metric(left, "Ticket satisfaction", ui.rate(s.ticket_satisfaction), help=metric("ticket_satisfaction").definition)
    left.caption(f"{s.satisfied_tickets:,} satisfied of {s.rated_tickets:,} rated tickets.")
    if have.get("csat"):
        c = session.fetch(customer.csat_summary, f.as_params())
        ui.metric(right, "CSAT (survey template)", ui.rate(c.csat), help=metric("csat").definition)
        right.caption(f"{c.satisfied_responses:,} of {c.responses:,} survey responses scored 4–5.")
    else:
        right.info("Load the Opsdesk CSAT template to compare ticket ratings with your post-delivery survey.")


WEEK_PARAM = "support_week"
ISSUES = {"late": "Late", "lost": "Lost", "on time": "On time", "not shipped": "Not shipped",
          "no linked order": "No linked order"}


def _week_label(weeks: pd.DataFrame):
    by = {pd.Timestamp(r.week_start).date().isoformat(): r for r in weeks.itertuples()}

    def label(iso: str) -> str:
        r = by[iso]
        rate = "–" if pd.isna(r.contacts_per_100_orders) else f"{r.contacts_per_100_orders:,.1f}"
        return (f"Week of {pd.Timestamp(iso):%d %b %Y} · {rate} per 100 orders · {r.tickets:,} tickets"
                + (" · spike" if r.is_spike else ""))
    return label


def orders_behind(f, weeks: pd.DataFrame) -> None:
    with_tickets = weeks[weeks["linked_tickets"] > 0]
    if with_tickets.empty:
        st.info("No ticket of this period names an order: widen the period on the sidebar, or set how your tickets "
                "name their order in Settings → Support.")
        return
    ranked = with_tickets.sort_values(["is_spike", "contacts_per_100_orders"], ascending=False, na_position="last")
    options = [pd.Timestamp(w).date().isoformat() for w in ranked["week_start"]]
    spikes = int(weeks["is_spike"].sum())
    st.markdown(f"**{spikes} spike week(s)** in the period: contacts per 100 orders at least "
                f"{support.SPIKE_FACTOR:g}× the median week. Pick a week (those whose tickets name an order) to list "
                "the orders its tickets are about.")
    asked = st.query_params.get(WEEK_PARAM)  # the URL names the week (a shared link opens on it)
    week = st.selectbox("Week", options, index=options.index(asked) if asked in options else 0,
                        format_func=_week_label(weeks), key="support_week")
    if week != options[0]:
        st.query_params[WEEK_PARAM] = week
    elif WEEK_PARAM in st.query_params:
        del st.query_params[WEEK_PARAM]
    rows = session.fetch(support.orders_behind, f, pd.Timestamp(week or options[0]).date())
    rows = rows.assign(delivery_issue=rows["delivery_issue"].map(ISSUES).fillna(rows["delivery_issue"]),
                       status=rows["status"].str.capitalize())
    table(rows, f"support_orders_week_{week}", empty="None of this week's tickets names an order.",
             caption="One row per ticket naming an order, with the delivery issue behind it; for the service team.")
