"""SKU profitability (METRICS.md "Profitability"): contribution margin per SKU × channel × period, the waterfall from
gross sales to margin, SKU rationalisation, the fulfillment-path decision, a landed-cost calculator and the revenue
reconciliation.

The landed-cost calculator (`profitability.landed`, a pure function) and the revenue reconciliation
(`profitability.reconciliation`) are modules of their own.

Date basis: order date. Every cost of an order line is dated by its order (refunds, returns and 3PL lines follow the
order they belong to; storage and other 3PL lines without an order go to the SKU's lines of the invoice month; ad
spend to the period it was spent in). Orders cancelled before shipment are out of scope.

The stack, per line (`lines`), then summed per SKU × channel × period (`sku_channel`):

* **gross sales** = quantity × unit price; **discounts** = the line's discount plus its share (by gross sales) of any
  order-level discount beyond the line discounts; **refunds** = the order's refunded amount, else the refunds recorded
  on its returns (the same money — never both), pro rata to the lines' net sales; **shipping charged** by units.
* **net revenue** = gross sales − discounts − refunds + shipping charged (the METRICS.md contract; the label cost is
  therefore shown gross, and `net_shipping_cost` = label cost − shipping charged is given alongside).
* **landed COGS** = quantity × the landed unit cost in force on the order date (`dim_product_costs`); lines without a
  cost count 0 and are reported in `units_without_cost`.
* **marketplace fees** = the order's Amazon settlement rows (referral, closing, FBA, other item fees) where the order has
  any, else the channel's fee card from settings (referral rate × net sales + fixed per unit) plus, for FBA lines, the
  FBA fee card applied to the SKU's size tier and weight. Amazon storage fees (settlement rows without an order) go
  to the month's FBA lines by units × ft³; account fees (subscription) stay out — they do not vary with sales.
* **payment fees** = settings rate × order charged amount + fixed per order, for channels that are not marketplaces
  (no settlement rows, no fee card fees), pro rata to net sales.
* **fulfillment** = 3PL invoice lines of the order (by units, to the named SKU when there is one) + 3PL lines without an
  order (storage, receiving: to the SKU's non-FBA lines of the invoice month, same warehouse first) + packaging
  (the 3PL's packaging lines, else the settings cost per order for own-warehouse shipments) + labor (own warehouse
  only: units ÷ units per hour × hourly cost) — the same rules as the fulfillment page's cost per order.
* **label cost** = the order's billed labels (incl. carrier adjustments), by units.
* **returns cost** = return label + processing − recovered value (METRICS.md refund cost *without the refund*: the
  refund is already deducted from net revenue, so counting it here would count it twice).
* **ad spend** = spend of the SKU on the channel (or on every channel) in the period, shared by gross sales.
* **contribution margin** = net revenue − every cost above; **margin rate** = margin ÷ net revenue.

Results are frames whose grain is stated in each docstring; money columns end in `_amount` (per unit: `_per_unit`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import is_missing, query
from ...warehouse import seed_rows
from ..registry import Metric

_SRC = ("fct_order_lines", "fct_orders", "fct_marketplace_fees", "fct_fulfillment_charges", "fct_returns", "fct_ad_spend",
        "dim_product_costs")
METRICS = (
    Metric("net_revenue", "Net revenue", "Item price × quantity − discounts − refunds + shipping charged, without tax: "
           "where prices include VAT/GST (Shopify: Total = Subtotal + Shipping with Taxes > 0) the tax is taken out, and "
           "refunds count without their tax share. Orders cancelled before shipment count 0. Refunds on the order date, "
           "counted once (the largest of the order's refunded amount, its returns' refunds and the Amazon settlement's "
           "refunded item price). In the reporting currency (Settings): each order converted at the rate of its order "
           "date; orders in a currency without a rate are left out and named. One column, fct_orders."
           "net_revenue_reporting_amount, read by every page, notebook and pack.",
           "gross sales − discounts − refunds + shipping charged − tax in prices", "order date",
           ("fct_order_lines", "fct_orders"), "$"),
    Metric("landed_cost_per_unit", "Landed cost per unit", "Unit purchase cost + inbound freight per unit + duty (rate × "
           "unit cost) + other, from the cost history: the cost in force on the order date applies.",
           "purchase + freight + duty + other", "order date", ("dim_product_costs",), "$", False),
    Metric("contribution_margin", "Contribution margin", "Net revenue − landed COGS − marketplace fees (referral, FBA, "
           "closing) − payment fees − fulfillment (3PL, packaging, labor) − label cost − returns cost (labels + "
           "processing − recovered; refunds are already in net revenue) − chargebacks & dispute fees (lost dispute "
           "amounts and fees, shared by net sales) − ad spend. Per SKU × channel × period, per "
           "unit and in total.", "net revenue − costs", "order date", _SRC, "$"),
    Metric("contribution_margin_rate", "Contribution margin %", "Contribution margin ÷ net revenue.",
           "contribution margin / net revenue", "order date", _SRC, "%"),
    Metric("revenue_reconciliation_gap", "Revenue reconciliation gap", "Σ order totals in the source files minus tax, "
           "cancelled orders and refunds, plus shipping the source totals leave out, against Σ net revenue in the "
           "marts; what remains is unexplained.", "bridge residual", "order date", ("rpt_source_totals", "fct_orders"),
           "$", False),
)

GRAINS = ("all", "week", "month", "quarter", "year")
AMOUNTS = ("gross_sales_amount", "discount_amount", "refund_amount", "shipping_charged_amount", "tax_in_prices_amount",
           "net_revenue_amount",
           "cogs_amount", "referral_fee_amount", "fba_fee_amount", "marketplace_fee_amount", "payment_fee_amount",
           "tpl_handling_amount", "tpl_period_amount", "packaging_amount", "labor_amount", "fulfillment_amount",
           "label_cost_amount", "returns_cost_amount", "returns_recovered_amount", "dispute_cost_amount", "ad_spend_amount",
           "contribution_margin_amount")
PATHS = ("FBA", "own warehouse", "3PL")

# Default FBA fee card (approximation of Amazon's 2025 US non-apparel, non-peak fulfillment fees; the seed
# lib/warehouse/seeds/fba_fee_card.csv, edited in Settings → `fba_fee_card`). A unit of tier T and shipping weight w pays
# the first row of T (by max_weight_lb) with w ≤ max_weight_lb: base_fee + per_lb_above × max(0, w − above_lb).
# Storage is per cubic foot per month (Jan–Sep).
FBA_FEE_CARD = seed_rows("fba_fee_card")
# The other assumptions of the path comparison are the settings' `fulfillment_paths` (and `dim_divisor_in3_per_lb`),
# with their defaults in lib.workspace.settings.


# ---------------------------------------------------------------- parameters


def _settings(settings: dict | None) -> dict:
    from ...workspace.settings import DEFAULTS
    return settings if settings is not None else DEFAULTS


def fba_fee_card(settings: dict | None = None) -> list[dict]:
    """The FBA fee card in force: settings["fba_fee_card"] when present, else the module default."""
    card = (settings or {}).get("fba_fee_card")
    return [dict(r) for r in (card or FBA_FEE_CARD)]  # (lib.workspace.settings.fba_card, without reading the seed again)


def path_settings(settings: dict | None = None) -> dict:
    """The path comparison's assumptions: the settings' `fulfillment_paths` and dimensional weight divisor, what a
    (partial) settings dict lacks from lib.workspace.settings' defaults."""
    from ...workspace.settings import DEFAULTS
    s = settings or {}
    return {**DEFAULTS["fulfillment_paths"], **(s.get("fulfillment_paths") or {}),
            "dim_divisor_in3_per_lb": s.get("dim_divisor_in3_per_lb", DEFAULTS["dim_divisor_in3_per_lb"])}


def as_params(params) -> dict:
    """The $params of the shared filters from a `lib.metrics.filters.Filters` or its `as_params()` dict."""
    return params.as_params() if hasattr(params, "as_params") else dict(params)


def _params(con, params, settings: dict | None) -> dict:
    params = as_params(params)
    s = _settings(settings)
    card = [{"channel": str(r["channel"]).lower(), "referral_rate": float(r.get("referral_rate") or 0),
             "fixed_per_unit": float(r.get("fixed_per_unit") or 0)} for r in s.get("fee_cards", [])]
    fba = fba_estimates(catalog(con), settings)
    fees = [{"sku": k, "fee_per_unit": float(v)} for k, v in zip(fba["sku"], fba["fba_fee_per_unit"]) if v == v]
    costs = s.get("costs", {})
    return {**params, "fee_card": card, "fba_card_fees": fees,
            "payment_fee_rate": float(costs.get("payment_fee_rate", 0)), "payment_fee_fixed": float(costs.get("payment_fee_fixed", 0))}


# ---------------------------------------------------------------- margins


def lines(con, params: dict, settings: dict | None = None) -> pd.DataFrame:
    """Every order line in scope with revenue and the cost stack allocated (grain: order line)."""
    return query(con, "profitability__lines", _params(con, params, settings))


def sku_channel(con, params: dict, settings: dict | None = None, grain: str = "all") -> pd.DataFrame:
    """Revenue, costs and contribution margin per period × SKU × channel, in total, per unit and as a margin rate.

    grain: one row per period_start × SKU × channel (`grain` = all | week | month | quarter | year; 'all' = one period
    starting at params["start"]). Ad-only rows (spend, no sales) carry units 0.
    """
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}")
    p = {**_params(con, params, settings), "grain": grain}
    return with_unit_economics(query(con, "profitability__sku_channel", p))


def with_unit_economics(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of a margin frame with `<x>_per_unit` for each amount, `margin_rate`, `net_shipping_cost_amount`."""
    out = df.copy()
    units = out["units"].where(out["units"] > 0)
    out["net_shipping_cost_amount"] = out["label_cost_amount"] - out["shipping_charged_amount"]
    for c in AMOUNTS + ("net_shipping_cost_amount",):
        out[c.removesuffix("_amount") + "_per_unit"] = out[c] / units
    out["margin_rate"] = out["contribution_margin_amount"] / out["net_revenue_amount"].where(out["net_revenue_amount"] > 0)
    return out


def totals(frame: pd.DataFrame) -> pd.Series:
    """Σ of every amount and volume of a margin frame (any selection of its rows), with per-unit values and rate."""
    cols = [c for c in ("orders", "units", "returned_units", "units_without_cost", "units_fee_card") + AMOUNTS if c in frame]
    one = frame[cols].sum(numeric_only=True).to_frame().T
    return with_unit_economics(one).iloc[0]


@dataclass(frozen=True)
class Headline:
    """The page's headline numbers for a margin frame."""
    net_revenue_amount: float
    contribution_margin_amount: float
    margin_rate: float | None
    margin_per_unit: float | None
    units: float
    pairs: int  # SKU × channel pairs
    losing_pairs: int  # … with a negative contribution margin
    losing_margin_amount: float  # Σ of those negative margins
    units_without_cost: float


def headline(frame: pd.DataFrame) -> Headline:
    t = totals(frame) if len(frame) else None
    r = ranking(frame) if len(frame) else frame
    losing = r[r["contribution_margin_amount"] < 0] if len(r) else r

    def num(v):
        return None if is_missing(v) else float(v)
    return Headline(float(t["net_revenue_amount"]) if t is not None else 0.0,
                    float(t["contribution_margin_amount"]) if t is not None else 0.0,
                    num(t["margin_rate"]) if t is not None else None,
                    num(t["contribution_margin_per_unit"]) if t is not None else None,
                    float(t["units"]) if t is not None else 0.0, len(r), len(losing),
                    float(losing["contribution_margin_amount"].sum()) if len(losing) else 0.0,
                    float(t["units_without_cost"]) if t is not None else 0.0)


WATERFALL_STEPS = (  # label, column, sign (+1 adds, −1 deducts, 0 = running total)
    ("Gross sales", "gross_sales_amount", 0),
    ("Discounts", "discount_amount", -1),
    ("Refunds", "refund_amount", -1),
    ("Shipping charged", "shipping_charged_amount", 1),
    ("Tax in prices (VAT)", "tax_in_prices_amount", -1),
    ("Net revenue", "net_revenue_amount", 0),
    ("Landed COGS", "cogs_amount", -1),
    ("Marketplace fees", "marketplace_fee_amount", -1),
    ("Payment fees", "payment_fee_amount", -1),
    ("Fulfillment (3PL, packaging, labor)", "fulfillment_amount", -1),
    ("Label cost", "label_cost_amount", -1),
    # returns cost (METRICS: label + processing − recovered) in its two parts, so that returns whose resold stock is
    # worth more than their handling never draw "Returns cost" as a rise
    ("Returns handling (labels, processing)", "returns_handling_amount", -1),
    ("Recovered from returns", "returns_recovered_amount", 1),
    ("Chargebacks & dispute fees", "dispute_cost_amount", -1),
    ("Ad spend", "ad_spend_amount", -1),
    ("Contribution margin", "contribution_margin_amount", 0),
)


def waterfall(frame: pd.DataFrame, per_unit: bool = False) -> pd.DataFrame:
    """The waterfall from gross sales to contribution margin for any selection of margin rows.

    grain: one row per step (in order): label, kind (total | increase | decrease), amount (signed: deductions are
    negative), start and end of the bar, share of net revenue. `per_unit` divides by the selection's units.
    """
    t = totals(frame) if len(frame) else pd.Series({c: 0.0 for c in AMOUNTS + ("units",)})
    if "returns_recovered_amount" not in t:  # a margin frame from before the split: all of it is handling
        t["returns_recovered_amount"] = 0.0
    t["returns_handling_amount"] = t["returns_cost_amount"] + t["returns_recovered_amount"]
    div = float(t["units"]) if per_unit and t["units"] else 1.0
    net = float(t["net_revenue_amount"]) / div
    rows, level = [], 0.0
    for i, (label, col, sign) in enumerate(WATERFALL_STEPS):
        v = float(t[col]) / div
        if sign == 0:
            rows.append((i, label, "total", v, 0.0, v))
            level = v
        else:
            amount = sign * v
            rows.append((i, label, "increase" if amount >= 0 else "decrease", amount, level, level + amount))
            level += amount
    out = pd.DataFrame(rows, columns=["step", "label", "kind", "amount", "start", "end"])
    out["share_of_net_revenue"] = out["amount"] / net if net else np.nan
    return out


def ranking(frame: pd.DataFrame) -> pd.DataFrame:
    """SKU × channel rows ranked by contribution margin, best first (grain: SKU × channel; periods summed).

    `rank` 1 is the most profitable pair; the money-losing pairs sit at the bottom.
    """
    keys = ["sku", "channel"]
    sums = [c for c in ("orders", "units", "returned_units", "units_without_cost", "units_fee_card") + AMOUNTS if c in frame]
    g = frame.groupby(keys, as_index=False).agg({"product_name": "first", "category": "first", **{c: "sum" for c in sums}})
    g = with_unit_economics(g).sort_values(["contribution_margin_amount", "sku", "channel"], ascending=[False, True, True])
    g.insert(0, "rank", range(1, len(g) + 1))
    return g.reset_index(drop=True)


def by_sku(frame: pd.DataFrame) -> pd.DataFrame:
    """All channels and periods of a margin frame summed per SKU (grain: SKU)."""
    sums = [c for c in ("orders", "units", "returned_units", "units_without_cost", "units_fee_card") + AMOUNTS if c in frame]
    g = frame.groupby("sku", as_index=False).agg({"product_name": "first", "category": "first", **{c: "sum" for c in sums}})
    return with_unit_economics(g)


# ---------------------------------------------------------------- SKU rationalisation

QUADRANTS = {  # (high volume, high margin) -> label
    (True, True): "Stars: high volume, high margin",
    (False, True): "Niche: low volume, high margin",
    (True, False): "Traffic: high volume, thin margin",
    (False, False): "Review: low volume, thin margin",
}


def quadrant(frame: pd.DataFrame, volume_split: float | None = None, margin_split: float | None = None) -> pd.DataFrame:
    """Margin × volume quadrant per SKU (grain: SKU with units sold).

    Splits default to the medians of units and of margin rate over the SKUs shown; a SKU with a negative margin is
    never "high margin".
    """
    g = by_sku(frame)
    g = g[g["units"] > 0].copy()
    if g.empty:
        return g.assign(volume_split=[], margin_split=[], quadrant=[])
    v = float(g["units"].median()) if volume_split is None else volume_split
    m = float(g["margin_rate"].median()) if margin_split is None else margin_split
    high_v = g["units"] > v
    high_m = (g["margin_rate"].fillna(-np.inf) > m) & (g["contribution_margin_amount"] > 0)
    g["quadrant"] = [QUADRANTS[(a, b)] for a, b in zip(high_v, high_m)]
    g["volume_split"], g["margin_split"] = v, m
    return g.sort_values("contribution_margin_amount").reset_index(drop=True)


def long_tail_losers(frame: pd.DataFrame, tail_share: float = 0.2) -> pd.DataFrame:
    """SKUs of the long tail that lose money (grain: SKU).

    The long tail = the SKUs that, smallest first, add up to `tail_share` of net revenue (the complement of the
    head that makes 1 − tail_share). Returned: those with a negative contribution margin, worst first.
    """
    g = by_sku(frame).sort_values("net_revenue_amount", ascending=False).reset_index(drop=True)
    total = g["net_revenue_amount"].clip(lower=0).sum()
    if not total:
        return g.iloc[0:0].assign(revenue_share_before=[])
    before = g["net_revenue_amount"].clip(lower=0).cumsum().shift(fill_value=0) / total
    g["revenue_share_before"] = before
    tail = g[(before >= 1 - tail_share) | (g["net_revenue_amount"] <= 0)]
    return tail[tail["contribution_margin_amount"] < 0].sort_values("contribution_margin_amount").reset_index(drop=True)


def channel_divergence(frame: pd.DataFrame, min_units: float = 5) -> pd.DataFrame:
    """SKUs whose margin differs most between channels (grain: SKU sold on ≥ 2 channels with ≥ `min_units` each).

    Columns: best and worst channel with their margin per unit and rate, `spread_per_unit` (best − worst margin per
    unit), `spread_rate` (best − worst margin rate); sorted by spread per unit, largest first.
    """
    r = ranking(frame)
    r = r[r["units"] >= min_units]
    out = []
    for sku, g in r.groupby("sku"):
        if len(g) < 2:
            continue
        best = g.loc[g["contribution_margin_per_unit"].idxmax()]
        worst = g.loc[g["contribution_margin_per_unit"].idxmin()]
        out.append({"sku": sku, "product_name": best["product_name"], "category": best["category"], "channels": len(g),
                    "best_channel": best["channel"], "best_margin_per_unit": best["contribution_margin_per_unit"],
                    "best_margin_rate": best["margin_rate"], "worst_channel": worst["channel"],
                    "worst_margin_per_unit": worst["contribution_margin_per_unit"], "worst_margin_rate": worst["margin_rate"],
                    "spread_per_unit": best["contribution_margin_per_unit"] - worst["contribution_margin_per_unit"],
                    "spread_rate": best["margin_rate"] - worst["margin_rate"], "units": g["units"].sum()})
    cols = ["sku", "product_name", "category", "channels", "best_channel", "best_margin_per_unit", "best_margin_rate",
            "worst_channel", "worst_margin_per_unit", "worst_margin_rate", "spread_per_unit", "spread_rate", "units"]
    return pd.DataFrame(out, columns=cols).sort_values("spread_per_unit", ascending=False).reset_index(drop=True)


# ---------------------------------------------------------------- FBA fee card


def catalog(con) -> pd.DataFrame:
    """Size, weight and FBA tier per SKU (grain: SKU of dim_products)."""
    return query(con, "profitability__catalog")


def normalise_size_tier(text) -> str | None:
    """Our tier name for a catalog's FBA size tier ('Large Standard-Size' → 'large standard'; old oversize names map
    to 'large bulky', special oversize to 'extra-large'); None when unknown."""
    if is_missing(text):
        return None
    t = str(text).strip().lower().replace("-size", "").replace("_", " ")
    if "small" in t and "standard" in t:
        return "small standard"
    if "standard" in t:
        return "large standard"
    if "extra" in t or "special" in t:
        return "extra-large"
    if "bulky" in t or "oversize" in t:
        return "large bulky"
    return None


def size_tier_from_dims(weight_lb, length_in, width_in, height_in) -> str | None:
    """Amazon's size tier from unit weight and dimensions (None when a value is missing)."""
    vals = [weight_lb, length_in, width_in, height_in]
    if any(is_missing(v) for v in vals):
        return None
    lo, mid, hi = sorted([float(length_in), float(width_in), float(height_in)])
    w = float(weight_lb)
    if w <= 1 and hi <= 15 and mid <= 12 and lo <= 0.75:
        return "small standard"
    if w <= 20 and hi <= 18 and mid <= 14 and lo <= 8:
        return "large standard"
    if w <= 50 and hi <= 59 and mid <= 33 and lo <= 33 and hi + 2 * (mid + lo) <= 130:
        return "large bulky"
    return "extra-large"


def fba_fee(size_tier: str | None, shipping_weight_lb: float | None, card=None) -> float:
    """Per-unit FBA fulfillment fee from a fee card (NaN when the tier or weight is unknown or off the card)."""
    if is_missing(size_tier) or is_missing(shipping_weight_lb):
        return float("nan")
    rows = sorted((r for r in (card or FBA_FEE_CARD) if str(r["size_tier"]).lower() == size_tier),
                  key=lambda r: float(r["max_weight_lb"]))
    for r in rows:
        if shipping_weight_lb <= float(r["max_weight_lb"]) + 1e-9:
            return float(r["base_fee"]) + float(r.get("per_lb_above") or 0) * max(0.0, shipping_weight_lb - float(r.get("above_lb") or 0))
    return float("nan")


def fba_estimates(cat: pd.DataFrame, settings: dict | None = None) -> pd.DataFrame:
    """FBA fee and storage rate per SKU from its catalog size and weight (grain: SKU of `cat`).

    Tier: the catalog's fba_size_tier, else derived from the dimensions. Shipping weight: unit weight for small
    standard, else max(unit weight, dimensional weight = L × W × H ÷ divisor).
    """
    card = fba_fee_card(settings)
    divisor = float(path_settings(settings)["dim_divisor_in3_per_lb"])
    storage = {}
    for r in card:
        storage.setdefault(str(r["size_tier"]).lower(), float(r.get("storage_per_cuft_month") or 0))
    out = []
    for r in cat.itertuples(index=False):
        tier = normalise_size_tier(r.fba_size_tier) or size_tier_from_dims(r.weight_lb, r.length_in, r.width_in, r.height_in)
        w = None if is_missing(r.weight_lb) else float(r.weight_lb)
        dims = [r.length_in, r.width_in, r.height_in]
        cuft = float(dims[0] * dims[1] * dims[2] / 1728.0) if not any(is_missing(d) for d in dims) else float("nan")
        ship_w = w
        if w is not None and tier not in (None, "small standard") and cuft == cuft:
            ship_w = max(w, cuft * 1728.0 / divisor)
        out.append({"sku": r.sku, "size_tier": tier, "shipping_weight_lb": ship_w, "cubic_feet": cuft,
                    "fba_fee_per_unit": fba_fee(tier, ship_w, card),
                    "fba_storage_per_cuft_month": storage.get(tier, float("nan")) if tier else float("nan")})
    return pd.DataFrame(out, columns=["sku", "size_tier", "shipping_weight_lb", "cubic_feet", "fba_fee_per_unit",
                                      "fba_storage_per_cuft_month"])


# ---------------------------------------------------------------- fulfillment paths


def tpl_rates(con, params: dict) -> pd.DataFrame:
    """The 3PL rate card observed on invoices (grain: provider)."""
    return query(con, "profitability__tpl_rates", as_params(params))


@dataclass(frozen=True)
class LabelModel:
    """Label cost of an order ≈ fixed + per_lb × shipped weight (least squares, both ≥ 0), fitted on `orders`."""
    fixed: float
    per_lb: float
    orders: int
    mean_per_unit: float  # fallback when a SKU has no weight

    def per_unit(self, weight_lb: float, units_per_order: float = 1.0) -> float:
        if is_missing(weight_lb) or not self.orders:
            return self.mean_per_unit
        upo = max(float(1.0 if is_missing(units_per_order) or not units_per_order else units_per_order), 1.0)
        return (self.fixed + self.per_lb * weight_lb * upo) / upo


def label_model(con, params: dict, min_orders: int = 10) -> LabelModel:
    """Fit label cost against shipped weight on the merchant-fulfilled orders of the period."""
    df = query(con, "profitability__label_orders", as_params(params))
    mean_pu = float(df["label_cost_amount"].sum() / df["units"].sum()) if len(df) and df["units"].sum() else float("nan")
    fit = df.dropna(subset=["shipped_weight_lb"])
    if len(fit) < min_orders:
        return LabelModel(float("nan"), float("nan"), 0, mean_pu)
    x, y = fit["shipped_weight_lb"].to_numpy(float), fit["label_cost_amount"].to_numpy(float)
    slope, intercept = np.polyfit(x, y, 1) if np.ptp(x) > 0 else (0.0, float(y.mean()))
    if slope < 0:
        slope, intercept = 0.0, float(y.mean())
    if intercept < 0:
        slope, intercept = float((x * y).sum() / (x * x).sum()), 0.0
    return LabelModel(float(intercept), float(slope), len(fit), mean_pu)


def months_in_storage(con, params: dict, settings: dict | None = None) -> pd.DataFrame:
    """Average months a unit waits on the shelf before it sells (grain: SKU with inventory snapshots): average on hand
    ÷ monthly units sold, clipped to [0.25, 12] months."""
    df = query(con, "profitability__storage_months", as_params(params))
    monthly = df["units_sold"] / (df["days"] / 30.4375)
    df["months_in_storage"] = (df["avg_on_hand"] / monthly.where(monthly > 0)).clip(0.25, 12).fillna(12.0)
    return df


def fulfillment_paths(con, params: dict, settings: dict | None = None, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-unit cost of fulfilling each SKU by FBA, from our own warehouse and through the 3PL, with storage, the
    resulting margin per unit and a recommendation (grain: SKU with units sold in scope).

    * FBA = the FBA fee card (catalog size tier + shipping weight) for the SKU's Amazon units, × `mcf_fee_multiplier`
      for its units sold elsewhere (Multi-Channel Fulfillment) + inbound to Amazon (`fba_inbound_per_lb` × shipping
      weight) + FBA storage (ft³ × the card's monthly rate × months in storage).
    * own warehouse = label (label cost ~ shipped weight, fitted on our merchant-fulfilled orders) + packaging per
      order (settings) ÷ units per order + labor (hourly cost ÷ units per hour) + own storage (ft³ × rate × months).
    * 3PL = the same label + the 3PL's observed handling per unit + its packaging per order ÷ units per order + storage
      (ft³ × its observed storage per ft³-month, else the `tpl_storage_per_cuft_month` default, × months in storage);
      unavailable when no 3PL invoice line names an order.

    Months in storage = average units on hand ÷ monthly units sold (inventory snapshots), else the default.
    `margin_before_fulfillment_per_unit` = (net revenue − COGS − referral/closing fees − payment fees − returns cost
    − ad spend) ÷ units; `margin_<path>_per_unit` subtracts that path's cost. `current_path` = the path that shipped
    most of the SKU's units (`units_fba`, `units_own_warehouse`, `units_3pl`); `saving_amount` = Σ over the paths
    actually used of their units × (their modelled cost − the recommended path's), i.e. what the period would have
    saved. Modelled costs are compared with modelled costs; `observed_fulfillment_per_unit` (what the margins
    carry) is shown for reference. A SKU that loses money on every path is flagged "reprice or delist".
    """
    s = _settings(settings)
    ps = path_settings(settings)
    frame = sku_channel(con, params, settings) if frame is None else frame
    sku = by_sku(frame)
    sku = sku.loc[sku["units"] > 0, ["sku", "product_name", "category", "units"] + list(AMOUNTS)]
    cols = ["sku", "product_name", "category", "units", "units_fba", "units_own_warehouse", "units_3pl", "amazon_share",
            "current_path", "size_tier", "weight_lb", "shipping_weight_lb", "cubic_feet", "units_per_order",
            "months_in_storage", "margin_before_fulfillment_per_unit", "observed_fulfillment_per_unit",
            "fba_fee_per_unit", "fba_fee_mix_per_unit", "fba_inbound_per_unit", "fba_storage_per_unit", "fba_cost_per_unit",
            "own_label_per_unit", "own_handling_per_unit", "own_storage_per_unit", "own_warehouse_cost_per_unit",
            "tpl_handling_per_unit", "tpl_storage_per_unit", "tpl_cost_per_unit", "margin_fba_per_unit",
            "margin_own_warehouse_per_unit", "margin_3pl_per_unit", "recommended_path", "recommendation",
            "saving_per_unit", "saving_amount"]
    if sku.empty:
        return pd.DataFrame(columns=cols)
    ln = lines(con, params, settings)
    cat = catalog(con)
    fba = fba_estimates(cat, settings)
    months = months_in_storage(con, params, settings)[["sku", "months_in_storage"]]
    model = label_model(con, params, int(ps["min_label_orders_for_model"]))
    rates = tpl_rates(con, params)
    costs = s["costs"]

    shipped = ln[ln["fulfillment_path"].isin(PATHS)]
    by_path = shipped.pivot_table(index="sku", columns="fulfillment_path", values="units", aggfunc="sum").reindex(columns=list(PATHS)).fillna(0.0)
    by_path.columns = ["units_fba", "units_own_warehouse", "units_3pl"]
    amazon = (ln.assign(a=ln["units"].where(ln["channel"].str.lower() == "amazon", 0.0)).groupby("sku")[["a", "units"]].sum())
    amazon_share = (amazon["a"] / amazon["units"].where(amazon["units"] > 0)).rename("amazon_share")
    upo = (ln.groupby("sku")["units"].sum() / ln.groupby("sku")["order_id"].nunique()).rename("units_per_order")
    obs = shipped.groupby("sku")[["fulfillment_amount", "label_cost_amount", "fba_fee_amount", "units"]].sum()
    observed = ((obs["fulfillment_amount"] + obs["label_cost_amount"] + obs["fba_fee_amount"])
                / obs["units"].where(obs["units"] > 0)).rename("observed_fulfillment_per_unit")

    df = (sku.merge(cat[["sku", "weight_lb"]], on="sku", how="left").merge(fba, on="sku", how="left")
          .merge(months, on="sku", how="left"))
    for extra in (by_path, amazon_share, upo, observed):
        df = df.merge(extra, left_on="sku", right_index=True, how="left")
    df[["units_fba", "units_own_warehouse", "units_3pl"]] = df[["units_fba", "units_own_warehouse", "units_3pl"]].fillna(0.0)
    df["amazon_share"] = df["amazon_share"].fillna(0.0)
    df["months_in_storage"] = df["months_in_storage"].fillna(float(ps["default_months_in_storage"]))
    df["units_per_order"] = df["units_per_order"].fillna(1.0).clip(lower=1.0)
    df["margin_before_fulfillment_per_unit"] = (df["net_revenue_amount"] - df["cogs_amount"] - df["referral_fee_amount"]
                                                - df["payment_fee_amount"] - df["returns_cost_amount"]
                                                - df["dispute_cost_amount"] - df["ad_spend_amount"]) / df["units"]
    # FBA
    mcf = float(ps["mcf_fee_multiplier"])
    df["fba_fee_mix_per_unit"] = df["fba_fee_per_unit"] * (df["amazon_share"] + (1 - df["amazon_share"]) * mcf)
    df["fba_inbound_per_unit"] = (float(ps["fba_inbound_per_lb"]) * df["shipping_weight_lb"]).fillna(0.0)
    df["fba_storage_per_unit"] = (df["cubic_feet"] * df["fba_storage_per_cuft_month"] * df["months_in_storage"]).fillna(0.0)
    df["fba_cost_per_unit"] = df["fba_fee_mix_per_unit"] + df["fba_inbound_per_unit"] + df["fba_storage_per_unit"]
    # own warehouse
    df["own_label_per_unit"] = [model.per_unit(w, u) for w, u in zip(df["weight_lb"], df["units_per_order"])]
    df["own_handling_per_unit"] = (float(costs["packaging_per_order"]) / df["units_per_order"]
                                   + float(costs["labor_cost_per_hour"]) / float(costs["units_picked_per_hour"]))
    df["own_storage_per_unit"] = (df["cubic_feet"] * float(ps["own_storage_per_cuft_month"]) * df["months_in_storage"]).fillna(0.0)
    df["own_warehouse_cost_per_unit"] = df["own_label_per_unit"] + df["own_handling_per_unit"] + df["own_storage_per_unit"]
    # 3PL (the providers' observed rates, weighted by their volumes)
    r = rates[rates["units"] > 0]
    if len(r):
        w = r["units"] / r["units"].sum()
        handling_pu = float((r["handling_per_unit"].fillna(0) * w).sum())
        packaging_po = float((r["packaging_per_order"].fillna(0) * w).sum())
        known = rates[rates["storage_per_cuft_month"].notna()]
        storage_rate = (float((known["storage_amount"] / known["storage_months"]).sum() / known["avg_cuft_held"].sum())
                        if len(known) else float(ps["tpl_storage_per_cuft_month"]))
        df["tpl_handling_per_unit"] = handling_pu + packaging_po / df["units_per_order"]
        df["tpl_storage_per_unit"] = (df["cubic_feet"] * storage_rate * df["months_in_storage"]).fillna(0.0)
        df["tpl_cost_per_unit"] = df["own_label_per_unit"] + df["tpl_handling_per_unit"] + df["tpl_storage_per_unit"]
    else:
        df["tpl_handling_per_unit"] = df["tpl_storage_per_unit"] = df["tpl_cost_per_unit"] = np.nan

    cost = df[["fba_cost_per_unit", "own_warehouse_cost_per_unit", "tpl_cost_per_unit"]].set_axis(list(PATHS), axis=1)
    used = df[["units_fba", "units_own_warehouse", "units_3pl"]].set_axis(list(PATHS), axis=1)
    for p, c in zip(PATHS, ("margin_fba_per_unit", "margin_own_warehouse_per_unit", "margin_3pl_per_unit")):
        df[c] = df["margin_before_fulfillment_per_unit"] - cost[p]
    has_cost = cost.notna().any(axis=1)
    df["recommended_path"] = cost.where(has_cost, 0.0).idxmin(axis=1).where(has_cost)
    best = cost.min(axis=1)
    df["current_path"] = used.idxmax(axis=1).where(used.sum(axis=1) > 0, "not shipped")
    excess = cost.sub(best, axis=0).clip(lower=0).fillna(0.0)
    df["saving_amount"] = (excess * used).sum(axis=1)
    df["saving_per_unit"] = df["saving_amount"] / df["units"]
    best_margin = df["margin_before_fulfillment_per_unit"] - best
    rec = []
    for cur, target, m, saving in zip(df["current_path"], df["recommended_path"], best_margin, df["saving_amount"]):
        if not isinstance(target, str):
            rec.append("not enough data")
        elif m < 0:
            rec.append(f"reprice or delist: loses money on every path (least bad: {target})")
        elif saving < 0.01:
            rec.append(f"keep {cur}")
        else:
            rec.append(f"move the remaining units to {target}" if cur == target else f"move to {target} (now mostly {cur})")
    df["recommendation"] = rec
    return df[cols].sort_values(["saving_amount", "sku"], ascending=[False, True]).reset_index(drop=True)


def total_saving(paths: pd.DataFrame) -> float:
    """What the period would have saved had every recommendation been taken."""
    return float(paths["saving_amount"].sum()) if len(paths) else 0.0
