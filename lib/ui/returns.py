"""The Returns page's widgets: the reasons, the comment phrases and the outlier SKUs or families (Streamlit code;
the numbers come from lib.metrics.returns, the charts from lib.viz.returns)."""
from __future__ import annotations

import streamlit as st

from ..metrics import names
from ..metrics import returns
from ..metrics.registry import metric
from ..viz import returns as charts
from . import components as ui
from . import session

PCT = st.column_config.NumberColumn(format="percent")
ERRORS = {"fulfillment_error": "Fulfillment-error return rate (orders)",
          "carrier_damage": "Carrier-damage return rate (orders)"}


def trend(f, basis: str, currency: str) -> None:
    """Return rates by order (or return) week, the immature recent cohorts shaded."""
    m = session.fetch(returns.cohort_maturity, f)
    young = m.cohorts.loc[~m.cohorts["is_mature"], "week_start"] if len(m.cohorts) else []
    st.altair_chart(charts.weekly_trend(session.fetch(returns.weekly, f, basis), basis,
                                        min(young) if len(young) else None), width="stretch")


def maturity(f, basis: str, currency: str) -> None:
    """Cohorts against the return-lag curve: what the immature weeks are expected to end at."""
    m = session.fetch(returns.cohort_maturity, f)
    st.markdown(f"Order weeks younger than **{m.p90_lag_days} days** (the p90 return lag) are immature: "
                f"{m.immature_weeks} week(s). Observed {ui.rate(m.observed_rate)}, expected final "
                f"**{ui.rate(m.expected_final_rate)}**" + (" (provisional curve)." if m.is_provisional else "."))
    left, right = st.columns(2)
    left.altair_chart(charts.cohort_maturity(m.cohorts), width="stretch")
    right.altair_chart(charts.lag_curve(m.curve, m.p90_lag_days), width="stretch")


def errors(f, basis: str, currency: str) -> None:
    """Fulfillment-error returns by warehouse and carrier-damage returns by carrier, against the others."""
    for kind, label in ERRORS.items():
        e = session.fetch(returns.error_return_rates, f, kind, basis)
        st.altair_chart(charts.error_rates(e, returns.ERROR_KINDS[kind][0], label), width="stretch")


def cost(f, basis: str, currency: str) -> None:
    """The cost of returns by disposition."""
    by_disposition = session.fetch(returns.cost_by_disposition, f, basis)
    st.altair_chart(charts.cost_by_disposition(by_disposition, currency), width="stretch")
    ui.table(by_disposition, "return_cost_by_disposition", caption=metric("refund_cost").definition)


def reasons(f, basis: str, currency: str) -> None:
    """The reasons' Pareto, and reason × one dimension as a heat map (slices by their display names)."""
    st.altair_chart(charts.pareto(session.fetch(returns.reasons_pareto, f, basis), currency), width="stretch")
    dim = st.selectbox("Reasons by", returns.DIMENSIONS, index=1, format_func=names.title,
                       key="returns_heatmap_dimension", bind="query-params")
    matrix = session.fetch(returns.reason_matrix, f, dim, basis)
    matrix = matrix.assign(**{dim: [names.display(dim, v) for v in matrix[dim]]})
    st.altair_chart(charts.heatmap(matrix, dim, heading=names.title(dim)), width="stretch")


def comments(f, basis: str, currency: str = "USD") -> None:
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
             column_config={c: PCT for c in returns.RATE_COLUMNS} | {"excess_cost_amount": ui.money_column("Excess cost", currency)},
             caption="≥ 30 units sold and the 95 % Wilson lower bound above the category's rate.")


# the page's tabs in order: label -> body(filters, basis, currency)
TABS = {"Trend": trend, "Cohort maturity": maturity, "Reasons": reasons, "Comments": comments, "Outliers": outliers,
        "Warehouses & carriers": errors, "Cost": cost}
