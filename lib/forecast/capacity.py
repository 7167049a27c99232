"""Peak capacity planning: a peak window → orders and units per day → labor hours → headcount per day and shift,
and a backlog simulation of orders waiting against daily capacity, with what-ifs.

Labor (per day):
    direct hours  = units / units per hour
    total hours   = direct hours × (1 + indirect allowance) / (1 − shrinkage)
                    (indirect: receiving, replenishment, supervision; shrinkage: breaks, absence, training)
    FTE           = total hours / shift hours;  headcount per shift = ⌈FTE × shift share⌉

Release and SLA: an order placed before the cut-off hour is released for shipping that day, one placed at or after
it the next day; an order must ship within `sla_days` days of its release day (1 = the release day itself).

Backlog simulation (first in, first out), day t:
    waiting_t   = backlog_{t−1} + released_t
    shipped_t   = min(capacity_t, waiting_t)           capacity_t = staffed hours × productive share × UPH / units per order
    backlog_t   = waiting_t − shipped_t
    late_t      = orders shipped on day t after their due day
    past_due_t  = orders still waiting at the end of day t whose due day is ≤ t
    SLA at risk = past_due_t > 0 (some orders will ship late)

What-ifs: extra people (each adds a shift of hours), overtime hours per day, an earlier cut-off.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import deque
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..metrics import one_row, query
from ..workspace.settings import DEFAULTS as SETTINGS_DEFAULTS

_COSTS, _SLA = SETTINGS_DEFAULTS["costs"], SETTINGS_DEFAULTS["sla"]


@dataclass(frozen=True)
class LaborSettings:
    units_per_hour: float = float(_COSTS["units_picked_per_hour"])  # defaults: the workspace settings'
    indirect_allowance: float = 0.15
    shrinkage: float = 0.12
    shift_hours: float = 8.0
    shifts: tuple[tuple[str, float], ...] = (("Day", 1.0),)  # (name, share of the day's hours); e.g. 0.6 / 0.4
    cutoff_hour: int = int(_SLA["cutoff_hour"])
    sla_days: int = 1
    labor_cost_per_hour: float = float(_COSTS["labor_cost_per_hour"])

    @property
    def productive_share(self) -> float:
        """Direct hours per paid hour."""
        return (1 - self.shrinkage) / (1 + self.indirect_allowance)

    @classmethod
    def from_settings(cls, settings: dict, **over) -> "LaborSettings":
        costs, sla = {**_COSTS, **settings.get("costs", {})}, {**_SLA, **settings.get("sla", {})}
        base = cls(units_per_hour=float(costs["units_picked_per_hour"]),
                   labor_cost_per_hour=float(costs["labor_cost_per_hour"]), cutoff_hour=int(sla["cutoff_hour"]))
        return replace(base, **over)


@dataclass(frozen=True)
class PeakWindow:
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class CapacityPlan:
    window: PeakWindow
    settings: LaborSettings
    staffed_hours: float  # paid hours available per day in the scenario
    daily: pd.DataFrame  # one row per day of the simulated span (window padded before and after)

    @property
    def at_risk_days(self) -> int:
        return int(self.daily["is_sla_at_risk"].sum())

    @property
    def peak_headcount(self) -> int:
        return int(self.daily["headcount"].max()) if len(self.daily) else 0

    @property
    def late_orders(self) -> float:
        return float(self.daily["late_orders"].sum() + self.daily["past_due_end"].iloc[-1]) if len(self.daily) else 0.0

    def summary(self) -> dict:
        d = self.daily
        win = d[d["in_window"]]
        return {
            "window": f"{self.window.name} ({self.window.start} – {self.window.end})",
            "peak_day": win.loc[win["orders"].idxmax(), "day"] if len(win) else None,
            "peak_orders": float(win["orders"].max()) if len(win) else 0.0,
            "peak_units": float(win["units"].max()) if len(win) else 0.0,
            "peak_total_hours": float(win["total_hours"].max()) if len(win) else 0.0,
            "peak_headcount": int(win["headcount"].max()) if len(win) else 0,
            "staffed_hours": self.staffed_hours,
            "at_risk_days": self.at_risk_days,
            "max_backlog": float(d["backlog_end"].max()) if len(d) else 0.0,
            "late_orders": self.late_orders,
        }


# ------------------------------------------------------------------ window

def black_friday(year: int) -> dt.date:
    """The day after the fourth Thursday of November."""
    nov1 = dt.date(year, 11, 1)
    first_thu = nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7)
    return first_thu + dt.timedelta(days=22)


def bfcm_window(year: int) -> PeakWindow:
    bf = black_friday(year)
    return PeakWindow(f"Black Friday – Cyber Monday {year}", bf, bf + dt.timedelta(days=3))


def peak_events(con) -> pd.DataFrame:
    """Peak events of the calendar, latest first (grain: event)."""
    return query(con, "forecast__peak_events", {})


def default_window(con, last_day: dt.date | None = None) -> PeakWindow:
    """The sample's (or workspace's) last Black Friday–Cyber Monday that has order data: the calendar's peak event
    named like it, else the computed BFCM of the latest year with data through its Cyber Monday."""
    if last_day is None:
        last_day = one_row(con, "forecast__last_order_day")[0] or dt.date.today()
    ev = peak_events(con)
    if len(ev):
        bf = ev[ev["name"].str.contains("black friday|cyber", case=False, regex=True)
                & (pd.to_datetime(ev["end_date"]).dt.date <= last_day)]
        if len(bf):
            r = bf.iloc[0]
            return PeakWindow(str(r["name"]), pd.Timestamp(r["start_date"]).date(), pd.Timestamp(r["end_date"]).date())
    year = last_day.year
    while bfcm_window(year).end > last_day:
        year -= 1
    return bfcm_window(year)


def window_options(con) -> list[PeakWindow]:
    """Peak windows to plan: the default (last BFCM with data), the next BFCM (planned from last year's volume),
    then the calendar's other peak events, latest first."""
    last_day = one_row(con, "forecast__last_order_day")[0] or dt.date.today()
    first = default_window(con, last_day)
    nxt = bfcm_window(first.start.year + 1)
    out = [first, PeakWindow(f"{nxt.name} (next; from last year's volume)", nxt.start, nxt.end)]
    for r in peak_events(con).itertuples(index=False):
        w = PeakWindow(str(r.name), pd.Timestamp(r.start_date).date(), pd.Timestamp(r.end_date).date())
        if (w.start, w.end) not in {(o.start, o.end) for o in out}:
            out.append(w)
    return out


# ------------------------------------------------------------------ volume

def hourly_volume(con, params, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Orders and units per day and hour (grain: day × hour × has_time) between `start` and `end` (filters:
    channels, warehouses)."""
    from .demand import as_params
    return query(con, "forecast__hourly_volume", {**as_params(params), "start": start, "end": end})


LOOKBACK_DAYS = 35  # the baseline ("a normal day") is taken from the weeks before the window
YEAR_DAYS = 364  # 52 weeks: the same weekdays a year earlier


def window_hourly(con, params, window: PeakWindow, pad_after: int = 7) -> tuple[pd.DataFrame, str]:
    """Hourly volume around a window (from `LOOKBACK_DAYS` before to `pad_after` after) and where it comes from:
    the orders of those days, or — for a window not (fully) in the data yet — the same weekdays 52 weeks earlier."""
    last_day = one_row(con, "forecast__last_order_day")[0] or dt.date.today()
    start, end = window.start - dt.timedelta(days=LOOKBACK_DAYS), window.end + dt.timedelta(days=pad_after)
    if end <= last_day:
        return hourly_volume(con, params, start, end), "orders placed on those days"
    shift = dt.timedelta(days=YEAR_DAYS)
    h = hourly_volume(con, params, start - shift, end - shift)
    if len(h):
        h["day"] = pd.to_datetime(h["day"]) + pd.Timedelta(days=YEAR_DAYS)
    return h, "orders of the same weekdays 52 weeks earlier"


def baseline_hours(hourly: pd.DataFrame, window: PeakWindow, s: "LaborSettings", pad_before: int = 3) -> float:
    """Default staffed hours: `default_staffed_hours` over the four weeks before the padded window."""
    end = window.start - dt.timedelta(days=pad_before + 1)
    base = daily_volume(hourly, s.cutoff_hour, end - dt.timedelta(days=27), end)
    return default_staffed_hours(base, s)


def daily_volume(hourly: pd.DataFrame, cutoff_hour: int, start: dt.date, end: dt.date,
                 growth: float = 0.0) -> pd.DataFrame:
    """Per day: orders, units, orders placed at/after the cut-off, released orders (before-cut-off orders of the
    day + after-cut-off orders of the day before); volumes scaled by (1 + growth). Grain: day."""
    days = pd.date_range(start, end, freq="D")
    h = hourly.copy()
    if len(h):
        h["day"] = pd.to_datetime(h["day"])
    timed = h[h["has_time"].astype(bool)] if len(h) else h
    share = (timed.loc[timed["hour"] >= cutoff_hour, "orders"].sum() / timed["orders"].sum()) if len(timed) and timed["orders"].sum() else 0.0
    per_day = h.groupby("day").agg(orders=("orders", "sum"), units=("units", "sum")) if len(h) else pd.DataFrame(columns=["orders", "units"])
    late = (timed[timed["hour"] >= cutoff_hour].groupby("day")["orders"].sum() if len(timed) else pd.Series(dtype=float))
    untimed = (h[~h["has_time"].astype(bool)].groupby("day")["orders"].sum() if len(h) else pd.Series(dtype=float))
    out = pd.DataFrame(index=days)
    out["orders"] = per_day["orders"].reindex(days).fillna(0.0).astype(float) * (1 + growth)
    out["units"] = per_day["units"].reindex(days).fillna(0.0).astype(float) * (1 + growth)
    after = (late.reindex(days).fillna(0.0) + untimed.reindex(days).fillna(0.0) * share) * (1 + growth)
    out["orders_after_cutoff"] = after.to_numpy()
    out["released_orders"] = released(out["orders"].to_numpy(), after.to_numpy())
    out.index.name = "day"
    return out.reset_index()


def released(orders: np.ndarray, after_cutoff: np.ndarray) -> np.ndarray:
    """Orders released for shipping per day: today's before-cut-off orders + yesterday's after-cut-off ones."""
    orders, after = np.asarray(orders, float), np.asarray(after_cutoff, float)
    prev = np.concatenate([[after[0]], after[:-1]])  # the day before the span: assume the same late share
    return orders - after + prev


# ------------------------------------------------------------------ labor

def labor_hours(units, s: LaborSettings) -> tuple[np.ndarray, np.ndarray]:
    """(direct hours, total paid hours) for units per day."""
    direct = np.asarray(units, float) / s.units_per_hour
    return direct, direct * (1 + s.indirect_allowance) / (1 - s.shrinkage)


def staffing(volume: pd.DataFrame, s: LaborSettings) -> pd.DataFrame:
    """Adds direct_hours, total_hours, fte, headcount and one headcount column per shift (grain: day)."""
    out = volume.copy()
    direct, total = labor_hours(out["units"], s)
    out["direct_hours"] = direct
    out["total_hours"] = total
    out["fte"] = total / s.shift_hours
    for name, share in s.shifts:
        out[f"headcount_{name.lower()}"] = np.ceil(out["fte"] * share - 1e-9).astype(int)
    out["headcount"] = out[[f"headcount_{n.lower()}" for n, _ in s.shifts]].sum(axis=1)
    return out


def orders_capacity(staffed_hours, units_per_order, s: LaborSettings) -> np.ndarray:
    """Orders a day's staffed hours can ship."""
    upo = np.where(np.asarray(units_per_order, float) > 0, units_per_order, 1.0)
    return np.asarray(staffed_hours, float) * s.productive_share * s.units_per_hour / upo


def simulate_backlog(released_orders, capacity, sla_days: int = 1) -> pd.DataFrame:
    """FIFO queue of released orders against daily capacity (grain: day index); see the module docstring."""
    rel = np.asarray(released_orders, float)
    cap = np.broadcast_to(np.asarray(capacity, float), rel.shape)
    queue: deque = deque()  # [release day, due day, remaining]
    rows = []
    for t in range(len(rel)):
        if rel[t] > 0:
            queue.append([t, t + sla_days - 1, float(rel[t])])
        waiting = sum(q[2] for q in queue)
        left, shipped, late = float(cap[t]), 0.0, 0.0
        while left > 1e-9 and queue:
            q = queue[0]
            take = min(left, q[2])
            shipped += take
            if t > q[1]:
                late += take
            q[2] -= take
            left -= take
            if q[2] <= 1e-9:
                queue.popleft()
        backlog = sum(q[2] for q in queue)
        past_due = sum(q[2] for q in queue if q[1] <= t)
        rows.append({"released": rel[t], "capacity": float(cap[t]), "waiting": waiting, "shipped": shipped,
                     "backlog_end": backlog, "late_orders": late, "past_due_end": past_due,
                     "oldest_wait_days": (t - queue[0][0]) if queue else 0,
                     "is_sla_at_risk": past_due > 1e-9})
    return pd.DataFrame(rows)


def default_staffed_hours(baseline: pd.DataFrame, s: LaborSettings, quantile: float = 0.8) -> float:
    """Staffing of a normal busy day: the total hours needed on the 80th-percentile day of the baseline period
    (usually the four weeks before the window), rounded up to a half hour (at least half an hour)."""
    if baseline is None or len(baseline) == 0:
        return s.shift_hours
    _, total = labor_hours(baseline["units"], s)
    return max(0.5, math.ceil(float(np.quantile(total, quantile)) * 2 - 1e-9) / 2)


def plan_capacity(hourly: pd.DataFrame, window: PeakWindow, s: LaborSettings, staffed_hours: float,
                  growth: float = 0.0, extra_people: float = 0, overtime_hours: float = 0.0,
                  pad_before: int = 3, pad_after: int = 7) -> CapacityPlan:
    """Volume, staffing and backlog over the window (padded before and after) for one staffing scenario."""
    start = window.start - dt.timedelta(days=pad_before)
    end = window.end + dt.timedelta(days=pad_after)
    vol = staffing(daily_volume(hourly, s.cutoff_hour, start, end, growth), s)
    vol["in_window"] = (vol["day"].dt.date >= window.start) & (vol["day"].dt.date <= window.end)
    hours = staffed_hours + extra_people * s.shift_hours + overtime_hours
    upo = np.where(vol["orders"] > 0, vol["units"] / vol["orders"].where(vol["orders"] > 0, 1), np.nan)
    fallback = float(vol["units"].sum() / vol["orders"].sum()) if vol["orders"].sum() else 1.0
    upo = np.where(np.isnan(upo), fallback, upo)
    vol["staffed_hours"] = hours
    vol["capacity_orders"] = orders_capacity(hours, upo, s)
    sim = simulate_backlog(vol["released_orders"].to_numpy(), vol["capacity_orders"].to_numpy(), s.sla_days)
    daily = pd.concat([vol.reset_index(drop=True), sim.drop(columns=["released", "capacity"])], axis=1)
    return CapacityPlan(window, s, hours, daily)


def what_ifs(hourly: pd.DataFrame, window: PeakWindow, s: LaborSettings, staffed_hours: float, growth: float = 0.0,
             extra_people: float = 1, overtime_hours: float = 2.0, earlier_cutoff_hour: int | None = None) -> pd.DataFrame:
    """Baseline vs extra people vs overtime vs an earlier cut-off (grain: scenario)."""
    earlier = earlier_cutoff_hour if earlier_cutoff_hour is not None else max(0, s.cutoff_hour - 2)
    scen = [
        ("Current staffing", s, 0, 0.0),
        (f"+{extra_people:g} person/day", s, extra_people, 0.0),
        (f"+{overtime_hours:g} h overtime/day", s, 0, overtime_hours),
        (f"Cut-off {earlier}:00 instead of {s.cutoff_hour}:00", replace(s, cutoff_hour=earlier), 0, 0.0),
    ]
    rows = []
    for label, ss, people, ot in scen:
        p = plan_capacity(hourly, window, ss, staffed_hours, growth, people, ot)
        extra_hours = people * s.shift_hours + ot
        rows.append({"scenario": label, "staffed_hours": p.staffed_hours, "at_risk_days": p.at_risk_days,
                     "max_backlog": float(p.daily["backlog_end"].max()), "late_orders": p.late_orders,
                     "extra_cost": extra_hours * len(p.daily) * s.labor_cost_per_hour * (1.5 if ot else 1.0)})
    return pd.DataFrame(rows)


def upcoming_first(windows: list, last_order_date) -> list:
    """The peak windows with the next peak first: the next Black Friday – Cyber Monday window after `last_order_date`
    (computed from the date rule, so every year has one), then `windows` as `window_options` gives them (the last
    peak with data first), without the next one repeated."""
    last = last_order_date or dt.date.today()
    year = last.year if bfcm_window(last.year).end >= last else last.year + 1
    nxt = bfcm_window(year)
    nxt = PeakWindow(f"{nxt.name} (next)", nxt.start, nxt.end)  # volume: planned from the same weekdays a year earlier
    return [nxt] + [w for w in windows if (w.start, w.end) != (nxt.start, nxt.end)]
