"""Glossary: every KPI the app shows, generated from the metric registry (`lib.metrics.registry.all_metrics()`, the
definitions of METRICS.md): formula, date basis, source tables, unit, direction, the target from Settings, and the
labelled alternative where a well-known one exists."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.metrics.registry import DOMAIN_TITLES, all_metrics, format_value
from lib.ui import components as ui
from lib.ui import session


def render() -> None:
    st.title("Glossary")
    st.caption("One definition per KPI, the same one every page, notebook and export uses. Targets come from "
               "Settings; ratios are shown as %.")
    targets = session.workspace().settings()["targets"]
    metrics = all_metrics()
    rows = [{"kpi": m.key, "name": m.name, "domain": DOMAIN_TITLES.get(m.domain, m.domain), "definition": m.definition,
             "formula": m.formula, "date_basis": m.date_basis, "sources": ", ".join(m.sources), "unit": m.unit,
             "better": "higher" if targets.get(m.key, {}).get("higher_is_better", m.higher_is_better) else "lower",
             "target": format_value(m, targets[m.key]["target"]) if m.key in targets else "",
             "alternative": m.alternative} for m in metrics]
    table = pd.DataFrame(rows)
    query = st.text_input("Search", placeholder="e.g. on-time, return, CSAT, fct_shipments", key="glossary_search",
                          bind="query-params")
    if query:
        hay = table.drop(columns="domain").apply(lambda r: " ".join(map(str, r)).lower(), axis=1)
        table = table[hay.str.contains(query.lower(), regex=False)]
    if table.empty:
        st.info(f"No KPI mentions {query!r}.")
        return
    for domain in dict.fromkeys(table["domain"]):
        part = table[table["domain"] == domain]
        st.subheader(domain)
        for r in part.itertuples():
            with st.expander(f"**{r.name}**" + (f" · target {r.target}" if r.target else ""), expanded=bool(query)):
                st.markdown(r.definition.replace("$", "\\$"))
                st.markdown(f"**Formula:** {r.formula.replace('$', chr(92) + '$')}  \n**Date basis:** {r.date_basis}  \n"
                            f"**Sources:** `{r.sources}`  \n**Unit:** {r.unit} · {r.better} is better"
                            + (f" · **target {r.target.replace('$', chr(92) + '$')}**" if r.target else "")
                            + f"  \n**Key:** `{r.kpi}`")
                if r.alternative:
                    st.caption(f"Alternative: {r.alternative}".replace("$", "\\$"))
    ui.table(table, "glossary", caption=f"{len(table)} KPIs")


if __name__ == "__main__":
    import app
    app.main()
