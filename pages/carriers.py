"""Carriers & 3PL: scorecard per carrier × service against targets, composite ranking and weekly trend, the 3PL ship
SLA measured at carrier pickup (vs label print, peak vs normal), a rate-shopping what-if per lane, dimensional
weight, and a QBR workbook per carrier or 3PL. Definitions: METRICS.md "Carriers and 3PL"."""
from __future__ import annotations

import streamlit as st

from lib.metrics import carriers as cm
from lib.metrics import workspace
from lib.ui import components as ui
from lib.ui import filters, session
from lib.viz import carriers as charts

OWN_FILTERS = (("zones", "Zone"), ("regions", "Destination region"), ("weight_bands", "Weight band"))


PINNED = {"Carrier": st.column_config.Column("Carrier", pinned=True),
          "Warehouse / 3PL": st.column_config.Column("Warehouse / 3PL", pinned=True)}


def table(df, columns, name: str) -> None:
    st.dataframe(charts.table_view(df, columns), hide_index=True, column_config=PINNED, placeholder=ui.EMPTY_CELL)
    ui.download_csv(f"Download {name.replace('_', ' ')} (CSV)", lambda: ui.rounded(df), name)


def render() -> None:
    st.title("Carriers & 3PL")
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders", "shipments"), "Carrier scorecards are measured on shipments (tracking "
                    "events, promise, dims and cost) matched to their orders."):
        return
    f, settings = filters.current(), session.workspace().settings()
    opts, cols = session.fetch(cm.filter_options, f.as_params()), st.columns(3)
    p = {**f.as_params(), **{k: col.multiselect(label, opts[k], placeholder="All", key=f"carriers_{k}")
                             for col, (k, label) in zip(cols, OWN_FILTERS)}}
    sc = session.fetch(cm.scorecard, p, settings)
    if sc.by_carrier.empty:
        return ui.empty_state("No packages shipped in this selection. Widen the period or the filters.", upload=False)
    thin = sc.by_carrier.loc[sc.by_carrier["shipments"] < sc.min_shipments, "carrier"].tolist()
    if (thin or (f.end - f.start).days < 90) and f.period != filters.WIDE_PERIOD:
        note, button = st.columns([4, 1], vertical_alignment="center")
        note.info(f"A ranking on {(f.end - f.start).days + 1} days of shipments is noisy"
                  + (f"; {', '.join(thin)} shipped fewer than {sc.min_shipments} packages and "
                     f"{'is' if len(thin) == 1 else 'are'} left out of the score" if thin else "")
                  + ". Widen to 12 months for a settled ranking.", icon=":material/info:")
        with button:
            filters.widen_button(session.fetch(workspace.status), key="carriers_widen")
    tabs = st.tabs(["Scorecard", "Trend", "3PL ship SLA", "Rate shopping", "Dimensional weight", "QBR export"],
                   key="carriers_tab", bind="query-params")
    with tabs[0]:
        w = ", ".join(f"{k.replace('_', ' ')} {v:.0%}" for k, v in sc.weights.items())
        st.caption(f"Composite: {w}; each normalised 0–1 across carriers with ≥ {sc.min_shipments} packages. Cells "
                   "green / amber / red against the targets in Settings. Transit in business days; vs zone = transit "
                   "÷ the zone's median. Amazon-fulfilled (FBA) packages are left out.")
        st.altair_chart(charts.ranking_chart(sc.by_carrier), width="stretch")
        st.dataframe(charts.table_view(sc.by_carrier, charts.SCORECARD_COLUMNS), hide_index=True, column_config=PINNED,
                     placeholder=ui.EMPTY_CELL)
        table(sc.by_service, charts.SCORECARD_COLUMNS, "carrier_service_scorecard")
    with tabs[1]:
        metric = st.selectbox("Measure", list(charts.TREND_METRICS)[:5], format_func=charts.title, key="carriers_measure",
                              bind="query-params")
        weeks, target = session.fetch(cm.weekly, p, settings), sc.targets.get(metric, {}).get("target")
        st.altair_chart(charts.trend_chart(weeks, metric, target=target), width="stretch")
    with tabs[2]:
        audit = session.fetch(cm.sla_audit, f.as_params(), settings)
        st.caption("Orders picked up by the carrier (first scan) by their ship-by (cut-off aware, business days), vs "
                   "what label-print timing would report. Peak: 15 Nov – 31 Dec and 'peak' events of the promotions "
                   f"calendar. Target {audit.target['target']:.0%}. Worst peak first.")
        table(audit.peak_ranking, charts.SLA_COLUMNS, "ship_sla_audit")
        st.altair_chart(charts.sla_chart(audit.by_period), width="stretch")
    with tabs[3]:
        wi = session.fetch(cm.what_if, p, settings)
        ui.metric(st.columns(3)[0], "Savings had the cheapest on-time option been used", ui.money(wi.savings_amount),
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
    with tabs[4]:
        dw, c = session.fetch(cm.dim_weight, p), st.columns(3)
        ui.metric(c[0], "Billed on dim weight", ui.rate(dw.dim_billed_rate), help=f"of {dw.packages_measured:,} with dims")
        ui.metric(c[1], "Saving, next-smaller box", ui.money(dw.next_box_savings_amount))
        ui.metric(c[2], "Saving, box fitted to weight", ui.money(dw.fit_savings_amount))
        st.altair_chart(charts.dim_weight_chart(dw.summary), width="stretch")
        table(dw.summary, charts.DIM_WEIGHT_COLUMNS, "dim_weight")
    with tabs[5]:
        subjects = session.fetch(cm.qbr_subjects, p)
        kind = st.radio("For", list(charts.QBR_KINDS), horizontal=True, format_func=charts.QBR_KINDS.get)
        subject = st.selectbox("Which", subjects[kind])
        st.download_button("Build and download the QBR workbook (Excel)", icon=":material/download:", mime=charts.XLSX_MIME,
                           data=lambda: charts.qbr_workbook(session.fetch(cm.qbr_data, p, settings, kind, subject)),
                           file_name=charts.qbr_file_name(kind, subject), disabled=subject is None)


if __name__ == "__main__":
    import app
    app.main()
