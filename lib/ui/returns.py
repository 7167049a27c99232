"""The Returns page's widgets: the comment phrases and the outlier SKUs or families (Streamlit code; the numbers
come from lib.metrics.returns)."""
from __future__ import annotations

import streamlit as st

from ..metrics import returns
from . import components as ui
from . import session

PCT = st.column_config.NumberColumn(format="percent")


def comments(f, basis: str) -> None:
    """Phrases over-used in the comments of one value (reason, SKU, …) against all other return comments."""
    column = st.selectbox("Comments of", returns.COMMENT_COLUMNS, index=1, key="returns_phrase_column", bind="query-params")
    targets = session.fetch(returns.phrase_targets, f, column, basis)
    if value := (st.selectbox("Value", targets, key="returns_phrase_value") if targets else None):
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
             column_config={c: PCT for c in returns.RATE_COLUMNS} | {"excess_cost_amount": ui.money_column("Excess cost", currency)},
             caption="≥ 30 units sold and the 95 % Wilson lower bound above the category's rate.")
