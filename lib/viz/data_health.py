"""The Data health page's coverage chart: the date range each entity covers."""
from __future__ import annotations

import altair as alt

from . import nothing_to_chart, says_when_empty


@says_when_empty("Nothing loaded yet.")
def coverage(checks) -> alt.Chart:
    """`checks` from `lib.metrics.data_health.checks`; one bar per entity with dated rows."""
    dated = checks[checks["first_date"].notna()]
    if dated.empty:
        return nothing_to_chart("Nothing dated is loaded yet (orders, shipments, returns or inventory).")
    return alt.Chart(dated).mark_bar(color="#1f6feb", height=16, cornerRadius=3).encode(
        x=alt.X("first_date:T", title="Dates covered", axis=alt.Axis(format="%b %Y")),
        x2="last_date:T",
        y=alt.Y("entity:N", title=None, sort=None),
        tooltip=[alt.Tooltip("entity:N", title="Entity"), alt.Tooltip("value:Q", title="Rows", format=",.0f"),
                 alt.Tooltip("first_date:T", title="First", format="%Y-%m-%d"),
                 alt.Tooltip("last_date:T", title="Last", format="%Y-%m-%d")],
    ).properties(height=alt.Step(28))
