"""The Carriers & 3PL page's widgets: its tables, the rate-shopping what-if, dimensional weight and the QBR export
(Streamlit code; the numbers come from lib.metrics.carriers, the charts and workbook from lib.viz.carriers).
Money is label cost, in the reporting currency."""
from __future__ import annotations

import streamlit as st

from ..metrics import carriers as cm
from ..reports import carrier_qbr as qbr
from ..viz import carriers as charts
from . import components as ui
from . import session

PINNED = {"Carrier": st.column_config.Column("Carrier", pinned=True),
          "Warehouse / 3PL": st.column_config.Column("Warehouse / 3PL", pinned=True)}


def table(df, columns, name: str) -> None:
    st.dataframe(charts.table_view(df, columns), hide_index=True, column_config=PINNED, placeholder=ui.EMPTY_CELL)
    ui.download_csv(f"Download {name.replace('_', ' ')} (CSV)", lambda: ui.rounded(df), name)



def rate_shopping(p: dict, settings: dict, currency: str) -> None:
    """What the cheapest on-time carrier/service per lane would have saved."""
    wi = session.fetch(cm.what_if, p, settings)
    ui.metric(st.columns(3)[0], "Savings had the cheapest on-time option been used", ui.money(wi.savings_amount, currency),
              help=f"Per lane (zone × weight band × service level): cheapest carrier/service with ≥ 20 measured "
                   f"packages meeting the {wi.target:.0%} on-time target; {wi.shipments_moved:,} packages move. "
                   "Negative: meeting the target costs that much more than today's carriers (lanes whose "
                   "cheapest carrier misses it).")
    if wi.lanes.empty or wi.lanes.get("best_carrier", wi.lanes.iloc[:, 0]).isna().all():
        st.info("No lane has a carrier/service with ≥ 20 measured packages meeting the on-time target in this "
                "period, so there is nothing to compare yet. Widen the period (12 months) for a rate-shopping "
                "answer.", icon=":material/info:")
    else:
        table(wi.lanes, charts.WHAT_IF_COLUMNS, "rate_shopping_lanes")


def dim_weight(p: dict, currency: str) -> None:
    """Packages billed on dimensional weight and what smaller boxes would save."""
    dw, c = session.fetch(cm.dim_weight, p), st.columns(3)
    ui.metric(c[0], "Billed on dim weight", ui.rate(dw.dim_billed_rate), help=f"of {dw.packages_measured:,} with dims")
    ui.metric(c[1], "Saving, next-smaller box", ui.money(dw.next_box_savings_amount, currency))
    ui.metric(c[2], "Saving, box fitted to weight", ui.money(dw.fit_savings_amount, currency))
    st.altair_chart(charts.dim_weight_chart(dw.summary), width="stretch")
    table(dw.summary, charts.DIM_WEIGHT_COLUMNS, "dim_weight")


def qbr_export(p: dict, settings: dict) -> None:
    """The quarterly business review workbook of one carrier or 3PL, built when clicked."""
    subjects = session.fetch(cm.qbr_subjects, p)
    kind = st.radio("For", list(qbr.QBR_KINDS), horizontal=True, format_func=qbr.QBR_KINDS.get,
                    key="carriers_qbr_kind", bind="query-params")
    subject = st.selectbox("Which", subjects[kind], key="carriers_qbr_subject", bind="query-params")
    st.download_button("Build and download the QBR workbook (Excel)", icon=":material/download:", mime=qbr.XLSX_MIME,
                       data=lambda: qbr.qbr_workbook(session.fetch(cm.qbr_data, p, settings, kind, subject)),
                       file_name=qbr.qbr_file_name(kind, subject), disabled=subject is None)
