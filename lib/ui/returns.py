"""The Returns page's widgets: the reasons, the comment phrases and the outlier SKUs or families (Streamlit code;
the numbers come from lib.metrics.returns, the charts from lib.viz.returns)."""
from __future__ import annotations

import streamlit as st

from .. import names
from ..metrics import returns
from ..viz import returns as charts
from . import components as ui
from . import session

PCT = st.column_config.NumberColumn(format="percent")


def reasons(f, basis: str, currency: str) -> None:
    """The reasons' Pareto, and reason × one dimension as a heat map (slices by their display names)."""
    st.altair_chart(charts.pareto(session.fetch(returns.reasons_pareto, f, basis), currency), width="stretch")
    dim = st.selectbox("Reasons by", returns.DIMENSIONS, index=1, format_func=names.title,
                       key="returns_heatmap_dimension", bind="query-params")
    matrix = session.fetch(returns.reason_matrix, f, dim, basis)
    matrix = matrix.assign(**{dim: [names.display(dim, v) for v in matrix[dim]]})
    st.altair_chart(charts.heatmap(matrix, dim, heading=names.title(dim)), width="stretch")


def comments(f, basis: str) -> None:
    """Phrases over-used in the comments of one value (reason, SKU, …) against all other return comments."""
    column = st.selectbox("Comments of", returns.COMMENT_COLUMNS, index=1, format_func=names.title,
                          key="returns_phrase_column", bind="query-params")
    targets = session.fetch(returns.phrase_targets, f, column, basis)
    if value := (st.selectbox("Value", targets, format_func=lambda v: names.display(column, v),
                              key="returns_phrase_value", bind="query-params") if targets else None):
        ui.table(session.fetch(returns.phrases, f, column, value, basis), "return_phrases",
                 column_config={"target_share": PCT, "rest_share": PCT},
                 caption="Phrases over-used in these comments vs all other return comments (log-odds z; ≥ 2 is notable).")
    else:
        st.info("No return comments to compare in this period (a value needs enough commented returns). Returns "
                "arrive up to 45 days after the order: on a short or recent period, widen it to 12 months.",
                icon=":material/info:")


def outliers(f, basis: str, currency: str) -> None:
    """SKUs or families whose return rate stands out above their category's (Wilson lower bound)."""
    level = st.radio("Level", ["sku", "family"], horizontal=True, format_func={"sku": "SKU", "family": "Family"}.get,
                     key="returns_outlier_level", bind="query-params")
    ui.table(session.fetch(returns.outliers, f, level, basis), f"return_outliers_{level}",
             empty="No SKU or family stands out in this period (each needs ≥ 30 units sold and a Wilson lower bound "
                   "above its category's rate). On a short or recent period, widen it to 12 months.",
             column_config={c: PCT for c in returns.RATE_COLUMNS} | {"excess_cost_amount": st.column_config.NumberColumn(
                     format="dollar" if currency == "USD" else "accounting")},
             caption="≥ 30 units sold and the 95 % Wilson lower bound above the category's rate.")
