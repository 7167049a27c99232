"""The Peak capacity page's results: the staffing chart, the what-ifs and the day-by-day table, with units on every
number (the simulation moves fractions of orders; people read whole orders, hours with one decimal)."""
from __future__ import annotations

import streamlit as st

from ..viz import forecast as charts
from . import components as ui

WHOLE = "%,.0f"  # whole numbers with separators: the simulation's 13.37 released orders is "13"
_N = st.column_config.NumberColumn


def staffing(plan) -> None:
    """Hours needed against staffed, then the orders waiting: one chart each, so both stretch to the page's width
    (a vconcat keeps fixed widths)."""
    chart = charts.staffing_chart(plan.daily)
    for part in chart.vconcat:
        part = part.copy()
        part.data = chart.data  # altair hoisted the shared data to the vconcat
        st.altair_chart(part, width="stretch")


def what_ifs(frame, currency: str) -> None:
    ui.table(frame, "capacity_what_ifs", column_config={
        "scenario": "Scenario", "staffed_hours": _N("Staffed hours per day", format="%,.1f h"),
        "at_risk_days": _N("Days with SLA at risk", format=WHOLE), "max_backlog": _N("Most orders waiting", format=WHOLE),
        "late_orders": _N("Orders shipped late", format=WHOLE),
        "extra_cost": _N(f"Extra cost ({currency})", format="dollar" if currency == "USD" else "%,.0f")},
        caption="Extra cost at the settings' labor rate (overtime at 1.5×) over the simulated days.")


def day_by_day(plan) -> None:
    shifts = [c for c in plan.daily.columns if c.startswith("headcount_")]
    cols = ["day", "in_window", "orders", "units", "released_orders", "total_hours", "fte", "headcount", *shifts,
            "capacity_orders", "shipped", "backlog_end", "late_orders", "is_sla_at_risk"]
    config = {"orders": _N("Orders", format=WHOLE), "units": _N("Units", format=WHOLE),
              "released_orders": _N("Released", format=WHOLE), "total_hours": _N("Hours needed", format="%,.1f h"),
              "fte": _N("FTE", format="%.2f"), "headcount": _N("Headcount", format=WHOLE),
              "capacity_orders": _N("Capacity (orders)", format=WHOLE), "shipped": _N("Shipped", format=WHOLE),
              "backlog_end": _N("Waiting at close", format=WHOLE), "late_orders": _N("Late", format=WHOLE)}
    config |= {c: _N(f"Headcount, {c.removeprefix('headcount_').replace('_', ' ').lower()} shift", format=WHOLE)
               for c in shifts}
    ui.table(plan.daily[cols], "capacity_daily", column_config=config,
             caption="Released = orders before the cut-off + yesterday's after it; capacity = the orders the staffed "
                     "hours can ship; SLA at risk = orders still waiting after their ship-by day.")
