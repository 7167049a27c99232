"""Returns root causes (METRICS.md "Returns"): rates, cohort maturity, reasons, comment phrases, outliers, cost, summary.

Date basis: order date by default ("of the units sold in the period, how many came back"); `basis="event"` counts
the units returned in the period (by return date) over the units sold in the period.  Every query runs
`returns__facts.sql` (units sold per order × SKU and units returned per return × SKU, with every dimension) and one
aggregate `.sql` over it; the statistics (Wilson bounds, the return-lag curve, log-odds phrase scores) are small
pure functions below, tested by hand.

Definitions, once:
* unit return rate = units returned / units sold; order return rate = orders with ≥ 1 returned unit / orders.
* return lag = days from order to the return request (else receipt).  The lag curve F(d) is the share of eventual
  returns made by day d, learned from cohorts older than the return window W (the 99th percentile lag); a cohort
  (order week) is mature once its youngest day is at least the p90 lag old; expected final rate = observed rate /
  completion, completion = units-weighted F(age) over the cohort's order days.
* outlier: ≥ 30 units sold and the 95 % Wilson lower bound of its unit return rate above its category's rate;
  excess returns = units returned − units sold × category rate.
* refund cost = refunds + return labels + processing − recovered value; retained revenue rate = returned value
  kept as an exchange or store credit / returned value.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import is_missing, one_row, query, sql_text
from .registry import Metric, format_money
from .rules import Z95, wilson_interval  # noqa: F401 (returns.wilson_interval: the one Wilson interval)

_SRC = ("fct_order_lines", "fct_orders", "fct_returns", "dim_products")
METRICS = (
    Metric("unit_return_rate", "Unit return rate", "Units returned from orders placed in the period / units sold in "
           "the period. Orders cancelled before shipment are not sales.", "units returned / units sold", "order date",
           _SRC, "%", False, alternative="Event date: units returned in the period (by return date) / units sold in "
           "the period."),
    Metric("order_return_rate", "Order return rate", "Orders with at least one returned unit / orders placed in the "
           "period.", "orders with ≥ 1 returned unit / orders", "order date", _SRC, "%", False,
           alternative="Event date: orders with a return received in the period / orders placed in the period."),
    Metric("expected_final_return_rate", "Expected final return rate", "For order-week cohorts younger than the p90 "
           "return lag (immature): observed unit return rate / the share of eventual returns the return-lag curve "
           "expects by the cohort's age; the curve is learned from mature cohorts.", "observed rate / curve(age)",
           "order date", _SRC, "%", False),
    Metric("refund_cost", "Cost of returns", "Refunds + return label cost + processing cost − recovered value "
           "(resale, refurbishment, reimbursement). Processing defaults to the per-unit cost in Settings when the "
           "return does not carry one.", "refunds + labels + processing − recovered", "order date",
           ("fct_returns",), "$", False),
    Metric("retained_revenue_rate", "Retained revenue rate", "Returned value kept as an exchange or store credit / "
           "returned value (units returned × the net price paid).", "(exchanges + store credit) / returned value",
           "order date", _SRC, "%"),
    Metric("fulfillment_error_return_rate", "Fulfillment-error return rate", "Units returned for a fulfillment error "
           "(wrong item, missing item or part, wrong size or colour sent) / units shipped, by ship-from warehouse.",
           "fulfillment-error returned units / units shipped", "order date", _SRC, "%", False),
    Metric("carrier_damage_return_rate", "Carrier-damage return rate", "Units returned damaged in transit / units "
           "shipped, by carrier of the first package.", "damaged-in-transit returned units / units shipped",
           "order date", _SRC + ("fct_shipments",), "%", False),
)

BASES = ("order", "event")
DIMENSIONS = ("sku", "family", "size", "colour", "category", "channel", "warehouse", "carrier", "zone")
COMMENT_COLUMNS = ("sku", "family", "size", "colour", "category", "channel", "warehouse", "carrier", "reason_group")
MIN_UNITS = 30
ALL_TIME = (dt.date(1900, 1, 1), dt.date(2999, 12, 31))
RATE_COLUMNS = ("unit_return_rate", "wilson_low", "wilson_high", "category_rate", "top_reason_share", "line_return_rate",
                "category_line_rate")  # the [0, 1] columns of `outliers`

# ------------------------------------------------------------------------------------------------ running SQL


def _as_dict(params) -> dict:
    return params.as_params() if hasattr(params, "as_params") else params


def _params(params, basis: str = "order", dimension: str = "all") -> dict:
    """The SQL parameters: the shared filters (a `Filters` or its `as_params()` dict) plus basis and dimension."""
    params = _as_dict(params)
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}")
    if dimension != "all" and dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {DIMENSIONS}")
    return {**params, "basis": basis, "dimension": dimension}


def _over_facts(con, name: str, params: dict) -> pd.DataFrame:
    """Run `returns__<name>.sql` over the relation `returns__facts` built with the same parameters."""
    return query(con, f"returns__{name}", params)


def facts(con, params: dict, basis: str = "order", dimension: str = "all") -> pd.DataFrame:
    """The facts in scope (grain: one row per order × SKU sold and per return × SKU; see returns__facts.sql)."""
    p = _params(params, basis, dimension)
    return query(con, "returns__facts", p)


def as_of(con) -> dt.date | None:
    """The last day with data (latest order or return): cohort ages are measured to it."""
    return con.execute(sql_text("returns__as_of")).fetchall()[0][0]


def _ratio(a, b):
    return float(a) / float(b) if b else None


# ------------------------------------------------------------------------------------------------ rates


@dataclass(frozen=True)
class ReturnRates:
    basis: str
    units_sold: float
    units_returned: float
    unit_return_rate: float | None
    orders: int
    returned_orders: int
    order_return_rate: float | None
    return_lines: int
    unmatched_return_lines: int  # returns whose order is not in the workspace (event basis only)


def rates(con, params: dict, basis: str = "order") -> ReturnRates:
    """Unit and order return rates over the scope."""
    row = _over_facts(con, "summary", _params(params, basis)).iloc[0]
    return ReturnRates(basis, float(row.units_sold), float(row.units_returned), _ratio(row.units_returned, row.units_sold),
                       int(row.orders), int(row.returned_orders), _ratio(row.returned_orders, row.orders),
                       int(row.return_lines), int(row.unmatched_return_lines))


def rates_by(con, params: dict, dimension: str, basis: str = "order") -> pd.DataFrame:
    """Return rates, error-return counts and cost per value of a dimension (grain: dim_value)."""
    df = _over_facts(con, "by_dimension", _params(params, basis, dimension))
    return df.drop(columns=[dimension], errors="ignore").rename(columns={"dim_value": dimension})


def weekly(con, params: dict, basis: str = "order") -> pd.DataFrame:
    """Unit and order return rates per week of the basis date (grain: week_start, a Monday)."""
    return _over_facts(con, "weekly", _params(params, basis))


# ------------------------------------------------------------------------------------------------ cohort maturity


def weighted_quantile_day(days: pd.Series, weights: pd.Series, q: float) -> int:
    """Smallest day d such that the weight at days ≤ d is at least q of the total."""
    order = np.argsort(days.to_numpy(), kind="stable")
    d = days.to_numpy()[order]
    cum = np.cumsum(weights.to_numpy(dtype=float)[order])
    return int(d[np.searchsorted(cum, q * cum[-1] - 1e-12)])


def lag_curve_from(lags: pd.DataFrame, as_of_day: dt.date, window_quantile: float = 0.99) -> tuple[pd.Series, int, bool]:
    """The return-lag curve F(d), d = 0..W, from returned units by order date and lag (columns order_date,
    return_lag_days, units_returned).

    W is the `window_quantile` lag, first over all returns, then refined over the cohorts at least that old.
    F is learned from the cohorts at least W days old (their returns within W are complete); when no cohort is
    that old, from all returns (`provisional` = True).  Returns (F indexed by day, W, provisional).
    """
    lg = lags[lags["units_returned"] > 0]
    if lg.empty:
        return pd.Series(dtype=float), 0, True
    ages = (pd.Timestamp(as_of_day) - pd.to_datetime(lg["order_date"])).dt.days
    w = weighted_quantile_day(lg["return_lag_days"], lg["units_returned"], window_quantile)
    old = lg[ages >= w]
    if not old.empty:
        w = weighted_quantile_day(old["return_lag_days"], old["units_returned"], window_quantile)
    learn = lg[(ages >= w) & (lg["return_lag_days"] <= w)]
    provisional = learn.empty
    if provisional:
        learn = lg[lg["return_lag_days"] <= w]
    per_day = learn.groupby("return_lag_days")["units_returned"].sum().reindex(range(w + 1), fill_value=0.0)
    curve = per_day.cumsum() / per_day.sum()
    curve.index.name = "day"
    return curve.rename("share_of_returns"), w, provisional


def completion_at(curve: pd.Series, age_days) -> np.ndarray:
    """F(age) with ages beyond the window at 1 and negative ages at 0."""
    ages = np.asarray(age_days, dtype=int)
    if curve.empty:
        return np.ones(ages.shape)
    w = int(curve.index.max())
    vals = curve.to_numpy()
    out = np.where(ages >= w, 1.0, vals[np.clip(ages, 0, w)])
    return np.where(ages < 0, 0.0, out)


def cohorts_from(daily: pd.DataFrame, curve: pd.Series, p90_days: int, as_of_day: dt.date) -> pd.DataFrame:
    """Order-week cohorts from daily units sold/returned (columns order_date, units_sold, units_returned): observed
    rate, completion (units-weighted F(age)), maturity and expected final rate (grain: week_start)."""
    cols = ["week_start", "week_end", "units_sold", "units_returned", "unit_return_rate", "age_days", "completion",
            "is_mature", "expected_final_rate", "expected_units_returned"]
    if daily.empty:
        return pd.DataFrame(columns=cols)
    d = daily.copy()
    d["order_date"] = pd.to_datetime(d["order_date"])
    d["age"] = (pd.Timestamp(as_of_day) - d["order_date"]).dt.days
    d["weighted_completion"] = d["units_sold"] * completion_at(curve, d["age"])
    d["week_start"] = d["order_date"] - pd.to_timedelta(d["order_date"].dt.weekday, unit="D")
    g = d.groupby("week_start", as_index=False).agg(units_sold=("units_sold", "sum"),
                                                    units_returned=("units_returned", "sum"),
                                                    weighted_completion=("weighted_completion", "sum"))
    g["week_end"] = np.minimum(g["week_start"] + pd.Timedelta(days=6), pd.Timestamp(as_of_day))
    g["age_days"] = (pd.Timestamp(as_of_day) - g["week_end"]).dt.days
    g["unit_return_rate"] = g["units_returned"] / g["units_sold"].where(g["units_sold"] > 0)
    g["completion"] = g["weighted_completion"] / g["units_sold"].where(g["units_sold"] > 0)
    g["is_mature"] = g["age_days"] >= p90_days
    g["expected_final_rate"] = g["unit_return_rate"] / g["completion"].where(g["completion"] > 0)
    g["expected_units_returned"] = g["expected_final_rate"] * g["units_sold"]
    g["week_start"] = g["week_start"].dt.date
    g["week_end"] = g["week_end"].dt.date
    return g[cols]


@dataclass(frozen=True)
class CohortMaturity:
    as_of: dt.date | None
    curve: pd.DataFrame  # day, share_of_returns (F(d), d = 0..window_days)
    window_days: int  # W: the 99th-percentile return lag
    p90_lag_days: int  # cohorts younger than this are immature
    median_lag_days: int
    is_provisional: bool  # no cohort was older than W: the curve is learned from incomplete cohorts
    cohorts: pd.DataFrame  # one row per order week (cohorts_from)
    observed_rate: float | None
    expected_final_rate: float | None  # Σ expected returns / Σ units sold over the cohorts
    immature_weeks: int


def cohort_maturity(con, params: dict) -> CohortMaturity:
    """The return-lag curve (learned over all history in the dimension filters) and the order-week cohorts of the
    period with their maturity and expected final rate."""
    day = as_of(con)
    all_time = {**_as_dict(params), "start": ALL_TIME[0], "end": ALL_TIME[1]}
    lags = _over_facts(con, "lags", _params(all_time, "order"))
    daily = _over_facts(con, "daily_cohorts", _params(params, "order"))
    if day is None or lags.empty:
        curve, w, prov = pd.Series(dtype=float), 0, True
        p90 = median = 0
    else:
        curve, w, prov = lag_curve_from(lags, day, 0.99)
        p90 = int(np.argmax(curve.to_numpy() >= 0.9 - 1e-12))
        median = int(np.argmax(curve.to_numpy() >= 0.5 - 1e-12))
    cohorts = cohorts_from(daily, curve, p90, day) if day is not None else cohorts_from(daily.iloc[0:0], curve, 0, dt.date.today())
    sold = cohorts["units_sold"].sum()
    expected = cohorts["expected_units_returned"].fillna(cohorts["units_returned"]).sum()
    return CohortMaturity(day, curve.reset_index() if not curve.empty else pd.DataFrame(columns=["day", "share_of_returns"]),
                          w, p90, median, prov, cohorts, _ratio(cohorts["units_returned"].sum(), sold),
                          _ratio(expected, sold), int((~cohorts["is_mature"].astype(bool)).sum()))


# ------------------------------------------------------------------------------------------------ reasons


def reasons_pareto(con, params: dict, basis: str = "order") -> pd.DataFrame:
    """Returned units per reason group, largest first, with share, cumulative share and controllability
    (grain: reason_group)."""
    df = _over_facts(con, "reasons", _params(params, basis, "all")).drop(columns=["dim_value"])
    df = df.sort_values(["units_returned", "reason_group"], ascending=[False, True]).reset_index(drop=True)
    total = df["units_returned"].sum()
    df["share"] = df["units_returned"] / total if total else np.nan
    df["cumulative_share"] = df["share"].cumsum()
    df["return_rate"] = df["units_returned"] / df["units_sold"].where(df["units_sold"] > 0)
    return df


def reason_matrix(con, params: dict, dimension: str, basis: str = "order", top: int | None = 25) -> pd.DataFrame:
    """Reason group × dimension value, for a heat map (grain: dimension value × reason group): returned units, the
    reason's return rate over the value's units sold, and the reason's share of the value's returns.  `top` keeps
    the values with most returned units."""
    df = _over_facts(con, "reasons", _params(params, basis, dimension))
    if df.empty:
        return df.rename(columns={"dim_value": dimension}).assign(return_rate=[], share_of_value_returns=[])
    per_value = df.groupby("dim_value")["units_returned"].sum()
    if top:
        keep = per_value.sort_values(ascending=False, kind="stable").head(top).index
        df = df[df["dim_value"].isin(keep)]
    df = df.assign(return_rate=df["units_returned"] / df["units_sold"].where(df["units_sold"] > 0),
                   share_of_value_returns=df["units_returned"] / df["dim_value"].map(per_value))
    return df.rename(columns={"dim_value": dimension}).reset_index(drop=True)


# ------------------------------------------------------------------------------------------------ comment phrases

STOPWORDS = frozenset("""a about after again all am an and any are as at be because been before being both but by can
could did do does doing down during each few for from further had has have having he her here hers him his how i i'd
i'm i've if in into is it it's its itself just me more most my myself of off on once only or other our ours out over
own same she should so some such than that that's the their theirs them then there these they this those through to
under until up very was we were what when where which while who whom why will with would you your yours got get
also""".split())
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def phrases_of(text: str) -> set[str]:
    """Words and bigrams of a comment (lower case; stop words dropped, bigrams of two content words; negations and
    'too' are content words).  A comment counts once per phrase."""
    tokens = _TOKEN.findall(str(text).lower())
    words = {t for t in tokens if t not in STOPWORDS and len(t) > 1}
    bigrams = {f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a not in STOPWORDS and b not in STOPWORDS}
    return words | bigrams


def log_odds_dirichlet(target: Counter, rest: Counter, prior: Counter | None = None, prior_size: float | None = None) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' words").

    For phrase w with counts y_t (target) and y_r (rest), totals n_t and n_r, prior α_w = α0 · p_w where p_w is
    w's share of the prior corpus (default: target + rest) and α0 its size (default: the prior corpus's total):
        δ_w = log((y_t + α_w) / (n_t + α0 − y_t − α_w)) − log((y_r + α_w) / (n_r + α0 − y_r − α_w))
        σ²_w ≈ 1 / (y_t + α_w) + 1 / (y_r + α_w),   z_w = δ_w / σ_w.
    Returns one row per phrase: target_count, rest_count, log_odds, z (sorted by z, largest first).
    """
    prior = prior if prior is not None else target + rest
    n_prior = sum(prior.values())
    a0 = float(prior_size if prior_size is not None else n_prior)
    n_t, n_r = sum(target.values()), sum(rest.values())
    rows = []
    for w in set(target) | set(rest):
        a = a0 * prior.get(w, 0) / n_prior if n_prior else 0.0
        if a <= 0:
            continue
        yt, yr = target.get(w, 0), rest.get(w, 0)
        delta = math.log((yt + a) / (n_t + a0 - yt - a)) - math.log((yr + a) / (n_r + a0 - yr - a))
        var = 1.0 / (yt + a) + 1.0 / (yr + a)
        rows.append((w, yt, yr, delta, delta / math.sqrt(var)))
    out = pd.DataFrame(rows, columns=["phrase", "target_count", "rest_count", "log_odds", "z"])
    return out.sort_values(["z", "phrase"], ascending=[False, True]).reset_index(drop=True)


def score_phrases(comments: pd.DataFrame, target_mask: pd.Series, min_count: int = 3, top: int = 15,
                  examples: int = 3) -> pd.DataFrame:
    """Phrases over-used in the target comments vs the rest, with up to `examples` target comments each
    (grain: phrase).  `comments` has a `comment` column; phrases need `min_count` target comments."""
    cols = ["phrase", "target_count", "rest_count", "target_share", "rest_share", "log_odds", "z", "examples"]
    if comments.empty or not target_mask.any():
        return pd.DataFrame(columns=cols)
    sets = comments["comment"].map(phrases_of)
    mask = target_mask.to_numpy(dtype=bool)
    target = Counter(p for s in sets[mask] for p in s)
    rest = Counter(p for s in sets[~mask] for p in s)
    scored = log_odds_dirichlet(target, rest)
    scored = scored[scored["target_count"] >= min_count].head(top).reset_index(drop=True)
    n_t, n_r = int(mask.sum()), int((~mask).sum())
    scored["target_share"] = scored["target_count"] / n_t
    scored["rest_share"] = scored["rest_count"] / n_r if n_r else np.nan
    texts = comments["comment"][mask]
    tsets = sets[mask]
    scored["examples"] = [tuple(texts[tsets.map(lambda s, p=p: p in s)].drop_duplicates().head(examples))
                          for p in scored["phrase"]]
    return scored[cols]


def comments(con, params: dict, basis: str = "order") -> pd.DataFrame:
    """Return comments in scope (grain: return × SKU with a comment)."""
    return _over_facts(con, "comments", _params(params, basis, "all")).drop(columns=["dim_value"])


def phrase_targets(con, params: dict, column: str, basis: str = "order") -> list[str]:
    """Values of `column` that have return comments in scope, most commented first."""
    if column not in COMMENT_COLUMNS:
        raise ValueError(f"column must be one of {COMMENT_COLUMNS}")
    c = comments(con, params, basis)
    return c[column].dropna().astype(str).value_counts(sort=True).index.tolist() if not c.empty else []


def phrases(con, params: dict, column: str, value: str, basis: str = "order", min_count: int = 3,
            top: int = 15) -> pd.DataFrame:
    """Phrases that distinguish the comments of returns with `column` = `value` (a SKU, family, reason group, …)
    from the other comments in scope, scored by log-odds with an informative Dirichlet prior (grain: phrase)."""
    if column not in COMMENT_COLUMNS:
        raise ValueError(f"column must be one of {COMMENT_COLUMNS}")
    c = comments(con, params, basis)
    return score_phrases(c, c[column].astype(object).eq(value) if not c.empty else pd.Series(dtype=bool), min_count, top)


# ------------------------------------------------------------------------------------------------ outliers


def outliers(con, params: dict, level: str = "sku", basis: str = "order", min_units: int = MIN_UNITS,
             only_outliers: bool = True) -> pd.DataFrame:
    """SKUs (or families) whose 95 % Wilson lower bound of the unit return rate exceeds their category's rate,
    with ≥ `min_units` sold, ranked by excess returns then excess cost (grain: `level` value).  Also carries the
    order-line view (lines with a return / lines sold, vs the category's) that the root-cause summary tests on."""
    if level not in ("sku", "family"):
        raise ValueError("level must be sku or family")
    g = rates_by(con, params, level, basis)
    cat = rates_by(con, params, "category", basis)
    top = reason_matrix(con, params, level, basis, top=None)
    cols = [level] + (["family"] if level == "sku" else []) + [
        "category", "units_sold", "units_returned", "unit_return_rate", "wilson_low", "wilson_high", "category_rate",
        "excess_returns", "refund_cost_amount", "cost_per_return", "excess_cost_amount", "top_reason_group",
        "top_reason_share", "lines_sold", "lines_returned", "line_return_rate", "category_line_rate", "is_outlier"]
    if g.empty:
        return pd.DataFrame(columns=cols)
    g["wilson_low"], g["wilson_high"] = wilson_interval(g["units_returned"], g["units_sold"])
    g["category_rate"] = g["category"].map(dict(zip(cat["category"], cat["unit_return_rate"]))).astype(float)
    g["line_return_rate"] = g["lines_returned"] / g["lines_sold"].where(g["lines_sold"] > 0)
    cat_lines = cat["lines_returned"] / cat["lines_sold"].where(cat["lines_sold"] > 0)
    g["category_line_rate"] = g["category"].map(dict(zip(cat["category"], cat_lines))).astype(float)
    g["excess_returns"] = g["units_returned"] - g["units_sold"] * g["category_rate"]
    g["cost_per_return"] = g["refund_cost_amount"] / g["units_returned"].where(g["units_returned"] > 0)
    g["excess_cost_amount"] = g["excess_returns"] * g["cost_per_return"].fillna(0)
    if not top.empty:
        best = top.sort_values(["units_returned", "reason_group"], ascending=[False, True]).drop_duplicates(level)
        g = g.merge(best[[level, "reason_group", "share_of_value_returns"]].rename(
            columns={"reason_group": "top_reason_group", "share_of_value_returns": "top_reason_share"}), on=level, how="left")
    else:
        g["top_reason_group"], g["top_reason_share"] = None, np.nan
    g["is_outlier"] = (g["units_sold"] >= min_units) & (g["wilson_low"] > g["category_rate"])
    if only_outliers:
        g = g[g["is_outlier"]]
    return g.sort_values(["excess_returns", "excess_cost_amount"], ascending=False)[cols].reset_index(drop=True)


# ------------------------------------------------------------------------------------------------ error returns

ERROR_KINDS = {  # kind -> (dimension it is attributed to, returned-units column, returned-orders column)
    "fulfillment_error": ("warehouse", "fulfillment_error_units", "fulfillment_error_orders"),
    "carrier_damage": ("carrier", "carrier_damage_units", "carrier_damage_orders"),
}


def error_return_rates(con, params: dict, kind: str, basis: str = "order", dimension: str | None = None) -> pd.DataFrame:
    """Fulfillment-error returns by warehouse, or carrier-damage returns by carrier (or by `dimension`), compared
    with all other values pooled (grain: dimension value).  `error_rate` is per unit shipped, `error_order_rate`
    per order shipped (a mis-pick or a crushed parcel is one event, so significance is judged on orders):
    `is_far_above` = the 95 % Wilson lower bound of the order rate exceeds the others' order rate, the order rate
    is at least 1.5× theirs, and at least 5 orders are affected."""
    dim, units_col, orders_col = ERROR_KINDS[kind]
    dim = dimension or dim
    g = rates_by(con, params, dim, basis)
    cols = [dim, "units_shipped", "orders_shipped", "error_units", "error_orders", "error_rate", "others_rate",
            "error_order_rate", "others_order_rate", "wilson_low", "wilson_high", "ratio_to_others", "excess_returns",
            "is_far_above"]
    if g.empty:
        return pd.DataFrame(columns=cols)
    g = g.rename(columns={units_col: "error_units", orders_col: "error_orders"})

    def others(num, den):
        rest = g[den].sum() - g[den]
        return (g[num].sum() - g[num]) / rest.where(rest > 0)

    g["error_rate"] = g["error_units"] / g["units_shipped"].where(g["units_shipped"] > 0)
    g["others_rate"] = others("error_units", "units_shipped")
    g["error_order_rate"] = g["error_orders"] / g["orders_shipped"].where(g["orders_shipped"] > 0)
    g["others_order_rate"] = others("error_orders", "orders_shipped")
    g["wilson_low"], g["wilson_high"] = wilson_interval(g["error_orders"], g["orders_shipped"])
    g["ratio_to_others"] = g["error_order_rate"] / g["others_order_rate"].where(g["others_order_rate"] > 0)
    g["excess_returns"] = g["error_units"] - g["units_shipped"] * g["others_rate"]
    g["is_far_above"] = ((g["wilson_low"] > g["others_order_rate"]) & (g["error_order_rate"] >= 1.5 * g["others_order_rate"])
                         & (g["error_orders"] >= 5))
    return g.sort_values(["error_order_rate", dim], ascending=[False, True])[cols].reset_index(drop=True)


# ------------------------------------------------------------------------------------------------ cost


@dataclass(frozen=True)
class ReturnCost:
    units_returned: float
    refund_amount: float
    return_label_cost_amount: float
    processing_cost_amount: float
    recovered_amount: float
    refund_cost_amount: float  # refunds + labels + processing − recovered
    cost_per_returned_unit: float | None
    returned_value_amount: float
    retained_value_amount: float  # returned value kept as exchanges + store credit
    retained_revenue_rate: float | None


RETAINED_OUTCOMES = ("exchange", "store_credit", "store credit")


def cost_by_disposition(con, params: dict, basis: str = "order") -> pd.DataFrame:
    """Cost of returns per disposition and outcome (grain: disposition × outcome)."""
    return _over_facts(con, "cost", _params(params, basis))


def cost(con, params: dict, basis: str = "order") -> ReturnCost:
    """Cost of returns and retained revenue over the scope."""
    d = cost_by_disposition(con, params, basis)
    s = {c: float(d[c].sum()) if not d.empty else 0.0 for c in
         ("units_returned", "refund_amount", "return_label_cost_amount", "processing_cost_amount", "recovered_amount",
          "refund_cost_amount", "returned_value_amount")}
    kept = float(d.loc[d["outcome"].isin(RETAINED_OUTCOMES), "returned_value_amount"].sum()) if not d.empty else 0.0
    return ReturnCost(s["units_returned"], s["refund_amount"], s["return_label_cost_amount"], s["processing_cost_amount"],
                      s["recovered_amount"], s["refund_cost_amount"], _ratio(s["refund_cost_amount"], s["units_returned"]),
                      s["returned_value_amount"], kept, _ratio(kept, s["returned_value_amount"]))


# ------------------------------------------------------------------------------------------------ root causes


@dataclass(frozen=True)
class Finding:
    kind: str  # product (family or SKU outlier) | fulfillment_error | carrier_damage
    subject: str  # "Family Trail Runner", "Warehouse WH-West", "Carrier DHL eCommerce"
    headline: str  # one sentence, computed from the evidence
    details: tuple[str, ...]  # further sentences (reason, phrases, concentration)
    excess_returns: float  # returned units above the comparison rate
    excess_cost_amount: float
    evidence: dict  # the numbers behind the sentences
    filters: dict  # drill-down: shared-filter keys (categories, warehouses, carriers) plus family / sku / reason_flag

    def drill_down(self, f):
        """The shared `Filters` `f` narrowed to this finding (its categories / warehouses / carriers)."""
        from dataclasses import replace

        from .filters import DIMENSIONS
        return replace(f, **{k: tuple(v) for k, v in self.filters.items() if k in DIMENSIONS})


@dataclass(frozen=True)
class RootCauseSummary:
    basis: str
    units_sold: float
    units_returned: float
    unit_return_rate: float | None
    findings: tuple[Finding, ...]
    explained_excess_returns: float
    explained_share: float | None  # of all returned units
    candidates_tested: int
    confidence_z: float  # the Bonferroni-adjusted z every finding's lower bound was computed with
    headline: str


def _pct(x) -> str:
    return "–" if is_missing(x) else f"{100 * x:.1f} %"


def _n(x) -> str:
    return "–" if is_missing(x) else f"{x:,.0f}"


def _money(x, currency: str) -> str:
    return "–" if is_missing(x) else format_money(float(x), currency, 0)


def _times(x) -> str:
    """A ratio to the others: "2.4×", or "none among the others" when theirs is 0 (the ratio is undefined)."""
    return "none among the others" if is_missing(x) else f"{x:.1f}×"


def _phrase_text(ph: pd.DataFrame, k: int = 3) -> str:
    """The k most over-used phrases among the top 2k, two-word phrases first (they read as a cause)."""
    top = ph.head(2 * k).assign(words=lambda d: d["phrase"].str.count(" ") + 1)
    top = top.sort_values(["words", "z"], ascending=[False, False]).head(k).sort_values("z", ascending=False)
    return ", ".join(f"“{r.phrase}” (z = {r.z:.1f}, {r.target_count:.0f} comments)" for r in top.itertuples())


def _significant_phrases(comment_frame: pd.DataFrame, column: str, value) -> pd.DataFrame:
    if comment_frame.empty:
        return pd.DataFrame(columns=["phrase", "z", "target_count"])
    ph = score_phrases(comment_frame, comment_frame[column].astype(object).eq(value))
    return ph[ph["z"] >= Z95]


def _product_finding(r, level: str, comment_frame: pd.DataFrame, skus: pd.DataFrame | None, currency: str) -> Finding:
    name = getattr(r, level)
    ph = _significant_phrases(comment_frame, level, name)
    details = [f"Order lines with a return: {_n(r.lines_returned)} of {_n(r.lines_sold)} ({_pct(r.line_return_rate)}) "
               f"vs {_pct(r.category_line_rate)} for {r.category}."]
    if isinstance(r.top_reason_group, str):
        details.append(f"Top reason: {r.top_reason_group} ({_pct(r.top_reason_share)} of its returned units).")
    if not ph.empty:
        details.append(f"Its comments over-use {_phrase_text(ph)}.")
    if skus is not None and not skus.empty:
        details.append(f"{len(skus)} of its SKUs are outliers themselves: "
                       + ", ".join(f"{s.sku} ({_pct(s.unit_return_rate)})" for s in skus.head(4).itertuples()) + ".")
    return Finding(
        "product", f"{'Family' if level == 'family' else 'SKU'} {name}",
        f"{name} ({r.category}) returned {_n(r.units_returned)} of {_n(r.units_sold)} units sold "
        f"({_pct(r.unit_return_rate)}, 95 % lower bound {_pct(r.wilson_low)}) vs {_pct(r.category_rate)} for "
        f"{r.category}: {_n(r.excess_returns)} excess returns costing about {_money(r.excess_cost_amount, currency)}.",
        tuple(details), float(r.excess_returns), float(r.excess_cost_amount),
        {"level": level, "units_sold": float(r.units_sold), "units_returned": float(r.units_returned),
         "unit_return_rate": float(r.unit_return_rate), "wilson_low": float(r.wilson_low),
         "category_rate": float(r.category_rate), "line_return_rate": float(r.line_return_rate),
         "category_line_rate": float(r.category_line_rate), "top_reason_group": r.top_reason_group,
         "top_reason_share": None if pd.isna(r.top_reason_share) else float(r.top_reason_share),
         "phrases": tuple(ph["phrase"].head(5)),
         "outlier_skus": tuple(skus["sku"]) if skus is not None else ()},
        {"categories": [r.category], level: name})


def _error_finding(con, params, basis, kind: str, r) -> Finding:
    dim = ERROR_KINDS[kind][0]
    value = getattr(r, dim)
    scope = {**params, f"{dim}s": [value]}
    details, evidence = [], {}
    flag = "is_fulfillment_error" if kind == "fulfillment_error" else "is_carrier_damage"
    reasons = reason_matrix(con, scope, dim, basis, top=None)
    reasons = reasons[reasons[flag].fillna(False).astype(bool)].sort_values("units_returned", ascending=False)
    if not reasons.empty:
        tot = reasons["units_returned"].sum()
        details.append("By reason: " + ", ".join(f"{x.reason_group} {_n(x.units_returned)} units ({_pct(x.units_returned / tot)})"
                                                 for x in reasons.head(3).itertuples()) + ".")
        evidence["reasons"] = dict(zip(reasons["reason_group"], reasons["units_returned"].astype(float)))
    if kind == "carrier_damage":  # the zones with the highest rates that hold at least half of its damage returns
        every = error_return_rates(con, scope, kind, basis, dimension="zone")
        hit = every[every["error_orders"] > 0].sort_values(["error_order_rate", "zone"], ascending=[False, True])
        if len(hit) > 1:
            share = hit["error_orders"].cumsum() / hit["error_orders"].sum()
            top = hit.iloc[: int(np.searchsorted(share.to_numpy(), 0.5 - 1e-12)) + 1]
            other = every[~every["zone"].isin(top["zone"])]
            top_rate = _ratio(top["error_orders"].sum(), top["orders_shipped"].sum())
            other_rate = _ratio(other["error_orders"].sum(), other["orders_shipped"].sum())
            zones = ", ".join(map(str, top["zone"]))
            details.append(f"{'Zones ' + zones + ' hold' if len(top) > 1 else 'Zone ' + zones + ' holds'} "
                           f"{_pct(top['error_orders'].sum() / hit['error_orders'].sum())} of its damaged orders: "
                           f"{_pct(top_rate)} of its orders shipped there vs {_pct(other_rate)} in its other zones.")
            evidence.update(zones=tuple(top["zone"]), zone_order_rate=top_rate, other_zones_order_rate=other_rate)
    what = {"fulfillment_error": "a fulfillment-error return (wrong or missing item)",
            "carrier_damage": "a return damaged in transit"}[kind]
    return Finding(
        kind, f"{dim.capitalize()} {value}",
        f"{value}: {_pct(r.error_order_rate)} of its shipped orders came back with {what} ({_n(r.error_orders)} of "
        f"{_n(r.orders_shipped)}) vs {_pct(r.others_order_rate)} for the other {dim}s ({_times(r.ratio_to_others)}): "
        f"{_n(r.excess_returns)} excess returned units.",
        tuple(details), float(r.excess_returns), float("nan"),
        {"error_orders": float(r.error_orders), "orders_shipped": float(r.orders_shipped),
         "error_order_rate": float(r.error_order_rate), "others_order_rate": float(r.others_order_rate),
         "ratio_to_others": float(r.ratio_to_others), "error_units": float(r.error_units),
         "units_shipped": float(r.units_shipped), "error_rate": float(r.error_rate), "others_rate": float(r.others_rate),
         **evidence},
        {f"{dim}s": [value], "reason_flag": kind})


def root_causes(con, params: dict, basis: str = "order", limit: int = 5, alpha: float = 0.05) -> RootCauseSummary:
    """The few findings that explain most excess returns, largest first: outlier families / SKUs (with their top
    reason and over-used comment phrases), warehouses far above the others on fulfillment-error returns, carriers
    far above the others on damage returns (with the zones it concentrates in).  Every sentence is computed.

    Hundreds of SKUs are tested at once, and the units of one order line come back together, so a finding must
    also pass a stricter test than the METRICS outlier rule: its Wilson lower bound at the Bonferroni-adjusted
    level (alpha / candidates tested) on order lines (products) or orders (warehouses, carriers) exceeds the
    comparison rate.  Findings are then ranked by excess returned units."""
    from statistics import NormalDist
    params = _as_dict(params)
    tot = rates(con, params, basis)
    fam = outliers(con, params, "family", basis, only_outliers=False)
    sku = outliers(con, params, "sku", basis, only_outliers=False)
    errs = {k: error_return_rates(con, params, k, basis) for k in ERROR_KINDS}
    m = int((fam["units_sold"] >= MIN_UNITS).sum() + (sku["units_sold"] >= MIN_UNITS).sum()
            + sum(int((e["orders_shipped"] > 0).sum()) for e in errs.values()))
    z = NormalDist().inv_cdf(1 - alpha / max(m, 1))

    def strong_products(g):
        if g.empty:
            return g
        lo, _ = wilson_interval(g["lines_returned"], g["lines_sold"], z)
        return g[g["is_outlier"] & (lo > g["category_line_rate"])]

    cm = comments(con, params, basis)
    currency = one_row(con, "workspace__reporting_currency")[0]  # the excess costs' currency
    fam_hit, sku_hit = strong_products(fam), strong_products(sku)
    findings = [_product_finding(r, "family", cm, sku_hit[sku_hit["family"] == r.family], currency)
                for r in fam_hit.itertuples()]
    findings += [_product_finding(r, "sku", cm, None, currency)
                 for r in sku_hit[~sku_hit["family"].isin(set(fam_hit["family"]))].itertuples()]
    for kind, e in errs.items():
        if e.empty:
            continue
        lo, _ = wilson_interval(e["error_orders"], e["orders_shipped"], z)
        hit = e[e["is_far_above"] & (lo > e["others_order_rate"])]
        findings += [_error_finding(con, params, basis, kind, r) for r in hit.itertuples()]
    findings = sorted((f for f in findings if f.excess_returns > 0), key=lambda f: -f.excess_returns)[:limit]
    per_unit = cost(con, params, basis).cost_per_returned_unit or 0.0
    findings = [f if not math.isnan(f.excess_cost_amount) else
                Finding(f.kind, f.subject, f.headline.rstrip(".") + f", costing about {_money(f.excess_returns * per_unit, currency)}.",
                        f.details, f.excess_returns, f.excess_returns * per_unit, f.evidence, f.filters)
                for f in findings]
    explained = float(sum(f.excess_returns for f in findings))
    share = _ratio(explained, tot.units_returned)
    if not tot.units_sold:
        head = "No units sold in the selected period."
    elif not findings:
        head = (f"{_n(tot.units_returned)} of {_n(tot.units_sold)} units returned ({_pct(tot.unit_return_rate)}); no "
                f"family, SKU, warehouse or carrier stands out from its peers once {m} comparisons are accounted for.")
    else:
        head = (f"{_n(tot.units_returned)} of {_n(tot.units_sold)} units returned ({_pct(tot.unit_return_rate)}); "
                f"{len(findings)} finding{'s' if len(findings) > 1 else ''} explain{'' if len(findings) > 1 else 's'} "
                f"{_n(explained)} excess returns ({_pct(share)} of all returned units).")
    return RootCauseSummary(basis, tot.units_sold, tot.units_returned, tot.unit_return_rate, tuple(findings),
                            explained, share, m, z, head)
