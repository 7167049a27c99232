"""Demand history from the marts: stock-out-censored, daily or weekly, per SKU or rolled up.

METRICS.md "Stockout-censored demand": a day on which the SKU had nothing available (all locations summed,
`fct_inventory_daily`) is left out of its demand history — NaN, not zero — so that a sold-out week does not
teach the model that nobody wanted the product.

Levels and how censored days are treated:

* ``sku`` — one series per SKU, from its first sale.  Daily: censored days are NaN.  Weekly: the week's
  in-stock days are scaled to 7 (units × 7 / in-stock days); a week with fewer than 4 in-stock days is NaN.
* ``category`` / ``channel`` / ``total`` — sums over SKUs.  A censored SKU-day contributes that SKU's average
  daily demand on its in-stock days of the trailing 28 days (the demand it would have had), so one sold-out
  SKU does not blank the whole category-day.

Weeks start on Monday; incomplete first and last weeks are dropped (a partial week looks like a demand drop).
The long frame every function returns has the grain "one row per series and period":
``series_id, ds, y`` (+ ``level``), the same contract as the CLI's input file.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..metrics import one_row, query

LEVELS = ("sku", "category", "channel", "total")
TOTAL_ID = "Total"
MIN_INSTOCK_DAYS_PER_WEEK = 4
IMPUTE_WINDOW_DAYS = 28


@dataclass(frozen=True)
class DemandHistory:
    level: str
    freq: str
    frame: pd.DataFrame  # series_id, ds, y (NaN = censored), level — one row per series and period
    first_day: dt.date | None
    last_day: dt.date | None
    censored_sku_days: int  # SKU-days left out (or imputed, for roll-ups) because of a stock-out

    def by_volume(self) -> list[str]:
        """Series ids, largest total demand first."""
        return list(self.frame.groupby("series_id")["y"].sum().sort_values(ascending=False, kind="stable").index)

    def series(self, series_id: str) -> pd.DataFrame:
        """One series' history (grain: period)."""
        return self.frame[self.frame["series_id"] == series_id].reset_index(drop=True)


def as_params(params) -> dict:
    """The SQL parameters of the shared filters (a `lib.metrics.filters.Filters` or its `as_params()` dict)."""
    return params.as_params() if hasattr(params, "as_params") else dict(params or {})


def load_sales(con, params) -> pd.DataFrame:
    """Units per SKU, channel and day (grain: SKU × channel × order date)."""
    return query(con, "forecast__daily_sales", as_params(params))


def load_stockouts(con, params) -> pd.DataFrame:
    """SKU-days with nothing available (grain: SKU × day)."""
    return query(con, "forecast__stockout_days", as_params(params))


def load_events(con) -> pd.DataFrame:
    """Promotions and peak events (grain: event)."""
    return query(con, "forecast__events", {})


def demand_history(con, params, level: str = "sku", freq: str = "W", censor: bool = True,
                   skus: list[str] | None = None) -> DemandHistory:
    """The demand history of the filtered scope (channels, categories; dates $start–$end) at `level` and `freq`."""
    params = as_params(params)
    sales = load_sales(con, params)
    stockouts = load_stockouts(con, params) if censor else pd.DataFrame(columns=["sku", "day"])
    if skus is not None:
        sales = sales[sales["sku"].isin(skus)]
    last = one_row(con, "forecast__last_sale_day")[0]  # the business's last day
    end = _as_date(params.get("end"))
    last = min(last, end) if last is not None and end is not None else (last or end)
    return build_history(sales, stockouts, level, freq, end=last)


def _as_date(v):
    if v is None:
        return None
    return pd.Timestamp(v).date()


def build_history(sales: pd.DataFrame, stockouts: pd.DataFrame, level: str = "sku", freq: str = "W",
                  end: dt.date | None = None) -> DemandHistory:
    """Pure part of `demand_history` (sales: sku, channel, category, day, units; stockouts: sku, day).

    The history runs from the first sale to `end` (the last day of order data; default: the last sale)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    empty = pd.DataFrame({"series_id": pd.Series(dtype=str), "ds": pd.Series(dtype="datetime64[ns]"),
                          "y": pd.Series(dtype=float), "level": pd.Series(dtype=str)})
    if sales is None or len(sales) == 0:
        return DemandHistory(level, freq, empty, None, None, 0)
    s = sales.copy()
    s["day"] = pd.to_datetime(s["day"])
    first = s["day"].min()
    last = pd.Timestamp(end) if end is not None else s["day"].max()
    s = s[s["day"] <= last]
    days = pd.date_range(first, last, freq="D")
    key = {"sku": s["sku"], "category": s["category"].fillna("Uncategorised"), "channel": s["channel"],
           "total": pd.Series(TOTAL_ID, index=s.index)}[level]
    s = s.assign(key=key.astype(str), sku=s["sku"].astype(str))
    units = s.pivot_table(index="day", columns=["key", "sku"], values="units", aggfunc="sum").reindex(days)
    units = units.fillna(0.0)
    cols = units.columns
    col_sku = cols.get_level_values("sku")

    # active from the SKU's first sale (within the key)
    first_sale = s.groupby(["key", "sku"])["day"].min().reindex(cols)
    before = days.to_numpy()[:, None] < first_sale.to_numpy()[None, :]

    censored = np.zeros(units.shape, dtype=bool)
    n_censored = 0
    if stockouts is not None and len(stockouts):
        so = stockouts.assign(day=pd.to_datetime(stockouts["day"]), sku=stockouts["sku"].astype(str))
        so = so[(so["day"] >= first) & (so["day"] <= last)]
        if len(so):
            mask_sku = pd.crosstab(so["day"], so["sku"]).reindex(index=days, fill_value=0) > 0
            mask = mask_sku.reindex(columns=col_sku, fill_value=False).to_numpy()
            censored = mask & ~before
            n_censored = int(censored[:, ~pd.Index(col_sku).duplicated()].sum())

    values = units.to_numpy(copy=True)
    values[censored] = np.nan
    if level == "sku":
        daily = pd.DataFrame(np.where(before, np.nan, values), index=days, columns=cols.get_level_values("key"))
        if freq == "D":
            out = _long(daily, level)
        else:
            out = _weekly_scaled(daily, level)
    else:
        instock = pd.DataFrame(np.where(before, np.nan, values), index=days)  # pre-launch days are not demand
        fill = instock.rolling(IMPUTE_WINDOW_DAYS, min_periods=1).mean().ffill().fillna(0.0).to_numpy()
        imputed = np.where(censored, fill, values)
        imputed[before] = 0.0
        daily = pd.DataFrame(imputed, index=days).T.groupby(np.asarray(cols.get_level_values("key"))).sum().T
        if freq == "D":
            out = _long(daily, level)
        else:
            weekly = daily.groupby(_week_start(daily.index)).agg(["sum", "count"])
            sums = weekly.xs("sum", axis=1, level=1)
            full = weekly.xs("count", axis=1, level=1).iloc[:, 0] == 7
            out = _long(sums[full.to_numpy()], level)
    return DemandHistory(level, freq, out, first.date(), last.date(), n_censored)


def _week_start(idx: pd.DatetimeIndex) -> pd.DatetimeIndex:
    return idx - pd.to_timedelta(idx.day_of_week, unit="D")


def _weekly_scaled(daily: pd.DataFrame, level: str) -> pd.DataFrame:
    """Weekly sums scaled to 7 in-stock days; weeks with < 4 in-stock days → NaN; partial calendar weeks dropped."""
    wk = _week_start(daily.index)
    sums = daily.groupby(wk).sum(min_count=1)
    obs = daily.notna().groupby(wk).sum()
    ndays = pd.Series(1, index=daily.index).groupby(wk).sum()
    scaled = sums * 7.0 / obs.where(obs > 0)
    scaled = scaled.where(obs >= MIN_INSTOCK_DAYS_PER_WEEK)
    scaled = scaled[(ndays == 7).to_numpy()]
    return _long(scaled, level)  # weeks before the first observed one are dropped; later NaN weeks stay


def _long(wide: pd.DataFrame, level: str) -> pd.DataFrame:
    """Wide (period × series) → long rows, dropping each series' periods before its first observed value."""
    wide = wide.copy()
    wide.columns = [str(c) for c in wide.columns]
    wide.index.name = "ds"
    started = wide.notna().cummax()
    long = wide.stack(future_stack=True).rename("y").reset_index()
    long.columns = ["ds", "series_id", "y"]
    st = started.stack(future_stack=True).to_numpy()
    long = long[st].sort_values(["series_id", "ds"], kind="stable").reset_index(drop=True)
    long["level"] = level
    return long[["series_id", "ds", "y", "level"]]


def regularise(df: pd.DataFrame, freq: str) -> pd.DataFrame:
    """A user-supplied long table (series_id, ds, y) on a complete grid per series.

    Each series runs from its first to its last `ds` in steps of a day or a week (from its first ds); several rows
    falling in one period are summed; a missing period counts as zero demand; an empty `y` marks a censored period.
    """
    step = pd.Timedelta(days=1 if freq == "D" else 7)
    d = df[["series_id", "ds", "y"]].copy()
    d["series_id"] = d["series_id"].astype(str)
    d["ds"] = pd.to_datetime(d["ds"])
    d["y"] = pd.to_numeric(d["y"], errors="coerce")
    out = []
    for sid, g in d.groupby("series_id", sort=False):
        g = g.dropna(subset=["ds"])
        if g.empty:
            continue
        start = g["ds"].min().normalize()
        k = ((g["ds"].dt.normalize() - start) // step).astype(int)
        agg = g.assign(k=k).groupby("k")["y"].sum(min_count=1)
        grid = pd.RangeIndex(0, int(k.max()) + 1)
        present = pd.Index(k.unique())
        y = agg.reindex(grid)
        y[~grid.isin(present)] = 0.0
        out.append(pd.DataFrame({"series_id": sid, "ds": start + step * grid.to_numpy(), "y": y.to_numpy()}))
    if not out:
        return pd.DataFrame({"series_id": pd.Series(dtype=str), "ds": pd.Series(dtype="datetime64[ns]"),
                             "y": pd.Series(dtype=float)})
    return pd.concat(out, ignore_index=True)
