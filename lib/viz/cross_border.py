"""Charts for the Cross-border costs page: frames of `lib.metrics.cross_border` in, Altair charts out."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..metrics import names
from . import says_when_empty


@says_when_empty("No order with duties in this period: widen the period or load the duties template.")
def border_costs_by_destination(by_destination: pd.DataFrame, currency: str) -> alt.Chart:
    """Horizontal bars: border costs per destination country, with their share of net revenue in the tooltip."""
    df = names.display_frame(by_destination[by_destination["orders_with_duties"] > 0])  # "DE" -> "Germany"
    order = df.sort_values("border_cost_reporting_amount", ascending=False)["destination_country"].tolist()
    return alt.Chart(df).mark_bar(color="#0969da").encode(
        y=alt.Y("destination_country:N", title=None, sort=order),
        x=alt.X("border_cost_reporting_amount:Q", title=f"Border costs ({currency})"),
        tooltip=[alt.Tooltip("destination_country:N", title="Destination"),
                 alt.Tooltip("border_cost_reporting_amount:Q", title=f"Border costs ({currency})", format=",.2f"),
                 alt.Tooltip("border_cost_share:Q", title="Of net revenue", format=".1%"),
                 alt.Tooltip("orders_with_duties:Q", title="Orders with duties", format=",.0f"),
                 alt.Tooltip("orders:Q", title="Orders", format=",.0f")]).properties(height=alt.Step(36))
