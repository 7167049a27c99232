"""Carriers & 3PL: scorecard per carrier × service against targets, composite ranking and weekly trend, the 3PL ship
SLA measured at carrier pickup (vs label print, peak vs normal), a rate-shopping what-if per lane, dimensional
weight, and a QBR workbook per carrier or 3PL. Definitions: METRICS.md "Carriers and 3PL"."""
from __future__ import annotations

import streamlit as st

from lib.metrics import carriers as cm
from lib.metrics import workspace
from lib.ui import components as ui
from lib.ui import carriers as ui_carriers
from lib.ui import filters, session
from lib.viz import carriers as charts

OWN_FILTERS = (("zones", "Zone"), ("regions", "Destination region"), ("weight_bands", "Weight band"))


def render() -> None:
    st.title("Carriers & 3PL")
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders", "shipments"), "Carrier scorecards are measured on shipments (tracking "
                    "events, promise, dims and cost) matched to their orders."):
        return
    f, settings = filters.current(), session.workspace().settings()
    currency = session.fetch(workspace.status).currency
    opts, cols = session.fetch(cm.filter_options, f.as_params()), st.columns(3)
    p = {**f.as_params(), **{k: col.multiselect(label, opts[k], placeholder="All", key=f"carriers_{k}",
                                           bind="query-params")
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
        st.dataframe(charts.table_view(sc.by_carrier, charts.SCORECARD_COLUMNS), hide_index=True, column_config=ui_carriers.PINNED,
                     placeholder=ui.EMPTY_CELL)
        ui_carriers.table(sc.by_service, charts.SCORECARD_COLUMNS, "carrier_service_scorecard")
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
        ui_carriers.table(audit.peak_ranking, charts.SLA_COLUMNS, "ship_sla_audit")
        st.altair_chart(charts.sla_chart(audit.by_period), width="stretch")
    with tabs[3]:
        ui_carriers.rate_shopping(p, settings, currency)
    with tabs[4]:
        ui_carriers.dim_weight(p, currency)
    with tabs[5]:
        ui_carriers.qbr_export(p, settings)

if __name__ == "__main__":
    import app
    app.main()
