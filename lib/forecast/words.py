"""The forecast in a manager's words: plain sentences and display tables (no Streamlit here; the page renders them).

Statistics (WAPE, MASE, ADI, CV², model codes) stay available for the "How the forecast was chosen" expander;
everything up front says "forecast error about 12 % of weekly units, 20 % better than repeating last year".
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .models import MODEL_LABELS

PATTERNS = {"smooth": "Steady", "erratic": "Variable", "intermittent": "Occasional", "lumpy": "Occasional, in bursts",
            "no demand": "No sales"}
METHODS = {  # a method in words; MODEL_LABELS keeps the textbook names for the statistics expander
    "seasonal_naive": "Repeat of last season", "ses": "Smoothed recent average", "ets": "Trend and season smoothing",
    "theta": "Smoothed trend", "croston": "Occasional-demand average", "sba": "Occasional-demand average",
    "tsb": "Fading occasional-demand average", "prophet": "Calendar model (holidays, promotions)",
    "combo": "Blend of methods", "global": "Learnt across all series", "pooled": "Share of the total's forecast",
    "core": "Blend of robust methods",
}
ACTIONS = {"order now": "Order now", "expedite": "Expedite open order", "order soon": "Order soon",
           "planned": "Order later", "ok": "Enough stock", "no demand": "No demand"}
HARD_TO_PREDICT = 0.5  # above this error the page says so instead of celebrating a comparison


def money(v: float, currency: str = "USD") -> str:
    """$1,235 / 1,235 INR (whole units: order values are estimates at landed cost); the one money format."""
    from ..metrics import is_missing
    from ..metrics.registry import format_money
    return "–" if is_missing(v) else format_money(float(v), currency, 0)


def unit(freq: str) -> str:
    return "weekly units" if freq == "W" else "daily units"


def baseline_name(freq: str) -> str:
    """Seasonal naive, as a manager would say it."""
    return "repeating last year" if freq == "W" else "repeating last week"


def method(model: str) -> str:
    return METHODS.get(str(model), str(model).replace("_", " ").capitalize())


def pattern(demand_class: str) -> str:
    return PATTERNS.get(str(demand_class), str(demand_class).capitalize())


def _pct(v: float) -> str:
    return "–" if v is None or v != v else f"{v * 100:.0f} %"  # the app's style: "12 %"


def comparison(wape: float, naive_wape: float, freq: str) -> str:
    """'20 % better than repeating last year' / '5 % worse …' / 'about the same as …' ('' when unknown)."""
    if not (wape == wape and naive_wape == naive_wape and naive_wape > 0):
        return ""
    gain = 1 - wape / naive_wape
    if abs(gain) < 0.01:
        return f"about the same as {baseline_name(freq)}"
    return f"{_pct(abs(gain))} {'better' if gain > 0 else 'worse'} than {baseline_name(freq)}"


def headline(acc, freq: str) -> str:
    """The page's first sentence about accuracy (`acc`: `parallel.Accuracy`)."""
    if not acc.backtested_series:
        return ("Too little history to measure forecast error yet: each series uses a simple method for its demand "
                "pattern until there is more.")
    text = f"Forecast error about **{_pct(acc.wape)} of {unit(freq)}**"
    cmp = comparison(acc.wape, acc.naive_wape, freq)
    text += f", {cmp}." if cmp else "."
    if acc.wape > HARD_TO_PREDICT:
        text += (" Single periods are hard to predict here (many series sell only now and then): plan on the range "
                 "and on totals over the lead time, not on one period's number.")
    if acc.coverage == acc.coverage:
        text += f" The shaded range held the actual {_pct(acc.coverage)} of the time when tested on past data (aim: 8 in 10)."
    return text


def tile_delta(acc, freq: str) -> tuple[str | None, bool]:
    """Delta text of the error tile and whether it may be coloured (never green on a hard-to-predict error)."""
    cmp = comparison(acc.wape, acc.naive_wape, freq)
    if not cmp:
        return None, False
    gain = 1 - acc.wape / acc.naive_wape
    text = cmp.replace(f" than {baseline_name(freq)}", "").replace(f" as {baseline_name(freq)}", "")
    signed = f"{'+' if gain >= 0 else '-'}{text}" if "same" not in text else text
    return signed, acc.wape <= HARD_TO_PREDICT and "same" not in text


def describe(choice: dict, freq: str) -> str:
    """One series in words: its method, demand pattern and error next to repeating last year."""
    head = f"**{method(choice['model'])}** · {pattern(choice['demand_class']).lower()} demand"
    if not choice.get("folds"):
        return head + "\n\nToo little history to test: the usual method for this demand pattern."
    text = head + f"\n\nForecast error about **{_pct(choice['wape'])}** of {unit(freq)} when tested on past data"
    cmp = comparison(choice["wape"], choice["naive_wape"], freq)
    text += f" — {cmp}." if cmp else "."
    b = choice.get("bias")
    if b == b and b is not None and abs(b) >= 0.05:
        text += f" It tends to {'over' if b > 0 else 'under'}-forecast by about {_pct(abs(b))}."
    return text


def statistics(choice: dict) -> str:
    """The same series for a statistician (the expander)."""
    parts = [f"Model `{choice['model']}` ({MODEL_LABELS.get(choice['model'], choice['model'])})",
             f"demand class {choice['demand_class']}"]
    if choice.get("adi") == choice.get("adi") and choice.get("adi") is not None:
        parts.append(f"ADI {choice['adi']:.2f}, CV² {choice['cv2']:.2f}")
    if choice.get("folds"):
        parts.append(f"backtest WAPE {_pct(choice['wape'])} vs seasonal naive {_pct(choice['naive_wape'])}, "
                     f"MASE {choice['mase']:.2f}, bias {choice['bias']:+.0%}, {choice['folds']} folds")
    if choice.get("combo_members"):
        parts.append("mean of " + ", ".join(choice["combo_members"].split(",")))
    return "; ".join(parts) + "."


def accuracy_table(selection: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Per series, for managers: pattern, method, error vs repeating last year (fractions: the page formats them)."""
    s = selection[(selection["folds"] > 0) & selection["wape"].notna() & selection["naive_wape"].notna()]
    out = pd.DataFrame({
        "Series": s["series_id"].astype(str),
        "Demand pattern": s["demand_class"].map(pattern),
        "Method": s["model"].map(method),
        "Forecast error": s["wape"],
        f"Error {baseline_name(freq)}": s["naive_wape"],
        "Better than last season": np.where(s["wape"] < s["naive_wape"], "Yes", "No"),
        "Average per period": s["recent_mean"].round(1),
    })
    return out.sort_values(["Forecast error"]).reset_index(drop=True)


def untested(selection: pd.DataFrame) -> int:
    """Series left out of the accuracy table: too short a history to test (or nothing sold in the test windows)."""
    return int(len(selection) - ((selection["folds"] > 0) & selection["wape"].notna()
                                 & selection["naive_wape"].notna()).sum())


def _date(d) -> str:
    return "–" if d is None or (isinstance(d, float) and math.isnan(d)) or pd.isna(d) else pd.Timestamp(d).strftime("%d %b %Y")


def plan_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The replenishment plan for a buyer: action, quantity, value, dates in words, the reason."""
    if frame.empty:
        return pd.DataFrame(columns=["SKU", "Product", "Action", "Order (units)", "Order value", "Order by",
                                     "Stock runs out", "Days of cover", "On hand", "On order", "Why"])
    cover = frame["days_of_cover"].map(lambda v: "365+" if not np.isfinite(v) or v > 365 else f"{v:,.0f}")
    return pd.DataFrame({
        "SKU": frame["sku"].astype(str),
        "Product": frame["product_name"].fillna("").astype(str),
        "Action": frame["status"].map(ACTIONS).fillna(frame["status"]),
        "Order (units)": frame["order_qty"].astype(int),
        "Order value": frame["order_value"].fillna(0.0).round(2),
        "Order by": [_date(d) if q > 0 else "–" for d, q in zip(frame["order_by_date"], frame["order_qty"])],
        "Stock runs out": frame["projected_stockout_date"].map(_date).replace("–", "Not within a year"),
        "Days of cover": cover,
        "On hand": frame["on_hand"].round().astype(int),
        "On order": frame["on_order"].round().astype(int),
        "Why": frame["explanation"].astype(str),
    })


def statistics_table(selection: pd.DataFrame) -> pd.DataFrame:
    """Per series for a statistician (the expander): WAPE, MASE, bias, ADI, CV², model codes — rounded, headed."""
    s = selection[selection["folds"] > 0]

    def num(col, nd):  # a statistic that can be undefined (ADI of a series without sales): "–", not "None"
        v = s[col] if col in s else pd.Series(np.nan, index=s.index)
        return v.map(lambda x: "–" if x != x or x is None else f"{x:.{nd}f}")

    out = pd.DataFrame({
        "Series": s["series_id"].astype(str), "Demand class": s["demand_class"].astype(str),
        "Model": s["model"].map(lambda m: MODEL_LABELS.get(m, m)),
        "WAPE": num("wape", 3), "Seasonal naive WAPE": num("naive_wape", 3), "MASE": num("mase", 2),
        "Bias": num("bias", 3), "ADI": num("adi", 2), "CV²": num("cv2", 2), "Folds": s["folds"].astype(int),
        "Interval held": num("coverage", 2),
    })
    return out.assign(_k=s["wape"].fillna(np.inf).to_numpy()).sort_values("_k").drop(columns="_k").reset_index(drop=True)


ROLLUP_COLUMNS = ("Roll-up", "Forecast (units)", "Roll-up's own forecast", "Sum of SKU forecasts")


def rollup_table(table: pd.DataFrame) -> pd.DataFrame:
    """`reconcile.Rollups.table()` for display: the total first, then the groups, units rounded."""
    t = table.assign(node=table["node"].map(lambda n: "All SKUs" if n == "Total" else str(n).split(": ", 1)[-1]))
    out = pd.DataFrame(dict(zip(ROLLUP_COLUMNS, (t["node"], t["reconciled"], t["own"], t["sku_sum"]))))
    for c in ROLLUP_COLUMNS[1:]:
        out[c] = out[c].fillna(0.0).round(0)
    return out.reset_index(drop=True)


def rollup_sentence(roll, freq: str, horizon: int) -> str:
    """How the SKU forecasts were made to add up, in words."""
    from .reconcile import METHOD_WORDS
    t = roll.table()
    total = float(t.loc[t["node"] == "Total", "reconciled"].sum())
    period = "weeks" if freq == "W" else "days"
    how = METHOD_WORDS.get(roll.method, roll.method)
    chosen = "the way with the lowest error when tested on past periods" if roll.scores else (
        "too little shared history to test the other ways")
    return (f"Over the next {horizon} {period} the SKUs add up to **{total:,.0f} units**, and each category to the "
            f"sum of its SKUs: made to agree by {how} ({chosen}).")
