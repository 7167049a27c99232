"""The weekly review: KPI tiles for one ISO week against the previous week and the target, sparklines, top movers,
plain-language bullets, alerts, pins and the weekly pack.  Every number comes from the domain modules
(`fulfillment`, `customer`, `marketplace`, `returns`), so the review shows what the pages show.

**RAG** (`rag`).  shortfall = target − value when higher is better, value − target otherwise.
green: shortfall ≤ 0 (target met); amber: 0 < shortfall ≤ 10 % × |target| (missed by at most a tenth of the way
from zero to the target — the settings' "amber band"); red: shortfall > 10 % × |target|; none: no value or no
target.  Example: on-time ship target 96 % → green ≥ 96 %, amber 86.4 % … < 96 %, red < 86.4 %; cost per order
target $9.00 (lower is better) → green ≤ $9.00, amber ≤ $9.90, red above.

**Top movers** (`decompose`): a mix/rate (shift-share) decomposition of the week-on-week change of a ratio KPI
R = ΣN / ΣD over slices i that partition the measured base (orders, responses or units).  With D, D′ the previous and
current totals, shares w_i = D_i / D, w′_i = D′_i / D′, the previous rate r_i = N_i / D_i (the previous overall
rate R where the slice had no base):
    contribution_i = N′_i / D′ − N_i / D − (w′_i − w_i) · R          (Σ contribution_i = R′ − R exactly)
    mix effect_i   = (w′_i − w_i) · (r_i − R)                          (share moved towards a slice better/worse than average)
    rate effect_i  = contribution_i − mix effect_i = w′_i · (r′_i − r_i)  (the slice's own rate moved)
Order-level KPIs are cut by channel, warehouse, carrier (first package), category and SKU — for the last two an
order belongs to its largest line by gross sales, so slices add up; CSAT by channel, warehouse, carrier, category
of the rated order; unit return rate by channel, warehouse, carrier, category and SKU of the returned units.
Quantile KPIs (cycle-time p90) do not split additively and have no movers.

**Alerts**: a red tile (threshold breach); an anomaly, |z| > 2 where z = (value − mean) / standard deviation
(n − 1) of the 8 weeks before, needing at least 4 of them; a marketplace threshold missed in the window ending on
the week's Sunday.  Each alert names the page and filters of its drill-down.

**Unit return rate** uses the event basis here (units returned in the week / units sold in the week, the labelled
alternative of METRICS.md): on the default order basis the latest week's orders have not had time to come back.

**Pins** are immutable JSON snapshots of a review (`state/pins/<id>.json`, id = hash of the numbers); `?pin=<id>`
shows exactly those numbers later, whatever was loaded since.  **The weekly pack** (Excel) and **the weekly brief**
(PDF) are built from a review, live or pinned, in lib/reports.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .. import names
from ...workspace import pins as stored_pins
from ...workspace.pins import PIN_ID, pins  # noqa: F401 (review.pins: the stored pins, newest first)
from ...workspace.settings import DEFAULTS as SETTINGS_DEFAULTS
from .. import customer, fulfillment, marketplace, query
from ..registry import Metric, all_metrics, format_value
from ..rules import AMBER_BAND, rag  # noqa: F401 (review.rag: the one RAG rule)
from .movers import (ANOMALY_MIN_WEEKS, MOVER_COLUMNS, TOP_SLICES, _nan, decompose, decompose_long,  # noqa: F401
                     top_contributor, top_movers, top_movers_long, zscore)
from .narrative import RAG_ORDER, _bullets, _change_text  # noqa: F401

TILE_KPIS = ("on_time_ship_rate", "on_time_delivery_rate", "otif_rate", "perfect_order_rate", "fulfillment_accuracy",
             "cycle_time_p90_hours", "cost_per_order", "cancellation_rate", "csat", "unit_return_rate")
TREND_WEEKS = 12
ANOMALY_WEEKS, ANOMALY_Z = 8, 2.0  # an anomaly: |z| > ANOMALY_Z against the ANOMALY_WEEKS before
DIMENSION_LABELS = {"channel": "channel", "warehouse": "warehouse", "carrier": "carrier", "category": "category",
                    "sku": "SKU"}
# dimension of the movers -> dimension of fulfillment.breakdown / customer.csat_breakdown / returns facts
FULFILLMENT_DIMS = {"channel": "channel", "warehouse": "warehouse", "carrier": "carrier",
                    "category": "primary_category", "sku": "primary_sku"}
CSAT_DIMS = {"channel": "channel", "warehouse": "warehouse", "carrier": "carrier", "category": "primary_category"}
RETURNS_DIMS = ("channel", "warehouse", "carrier", "category", "sku")
FILTER_OF = {"channel": "channels", "warehouse": "warehouses", "carrier": "carriers"}  # slices a link can filter on
PAGE_OF = {"fulfillment": "fulfillment", "customer": "fulfillment", "marketplace": "fulfillment", "returns": "returns"}
# where each KPI's drill-down lands: (page url_path, tab label); the tab travels as the page's `<page>_tab` parameter


def tab_param(page: str) -> str:
    """The URL parameter holding a page's open tab (the key of its bound st.tabs)."""
    return f"{page}_tab"


DRILL_DOWN = {"on_time_ship_rate": ("fulfillment", "Rates & drill-down"),
              "on_time_delivery_rate": ("fulfillment", "Rates & drill-down"),
              "otif_rate": ("fulfillment", "Rates & drill-down"), "in_full_rate": ("fulfillment", "Rates & drill-down"),
              "perfect_order_rate": ("fulfillment", "Perfect order"),
              "fulfillment_accuracy": ("fulfillment", "Rates & drill-down"),
              "cycle_time_p90_hours": ("fulfillment", "Cycle time"), "cost_per_order": ("fulfillment", "Cost per order"),
              "cancellation_rate": ("fulfillment", "Marketplace & customer"),
              "csat": ("fulfillment", "Marketplace & customer"), "unit_return_rate": ("returns", "Trend"),
              "marketplace": ("fulfillment", "Marketplace & customer")}
MIN_SAMPLE = SETTINGS_DEFAULTS["planning"]["min_sample"]  # the default of settings["planning"]["min_sample"]
STAGE_COLUMNS = ("processing_hours_median", "dock_hours_median", "transit_hours_median", "cycle_hours_median",
                 "click_to_door_hours_median", "processing_hours_p90", "dock_hours_p90", "transit_hours_p90",
                 "cycle_hours_p90", "click_to_door_hours_p90")
COST_COLUMNS = ("label_cost_per_order", "tpl_cost_per_order", "packaging_cost_per_order", "labor_cost_per_order",
                "cost_per_order", "shipping_charged_per_order", "net_shipping_cost_per_order")


# ------------------------------------------------------------------------------------------------ weeks


def parse_week(week: str) -> tuple[dt.date, dt.date]:
    """'2026-W12' -> (Monday, Sunday) of that ISO week; ValueError otherwise."""
    m = re.fullmatch(r"(\d{4})-W(\d{2})", str(week).strip())
    if not m:
        raise ValueError(f"week must look like 2026-W12, not {week!r}")
    monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    return monday, monday + dt.timedelta(days=6)


def week_label(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def weeks(con):
    """Weeks that have orders, newest first (grain: week; columns week_start, orders, is_complete, week, label)."""
    df = query(con, "review__weeks")
    days = [pd.Timestamp(d).date() for d in df["week_start"]]
    df["week"] = [week_label(d) for d in days]
    df["label"] = [f"{week_label(d)} ({d:%d %b} – {d + dt.timedelta(days=6):%d %b %Y})" + ("" if done else " — in progress")
                   for d, done in zip(days, df["is_complete"])]
    return df


def default_week(con) -> str | None:
    """The latest complete week with orders (else the latest week), or None without orders."""
    df = weeks(con)
    if df.empty:
        return None
    done = df[df["is_complete"]]
    return (done if len(done) else df)["week"].iloc[0]


# ------------------------------------------------------------------------------------------------ the review


@dataclass(frozen=True)
class Tile:
    key: str
    name: str
    unit: str
    value: float | None
    previous: float | None
    change: float | None
    target: float | None
    higher_is_better: bool
    rag: str
    measured: float | None  # orders / responses / units the value was measured on
    z: float | None  # against the 8 weeks before
    domain: str


@dataclass(frozen=True)
class Alert:
    kind: str  # 'threshold' | 'anomaly' | 'marketplace'
    kpi: str
    severity: str  # 'red' | 'amber'
    message: str
    page: str  # url_path of the drill-down page
    query: dict  # its filters, in the URL form of lib.metrics.filters.Filters


@dataclass(frozen=True)
class WeeklyReview:
    week: str
    week_start: str
    week_end: str
    previous_week: str
    filters: dict  # channels / warehouses / carriers / categories the review is scoped to (empty = all)
    data_version: int
    generated_at: str
    orders: int
    previous_orders: int
    tiles: tuple = ()
    weekly: tuple = ()  # records, one per week of the trend window (grain: week)
    movers: tuple = ()  # records (grain: kpi × dimension × slice, top slices + 'Other')
    marketplace: tuple = ()  # records of marketplace.health at the week's Sunday
    order_defects: tuple = ()  # records of customer.order_defects at the week's Sunday
    alerts: tuple = ()
    bullets: tuple = ()
    notes: tuple = ()
    currency: str = "USD"  # the reporting currency of every money figure

    def frame(self, name: str) -> pd.DataFrame:
        """'tiles' | 'weekly' | 'movers' | 'marketplace' | 'order_defects' | 'alerts' as a DataFrame."""
        rows = getattr(self, name)
        if name in ("tiles", "alerts"):
            rows = [asdict(r) for r in rows]
        return pd.DataFrame(list(rows))

    def tile(self, key: str) -> Tile | None:
        return next((t for t in self.tiles if t.key == key), None)

    def sparkline(self, key: str) -> pd.DataFrame:
        """(week_start, value) of one KPI over the trend window."""
        w = self.frame("weekly")
        if w.empty or key not in w:
            return pd.DataFrame(columns=["week_start", "value"])
        return pd.DataFrame({"week_start": pd.to_datetime(w["week_start"]), "value": w[key].astype("float64")})

    def mover_choices(self) -> dict[str, list[str]]:
        """KPI -> the dimensions its change was split by (in tile and DIMENSION_LABELS order)."""
        out: dict[str, list[str]] = {}
        for r in self.movers:
            dims = out.setdefault(r["kpi"], [])
            if r["dimension"] not in dims:
                dims.append(r["dimension"])
        return {k: sorted(v, key=list(DIMENSION_LABELS).index) for k, v in out.items()}

    def movers_of(self, kpi: str, dimension: str) -> pd.DataFrame:
        """The top movers of one KPI by one dimension (grain: slice, plus 'Other')."""
        return pd.DataFrame([r for r in self.movers if r["kpi"] == kpi and r["dimension"] == dimension])

    def to_dict(self) -> dict:
        return json.loads(json.dumps(asdict(self), default=_json_default, allow_nan=False))

    @classmethod
    def from_dict(cls, d: dict) -> "WeeklyReview":
        d = dict(d)
        d["tiles"] = tuple(Tile(**t) for t in d.get("tiles", ()))
        for k in ("weekly", "movers", "marketplace", "order_defects", "bullets", "notes"):
            d[k] = tuple(d.get(k, ()))
        # a review pinned by an older Opsdesk wrote slice codes ("channel amazon"): read as display names now
        slices = [(r.get("dimension"), r.get("slice")) for r in d["movers"]]
        d["alerts"] = tuple(Alert(**{**a, "message": names.humanise(a["message"], slices)}) for a in d.get("alerts", ()))
        d["bullets"] = tuple(names.humanise(b, slices) for b in d["bullets"])
        d["notes"] = tuple(names.humanise(n, slices) for n in d["notes"])
        return cls(**d)


def _num(v):
    """A plain float (None for missing), for JSON."""
    if v is None or _nan(v):
        return None
    return float(v)


def _json_default(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    return str(v)


def _records(df: pd.DataFrame) -> tuple:
    out = []
    for row in df.to_dict("records"):
        rec = {}
        for k, v in row.items():
            if isinstance(v, (pd.Timestamp, dt.datetime)):
                v = v.date().isoformat() if v == pd.Timestamp(v).normalize() else pd.Timestamp(v).isoformat()
            elif isinstance(v, dt.date):
                v = v.isoformat()
            elif v is None or _nan(v):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            if isinstance(v, float) and not math.isfinite(v):
                v = None
            rec[str(k)] = v
        out.append(rec)
    return tuple(out)


def _returns_module():
    """lib.metrics.returns when it offers the unit return rate (its `rates` and the facts SQL it is computed from,
    returns__facts.sql, which the review aggregates per week and slice), else None."""
    try:
        from .. import SQL_DIR, returns
    except ImportError:
        return None
    return returns if hasattr(returns, "rates") and (SQL_DIR / "returns__facts.sql").exists() else None


def _metrics() -> dict[str, Metric]:
    return {m.key: m for m in all_metrics()}


def _week_params(params: dict, start: dt.date, end: dt.date) -> dict:
    return {"channels": list(params.get("channels") or []), "warehouses": list(params.get("warehouses") or []),
            "carriers": list(params.get("carriers") or []), "categories": list(params.get("categories") or []),
            "start": start, "end": end}


def _returns_by_week(con, params: dict, start: dt.date, slices_from: dt.date) -> pd.DataFrame:
    """Units sold and returned per week, overall and per slice (review__return_slices.sql over returns__facts.sql)."""
    p = {**params, "start": start, "basis": "event", "dimension": "all", "slices_from": slices_from}
    return query(con, "review__return_slices", p)


def _fetch(con, params: dict, mondays: list[dt.date], returns) -> dict[str, pd.DataFrame]:
    """The queries of a review: every KPI per week over the trend window, and per slice over its last two weeks."""
    end = mondays[-1] + dt.timedelta(days=6)
    trend, two = _week_params(params, mondays[0], end), _week_params(params, mondays[-2], end)
    out = {"fulfillment": fulfillment.weekly_summary(con, trend),
           "fulfillment_slices": fulfillment.breakdown(con, two, tuple(FULFILLMENT_DIMS.values()), by_week=True),
           "csat": customer.csat_breakdown(con, trend, ("all", *CSAT_DIMS.values()), by_week=True)}
    if returns is not None:
        out["returns"] = _returns_by_week(con, trend, mondays[0], mondays[-2])
    return out


def _weekly_frame(data: dict, mondays: list[dt.date]) -> pd.DataFrame:
    """One row per week of the trend window: every tile KPI (column = registry key), what it was measured on, the
    cycle-time stages and the cost stack."""
    out = pd.DataFrame({"week_start": pd.to_datetime(mondays)})
    f = data["fulfillment"].assign(week_start=lambda d: pd.to_datetime(d["week_start"]))
    for key, (value, _) in fulfillment.KPI_FIELDS.items():
        if value != key:
            f[key] = f[value]
    out = out.merge(f, on="week_start", how="left")
    c = data["csat"]
    c = c[c["dimension"] == "all"]
    c = pd.DataFrame({"week_start": pd.to_datetime(c["period"]), "csat": c["csat"].astype("float64"),
                      "csat_responses": c["responses"], "csat_mean_score": c["mean_score"].astype("float64")})
    out = out.merge(c, on="week_start", how="left")
    if "returns" in data:
        r = data["returns"]
        r = r[r["dimension"] == "all"]
        sold = r["units_sold"].astype("float64")
        r = pd.DataFrame({"week_start": pd.to_datetime(r["period"]), "units_sold": sold,
                          "units_returned": r["units_returned"].astype("float64"),
                          "unit_return_rate": r["units_returned"].astype("float64") / sold.where(sold > 0)})
        out = out.merge(r, on="week_start", how="left")
    out["orders"] = out["orders"].fillna(0)
    return out


MEASURED = {**{k: m for k, (_, m) in fulfillment.KPI_FIELDS.items()}, "csat": "csat_responses",
            "unit_return_rate": "units_sold"}


def _slices(data: dict, prev_monday: dt.date) -> pd.DataFrame:
    """Numerator and denominator of every splittable tile KPI per dimension and slice, for the review week and the
    week before (grain: kpi × dimension × period × slice; period 'prev' | 'cur'; the input of decompose_long)."""
    def period(days):
        return np.where(pd.to_datetime(days).dt.date == prev_monday, "prev", "cur")

    frames = []
    b = data["fulfillment_slices"]
    dims, per = b["dimension"].map({v: k for k, v in FULFILLMENT_DIMS.items()}), period(b["period"])
    for kpi, (value, measured) in fulfillment.KPI_FIELDS.items():
        if kpi in TILE_KPIS and kpi != "cycle_time_p90_hours":
            den = b[measured].astype("float64")
            frames.append(pd.DataFrame({"kpi": kpi, "dimension": dims, "slice": b["slice"], "period": per,
                                        "numerator": b[value].astype("float64").fillna(0) * den, "denominator": den}))
    two_weeks = [prev_monday, prev_monday + dt.timedelta(days=7)]
    cs = data["csat"]
    cs = cs[(cs["dimension"] != "all") & pd.to_datetime(cs["period"]).dt.date.isin(two_weeks)]
    frames.append(pd.DataFrame({"kpi": "csat", "dimension": cs["dimension"].map({v: k for k, v in CSAT_DIMS.items()}),
                                "slice": cs["slice"], "period": period(cs["period"]),
                                "numerator": cs["satisfied_responses"].astype("float64"),
                                "denominator": cs["responses"].astype("float64")}))
    if "returns" in data:
        r = data["returns"]
        r = r[(r["dimension"] != "all") & pd.to_datetime(r["period"]).dt.date.isin(two_weeks)]
        frames.append(pd.DataFrame({"kpi": "unit_return_rate", "dimension": r["dimension"], "slice": r["slice"],
                                    "period": period(r["period"]), "numerator": r["units_returned"].astype("float64"),
                                    "denominator": r["units_sold"].astype("float64")}))
    return pd.concat(frames, ignore_index=True)


def _filters_query(params: dict, start: dt.date, end: dt.date, extra: dict | None = None) -> dict:
    from ..filters import Filters
    f = Filters(start, end, channels=tuple(params.get("channels") or ()), warehouses=tuple(params.get("warehouses") or ()),
                carriers=tuple(params.get("carriers") or ()), categories=tuple(params.get("categories") or ()),
                period="custom")
    q = f.to_query()
    for k, v in (extra or {}).items():
        q[k] = v
    return q


def drill_down(kpi: str, domain: str = "") -> tuple[str, dict]:
    """The page and its extra parameters (the tab) where a KPI's alert drills down."""
    page, tab = DRILL_DOWN.get(kpi) or (PAGE_OF.get(domain, "fulfillment"), None)
    return page, ({tab_param(page): tab} if tab else {})


def _alerts(tiles, movers: pd.DataFrame, health: pd.DataFrame, params: dict, start: dt.date, end: dt.date,
            metrics: dict, currency: str = "USD", min_sample: int = MIN_SAMPLE) -> list[Alert]:
    """Red tiles and anomalies that are worse than usual (a better-than-usual week is not a problem), never on a
    sample smaller than `min_sample`; each drills down to the page and tab of its KPI, filtered to the slice
    that contributed most to the worsening (the one the bullets name)."""
    out = []
    for t in tiles:
        m = metrics[t.key]
        if t.measured is not None and t.measured < min_sample:
            continue
        page, tab = drill_down(t.key, t.domain)
        extra, why = dict(tab), ""
        # the week's change, when it went the wrong way, explained by the same slice the bullets name; a week that
        # improved but still misses the target has no "drag" to name
        worsened = t.change is not None and t.change != 0 and (t.change > 0) != t.higher_is_better
        top = top_contributor(movers, t.key, t.change) if worsened else None
        if top is not None:
            if top["dimension"] in FILTER_OF:
                extra[FILTER_OF[top["dimension"]]] = top["slice"]
            why = (f" Largest drag: {names.slice_label(top['dimension'], top['slice'])} "
                   f"({_change_text(m, top['contribution'])}).")
        if t.rag == "red":
            out.append(Alert("threshold", t.key, "red",
                             f"{t.name} is {format_value(m, t.value, currency)} against a target of {format_value(m, t.target, currency)}, "
                             f"missed by more than {AMBER_BAND * 100:.0f} % of the target.{why}",
                             page, _filters_query(params, start, end, extra)))
        if t.z is not None and abs(t.z) > ANOMALY_Z and (t.z > 0) != t.higher_is_better:
            out.append(Alert("anomaly", t.key, "red",
                             f"{t.name} is {format_value(m, t.value, currency)}, {abs(t.z):.1f} standard deviations "
                             f"{'above' if t.z > 0 else 'below'} its mean of the {ANOMALY_WEEKS} weeks before "
                             f"(worse than usual).{why}",
                             page, _filters_query(params, start, end, extra)))
    for r in health[health["status"] == "breach"].itertuples(index=False):
        limit = f"{'under' if r.comparison == 'below' else 'at least'} {r.threshold * 100:.1f} %"
        out.append(Alert("marketplace", r.metric, "red",
                         f"{names.display('channel', r.channel)}: {r.metric_name.lower()} {r.rate * 100:.1f} % over the {r.window_days} days to "
                         f"{r.window_end} ({int(r.numerator or 0):,} of {int(r.denominator):,}); the marketplace asks "
                         f"for {limit}.", DRILL_DOWN["marketplace"][0],
                         _filters_query({**params, "channels": [r.channel]}, r.window_start, r.window_end,
                                        {tab_param(DRILL_DOWN["marketplace"][0]): DRILL_DOWN["marketplace"][1]})))
    return out


def weekly_review(con, week: str, params: dict, targets: dict | None = None, now: dt.datetime | None = None,
                  min_sample: int = MIN_SAMPLE) -> WeeklyReview:
    """The review of ISO `week` ('2026-W12') for the shared dimension filters in `params` (its dates are ignored)
    and the KPI `targets` of the settings ({kpi: {'target', 'higher_is_better'}})."""
    start, end = parse_week(week)
    prev_start = start - dt.timedelta(days=7)
    mondays = [start - dt.timedelta(weeks=k) for k in range(TREND_WEEKS - 1, -1, -1)]
    targets = targets or {}
    metrics = _metrics()
    returns = _returns_module()
    data = _fetch(con, params, mondays, returns)
    weekly = _weekly_frame(data, mondays)
    kpis = [k for k in TILE_KPIS if k in weekly.columns and k in metrics]
    tiles = []
    for key in kpis:
        m = metrics[key]
        series = weekly[key].astype("float64")
        value, previous = _num(series.iloc[-1]), _num(series.iloc[-2]) if len(series) > 1 else None
        tgt = targets.get(key) or {}
        hib = bool(tgt.get("higher_is_better", m.higher_is_better))
        target = _num(tgt.get("target"))
        name = m.name
        measured_col = MEASURED.get(key)
        measured = _num(weekly[measured_col].iloc[-1]) if measured_col in weekly else None
        tiles.append(Tile(key, name, m.unit, value, previous,
                          None if value is None or previous is None else value - previous, target, hib,
                          # below the minimum sample a tile is never red (nor green): "none", with its n shown
                          "none" if measured is not None and measured < min_sample else rag(value, target, hib),
                          measured,
                          zscore(series.iloc[-1 - ANOMALY_WEEKS:-1].tolist(), value), m.domain))
    moved = [t.key for t in tiles if t.change is not None and abs(t.change) > 1e-12]
    slices = _slices(data, prev_start)
    # a dimension with one slice carries the whole change: nothing to learn from it
    movers_df = top_movers_long(decompose_long(slices[slices["kpi"].isin(moved)], min_slices=2))
    order = {k: i for i, k in enumerate(TILE_KPIS)}
    movers_df = movers_df.sort_values(["kpi", "dimension"], key=lambda c: c.map(order) if c.name == "kpi" else
                                      c.map({d: i for i, d in enumerate(DIMENSION_LABELS)}), kind="stable")
    defects = customer.order_defects(con, _week_params(params, start, end))
    health = marketplace.health(con, _week_params(params, start, end), as_of=end, defects=defects)
    snap = query(con, "review__snapshot").iloc[0]
    version, currency = int(snap["version"] or 0), str(snap["reporting_currency"] or "USD")
    alerts = _alerts(tiles, movers_df, health, params, start, end, metrics, currency, min_sample)
    this_orders, prev_orders = int(weekly["orders"].iloc[-1]), int(weekly["orders"].iloc[-2])
    notes = ["Unit return rate: event basis (units returned in the week / units sold in the week); on the default "
             "order basis the latest orders have not had time to come back."] if returns else \
            ["Unit return rate is left out: lib.metrics.returns does not offer it yet."]
    notes.append("Order defect rate counts negative feedback only (CSAT 1–2 naming the order): claims and "
                 "chargebacks are not in any export Opsdesk reads.")
    return WeeklyReview(
        week=week_label(start), week_start=start.isoformat(), week_end=end.isoformat(),
        previous_week=week_label(prev_start),
        filters={k: list(params.get(k) or []) for k in ("channels", "warehouses", "carriers", "categories")},
        data_version=version, generated_at=(now or dt.datetime.now()).isoformat(timespec="seconds"),
        orders=this_orders, previous_orders=prev_orders, tiles=tuple(tiles), weekly=_records(weekly),
        movers=_records(movers_df), marketplace=_records(health), order_defects=_records(defects),
        alerts=tuple(alerts),
        bullets=tuple(_bullets(week_label(start), week_label(prev_start), this_orders, prev_orders, tiles, movers_df,
                               alerts, metrics, currency)),
        notes=tuple(notes), currency=currency)


# ------------------------------------------------------------------------------------------------ pins
# kept in the workspace (lib.workspace.pins); the review turns itself into the stored body and back


def pin(ws, review: WeeklyReview) -> str:
    """Store the review as an immutable JSON snapshot; returns its id (the same numbers give the same id, and an
    existing pin is never overwritten)."""
    return stored_pins.pin(ws, review.to_dict())


def load_pin(ws, pin_id: str) -> tuple[WeeklyReview, str] | None:
    """(the pinned review, when it was pinned), or None for an unknown or malformed id."""
    stored = stored_pins.load_pin(ws, pin_id)
    return None if stored is None else (WeeklyReview.from_dict(stored[0]), stored[1])
