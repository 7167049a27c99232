"""Weekly review (the landing page): KPI tiles for one week against the previous week and the target, with a
12-week sparkline; what happened, in sentences computed from the numbers; alerts that open their drill-down; the
top movers (mix/rate decomposition by channel, warehouse, carrier, category, SKU); marketplace health. Pin the
review to share exactly these numbers (`?pin=<id>`), or download it as the weekly pack (Excel)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from lib.metrics import review, workspace
from lib.ui import components as ui
from lib.ui import filters, session
from lib.ui import review as ui_review

URL_PARAMS = ("week", "pin")  # the page's own query parameters (besides the shared filters)


def render() -> None:
    ui_review.follow_drill_down()
    st.title("Weekly review")
    ws = session.workspace()
    pin_id = st.query_params.get("pin")
    if pin_id and ui_review.pinned(ws, pin_id):
        return
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders",), "The weekly review shows each week's KPIs against the previous week "
                    "and your targets.", wants={"shipments": "Ship, delivery and carrier KPIs need shipments.",
                                                "returns": "The return rate needs returns."}):
        return
    week = ui_review.week_picker(session.fetch(review.weeks), session.fetch(review.default_week))
    scope = ui_review.scope(filters.current())
    settings = ws.settings()
    rv = session.fetch(review.weekly_review, week, scope, settings["targets"], None,
                       int(settings["planning"]["min_sample"]))
    week_scope = replace(filters.current(), start=date.fromisoformat(rv.week_start), end=date.fromisoformat(rv.week_end))
    ui.unrated_currencies_warning(session.fetch(workspace.unrated_currencies, week_scope))
    ui_review.show(rv)
    ui_review.pin_button(ws, rv)


if __name__ == "__main__":
    import app
    app.main()
