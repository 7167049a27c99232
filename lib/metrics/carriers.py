"""Carrier and 3PL scorecards (METRICS.md "Carriers and 3PL"): scorecard per carrier × service, composite score and
ranking, weekly trend, 3PL ship-SLA audit at carrier pickup, rate-shopping what-if per lane, dimensional weight,
and the data behind a QBR workbook.

Date basis: ship date (carrier pickup, else label print; the order date for packages with neither) for carrier
KPIs; order date for the 3PL ship-SLA audit (the ship-by is a promise made when the order is placed).

Every function takes the shared-filter parameters (`Filters.as_params()`) and optionally the carrier page's own
filters (`zones`, `regions`, `weight_bands`); `scope_params` fills what is missing.  Weights and targets come from
the workspace settings (`carrier_score_weights`, `targets`); what a (partial) settings dict lacks falls back to
`lib.workspace.settings.DEFAULTS`, the one place their defaults are written.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import UNKNOWN_PARAMS, label_unknown, query
from ..workspace.settings import DEFAULTS as SETTINGS_DEFAULTS
from ..warehouse import seed_rows
from . import rules
from .registry import Metric
from .rules import AMBER_BAND

# ---------------------------------------------------------------- business mappings (data, passed as $params)

WEIGHT_BAND_EDGES_LB = (1.0, 2.0, 5.0, 10.0, 20.0, 50.0)  # bands on billed weight (else actual)
# first matching pattern (lower-case substring of the service name) wins: the seed lib/warehouse/seeds/service_levels.csv
SERVICE_LEVELS = tuple((r["pattern"], r["service_level"]) for r in seed_rows("service_levels"))
DEFAULT_SERVICE_LEVEL = "Ground / economy"
STANDARD_BOXES_IN = (  # L × W × H in inches, the corrugated sizes most shippers stock
    (6, 4, 4), (8, 6, 4), (10, 8, 4), (10, 8, 6), (12, 10, 6), (12, 10, 8), (14, 12, 8), (16, 12, 10),
    (18, 14, 12), (20, 16, 12), (24, 18, 12), (24, 18, 18),
)
PEAK_WINDOW = ("11-15", "12-31")  # every year, 'MM-DD', plus dim_promotions events of type 'peak'
# the carrier KPIs held to a target (lib.workspace.settings' defaults); the pickup SLA is held to the settings' on_time_ship_rate
CARRIER_TARGET_KEYS = ("on_time_delivery_rate", "transit_p90_business_days", "first_scan_lag_p90_hours", "damage_rate",
                       "billed_above_quote_rate", "pickup_sla_rate")
TARGET_ALIASES = {"pickup_sla_rate": "on_time_ship_rate"}
COMPONENTS = {  # composite component -> (scorecard column, higher is better)
    "on_time": ("on_time_delivery_rate", True),
    "transit_p90": ("transit_p90_business_days", False),
    "damage": ("damage_rate", False),
    "cost": ("cost_per_package", False),
}
MIN_SHIPMENTS = 30  # rows with fewer packages are shown but not scored or ranked
SLOW_FIRST_SCAN_HOURS = 48.0
ROW_LIMIT = 5000

_SRC = ("fct_shipments", "fct_orders", "fct_returns")
METRICS = (
    Metric("carrier_on_time_delivery_rate", "Carrier on-time delivery", "Packages delivered on or before the end of "
           "the promised date, over delivered packages with a promise; by carrier, service, zone, warehouse, lane.",
           "on-time delivered packages / delivered packages with a promise", "ship date", _SRC, "%"),
    Metric("transit_p90_business_days", "Transit time (p90)", "Business days from first scan (else ship date) to "
           "delivery; median and p90. Zone-normalised view: transit ÷ the zone's median across carriers.",
           "p90(business days first scan → delivered)", "ship date", _SRC + ("dim_calendar",), "days", False),
    Metric("first_scan_lag_p90_hours", "First-scan lag (p90)", "Hours from label print to the carrier's first scan "
           "(pickup); median and p90.", "p90(first scan − label created)", "ship date", _SRC, "hours", False),
    Metric("damage_rate", "Damage / loss rate", "Packages marked damaged or lost, or whose order has a carrier-damage "
           "return (counted on the order's first package), over packages.", "damaged or lost packages / packages",
           "ship date", _SRC, "%", False),
    Metric("cost_per_package", "Cost per package", "Billed label cost (incl. adjustments and surcharges) / packages; "
           "also per billed lb and per on-time-delivered package (cost of packages measured for on-time / on-time "
           "ones). Billed vs quoted = invoice amount − label quote.", "billed label cost / packages", "ship date",
           _SRC, "$", False, alternative="cost per billed lb; cost per on-time-delivered package"),
    Metric("dim_billed_rate", "Billed on dimensional weight", "Packages whose dim weight (L × W × H / divisor, "
           "default 139 in³/lb) exceeds the actual weight and lifts the billed weight = max(actual, dim) above what "
           "the actual weight alone bills (whole pounds, rounded up); each is a packaging opportunity. Savings of a "
           "smaller box are priced at the marginal label cost per billed lb.",
           "dim-billed packages / packages with dims", "ship date", _SRC, "%", False),
    Metric("pickup_sla_rate", "3PL ship SLA (at pickup)", "Orders picked up by the carrier (first scan) by the ship-by "
           "(channel's — a date without a time meaning the end of that day — else SLA cut-off + handling business "
           "days), over shipped orders with a pickup scan, per warehouse / 3PL, peak (15 Nov – 31 Dec and 'peak' "
           "events) vs normal; Amazon-fulfilled orders left out. The label-print rate is shown beside it: the gap "
           "is what label timing hides.",
           "orders picked up by ship-by / shipped orders with a pickup scan", "order date",
           ("fct_orders", "dim_promotions", "dim_calendar"), "%",
           alternative="label-print timing (first label ≤ ship-by), reported as the gap"),
    Metric("carrier_composite_score", "Carrier composite score", "Weighted sum of on-time, transit p90, damage and "
           "cost per package, each normalised 0–1 across the carriers compared (best = 1); weights from settings "
           "(default 40/20/20/20), carriers under the minimum volume are not scored.",
           "Σ weight × normalised component / Σ weight", "ship date", _SRC, "score"),
)


# ---------------------------------------------------------------- parameters and running the SQL


def band_labels(edges=WEIGHT_BAND_EDGES_LB) -> list[str]:
    """Labels of the weight bands: '< 1 lb', '1–2 lb', …, '50+ lb' (index i ↔ weight_band_order i + 1)."""
    def f(x):
        return f"{x:g}"
    out = [f"< {f(edges[0])} lb"]
    out += [f"{f(a)}–{f(b)} lb" for a, b in zip(edges, edges[1:])]
    return out + [f"{f(edges[-1])}+ lb"]


def scope_params(params: dict, **extra) -> dict:
    """A new parameter dict: the shared filters plus the carrier filters and mappings (defaults for what is missing)."""
    out = {"zones": [], "regions": [], "weight_bands": [],
           "band_edges": [float(e) for e in WEIGHT_BAND_EDGES_LB], "band_labels": band_labels(),
           "level_patterns": [p for p, _ in SERVICE_LEVELS], "level_names": [n for _, n in SERVICE_LEVELS],
           "default_level": DEFAULT_SERVICE_LEVEL,
           "box_volumes": [float(l * w * h) for l, w, h in sorted(STANDARD_BOXES_IN, key=lambda b: b[0] * b[1] * b[2])],
           "box_labels": [f"{l}×{w}×{h} in" for l, w, h in sorted(STANDARD_BOXES_IN, key=lambda b: b[0] * b[1] * b[2])],
           "peak_from": PEAK_WINDOW[0], "peak_to": PEAK_WINDOW[1],
           "lag_hours": SLOW_FIRST_SCAN_HOURS, "row_limit": ROW_LIMIT, **UNKNOWN_PARAMS}
    out.update({k: v for k, v in params.items()})
    out.update(extra)
    for k in ("zones", "regions", "weight_bands", "channels", "warehouses", "carriers", "categories"):
        if k in out:
            out[k] = [str(v) for v in (out[k] or [])]
    return out


def _run(con, name: str, params: dict) -> pd.DataFrame:
    """`carriers__<name>.sql` (composed with the scoped relations it reads) with the shared and carrier filters."""
    return query(con, f"carriers__{name}", scope_params(params))


def shipments(con, params: dict) -> pd.DataFrame:
    """The packages in scope with lane, damage and dim flags (grain: one row per package)."""
    return _run(con, "shipments", params)


def filter_options(con, params: dict) -> dict[str, list[str]]:
    """Values the carrier page offers for its own filters (zone, destination region, weight band), within the shared
    filters but ignoring the carrier filters themselves."""
    base = {**params, "zones": [], "regions": [], "weight_bands": []}
    df = shipments(con, base)
    bands = df.drop_duplicates("weight_band").sort_values("weight_band_order")["weight_band"].tolist()
    return {"zones": sorted(df["zone"].dropna().unique().tolist(), key=_natural),
            "regions": sorted(df["destination_region"].dropna().unique().tolist()),
            "weight_bands": bands}


def _natural(v: str):
    return (0, int(v), "") if str(v).isdigit() else (1, 0, str(v))


# ---------------------------------------------------------------- targets, RAG and the composite score


def weights_from(settings: dict | None) -> dict[str, float]:
    w = {k: float(v) for k, v in SETTINGS_DEFAULTS["carrier_score_weights"].items()}
    w.update({k: float(v) for k, v in ((settings or {}).get("carrier_score_weights") or {}).items() if k in COMPONENTS})
    return w


def targets_from(settings: dict | None) -> dict[str, dict]:
    """Carrier KPI targets: settings["targets"] where defined (also under an alias), else the settings' defaults."""
    given = (settings or {}).get("targets") or {}
    defaults = SETTINGS_DEFAULTS["targets"]
    out = {}
    for key in CARRIER_TARGET_KEYS:
        alias = TARGET_ALIASES.get(key, key)
        default = defaults[alias]
        t = given.get(key) or given.get(alias) or default
        out[key] = {"target": float(t["target"]), "higher_is_better": bool(t.get("higher_is_better", default["higher_is_better"]))}
    for key in ("cost_per_package", "cost_per_billed_lb"):  # optional: RAG only when the settings define one
        if key in given:
            out[key] = {"target": float(given[key]["target"]), "higher_is_better": bool(given[key].get("higher_is_better", False))}
    return out


def rag(value, target: float, higher_is_better: bool, band: float = AMBER_BAND) -> str | None:
    """The one RAG rule (lib.metrics.rules.rag); None instead of 'none' without a value (a table cell left blank)."""
    r = rules.rag(value, target, higher_is_better, band)
    return None if r == "none" else r


def add_rag(df: pd.DataFrame, targets: dict) -> pd.DataFrame:
    """Copy of `df` with a `rag_<kpi>` column for every KPI column that has a target."""
    out = df.copy()
    for key, t in targets.items():
        if key in out.columns:
            out[f"rag_{key}"] = [rag(v, t["target"], t["higher_is_better"]) for v in out[key]]
    return out


def composite(df: pd.DataFrame, weights: dict, min_shipments: int = MIN_SHIPMENTS) -> pd.DataFrame:
    """Copy of `df` with `score_<component>` (0–1, best = 1, min–max across the rows scored), `composite_score` and
    `rank` (1 = best). A row is scored when it has at least `min_shipments` packages and a value for every component
    that any such row has (a component no row measures, cost when no costs are loaded say, drops out for all); a
    component equal on all scored rows scores 1."""
    out = df.copy()
    eligible = out["shipments"] >= min_shipments
    present = [c for c, (col, _) in COMPONENTS.items()
               if float(weights.get(c, 0.0)) > 0 and out.loc[eligible, col].notna().any()]
    scored = eligible.copy()
    for c in present:
        scored &= out[COMPONENTS[c][0]].notna()
    num = pd.Series(0.0, index=out.index)
    den = 0.0
    for comp, (col, higher) in COMPONENTS.items():
        x = out[col].astype(float).where(scored)
        lo, hi = x.min(), x.max()
        if pd.isna(lo):
            s = x * float("nan")
        elif hi - lo < 1e-12:
            s = x.where(x.isna(), 1.0)
        else:
            s = (x - lo) / (hi - lo) if higher else (hi - x) / (hi - lo)
        out[f"score_{comp}"] = s
        if comp in present:
            w = float(weights.get(comp, 0.0))
            num += s.fillna(0.0) * w
            den += w
    out["composite_score"] = (num / den).where(scored) if den > 0 else float("nan")
    out["rank"] = out["composite_score"].rank(ascending=False, method="min").astype("Int64")
    return out


# ---------------------------------------------------------------- scorecard and trend


@dataclass(frozen=True)
class Scorecard:
    """by_carrier: one row per carrier; by_service: one row per carrier × service. Both carry the KPIs, rag_<kpi>,
    score_<component>, composite_score and rank (scored within their own level)."""
    by_carrier: pd.DataFrame
    by_service: pd.DataFrame
    weights: dict
    targets: dict
    min_shipments: int


def scorecard(con, params: dict, settings: dict | None = None, min_shipments: int = MIN_SHIPMENTS) -> Scorecard:
    """The carrier scorecard over the packages in scope (see the module docstring for filters)."""
    raw = _run(con, "scorecard", params)
    weights, targets = weights_from(settings), targets_from(settings)
    parts = {}
    for level in ("carrier", "carrier × service"):
        part = raw[raw["level"] == level].drop(columns=["level"]).reset_index(drop=True)
        if level == "carrier":
            part = part.drop(columns=["service"])
        part = add_rag(composite(part, weights, min_shipments), targets)
        parts[level] = part.sort_values(["rank", "shipments"], ascending=[True, False], na_position="last").reset_index(drop=True)
    return Scorecard(parts["carrier"], parts["carrier × service"], weights, targets, min_shipments)


def weekly(con, params: dict, settings: dict | None = None, min_shipments: int = 1) -> pd.DataFrame:
    """Scorecard components and the composite (normalised across carriers within each week) per carrier and ship
    week (grain: carrier × week)."""
    df = _run(con, "weekly", params)
    if df.empty:
        return df.assign(composite_score=pd.Series(dtype=float))
    weights = weights_from(settings)
    parts = [composite(g.reset_index(drop=True), weights, min_shipments) for _, g in df.groupby("week_start", sort=True)]
    out = pd.concat(parts, ignore_index=True)
    return out.drop(columns=[c for c in out.columns if c.startswith("score_")] + ["rank"])


def transit_by_zone(con, params: dict) -> pd.DataFrame:
    """Zone-normalised transit: median business days per carrier and zone beside the zone's median across carriers
    (grain: carrier × zone)."""
    df = shipments(con, params)
    df = df[df["transit_business_days"].notna()]
    if df.empty:
        return pd.DataFrame(columns=["zone", "carrier", "shipments", "transit_median_business_days",
                                     "zone_median_transit_business_days", "transit_zone_index"])
    zone = df.groupby("zone")["transit_business_days"].median().rename("zone_median_transit_business_days")
    g = (df.groupby(["zone", "carrier"])["transit_business_days"].agg(["size", "median"])
         .rename(columns={"size": "shipments", "median": "transit_median_business_days"}).reset_index())
    g = g.merge(zone.reset_index(), on="zone")
    g["transit_zone_index"] = g["transit_median_business_days"] / g["zone_median_transit_business_days"].where(
        g["zone_median_transit_business_days"] > 0)
    return g.sort_values(["zone", "carrier"], key=lambda s: s.map(_natural) if s.name == "zone" else s).reset_index(drop=True)


def exceptions(con, params: dict, row_limit: int = ROW_LIMIT) -> pd.DataFrame:
    """Packages that went wrong, one line each with every reason (grain: package; at most `row_limit` rows)."""
    return _run(con, "exceptions", {**params, "row_limit": row_limit})


# ---------------------------------------------------------------- 3PL ship-SLA audit


@dataclass(frozen=True)
class SlaAudit:
    """by_period: one row per warehouse × period ('peak', 'normal', 'all'); peak_ranking: one row per warehouse,
    worst peak pickup SLA first, with the normal-period rate and the label-print gap beside it."""
    by_period: pd.DataFrame
    peak_ranking: pd.DataFrame
    target: dict


def sla_audit(con, params: dict, settings: dict | None = None) -> SlaAudit:
    """Orders picked up by the carrier within the ship SLA per warehouse / 3PL, vs label-print timing; peak vs normal."""
    df = _run(con, "sla_audit", params)
    target = targets_from(settings)["pickup_sla_rate"]
    df = add_rag(df, {"pickup_sla_rate": target})
    piv = {p: df[df["period"] == p].set_index("warehouse") for p in ("peak", "normal", "all")}
    rank = pd.DataFrame({"warehouse": sorted(df["warehouse"].unique())}).set_index("warehouse")
    for p in ("peak", "normal", "all"):
        for c in ("orders", "pickup_sla_rate", "label_sla_rate", "label_gap_rate"):
            rank[f"{p}_{c}"] = piv[p][c]
    rank["peak_drop_rate"] = rank["normal_pickup_sla_rate"] - rank["peak_pickup_sla_rate"]
    rank = rank.reset_index().sort_values(["peak_pickup_sla_rate", "all_pickup_sla_rate"], na_position="last")
    rank["peak_rank"] = rank["peak_pickup_sla_rate"].rank(ascending=False, method="min").astype("Int64")
    return SlaAudit(df, rank.reset_index(drop=True), target)


def sla_weekly(con, params: dict) -> pd.DataFrame:
    """Pickup vs label ship-SLA rate per warehouse and order week (grain: warehouse × week)."""
    return _run(con, "sla_weekly", params)


def sla_exceptions(con, params: dict, row_limit: int = ROW_LIMIT) -> pd.DataFrame:
    """Orders not picked up by their ship-by (grain: order; at most `row_limit` rows)."""
    return _run(con, "sla_orders", {**params, "row_limit": row_limit})


# ---------------------------------------------------------------- rate-shopping what-if


@dataclass(frozen=True)
class WhatIf:
    """lanes: one row per lane (zone × weight band × service level) with the cheapest carrier/service whose historical
    on-time rate meets the target (and has `min_shipments` measured packages), the savings had every package of
    the lane used it (negative = meeting the target costs more) and its on-time risk; options: one row per lane ×
    carrier/service with `is_eligible` and `is_cheapest`."""
    lanes: pd.DataFrame
    options: pd.DataFrame
    target: float
    savings_amount: float
    shipments_moved: int


def _wilson_lower(k: float, n: float) -> float:
    return float(rules.wilson_interval(k, n)[0])


def what_if(con, params: dict, settings: dict | None = None, min_shipments: int = 20) -> WhatIf:
    """Rate-shopping what-if per lane over the packages in scope (on-time target from settings)."""
    target = targets_from(settings)["on_time_delivery_rate"]["target"]
    return choose_lanes(_run(con, "lanes", params), target, min_shipments)


def reprice(options: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """Copy of lane options (`WhatIf.options`) with costs scaled by a proposed rate change per carrier
    (`{"UPS": 0.059}` = +5.9 %) or per carrier × service (`{("UPS", "Ground"): -0.10}`; it wins over the carrier's)."""
    out = options.copy()
    factor = [1 + float(changes.get((c, s), changes.get(c, 0.0))) for c, s in zip(out["carrier"], out["service"])]
    out["label_cost_amount"] = out["label_cost_amount"] * factor
    out["cost_per_package"] = out["cost_per_package"] * factor
    return out


LANE_COLUMNS = ["shipments", "options", "carriers_used", "actual_cost_amount", "actual_cost_per_package",
                "on_time_rate_current", "best_carrier", "best_service", "best_cost_per_package", "whatif_cost_amount",
                "savings_amount", "shipments_moved", "on_time_rate_best", "on_time_rate_best_lower", "on_time_change", "risk"]


def choose_lanes(options: pd.DataFrame, target: float, min_shipments: int = 20) -> WhatIf:
    """The what-if over lane options (one row per lane × carrier/service, as carriers__lanes.sql returns them):
    per lane the cheapest option with ≥ `min_shipments` measured packages whose on-time rate meets `target`."""
    opts = options.drop(columns=[c for c in ("on_time_rate_lower", "is_eligible", "is_cheapest") if c in options.columns])
    opts = label_unknown(opts, ["carrier", "service"])  # carriers__shipments.sql names them; a caller's frame may not
    lane_cols = ["zone", "weight_band", "weight_band_order", "service_level"]
    opts["on_time_rate_lower"] = [_wilson_lower(k, n) for k, n in zip(opts["on_time_delivered"], opts["on_time_measurable"])]
    opts["is_eligible"] = ((opts["on_time_measurable"] >= min_shipments) & (opts["on_time_delivery_rate"] >= target)
                           & opts["cost_per_package"].notna())
    opts["is_cheapest"] = False
    rows = []
    for key, g in opts.groupby(lane_cols, sort=False, dropna=False):
        lane = dict(zip(lane_cols, key))
        n = int(g["shipments"].sum())
        costed = int(g["costed_packages"].sum())
        actual = float(g["label_cost_amount"].sum()) if costed else float("nan")
        measured = int(g["on_time_measurable"].sum())
        current_on_time = g["on_time_delivered"].sum() / measured if measured else float("nan")
        elig = g[g["is_eligible"]].sort_values(["cost_per_package", "on_time_delivery_rate"], ascending=[True, False])
        row = {**lane, "shipments": n, "options": len(g), "carriers_used": ", ".join(sorted(set(g["carrier"]))),
               "actual_cost_amount": actual, "actual_cost_per_package": actual / costed if costed else float("nan"),
               "on_time_rate_current": current_on_time}
        if elig.empty:
            row.update(best_carrier=None, best_service=None, best_cost_per_package=float("nan"), whatif_cost_amount=float("nan"),
                       savings_amount=float("nan"), shipments_moved=0, on_time_rate_best=float("nan"),
                       on_time_rate_best_lower=float("nan"), on_time_change=float("nan"), risk="no option meets the target")
        else:
            best = elig.iloc[0]
            opts.loc[best.name, "is_cheapest"] = True
            whatif = best["cost_per_package"] * costed
            lower = best["on_time_rate_lower"]
            row.update(best_carrier=best["carrier"], best_service=best["service"],
                       best_cost_per_package=float(best["cost_per_package"]), whatif_cost_amount=float(whatif),
                       savings_amount=float(actual - whatif),
                       shipments_moved=int(n - best["shipments"]), on_time_rate_best=float(best["on_time_delivery_rate"]),
                       on_time_rate_best_lower=float(lower),
                       on_time_change=float(best["on_time_delivery_rate"] - current_on_time) if measured else float("nan"),
                       risk="low" if lower >= target else "medium: few packages or close to target")
        rows.append(row)
    lanes = pd.DataFrame(rows, columns=lane_cols + LANE_COLUMNS)
    lanes = lanes.sort_values("savings_amount", ascending=False, na_position="last").reset_index(drop=True)
    total = float(lanes["savings_amount"].sum(skipna=True)) if len(lanes) else 0.0
    moved = int(lanes["shipments_moved"].sum()) if len(lanes) else 0
    return WhatIf(lanes, opts, target, total, moved)


def worst_lanes(con, params: dict, settings: dict | None = None, min_shipments: int = 20, top: int = 15) -> pd.DataFrame:
    """Lanes × carrier/service with at least `min_shipments` packages, worst on-time first (grain: lane × carrier ×
    service)."""
    opts = _run(con, "lanes", params)
    opts = opts[opts["shipments"] >= min_shipments]
    target = targets_from(settings)["on_time_delivery_rate"]
    opts = add_rag(opts, {"on_time_delivery_rate": target})
    return (opts.sort_values(["on_time_delivery_rate", "cost_per_package"], ascending=[True, False], na_position="last")
            .drop(columns=["weight_band_order"]).head(top).reset_index(drop=True))


# ---------------------------------------------------------------- dimensional weight


@dataclass(frozen=True)
class DimWeight:
    """packages: one row per package with dims (see carriers__dim_weight.sql); summary: one row per carrier × service
    plus a total row (carrier 'All'); totals: the headline figures."""
    packages: pd.DataFrame
    summary: pd.DataFrame
    packages_measured: int
    dim_billed_packages: int
    dim_billed_rate: float | None
    excess_billed_lb: float
    next_box_savings_amount: float
    fit_savings_amount: float


def dim_weight(con, params: dict) -> DimWeight:
    """Billed vs actual weight, packages billed on dim weight, and the savings of a smaller box."""
    pk = _run(con, "dim_weight", params)
    agg = {"packages": ("shipment_id", "size"), "dim_billed_packages": ("is_dim_billed", "sum"),
           "actual_lb": ("weight_lb", "sum"), "billed_lb": ("billed_weight_lb", "sum"),
           "dim_excess_lb": ("dim_excess_lb", "sum"), "next_box_savings_amount": ("next_box_savings_amount", "sum"),
           "fit_savings_amount": ("fit_savings_amount", "sum"), "label_cost_amount": ("label_cost_amount", "sum")}
    if pk.empty:
        summary = pd.DataFrame(columns=["carrier", "service", *agg, "dim_billed_rate"])
    else:
        by = pk.groupby(["carrier", "service"], dropna=False).agg(**agg).reset_index()
        total = pk.assign(carrier="All", service="All").groupby(["carrier", "service"]).agg(**agg).reset_index()
        summary = pd.concat([by, total], ignore_index=True)
        summary["dim_billed_packages"] = summary["dim_billed_packages"].astype(int)
        summary["dim_billed_rate"] = summary["dim_billed_packages"] / summary["packages"]
    n = len(pk)
    k = int(pk["is_dim_billed"].sum()) if n else 0
    return DimWeight(pk, summary, n, k, (k / n) if n else None,
                     float(pk["dim_excess_lb"].sum()) if n else 0.0,
                     float(pk["next_box_savings_amount"].sum()) if n else 0.0,
                     float(pk["fit_savings_amount"].sum()) if n else 0.0)


# ---------------------------------------------------------------- QBR


@dataclass(frozen=True)
class QbrData:
    """The frames of one QBR workbook (lib.reports.carrier_qbr.qbr_workbook writes them): kind 'carrier' or 'warehouse'."""
    kind: str
    subject: str
    period: str
    scorecard: pd.DataFrame
    weekly: pd.DataFrame
    worst_lanes: pd.DataFrame
    exceptions: pd.DataFrame
    targets: dict


def qbr_subjects(con, params: dict) -> dict[str, list[str]]:
    """Carriers and warehouses / 3PLs that shipped in scope (what a QBR can be built for)."""
    df = shipments(con, params)
    return {"carrier": sorted(df["carrier"].dropna().unique().tolist()),
            "warehouse": sorted(df["warehouse"].dropna().unique().tolist())}


def qbr_data(con, params: dict, settings: dict | None, kind: str, subject: str, min_shipments: int = 20,
             score_min_shipments: int = MIN_SHIPMENTS) -> QbrData:
    """The QBR frames for one carrier (kind 'carrier': its services against the fleet, its composite and rank as on the
    page) or one warehouse / 3PL (kind 'warehouse': its pickup SLA, peak vs normal, against all warehouses).
    `min_shipments`: volume a lane needs to be listed among the worst lanes."""
    if kind not in ("carrier", "warehouse"):
        raise ValueError(f"kind is 'carrier' or 'warehouse', not {kind!r}")
    carrier = subject if kind == "carrier" else None
    warehouse = subject if kind == "warehouse" else None
    period = f"{params['start']} – {params['end']}"
    targets = targets_from(settings)
    if carrier is not None:
        mine = {**params, "carriers": [carrier]}
        fleet = scorecard(con, params, settings, min_shipments=score_min_shipments)
        own = scorecard(con, mine, settings, min_shipments=1)
        cols = ["carrier", "service", "shipments", "share", "on_time_delivery_rate", "transit_median_business_days",
                "transit_p90_business_days", "transit_zone_index", "first_scan_lag_median_hours", "first_scan_lag_p90_hours",
                "damage_rate", "cost_per_package", "cost_per_billed_lb", "cost_per_on_time_package",
                "billed_minus_quoted_amount", "billed_above_quote_rate", "dim_billed_packages"]
        total = fleet.by_carrier[fleet.by_carrier["carrier"] == carrier].assign(service="All services")
        fleet_row = _fleet_row(con, params, settings)
        sc = pd.concat([own.by_service, total, fleet_row], ignore_index=True)
        sc = add_rag(sc[[c for c in cols if c in sc.columns]], targets)
        # composite and rank among carriers: from the fleet-wide scorecard
        rank = fleet.by_carrier.set_index("carrier")
        sc["fleet_rank"] = [rank["rank"].get(c) if s == "All services" else pd.NA for c, s in zip(sc["carrier"], sc["service"])]
        sc["composite_score"] = [rank["composite_score"].get(c) if s == "All services" else float("nan")
                                 for c, s in zip(sc["carrier"], sc["service"])]
        wk = weekly(con, mine, settings)
        lanes = worst_lanes(con, mine, settings, min_shipments=min_shipments)
        exc = exceptions(con, mine)
        return QbrData("carrier", carrier, period, sc, wk, lanes, exc, targets)
    mine = {**params, "warehouses": [warehouse]}
    audit = sla_audit(con, params, settings)
    sc = audit.by_period[audit.by_period["warehouse"] == warehouse].copy()
    allwh = _all_warehouses_row(con, params, settings)
    sc = pd.concat([sc, allwh], ignore_index=True)
    wk = sla_weekly(con, mine)
    lanes = worst_lanes(con, mine, settings, min_shipments=min_shipments)
    exc = sla_exceptions(con, mine)
    return QbrData("warehouse", warehouse, period, sc, wk, lanes, exc, targets)


def _fleet_row(con, params, settings) -> pd.DataFrame:
    """All carriers together, as one scorecard row (carrier 'All carriers')."""
    s = shipments(con, params)
    if s.empty:
        return pd.DataFrame()
    row = {"carrier": "All carriers", "service": "All services", "shipments": len(s), "share": 1.0,
           "on_time_delivery_rate": s["is_on_time_delivery"].dropna().astype(float).mean(),
           "transit_median_business_days": s["transit_business_days"].median(),
           "transit_p90_business_days": s["transit_business_days"].quantile(0.9),
           "first_scan_lag_median_hours": s["first_scan_lag_hours"].median(),
           "first_scan_lag_p90_hours": s["first_scan_lag_hours"].quantile(0.9),
           "damage_rate": s["is_damaged_or_lost"].astype(float).mean(),
           "cost_per_package": s["label_cost_amount"].mean()}
    return pd.DataFrame([row])


def _all_warehouses_row(con, params, settings) -> pd.DataFrame:
    df = _run(con, "sla_audit", {**params})
    if df.empty:
        return df
    a = df[df["period"] == "all"]
    w = a["measured_orders"].astype(float)
    row = {"warehouse": "All warehouses", "period": "all", "orders": int(a["orders"].sum()),
           "measured_orders": int(a["measured_orders"].sum()),
           "pickup_sla_rate": (a["pickup_sla_rate"] * w).sum() / w.sum() if w.sum() else float("nan"),
           "label_sla_rate": (a["label_sla_rate"] * w).sum() / w.sum() if w.sum() else float("nan")}
    row["label_gap_rate"] = row["label_sla_rate"] - row["pickup_sla_rate"]
    return pd.DataFrame([row])
