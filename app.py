"""Opsdesk: the router and frame.  `main()` sets up the page, checks the login (when configured), seeds a new
workspace, registers the pages, renders the shared sidebar (filters, link to this view, data status) and runs
the selected page.  Pages live in `pages/<noun>.py` as `render()` functions (see ARCHITECTURE.md "The app").
"""
from __future__ import annotations

import streamlit as st

from lib.metrics import workspace as workspace_metrics
from lib.ui import components as ui
from lib.ui import filters, nav, session
from pages import carriers, data_health, explorer, overview, profitability, returns, settings, upload
from pages import fulfillment, glossary, review, support
from pages import capacity, cross_border, forecast, inventory
from pages import accruals, customers, disputes, incidents

SECTIONS = {  # section -> (noun, page function, title, icon)
    "Review": [("review", review.render, "Weekly review", ":material/summarize:"),
               ("overview", overview.render, "Overview", ":material/dashboard:")],
    "Operations": [("fulfillment", fulfillment.render, "Fulfillment & delivery", ":material/conveyor_belt:"),
                   ("inventory", inventory.render, "Inventory", ":material/inventory:"),
                   ("support", support.render, "Support", ":material/support_agent:"),
                   ("incidents", incidents.render, "Incidents", ":material/crisis_alert:")],
    "Planning": [("forecast", forecast.render, "Forecast & replenishment", ":material/query_stats:"),
                 ("capacity", capacity.render, "Peak capacity", ":material/groups:")],
    "Carriers & 3PL": [("carriers", carriers.render, "Carriers & 3PL", ":material/local_shipping:")],
    "Returns": [("returns", returns.render, "Returns", ":material/assignment_return:")],
    "Customers": [("customers", customers.render, "Customers & repeat purchase", ":material/group:"),
                  ("disputes", disputes.render, "Disputes & fraud risk", ":material/gpp_maybe:")],
    "Profitability": [("profitability", profitability.render, "Profitability", ":material/paid:"),
                      ("cross_border", cross_border.render, "Cross-border costs", ":material/travel_explore:"),
                      ("accruals", accruals.render, "Month-end accruals", ":material/event_available:")],
    "Data": [("upload", upload.render, "Upload", ":material/upload_file:"),
             ("data_health", data_health.render, "Data health", ":material/health_and_safety:"),
             ("settings", settings.render, "Settings", ":material/tune:")],
    "Analyst": [("explorer", explorer.render, "SQL explorer", ":material/terminal:"),
                ("glossary", glossary.render, "Glossary", ":material/menu_book:")],
}


DEFAULT_PAGE = "review"  # served at /


def build_pages() -> dict:
    return {noun: st.Page(fn, title=title, icon=icon, url_path=noun, default=noun == DEFAULT_PAGE)
            for items in SECTIONS.values() for noun, fn, title, icon in items}


def data_status_line(status) -> str:
    if not status.files_loaded:
        return f"No data loaded yet · snapshot v{status.version}"
    last = f"{status.last_loaded_at:%Y-%m-%d %H:%M}" if status.last_loaded_at else "–"
    dates = f"orders {status.first_order_date} → {status.last_order_date}" if status.has_orders else "no orders yet"
    return (f"**Data:** {ui.sources(status.formats)} · {dates} · {status.files_loaded} file(s), last load {last} · "
            f"snapshot v{status.version}")


def main() -> None:
    st.set_page_config(layout="wide", page_title="Opsdesk", page_icon=":material/inventory_2:")
    ui.style()
    session.require_login()
    pages = build_pages()
    nav.register(pages)
    pg = st.navigation({section: [pages[noun] for noun, *_ in items] for section, items in SECTIONS.items()},
                       expanded=True)
    session.ensure_ready()  # after st.navigation, so a first run shows the app's navigation while seeding
    session.pin_snapshot()  # every part of this run's page reads one snapshot
    status = session.fetch(workspace_metrics.status)
    if status.has_orders:
        filters.sidebar(status, session.fetch(workspace_metrics.filter_options))
    link = st.sidebar.container()  # filled after the page ran: pages may add their own query parameters
    st.sidebar.caption(data_status_line(status))
    pg.run()
    with link:
        filters.copy_link(pg.url_path)


if __name__ == "__main__":
    main()
