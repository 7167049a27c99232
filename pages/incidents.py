"""Incidents: the days a carrier's late rate or a warehouse's backlog jumped in the period, and for a carrier, a
warehouse or a ship-to region the orders an incident touches (waiting to ship, in transit, late, promises at risk,
customers to notify, revenue exposed), downloadable for customer service. Definitions: METRICS.md "Month-end and
incidents"."""
from __future__ import annotations

import streamlit as st

from lib.metrics import incidents, workspace
from lib.ui import components as ui
from lib.ui import filters, session
from lib.ui import incidents as ui_incidents


def render() -> None:
    st.title("Incidents")
    status, have = session.fetch(workspace.status), session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders", "shipments"), "An incident is measured on shipments (late deliveries) and "
                    "orders waiting to ship."):
        return
    f = filters.current()
    st.subheader("Incident days")
    ui_incidents.incident_days(f)
    st.subheader("Orders affected")
    st.caption(f"In the period {f.start:%d %b %Y} – {f.end:%d %b %Y} (the sidebar's; Open on an incident day sets it): "
               "a carrier's packages shipped in it, or a warehouse's or region's orders placed in it, as they stand "
               "on the data's last day.")
    kind, value = ui_incidents.scope(session.fetch(incidents.scopes))
    if value is None:
        return ui.empty_state(f"No {incidents.KINDS[kind].lower()} to choose in the loaded data.", upload=False)
    ui_incidents.exposure(f, kind, value, status.currency)
    ui_incidents.trend(f, kind, value)
    ui_incidents.notify_list(f, kind, value)


if __name__ == "__main__":
    import app
    app.main()
