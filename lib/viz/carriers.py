"""Charts and tables for the carriers page: frames in, Altair specs or a pandas Styler out (no queries, no st.*).
The column titles, kinds and RAG fills here are shared with the QBR workbook (lib/reports/carrier_qbr.py)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import nothing_to_chart, says_when_empty

RAG_FILLS = {"green": "C8E6C9", "amber": "FFF59D", "red": "FFCDD2"}
LABELS = {  # column -> (title shown, kind) ; kinds: pct, days, hours, money, int, num, text, date
    "carrier": ("Carrier", "text"), "service": ("Service", "text"), "warehouse": ("Warehouse / 3PL", "text"),
    "period": ("Period", "text"), "week_start": ("Week", "date"), "shipments": ("Packages", "int"),
    "share": ("Share", "pct"), "orders": ("Orders", "int"), "measured_orders": ("Orders with pickup scan", "int"),
    "on_time_delivery_rate": ("On-time delivery", "pct"), "on_time_measurable": ("Measured", "int"),
    "transit_median_business_days": ("Transit median (bd)", "days"),
    "transit_p90_business_days": ("Transit p90 (bd)", "days"), "transit_zone_index": ("Transit vs zone", "num"),
    "first_scan_lag_median_hours": ("First scan median (h)", "hours"),
    "first_scan_lag_p90_hours": ("First scan p90 (h)", "hours"), "damage_rate": ("Damage / loss", "pct"),
    "cost_per_package": ("Cost / package", "money"), "cost_per_billed_lb": ("Cost / billed lb", "money"),
    "cost_per_on_time_package": ("Cost / on-time package", "money"),
    "billed_minus_quoted_amount": ("Billed − quoted", "money"), "billed_above_quote_rate": ("Billed above quote", "pct"),
    "composite_score": ("Composite score", "num"),
    "fleet_rank": ("Rank", "int"), "rank": ("Rank", "int"),
    "pickup_sla_rate": ("Ship SLA at pickup", "pct"), "label_sla_rate": ("Ship SLA by label print", "pct"),
    "label_gap_rate": ("Label gap", "pct"), "dock_median_hours": ("Label → pickup median (h)", "hours"),
    "dock_p90_hours": ("Label → pickup p90 (h)", "hours"),
    "late_pickup_mean_business_days": ("Late pickups: bd late", "days"),
    "orders_without_pickup_scan": ("No pickup scan", "int"), "picked_up_on_time": ("Picked up on time", "int"),
    "zone": ("Zone", "text"), "weight_band": ("Weight band", "text"), "service_level": ("Service level", "text"),
    "label_cost_amount": ("Label cost", "money"), "costed_packages": ("Costed", "int"),
    "on_time_delivered": ("On time", "int"),
    "peak_pickup_sla_rate": ("Peak: SLA at pickup", "pct"), "peak_label_sla_rate": ("Peak: SLA by label", "pct"),
    "peak_label_gap_rate": ("Peak: label gap", "pct"), "normal_pickup_sla_rate": ("Normal: SLA at pickup", "pct"),
    "normal_label_sla_rate": ("Normal: SLA by label", "pct"), "peak_orders": ("Peak orders", "int"),
    "normal_orders": ("Normal orders", "int"), "carriers_used": ("Carriers used", "text"),
    "actual_cost_per_package": ("Cost / package now", "money"), "best_carrier": ("Cheapest on-time carrier", "text"),
    "best_service": ("Its service", "text"), "best_cost_per_package": ("Its cost / package", "money"),
    "savings_amount": ("Savings", "money"), "on_time_rate_current": ("On-time now", "pct"),
    "on_time_rate_best": ("On-time, cheapest option", "pct"), "risk": ("On-time risk", "text"),
    "packages": ("Packages", "int"), "dim_billed_packages": ("Billed on dim weight", "int"),
    "dim_billed_rate": ("Share billed on dim", "pct"), "actual_lb": ("Actual lb", "lb"), "billed_lb": ("Billed lb", "lb"),
    "dim_excess_lb": ("Billed lb above actual", "lb"), "next_box_savings_amount": ("Saving, next-smaller box", "money"),
    "fit_savings_amount": ("Saving, box fitted to weight", "money"),
}
SCORECARD_COLUMNS = [  # the deciding columns (rank, score, on-time, cost) first: visible without scrolling at 1440 px
    "rank", "carrier", "service", "composite_score", "on_time_delivery_rate", "cost_per_package", "shipments", "share",
    "transit_median_business_days", "transit_p90_business_days", "transit_zone_index", "first_scan_lag_p90_hours",
    "damage_rate", "cost_per_billed_lb", "cost_per_on_time_package", "billed_minus_quoted_amount"]
SLA_COLUMNS = ["warehouse", "peak_pickup_sla_rate", "peak_label_sla_rate", "peak_label_gap_rate", "normal_pickup_sla_rate",
               "normal_label_sla_rate", "peak_orders", "normal_orders"]
WHAT_IF_COLUMNS = [
    "zone", "weight_band", "service_level", "shipments", "carriers_used", "actual_cost_per_package", "best_carrier",
    "best_service", "best_cost_per_package", "savings_amount", "on_time_rate_current", "on_time_rate_best", "risk"]
DIM_WEIGHT_COLUMNS = ["carrier", "service", "packages", "dim_billed_packages", "dim_billed_rate", "actual_lb",
                      "billed_lb", "dim_excess_lb", "next_box_savings_amount", "fit_savings_amount"]


def title(col: str) -> str:
    """The title a column is shown under (tables, tooltips, workbook headers)."""
    return LABELS.get(col, (col.replace("_", " ").capitalize(), ""))[0]


# ---------------------------------------------------------------- Altair


@says_when_empty("No carriers in this selection.")
def ranking_chart(by_carrier: pd.DataFrame) -> alt.Chart:
    """Horizontal bars of the composite score per carrier, best first (rows without a score are left out)."""
    df = by_carrier.dropna(subset=["composite_score"])[["carrier", "composite_score", "rank", "shipments",
                                                        "on_time_delivery_rate", "damage_rate", "cost_per_package"]]
    if df.empty:
        return nothing_to_chart("No carrier has enough measured packages for a composite score in this selection.")
    return alt.Chart(df).mark_bar().encode(
        x=alt.X("composite_score:Q", title="Composite score (0–1)", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".1f")),
        y=alt.Y("carrier:N", sort="-x", title=None),
        tooltip=[alt.Tooltip("carrier:N", title="Carrier"), alt.Tooltip("rank:Q", title="Rank"),
                 alt.Tooltip("composite_score:Q", title="Score", format=".2f"),
                 alt.Tooltip("shipments:Q", title="Packages", format=","),
                 alt.Tooltip("on_time_delivery_rate:Q", title="On-time", format=".1%"),
                 alt.Tooltip("damage_rate:Q", title="Damage / loss", format=".2%"),
                 alt.Tooltip("cost_per_package:Q", title="Cost / package", format="$.2f")],
    ).properties(height=alt.Step(28))


TREND_METRICS = {"on_time_delivery_rate": ".1%", "damage_rate": ".2%", "transit_p90_business_days": ".1f",
                 "cost_per_package": "$.2f", "composite_score": ".2f", "pickup_sla_rate": ".1%"}


@says_when_empty("No shipped packages in this selection.")
def trend_chart(weekly: pd.DataFrame, metric: str = "on_time_delivery_rate", colour: str = "carrier",
                target: float | None = None) -> alt.LayerChart | alt.Chart:
    """One line per carrier (or warehouse) across ship weeks, with an optional dashed target rule."""
    fmt = TREND_METRICS.get(metric, ".2f")
    df = weekly[["week_start", colour, metric] + [c for c in ("shipments", "orders") if c in weekly.columns]].copy()
    df["week_start"] = pd.to_datetime(df["week_start"])
    volume = "shipments" if "shipments" in df.columns else "orders"
    axis = alt.Axis(format=fmt.replace(".2f", ".2~f").replace(".1f", ".1~f"))  # never Vega's guess (0.000000)
    line = alt.Chart(df).mark_line(point=True).encode(
        x=alt.X("week_start:T", title="Week"),
        y=alt.Y(f"{metric}:Q", title=title(metric), axis=axis),
        color=alt.Color(f"{colour}:N", title=title(colour)),
        tooltip=[alt.Tooltip("week_start:T", title="Week"), alt.Tooltip(f"{colour}:N", title=title(colour)),
                 alt.Tooltip(f"{metric}:Q", title=title(metric), format=fmt),
                 alt.Tooltip(f"{volume}:Q", title=title(volume), format=",")],
    )
    if target is None:
        return line
    rule = alt.Chart(pd.DataFrame({"target": [target]})).mark_rule(strokeDash=[4, 4], color="#555").encode(
        y="target:Q", tooltip=[alt.Tooltip("target:Q", title="Target", format=fmt)])
    return alt.layer(line, rule)


@says_when_empty("No orders of a 3PL or warehouse in this selection.")
def sla_chart(by_period: pd.DataFrame) -> alt.Chart:
    """Ship SLA at pickup vs by label print, per warehouse, peak vs normal (grouped bars)."""
    df = by_period[by_period["period"].isin(["peak", "normal"])]
    long = df.melt(id_vars=["warehouse", "period", "orders"], value_vars=["pickup_sla_rate", "label_sla_rate"],
                   var_name="measured_at", value_name="rate")
    long["measured_at"] = long["measured_at"].map({"pickup_sla_rate": "carrier pickup", "label_sla_rate": "label print"})
    if long["rate"].isna().all():
        return nothing_to_chart("No order with a ship-by and a label or carrier scan in this selection: no ship SLA.")
    long["group"] = long["warehouse"] + " · " + long["period"]
    order = [f"{w} · {p}" for w in long["warehouse"].drop_duplicates() for p in ("peak", "normal")]
    # one plain chart (no facets), so it stretches to its container instead of two fixed 260 px columns
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("rate:Q", title="Orders within the ship SLA", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("group:N", title=None, sort=order),
        yOffset=alt.YOffset("measured_at:N"),
        color=alt.Color("measured_at:N", title="Measured at", legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("warehouse:N", title="Warehouse / 3PL"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("measured_at:N", title="Measured at"), alt.Tooltip("rate:Q", title="Rate", format=".1%"),
                 alt.Tooltip("orders:Q", title="Orders", format=",")],
    ).properties(height=alt.Step(14))


@says_when_empty("No packages in this selection.")
def dim_weight_chart(summary: pd.DataFrame) -> alt.Chart:
    """Share of packages billed on dimensional weight per carrier × service, with the savings in the tooltip."""
    df = summary[summary["carrier"] != "All"].copy()
    if df.empty or df["dim_billed_rate"].isna().all():
        return nothing_to_chart("No packages with dimensions in this selection: load them in the shipments.")
    df["label"] = df["carrier"] + " · " + df["service"].astype(str)
    return alt.Chart(df).mark_bar().encode(
        x=alt.X("dim_billed_rate:Q", title="Packages billed on dim weight", axis=alt.Axis(format="%")),
        y=alt.Y("label:N", sort="-x", title=None),
        tooltip=[alt.Tooltip("label:N", title="Carrier · service"), alt.Tooltip("packages:Q", title="Packages", format=","),
                 alt.Tooltip("dim_billed_rate:Q", title="Dim-billed", format=".1%"),
                 alt.Tooltip("dim_excess_lb:Q", title="Billed lb above actual", format=",.0f"),
                 alt.Tooltip("next_box_savings_amount:Q", title="Saving, next-smaller box", format="$,.0f"),
                 alt.Tooltip("fit_savings_amount:Q", title="Saving, box fitted to weight", format="$,.0f")],
    ).properties(height=alt.Step(22))


STYLER_FORMATS = {"pct": "{:.1%}", "lb": "{:,.1f}", "days": "{:.1f}", "hours": "{:.1f}", "money": "${:,.2f}", "int": "{:,.0f}",
                  "num": "{:.2f}"}


def table_view(df: pd.DataFrame, columns: list[str] | None = None, min_sample: int = 30):
    """A pandas Styler for st.dataframe (hide_index=True): the chosen columns under their titles, formatted, each KPI
    cell that has a `rag_<kpi>` column filled green / amber / red (the rag columns themselves are not shown) — but
    not on a row of fewer than `min_sample` shipments, too few to judge."""
    cols = [c for c in (columns or df.columns) if c in df.columns and not c.startswith("rag_")]
    titles = {c: title(c) for c in cols}
    key = {t: c for c, t in titles.items()}
    shown = df[cols].rename(columns=titles)

    def colour(col):
        rag_col = f"rag_{key[col.name]}"
        if rag_col not in df.columns:
            return [""] * len(col)
        few = df["shipments"] < min_sample if "shipments" in df.columns else pd.Series(False, index=df.index)
        return [f"background-color: #{RAG_FILLS[r]}" if r in RAG_FILLS and not f else "" for r, f in zip(df[rag_col], few)]

    kinds = {c: LABELS.get(c, ("", kind_of(c)))[1] for c in cols}
    fmt = {titles[c]: STYLER_FORMATS[k] for c, k in kinds.items() if k in STYLER_FORMATS}
    fmt = {t: fmt.get(t, "{}") for t in shown.columns}  # every column, so no cell shows None
    return shown.style.apply(colour, axis=0).format(fmt, na_rep="–")


def kind_of(col: str) -> str:
    if col.endswith("_rate") or col == "share":
        return "pct"
    if col.endswith("_amount") or col.startswith("cost_per") or col.endswith("_per_lb"):
        return "money"
    if col.endswith("_hours"):
        return "hours"
    if col.endswith("_days"):
        return "days"
    if col.endswith("_lb"):
        return "lb"
    if col.endswith("_in3") or col.endswith("_in"):
        return "num"
    if col.endswith("_at"):
        return "datetime"
    if col.endswith("_date"):
        return "date"
    return ""
