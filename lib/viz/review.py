"""Charts of the weekly review: a KPI's weekly trend against its target, and the top movers of a KPI's change split
into mix and rate effects."""
from __future__ import annotations

import json

import altair as alt
import pandas as pd

from . import week_axis

RAG_COLORS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "none": "#9e9e9e"}
EFFECTS = {"rate_effect": "Rate effect", "mix_effect": "Mix effect"}
FORMATS = {"%": (".1%", ".0%"), "$": ("$,.2f", "$,.2f"), "hours": (",.1f", ",.0f"), "score": (",.2f", ",.1f")}


def trend(spark: pd.DataFrame, name: str, unit: str, target: float | None = None, week_start: str | None = None) -> alt.LayerChart:
    """The weekly values of one KPI (`WeeklyReview.sparkline`), the target as a dashed rule, the review week marked."""
    tip, axis = FORMATS.get(unit, (",.2f", ",.1f"))
    base = alt.Chart(spark).encode(x=alt.X("week_start:T", title="Week (Monday)", **week_axis(spark["week_start"])))
    layers = [base.mark_line(point=True, color="#1f6feb").encode(
        y=alt.Y("value:Q", title=name, axis=alt.Axis(format=axis), scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("week_start:T", title="Week of", format="%d %b %Y"),
                 alt.Tooltip("value:Q", title=name, format=tip)])]
    if target is not None:
        layers.append(alt.Chart(pd.DataFrame({"target": [target]})).mark_rule(color="#d1495b", strokeDash=[4, 3])
                      .encode(y="target:Q", tooltip=[alt.Tooltip("target:Q", title="Target", format=tip)]))
    if week_start:
        layers.append(alt.Chart(pd.DataFrame({"week_start": [pd.Timestamp(week_start)]})).mark_rule(color="#999")
                      .encode(x="week_start:T"))
    return alt.layer(*layers).properties(height=220)


def movers(df: pd.DataFrame, unit: str) -> alt.Chart:
    """Contribution of each slice to the week-on-week change, stacked as rate and mix effects (rows of
    `WeeklyReview.frame('movers')` for one KPI and dimension)."""
    tip, axis = FORMATS.get(unit, (",.2f", ",.1f"))
    order = df["slice"].tolist()
    return (alt.Chart(df).transform_fold(list(EFFECTS), as_=["effect", "amount"])
            .transform_calculate(effect_name=f"{json.dumps(EFFECTS)}[datum.effect]")
            .mark_bar()
            .encode(y=alt.Y("slice:N", title=None, sort=order),
                    x=alt.X("amount:Q", title="Contribution to the change", stack="zero",
                            axis=alt.Axis(format=".1%" if unit == "%" else axis, tickCount=8)),
                    color=alt.Color("effect_name:N", title=None, scale=alt.Scale(range=["#1f6feb", "#f9a825"]),
                                    legend=alt.Legend(orient="bottom")),
                    tooltip=[alt.Tooltip("slice:N", title="Slice"), alt.Tooltip("effect_name:N", title="Effect"),
                             alt.Tooltip("amount:Q", title="Effect", format=tip),
                             alt.Tooltip("contribution:Q", title="Total contribution", format=tip),
                             alt.Tooltip("value_prev:Q", title="Previous week", format=tip),
                             alt.Tooltip("value_cur:Q", title="This week", format=tip),
                             alt.Tooltip("share_prev:Q", title="Share, previous week", format=".0%"),
                             alt.Tooltip("share_cur:Q", title="Share, this week", format=".0%")])
            .properties(height=alt.Step(28)))
