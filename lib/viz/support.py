"""Charts for the Support page: frames of `lib.metrics.support` in, Altair charts out (no queries, no st.*)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import says_when_empty, week_axis

SPIKE, NORMAL, LATE, LOST, OTHER = "#cf222e", "#0969da", "#bc4c00", "#8250df", "#8c959f"


@says_when_empty("No tickets or orders in this period: widen the period or load your help desk's ticket export.")
def contacts_per_100_orders(weeks: pd.DataFrame) -> alt.Chart:
    """Bars: contacts per 100 orders per week (`support.weekly`), spike weeks in red."""
    df = weeks.assign(week_start=pd.to_datetime(weeks["week_start"]),
                      kind=weeks["is_spike"].map({True: "Spike week", False: "Week"}))
    return alt.Chart(df).mark_bar().encode(
        x=alt.X("week_start:T", title="Week (Monday start)", **week_axis(df["week_start"], "%d %b %y")),
        y=alt.Y("contacts_per_100_orders:Q", title="Contacts per 100 orders"),
        color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=["Week", "Spike week"], range=[NORMAL, SPIKE])),
        tooltip=[alt.Tooltip("week_start:T", title="Week of", format="%d %b %Y"),
                 alt.Tooltip("contacts_per_100_orders:Q", title="Contacts per 100 orders", format=",.1f"),
                 alt.Tooltip("tickets:Q", title="Tickets", format=",.0f"),
                 alt.Tooltip("orders:Q", title="Orders", format=",.0f"),
                 alt.Tooltip("wismo_tickets:Q", title="Where is my order", format=",.0f")]).properties(height=260)


@says_when_empty("No “where is my order” tickets in this period.")
def wismo_weekly(weeks: pd.DataFrame) -> alt.Chart:
    """Stacked bars: "where is my order" tickets per week, those caused by a late or lost package apart."""
    df = weeks.assign(week_start=pd.to_datetime(weeks["week_start"]),
                      other=weeks["wismo_tickets"] - weeks["wismo_late_or_lost_tickets"])
    long = df.melt(id_vars=["week_start", "wismo_tickets", "late_or_lost_share"],
                   value_vars=["wismo_late_or_lost_tickets", "other"], var_name="cause", value_name="count")
    long["cause"] = long["cause"].map({"wismo_late_or_lost_tickets": "Late or lost package", "other": "Other"})
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("week_start:T", title="Week (Monday start)", **week_axis(long["week_start"], "%d %b %y")),
        y=alt.Y("count:Q", title="“Where is my order” tickets", stack=True, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color("cause:N", title=None, scale=alt.Scale(domain=["Late or lost package", "Other"], range=[LATE, OTHER])),
        tooltip=[alt.Tooltip("week_start:T", title="Week of", format="%d %b %Y"), alt.Tooltip("cause:N", title="Cause"),
                 alt.Tooltip("count:Q", title="Tickets", format=",.0f"),
                 alt.Tooltip("wismo_tickets:Q", title="All WISMO tickets", format=",.0f"),
                 alt.Tooltip("late_or_lost_share:Q", title="Late or lost share", format=".0%")]).properties(height=240)


@says_when_empty("No “where is my order” tickets in this period.")
def wismo_causes(causes: pd.DataFrame) -> alt.Chart:
    """Horizontal stacked bars: WISMO tickets per carrier · warehouse, split late / lost / other."""
    df = causes.assign(slice=causes["carrier"] + " · " + causes["warehouse"],
                       other=causes["wismo_tickets"] - causes["late_tickets"] - causes["lost_tickets"])
    long = df.melt(id_vars=["slice", "wismo_tickets", "late_or_lost_share"], value_vars=["late_tickets", "lost_tickets", "other"],
                   var_name="cause", value_name="tickets")
    long["cause"] = long["cause"].map({"late_tickets": "Late", "lost_tickets": "Lost", "other": "Other"})
    order = df.sort_values("wismo_tickets", ascending=False)["slice"].tolist()
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y("slice:N", title=None, sort=order, axis=alt.Axis(labelLimit=240)),
        x=alt.X("tickets:Q", title="“Where is my order” tickets", stack=True, axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color("cause:N", title=None, scale=alt.Scale(domain=["Late", "Lost", "Other"], range=[LATE, LOST, OTHER])),
        tooltip=[alt.Tooltip("slice:N", title="Carrier · warehouse"), alt.Tooltip("cause:N", title="Cause"),
                 alt.Tooltip("tickets:Q", title="Tickets", format=",.0f"),
                 alt.Tooltip("late_or_lost_share:Q", title="Late or lost share", format=".0%")]
    ).properties(height=alt.Step(28))
