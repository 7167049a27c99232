"""Peak capacity: for a peak window (default: the next Black Friday – Cyber Monday after the data, computed from
the date rule — fourth Thursday of November + 3 days — planned from last year's volume), orders and units
per day → labor hours → headcount per day and shift, a backlog simulation against the staffed hours with the days
whose shipping SLA is at risk, and what-ifs (extra people, overtime, an earlier cut-off)."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.forecast import capacity
from lib.metrics import workspace
from lib.ui import components as ui
from lib.ui import capacity as ui_capacity
from lib.ui import filters, session

URL = "query-params"  # every input is bound to the URL: a link reopens the same plan


def render() -> None:
    st.title("Peak capacity")
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders",), "Peak planning starts from the orders of past peaks."):
        return
    windows = capacity.upcoming_first(session.fetch(capacity.window_options),
                                      session.fetch(workspace.status).last_order_date)
    settings = session.workspace().settings()
    base = capacity.LaborSettings.from_settings(settings)
    staffed_default = float(settings["planning"]["staffed_hours_per_day"])
    with st.form("capacity_inputs"):
        a, b, c, d = st.columns([2, 1, 1, 1])  # the window's name is long: "Black Friday – Cyber Monday 2026 (next; …)"
        window = a.selectbox("Peak window", windows, format_func=lambda w: f"{w.name} ({w.start:%d %b} – {w.end:%d %b %Y})",
                             key="capacity_window", bind=URL)
        growth = b.number_input("Volume growth vs that period (%)", -90, 500, 0, step=5, key="capacity_growth", bind=URL)
        staffed = c.number_input("Staffed hours per day", 0.0, 10_000.0, staffed_default, step=0.5, key="capacity_staffed",
                                 bind=URL,
                                 help="Paid warehouse hours on a normal day (people × shift hours), from Settings → "
                                      "Samples and staffing. 0 = the hours a normal busy day before the window needed.")
        cutoff = d.number_input("Ship-same-day cut-off (hour)", 0, 23, base.cutoff_hour, key="capacity_cutoff", bind=URL)
        a, b, c, d = st.columns(4)
        uph = a.number_input("Units per labor hour", 1.0, 1_000.0, base.units_per_hour, key="capacity_uph", bind=URL)
        indirect = b.number_input("Indirect allowance (%)", 0, 200, 15, key="capacity_indirect", bind=URL)
        shrink = c.number_input("Shrinkage (%)", 0, 90, 12, key="capacity_shrinkage", bind=URL)
        shifts = d.selectbox("Shifts", [1, 2], format_func={1: "One (8 h)", 2: "Two (60 % / 40 %)"}.get,
                             key="capacity_shifts", bind=URL)
        a, b, c, _ = st.columns(4)
        people = a.number_input("What-if: extra people per day", 0.0, 100.0, 1.0, step=0.5, key="capacity_people", bind=URL)
        overtime = b.number_input("What-if: overtime hours per day", 0.0, 100.0, 2.0, step=0.5, key="capacity_overtime",
                                  bind=URL)
        early = c.number_input("What-if: earlier cut-off (hour)", 0, 23, max(0, base.cutoff_hour - 2), key="capacity_early",
                               bind=URL)
        st.form_submit_button("Plan", type="primary", icon=":material/groups:")
    s = replace(base, units_per_hour=uph, indirect_allowance=indirect / 100, shrinkage=shrink / 100, cutoff_hour=int(cutoff),
                shifts=(("Day", 1.0),) if shifts == 1 else (("Day", 0.6), ("Evening", 0.4)))
    hourly, basis = session.fetch(capacity.window_hourly, filters.current(), window)
    staffed = staffed or capacity.baseline_hours(hourly, window, s)
    plan = capacity.plan_capacity(hourly, window, s, staffed, growth / 100)
    k = plan.summary()
    tiles = {"Peak day orders": ui.count(k["peak_orders"]), "Peak headcount": ui.count(k["peak_headcount"]),
             "Hours staffed per day": f"{staffed:,.1f} h", "Days with SLA at risk": ui.count(k["at_risk_days"])}
    for col, (label, value) in zip(st.columns(4), tiles.items()):
        ui.metric(col, label, value)
    st.caption(f"Volume: {basis}{f', {growth:+d} %' if growth else ''}. Hours = units / {uph:g} per hour × (1 + {indirect} % "
               f"indirect) / (1 − {shrink} % shrinkage); orders after {int(cutoff)}:00 ship the next day. Up to "
               f"{k['max_backlog']:,.0f} orders wait at close; {k['late_orders']:,.0f} ship late.")
    ui_capacity.staffing(plan)
    st.subheader("What-ifs")
    ui_capacity.what_ifs(capacity.what_ifs(hourly, window, s, staffed, growth / 100, people, overtime, int(early)),
                         session.fetch(workspace.status).currency)
    st.subheader("Day by day")
    ui_capacity.day_by_day(plan)

if __name__ == "__main__":
    import app
    app.main()
