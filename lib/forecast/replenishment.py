"""Replenishment (METRICS.md "Forecast and replenishment"): what to order, how much, by when — and why.

Per SKU, from the SKU-level forecast (`ForecastResult`), the stock position and the purchase-order history:

* lead time LT: mean and standard deviation of (received − ordered) over the supplier's received PO lines (at
  least 2), else the catalog's default lead time with σ_LT = 0, else `default_lead_time_days` (flagged);
* d: forecast daily demand over the lead time; σ_d: σ of the chosen model's backtest errors per period,
  converted to a day (÷ √7 for weekly series) — forecast residuals, not raw demand variability;
* safety stock SS = z · √(LT · σ_d² + d² · σ_LT²), z from the cycle service level;
* reorder point ROP = d · LT + SS;
* order quantity = max(0, forecast demand over LT + review period + SS − on hand − on order), rounded up to the
  case pack, at least the MOQ (itself rounded up to whole cases);
* projected stock-out date: on hand (less what sold since the snapshot) plus open POs on their expected dates,
  drawn down by the daily forecast; order-by date = projected stock-out − LT, the last day on which an order still
  arrives before the shelf is empty; days of cover = on hand / forecast daily demand.

Every row carries a plain-language `explanation`.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from ..metrics import one_row, query

Z_TABLE = {0.90: 1.2816, 0.95: 1.6449, 0.98: 2.0537, 0.99: 2.3263}
PROJECTION_DAYS = 365
PERIOD_DAYS = {"D": 1, "W": 7}


@dataclass(frozen=True)
class ReplenishmentSettings:
    service_level: float = 0.95
    review_period_days: int = 7
    default_lead_time_days: float = 30.0
    min_supplier_pos: int = 2  # received PO lines needed before a supplier's own lead time is trusted


@dataclass(frozen=True)
class ReplenishmentInputs:
    """What the plan needs besides the forecast (frames as returned by the forecast__* SQL files)."""
    stock: pd.DataFrame  # one row per SKU
    lead_times: pd.DataFrame  # one row per supplier
    open_pos: pd.DataFrame  # one row per open PO line
    as_of: dt.date | None  # the plan date: the last day with order data


@dataclass(frozen=True)
class ReplenishmentPlan:
    as_of: dt.date
    settings: ReplenishmentSettings
    frame: pd.DataFrame  # one row per SKU (see `plan`)

    @property
    def to_order(self) -> pd.DataFrame:
        return self.frame[self.frame["order_qty"] > 0]

    def headline(self, currency: str = "USD") -> str:
        """What to do, in one line (order value at cost in the reporting currency; SKUs whose cost has no rate to it,
        or no cost, are counted apart, never valued at 0)."""
        from .words import money
        n = self.frame["status"].value_counts() if len(self.frame) else pd.Series(dtype=int)
        now = self.frame[self.frame["status"] == "order now"] if len(self.frame) else self.frame
        value = float(now["order_value"].sum()) if len(now) else 0.0
        unvalued = int((now["order_value"].isna() & (now["order_qty"] > 0)).sum()) if len(now) else 0
        left_out = f"; {unvalued} without a cost in {currency} left out" if unvalued else ""
        return (f"As of **{self.as_of:%d %b %Y}**: **{n.get('order now', 0)}** SKU(s) to order now "
                f"({money(value, currency)} at cost{left_out}), "
                f"{n.get('expedite', 0)} to expedite, {n.get('order soon', 0)} to order soon, "
                f"{n.get('planned', 0)} planned for later.")


# ------------------------------------------------------------------ the formulas

def z_for(service_level: float) -> float:
    """z of a cycle service level: METRICS.md's table for 90/95/98/99 %, the normal quantile otherwise."""
    for k, v in Z_TABLE.items():
        if abs(service_level - k) < 1e-9:
            return v
    return NormalDist().inv_cdf(service_level)


def safety_stock(z: float, lead_time_days: float, sigma_d: float, d: float, sigma_lt: float) -> float:
    """z · √(LT · σ_d² + d² · σ_LT²)."""
    return z * math.sqrt(max(lead_time_days, 0) * sigma_d ** 2 + d ** 2 * sigma_lt ** 2)


def reorder_point(d: float, lead_time_days: float, ss: float) -> float:
    return d * lead_time_days + ss


def order_quantity(need: float, moq: float = 0, case_pack: float = 1) -> int:
    """Units to order for a net requirement `need`: 0 if need ≤ 0, else rounded up to whole cases, ≥ MOQ."""
    if need is None or not need > 1e-9:
        return 0
    pack = int(case_pack) if case_pack and case_pack > 0 else 1
    qty = math.ceil(need / pack - 1e-9) * pack
    moq_cases = math.ceil((moq or 0) / pack - 1e-9) * pack
    return int(max(qty, moq_cases))


# ------------------------------------------------------------------ inputs

def load_inputs(con, params) -> ReplenishmentInputs:
    """Stock position (all locations), supplier lead times and open POs (filter: $categories)."""
    from .demand import as_params
    stock = query(con, "forecast__stock_position", as_params(params))
    lead = query(con, "forecast__lead_times", {})
    pos = query(con, "forecast__open_pos", {})
    last = one_row(con, "forecast__last_sale_day")[0]
    as_of = last or (stock["as_of"].max() if len(stock) and stock["as_of"].notna().any() else None)
    return ReplenishmentInputs(stock, lead, pos, pd.Timestamp(as_of).date() if as_of is not None else None)


def lead_time_for(supplier, default_days, lead_times: pd.DataFrame, settings: ReplenishmentSettings):
    """(mean, std, source text) of the lead time of a SKU."""
    if supplier is not None and len(lead_times):
        row = lead_times[lead_times["supplier"] == supplier]
        if len(row) and row["received_po_lines"].iloc[0] >= settings.min_supplier_pos:
            r = row.iloc[0]
            return (float(r["lead_time_mean_days"]), float(r["lead_time_std_days"]),
                    f"{int(r['received_po_lines'])} received PO lines of {supplier}")
    if default_days is not None and default_days == default_days:
        return float(default_days), 0.0, "catalog default (not enough received POs)"
    return settings.default_lead_time_days, 0.0, "assumed (no POs, no catalog lead time)"


def daily_path(fc: pd.DataFrame, freq: str, start: pd.Timestamp, days: int) -> np.ndarray:
    """Daily forecast demand for `days` days from `start` (weekly forecasts spread evenly over their 7 days;
    before the first forecast period its rate applies, after the last the horizon's mean rate)."""
    if fc is None or len(fc) == 0:
        return np.zeros(days)
    per = PERIOD_DAYS[freq]
    f = fc.sort_values("ds")
    rates = np.clip(f["yhat"].to_numpy(dtype=float), 0, None) / per
    first = pd.Timestamp(f["ds"].iloc[0])
    idx = np.floor((pd.date_range(start, periods=days, freq="D") - first).days.to_numpy() / per).astype(int)
    out = np.where(idx < 0, rates[0], np.where(idx >= len(rates), rates.mean(), rates[np.clip(idx, 0, len(rates) - 1)]))
    return out.astype(float)


def _stockout_day(on_hand: float, arrivals: np.ndarray, demand: np.ndarray) -> int | None:
    """Index of the first day on which cumulative demand reaches what is on hand plus what has arrived."""
    if demand.sum() <= 0:
        return None
    if on_hand <= 0 and arrivals[0] <= 0:
        return 0
    left = on_hand + np.cumsum(arrivals) - np.cumsum(demand)
    hit = np.flatnonzero(left <= 1e-9)
    return int(hit[0]) if len(hit) else None


def _fmt(x: float, nd: int = 1) -> str:
    if x is None or x != x:
        return "–"
    return f"{x:,.{nd}f}".rstrip("0").rstrip(".") if nd else f"{x:,.0f}"


def plan(forecast, inputs: ReplenishmentInputs, settings: ReplenishmentSettings | None = None) -> ReplenishmentPlan:
    """The replenishment plan: one row per SKU that has a forecast (series_id = SKU) and a stock row."""
    settings = settings or ReplenishmentSettings()
    z = z_for(settings.service_level)
    freq = forecast.config.freq
    per = PERIOD_DAYS[freq]
    as_of = pd.Timestamp(inputs.as_of or pd.Timestamp.today().normalize())
    start = as_of + pd.Timedelta(days=1)
    sel = forecast.selection.set_index("series_id")
    fc_by = {k: g for k, g in forecast.forecast.groupby("series_id")}
    pos_by = {k: g for k, g in inputs.open_pos.groupby("sku")} if len(inputs.open_pos) else {}
    rows = []
    for s in inputs.stock.itertuples(index=False):
        sku = str(s.sku)
        if sku not in sel.index:
            continue
        info = sel.loc[sku]
        lt, lt_sd, lt_src = lead_time_for(s.supplier, s.default_lead_time_days, inputs.lead_times, settings)
        lt_days = max(1, math.ceil(lt))
        horizon = max(PROJECTION_DAYS, lt_days + settings.review_period_days + 1)
        path = daily_path(fc_by.get(sku), freq, start, horizon)
        d = float(path[:lt_days].mean())
        sigma_d = float(info["sigma"]) / math.sqrt(per) if info["sigma"] == info["sigma"] else 0.0
        ss = safety_stock(z, lt, sigma_d, d, lt_sd)
        rop = reorder_point(d, lt, ss)
        on_hand = max(0.0, float(s.on_hand) - float(s.units_sold_since_snapshot or 0))
        on_order = float(s.on_order or 0)
        cover_days = lt_days + settings.review_period_days
        need = float(path[:cover_days].sum()) + ss - on_hand - on_order
        qty = order_quantity(need, s.moq, s.case_pack)
        arrivals = np.zeros(horizon)
        for p in (pos_by.get(sku, pd.DataFrame()).itertuples(index=False) if sku in pos_by else ()):
            eta = pd.Timestamp(p.expected_at) if pd.notna(p.expected_at) else pd.Timestamp(p.ordered_at) + pd.Timedelta(days=lt_days)
            k = max(0, (eta - start).days)
            if k < horizon:
                arrivals[k] += float(p.quantity_open)
        so = _stockout_day(on_hand, arrivals, path)
        stockout_date = (start + pd.Timedelta(days=so)).date() if so is not None else None
        order_by = (start + pd.Timedelta(days=so - lt_days)).date() if so is not None else None
        late = so is not None and so < lt_days
        avg_daily = float(path[:max(1, forecast.config.horizon * per)].mean())
        days_cover = on_hand / avg_daily if avg_daily > 0 else float("inf")
        this_review = (as_of + pd.Timedelta(days=settings.review_period_days)).date()
        soon = (as_of + pd.Timedelta(days=2 * settings.review_period_days)).date()
        if avg_daily <= 0 and on_hand <= 0:
            status = "no demand"
        elif qty > 0 and (order_by is None or order_by <= this_review):
            status = "order now"  # "now" means this review: an order-by date months away is not "now"
        elif qty > 0 and order_by <= soon:
            status = "order soon"
        elif qty > 0:
            status = "planned"  # below the order-up-to level, but the order can wait until its order-by date
        elif late and on_order > 0:
            status = "expedite"
            order_by = None  # nothing new to order: the open PO must come sooner (its date is in the explanation)
        elif order_by is not None and order_by <= soon:
            status = "order soon"
        else:
            status = "ok"
        if order_by is not None and order_by < as_of.date():
            order_by = as_of.date()  # a date already past reads as "today"
        pack = int(s.case_pack) if s.case_pack and s.case_pack > 0 else 1
        # the cost in the reporting currency (NaN where its currency has no rate: the order value is then unknown)
        cost = float("nan") if pd.isna(s.landed_unit_cost_reporting_amount) else float(s.landed_unit_cost_reporting_amount)
        row = {
            "sku": sku, "product_name": s.product_name, "category": s.category, "supplier": s.supplier,
            "status": status, "order_qty": qty, "order_cases": qty // pack, "order_value": qty * cost if qty else 0.0,
            "order_by_date": order_by, "projected_stockout_date": stockout_date,
            "is_stockout_before_lead_time": bool(late), "days_of_cover": days_cover,
            "on_hand": on_hand, "on_order": on_order, "inventory_position": on_hand + on_order,
            "avg_daily_demand": avg_daily, "lead_time_daily_demand": d, "lead_time_demand": d * lt,
            "sigma_daily": sigma_d,
            "lead_time_days": lt, "lead_time_std_days": lt_sd, "lead_time_source": lt_src,
            "safety_stock": ss, "reorder_point": rop, "net_requirement": need, "moq": s.moq, "case_pack": pack,
            "unit_cost": cost, "model": info["model"], "demand_class": info["demand_class"], "wape": info["wape"],
        }
        row["explanation"] = explain(row, settings, as_of.date())
        rows.append(row)
    frame = pd.DataFrame(rows)
    if len(frame):
        order = {"order now": 0, "expedite": 1, "order soon": 2, "planned": 3, "ok": 4, "no demand": 5}
        frame = frame.sort_values(["status", "order_by_date"], key=lambda c: c.map(order) if c.name == "status" else c,
                                  na_position="last").reset_index(drop=True)
    return ReplenishmentPlan(as_of.date(), settings, frame)


def explain(r: dict, settings: ReplenishmentSettings, as_of: dt.date) -> str:
    """One paragraph a buyer can check by hand."""
    svc = f"{settings.service_level:.0%}"
    from .words import method, pattern
    wape = f", forecast error about {r['wape'] * 100:.0f} %" if r["wape"] == r["wape"] and r["wape"] is not None else ""
    demand = (f"Forecast {_fmt(r['lead_time_daily_demand'], 2)} a day over the lead time ({method(r['model']).lower()}, "
              f"{pattern(r['demand_class']).lower()} demand{wape}); lead time {_fmt(r['lead_time_days'])} ± "
              f"{_fmt(r['lead_time_std_days'])} days ({r['lead_time_source']}).")
    stock = f"On hand {_fmt(r['on_hand'], 0)}, on order {_fmt(r['on_order'], 0)}"
    cover = f" — {_fmt(r['days_of_cover'], 0)} days of cover" if math.isfinite(r["days_of_cover"]) else ""
    so = (f" Stock-out projected {r['projected_stockout_date']}." if r["projected_stockout_date"]
          else " No stock-out projected within a year.")
    ss = (f" Safety stock {_fmt(r['safety_stock'], 0)} for {svc} service, reorder point {_fmt(r['reorder_point'], 0)}.")
    if r["status"] == "no demand":
        return f"No forecast demand and nothing on hand: nothing to order. {demand}"
    if r["order_qty"] > 0:
        need, pack = r["net_requirement"], r["case_pack"]
        cases = math.ceil(need / pack - 1e-9)
        rounding = f" Net need {_fmt(need, 1)} units → {cases} case(s) of {pack} = {cases * pack}"
        rounding += (f", raised to the MOQ: {r['order_qty']} ({r['order_cases']} cases)." if r["order_qty"] > cases * pack
                     else ".")
        when = (f" Order now: the stock-out ({r['projected_stockout_date']}) comes before a new order can arrive."
                if r["is_stockout_before_lead_time"] else
                (f" Order by {r['order_by_date']}." if r["order_by_date"] and r["order_by_date"] > as_of
                 else " Order this review."))
        return (f"Order {r['order_qty']} units.{when} {stock}{cover}; demand over lead time + {settings.review_period_days}-day review "
                f"plus safety stock exceeds it.{rounding}{ss}{so} {demand}")
    if r["status"] == "expedite":
        return (f"Expedite the open PO: {stock}{cover}, but the stock-out ({r['projected_stockout_date']}) comes before "
                f"the open order is expected; no new order needed.{ss} {demand}")
    return f"No order needed: {stock}{cover} cover lead time + review plus safety stock.{ss}{so} {demand}"


def draft_po(plan_: ReplenishmentPlan) -> pd.DataFrame:
    """Draft purchase-order lines (grain: supplier × SKU with an order quantity), for the CSV download."""
    f = plan_.to_order
    if f.empty:
        return pd.DataFrame(columns=["supplier", "sku", "product_name", "quantity", "case_pack", "cases", "unit_cost",
                                     "line_value", "order_by_date", "expected_arrival", "note"])
    out = pd.DataFrame({
        "supplier": f["supplier"], "sku": f["sku"], "product_name": f["product_name"], "quantity": f["order_qty"],
        "case_pack": f["case_pack"], "cases": f["order_cases"], "unit_cost": f["unit_cost"].round(2),
        "line_value": (f["order_qty"] * f["unit_cost"]).round(2),
        "order_by_date": f["order_by_date"].fillna(plan_.as_of),
        "expected_arrival": [pd.Timestamp(plan_.as_of) + pd.Timedelta(days=math.ceil(x)) for x in f["lead_time_days"]],
        "note": f["explanation"],
    })
    out["expected_arrival"] = out["expected_arrival"].dt.date
    return out.sort_values(["supplier", "sku"]).reset_index(drop=True)
