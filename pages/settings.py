"""Settings: every workspace setting (lib.workspace.settings' typed model): KPI targets, SLA rules and weekend days, transit
days, cost assumptions, fee rate cards, samples and staffing, support patterns, carrier score weights, inventory
thresholds, fulfillment-path assumptions, limits, the reporting currency and the paper of the brief and pack (saved for the whole workspace; the marts are rebuilt), and the
promotions calendar loaded from the data."""
from __future__ import annotations

import streamlit as st

from lib.metrics import settings as settings_metrics
from lib.workspace.settings import as_tables, from_tables, save_settings
from lib.ui import components as ui
from lib.ui import session
from lib.ui import settings as ui_settings
from lib.workspace import WorkspaceBusy


def render() -> None:
    st.title("Settings")
    st.caption("Shared by everyone using this workspace. Saving rebuilds the tables, so the pages reflect the "
               "new rules at once. Each setting's unit is in its name; money is in the reporting currency.")
    ws = session.workspace()
    current, editable = ws.settings(), session.can_edit()
    if not editable:
        session.view_only("change the settings")
    tables = ui_settings.editors(as_tables(current), not editable, current["reporting_currency"])
    new, errors = from_tables(current, tables, ui_settings.choices(current, read_only=not editable))
    for e in errors:
        st.error(e, icon=":material/error:")
    if editable and st.button("Save settings", type="primary", disabled=bool(errors) or new == current):
        with st.status("Saving the settings and rebuilding the tables…") as box:
            try:
                save_settings(ws, new)
                box.update(label="Settings saved; the tables were rebuilt.", state="complete")
            except WorkspaceBusy as e:
                box.update(label=f"Not saved: {e}.", state="error")

    st.subheader("Promotions and peak calendar")
    promotions = session.fetch(settings_metrics.promotions)
    if promotions.empty:
        ui.empty_state("No promotions are loaded. Upload the Opsdesk promotions & peak calendar template (name, "
                       "start_date, end_date, event_type, channel) to mark promotions and peaks on the charts.")
    else:
        st.caption("From the data (read-only): upload the promotions template again to change it.")
        ui.table(promotions, "promotions")


if __name__ == "__main__":
    import app
    app.main()
