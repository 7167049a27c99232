"""Charts of the Incidents page (frames from `lib.metrics.incidents`): a carrier's daily late rate or a warehouse's
daily backlog against its own baseline, incident days marked."""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import nothing_to_chart, says_when_empty

NOW, BASE, INCIDENT = "#1f6feb", "#8c959f", "#d1495b"


def _layers(d: pd.DataFrame, now: str, base: str, title: str, fmt: str, tooltip: list) -> alt.LayerChart:
    x = alt.X("day:T", title="Day", axis=alt.Axis(format="%d %b %y"))
    line = alt.Chart(d).mark_line(color=NOW).encode(x=x, y=alt.Y(f"{now}:Q", title=title, axis=alt.Axis(format=fmt)),
                                                    tooltip=tooltip)
    baseline = alt.Chart(d).mark_line(color=BASE, strokeDash=[4, 3]).encode(x=x, y=f"{base}:Q", tooltip=tooltip)
    marks = alt.Chart(d[d["is_incident"]]).mark_point(color=INCIDENT, filled=True, size=80).encode(
        x=x, y=f"{now}:Q", tooltip=tooltip)
    return alt.layer(baseline, line, marks).properties(height=240)


@says_when_empty("No packages shipped by this carrier in the period.")
def carrier_late_rate(days: pd.DataFrame, carrier: str) -> alt.LayerChart:
    """Late rate of the packages shipped each day (blue), the 28-day baseline (grey dashes), incidents (red)."""
    d = days.assign(day=pd.to_datetime(days["day"]), late_rate=days["late_rate"].astype("float64"),
                    baseline_late_rate=days["baseline_late_rate"].astype("float64"))
    if d["late_rate"].isna().all():
        return nothing_to_chart(f"No package of {carrier} shipped in the period is measured against a promise yet.")
    tooltip = [alt.Tooltip("day:T", title="Shipped on", format="%d %b %Y"),
               alt.Tooltip("late_rate:Q", title="Late", format=".0%"),
               alt.Tooltip("baseline_late_rate:Q", title="Late, 28 days before", format=".0%"),
               alt.Tooltip("measured_packages:Q", title="Packages measured", format=",.0f"),
               alt.Tooltip("late_packages:Q", title="Late packages", format=",.0f")]
    return _layers(d, "late_rate", "baseline_late_rate", f"{carrier}: packages delivered late", ".0%", tooltip)


@says_when_empty("No orders for this warehouse in the period.")
def warehouse_backlog(days: pd.DataFrame, warehouse: str) -> alt.LayerChart:
    """Orders waiting at each day's end (blue), the 28-day median (grey dashes), incidents (red)."""
    d = days.assign(day=pd.to_datetime(days["day"]), baseline_backlog=days["baseline_backlog"].astype("float64"))
    tooltip = [alt.Tooltip("day:T", title="Day", format="%d %b %Y"),
               alt.Tooltip("backlog_orders:Q", title="Orders waiting at the day's end", format=",.0f"),
               alt.Tooltip("baseline_backlog:Q", title="Median, 28 days before", format=",.0f"),
               alt.Tooltip("orders_placed:Q", title="Orders placed", format=",.0f")]
    return _layers(d, "backlog_orders", "baseline_backlog", f"{warehouse}: orders waiting", ",.0f", tooltip)
