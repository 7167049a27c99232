"""Charts of the Forecast & replenishment and Peak capacity pages (frames from `lib.forecast`): a series' history
and forecast with its interval and the promotions/peaks marked, backtest accuracy against seasonal naive (per
series and per model), and peak staffing with the backlog."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..forecast.models import MODEL_LABELS, recurring_peaks
from . import NUMBER, counts
from ..forecast.words import method, pattern

HISTORY, FORECAST, BAND, BACKTEST = "#57606a", "#1f6feb", "#9ec5fe", "#8250df"
PEAK, PROMO = "#d1495b", "#e3b341"
NAIVE, CHOSEN = "#8c959f", "#1f6feb"
RISK, OK = "#d1495b", "#2da44e"


def _label(model: str) -> str:
    return MODEL_LABELS.get(model, model)


def series_chart(history: pd.DataFrame, forecast: pd.DataFrame, events: pd.DataFrame | None = None,
                 backtest: pd.DataFrame | None = None, unit: str = "Units", freq: str = "W") -> alt.LayerChart:
    """History (gaps = stock-out-censored periods), forecast with its interval band, the chosen model's backtest
    forecasts (dashed), and promotions / peak events as shaded spans."""
    period = "Week of" if freq == "W" else "Day"
    h = history.assign(ds=pd.to_datetime(history["ds"]), kind="Actual demand")
    f = forecast.assign(ds=pd.to_datetime(forecast["ds"]), kind="Forecast",
                        model_label=forecast["model"].map(method))
    lo, hi = h["ds"].min(), f["ds"].max()
    x = alt.X("ds:T", title=None, axis=alt.Axis(format="%b %y"))
    hist = alt.Chart(h).mark_line(color=HISTORY, point=alt.OverlayMarkDef(size=12, color=HISTORY)).encode(
        x=x, y=alt.Y("y:Q", title=unit, axis=alt.Axis(format=NUMBER)),
        tooltip=[alt.Tooltip("ds:T", title=period, format="%d %b %Y"), alt.Tooltip("y:Q", title="Actual", format=",.1f")])
    band = alt.Chart(f).mark_area(color=BAND, opacity=0.5).encode(
        x=x, y="yhat_lower:Q", y2="yhat_upper:Q",
        tooltip=[alt.Tooltip("ds:T", title=period, format="%d %b %Y"),
                 alt.Tooltip("yhat_lower:Q", title="Low", format=",.1f"), alt.Tooltip("yhat_upper:Q", title="High", format=",.1f")])
    line = alt.Chart(f).mark_line(color=FORECAST, point=alt.OverlayMarkDef(size=16, color=FORECAST)).encode(
        x=x, y="yhat:Q",
        tooltip=[alt.Tooltip("ds:T", title=period, format="%d %b %Y"), alt.Tooltip("yhat:Q", title="Forecast", format=",.1f"),
                 alt.Tooltip("yhat_lower:Q", title="Low", format=",.1f"), alt.Tooltip("yhat_upper:Q", title="High", format=",.1f"),
                 alt.Tooltip("model_label:N", title="Method")])
    layers = []
    if events is not None and len(events):
        events = recurring_peaks(events, hi)  # next year's peaks the model assumes, marked too
        ev = events.assign(start=pd.to_datetime(events["start_date"]),
                           end=pd.to_datetime(events["end_date"]) + pd.Timedelta(days=1))
        ev = ev[(ev["end"] >= lo) & (ev["start"] <= hi)]
        if len(ev):
            ev = ev.assign(kind=ev["event_type"].map({"peak": "Peak event"}).fillna("Promotion"))
            layers.append(alt.Chart(ev).mark_rect(opacity=0.18).encode(
                x="start:T", x2="end:T",
                color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=["Peak event", "Promotion"], range=[PEAK, PROMO])),
                tooltip=[alt.Tooltip("name:N", title="Event"), alt.Tooltip("kind:N", title="Type"),
                         alt.Tooltip("start_date:T", title="From", format="%d %b %Y"),
                         alt.Tooltip("end_date:T", title="To", format="%d %b %Y")]))
    layers += [band, hist]
    if backtest is not None and len(backtest):
        b = backtest.assign(ds=pd.to_datetime(backtest["ds"]), origin=pd.to_datetime(backtest["origin"]).astype(str))
        layers.append(alt.Chart(b).mark_line(color=BACKTEST, strokeDash=[4, 3], opacity=0.8).encode(
            x=x, y="yhat:Q", detail="origin:N",
            tooltip=[alt.Tooltip("ds:T", title=period, format="%d %b %Y"), alt.Tooltip("y:Q", title="Actual", format=",.1f"),
                     alt.Tooltip("yhat:Q", title="Backtest forecast", format=",.1f"),
                     alt.Tooltip("origin:N", title="Forecast made after")]))
    layers.append(line)
    return alt.layer(*layers).properties(height=320)


def model_accuracy(backtest: pd.DataFrame, chosen: str) -> alt.Chart:
    """Backtest WAPE of each candidate model of one series; the chosen one highlighted, seasonal naive grey."""
    d = backtest.assign(model_label=backtest["model"].map(_label),
                        role=backtest["model"].map(lambda m: "chosen" if m == chosen else
                                                   ("baseline" if m == "seasonal_naive" else "candidate")))
    return alt.Chart(d).mark_bar().encode(
        y=alt.Y("model_label:N", title=None, sort="x"),
        x=alt.X("wape:Q", title="Backtest WAPE", axis=alt.Axis(format=".0%")),
        color=alt.Color("role:N", title=None, scale=alt.Scale(domain=["chosen", "baseline", "candidate"],
                                                              range=[CHOSEN, NAIVE, "#c9d1d9"])),
        tooltip=[alt.Tooltip("model_label:N", title="Model"), alt.Tooltip("wape:Q", title="WAPE", format=".1%"),
                 alt.Tooltip("bias:Q", title="Bias", format="+.1%"), alt.Tooltip("mase:Q", title="MASE", format=".2f"),
                 alt.Tooltip("folds:Q", title="Folds scored")]).properties(height=160)


def accuracy_vs_naive(selection: pd.DataFrame) -> alt.LayerChart:
    """Per series: forecast error of the chosen method against repeating last season's (below the diagonal =
    better), coloured by demand pattern, in words."""
    d = selection[selection["folds"] > 0].assign(model_label=lambda x: x["model"].map(method),
                                                 pattern=lambda x: x["demand_class"].map(pattern))
    top = float(pd.concat([d["wape"], d["naive_wape"]]).quantile(0.98)) if len(d) else 1.0
    top = max(top, 0.1)
    diag = alt.Chart(pd.DataFrame({"v": [0, top]})).mark_line(color=NAIVE, strokeDash=[4, 3]).encode(
        x="v:Q", y="v:Q", tooltip=alt.value(None))
    pts = alt.Chart(d).mark_circle(size=40, opacity=0.7).encode(
        x=alt.X("naive_wape:Q", title="Error repeating last season", axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, top], clamp=True)),
        y=alt.Y("wape:Q", title="Forecast error", axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, top], clamp=True)),
        color=alt.Color("pattern:N", title="Demand pattern"),
        tooltip=[alt.Tooltip("series_id:N", title="Series"), alt.Tooltip("pattern:N", title="Demand pattern"),
                 alt.Tooltip("model_label:N", title="Method"), alt.Tooltip("wape:Q", title="Forecast error", format=".0%"),
                 alt.Tooltip("naive_wape:Q", title="Repeating last season", format=".0%")])
    return alt.layer(diag, pts).properties(height=300)


def staffing_chart(daily: pd.DataFrame) -> alt.VConcatChart:
    """Paid hours needed per day (bars, red on SLA-at-risk days) against the staffed hours (line), with the
    backlog of orders at the end of each day."""
    d = daily.assign(day=pd.to_datetime(daily["day"]),
                     risk=daily["is_sla_at_risk"].map({True: "SLA at risk", False: "On track"}))
    x = alt.X("day:T", title=None, axis=alt.Axis(format="%a %d %b"))
    tip = [alt.Tooltip("day:T", title="Day", format="%a %d %b %Y"), alt.Tooltip("orders:Q", title="Orders", format=",.0f"),
           alt.Tooltip("units:Q", title="Units", format=",.0f"), alt.Tooltip("total_hours:Q", title="Hours needed", format=",.1f"),
           alt.Tooltip("headcount:Q", title="Headcount needed"), alt.Tooltip("staffed_hours:Q", title="Hours staffed", format=",.1f"),
           alt.Tooltip("backlog_end:Q", title="Orders waiting at close", format=",.0f"), alt.Tooltip("risk:N", title="SLA")]
    bars = alt.Chart(d).mark_bar(opacity=0.85).encode(
        x=x, y=alt.Y("total_hours:Q", title="Paid hours", axis=alt.Axis(format=NUMBER)),
        color=alt.Color("risk:N", title=None, scale=alt.Scale(domain=["On track", "SLA at risk"], range=[OK, RISK])),
        tooltip=tip)
    staffed = alt.Chart(d).mark_line(color=HISTORY, strokeDash=[5, 3]).encode(x=x, y="staffed_hours:Q", tooltip=tip)
    hours = alt.layer(bars, staffed).properties(height=220)
    backlog = alt.Chart(d).mark_area(color=PEAK, opacity=0.4, line=True).encode(
        x=x, y=alt.Y("backlog_end:Q", title="Orders waiting", **counts(d["backlog_end"])), tooltip=tip).properties(height=120)
    return alt.vconcat(hours, backlog).resolve_scale(x="shared")
