"""Why a KPI moved and whether a week is unusual: the mix/rate (shift-share) decomposition of a ratio KPI's
week-on-week change by slice, the top movers, the slice that contributed most, and the z-score of a week against the
weeks before (the formulas are in lib/metrics/review/__init__.py's docstring).  Pure pandas: no queries, no words."""
from __future__ import annotations

import math

import pandas as pd

ANOMALY_MIN_WEEKS = 4  # an anomaly needs at least this many earlier weeks with a value
TOP_SLICES = 5


def zscore(history, value) -> float | None:
    """z of `value` against the non-missing values of `history` (the weeks before), None when fewer than
    ANOMALY_MIN_WEEKS values or no spread."""
    h = [float(v) for v in history if v is not None and not _nan(v)]
    if value is None or _nan(value) or len(h) < ANOMALY_MIN_WEEKS:
        return None
    mean = sum(h) / len(h)
    sd = math.sqrt(sum((v - mean) ** 2 for v in h) / (len(h) - 1))
    return None if sd < 1e-12 else (float(value) - mean) / sd


MOVER_COLUMNS = ["kpi", "dimension", "slice", "measured_prev", "measured_cur", "share_prev", "share_cur", "value_prev",
                 "value_cur", "mix_effect", "rate_effect", "contribution", "is_other"]


_GROUP = ["kpi", "dimension"]


def decompose_long(long: pd.DataFrame, min_slices: int = 1) -> pd.DataFrame:
    """Mix/rate decomposition (see the module docstring) of many KPIs and dimensions at once.

    `long`: columns kpi, dimension, slice, period ('prev' | 'cur'), numerator, denominator.  Returns one row per
    kpi × dimension × slice with measured_prev/cur, share_prev/cur, value_prev/cur, mix_effect, rate_effect,
    contribution (sorted by |contribution| within each kpi × dimension); groups with fewer than `min_slices`
    slices, or without a base in one of the periods, are left out.
    """
    keys = [*_GROUP, "slice"]
    g = long.groupby([*keys, "period"], sort=False)[["numerator", "denominator"]].sum()
    prev = g.xs("prev", level="period") if "prev" in g.index.get_level_values("period") else g.iloc[:0].droplevel("period")
    cur = g.xs("cur", level="period") if "cur" in g.index.get_level_values("period") else g.iloc[:0].droplevel("period")
    df = prev.join(cur, how="outer", lsuffix="_prev", rsuffix="_cur").fillna(0.0).reset_index()
    nums = ["numerator_prev", "denominator_prev", "numerator_cur", "denominator_cur"]
    df = df[(df[nums] != 0).any(axis=1)]
    tot = df.groupby(_GROUP, sort=False)[nums].transform("sum")
    size = df.groupby(_GROUP, sort=False)["slice"].transform("size")
    keep = (tot["denominator_prev"] > 0) & (tot["denominator_cur"] > 0) & (size >= min_slices)
    df, tot = df[keep], tot[keep]
    d0, d1 = tot["denominator_prev"], tot["denominator_cur"]
    r0 = tot["numerator_prev"] / d0
    w0, w1 = df["denominator_prev"] / d0, df["denominator_cur"] / d1
    v0 = (df["numerator_prev"] / df["denominator_prev"].where(df["denominator_prev"] > 0)).astype("float64")
    v1 = (df["numerator_cur"] / df["denominator_cur"].where(df["denominator_cur"] > 0)).astype("float64")
    out = pd.DataFrame({"kpi": df["kpi"], "dimension": df["dimension"], "slice": df["slice"],
                        "measured_prev": df["denominator_prev"], "measured_cur": df["denominator_cur"],
                        "share_prev": w0, "share_cur": w1, "value_prev": v0, "value_cur": v1})
    out["contribution"] = df["numerator_cur"] / d1 - df["numerator_prev"] / d0 - (w1 - w0) * r0
    out["mix_effect"] = (w1 - w0) * (v0.fillna(r0) - r0)
    out["rate_effect"] = out["contribution"] - out["mix_effect"]
    out["_abs"] = out["contribution"].abs()
    out = out.sort_values([*_GROUP, "_abs"], ascending=[True, True, False], kind="stable").drop(columns="_abs")
    return out[MOVER_COLUMNS[:-1]].reset_index(drop=True)


def top_movers_long(decomposed: pd.DataFrame, n: int = TOP_SLICES) -> pd.DataFrame:
    """Per kpi × dimension, the n slices with the largest |contribution| plus one 'Other (k slices)' row holding the
    rest, so the rows still add up to the change."""
    rank = decomposed.groupby(_GROUP, sort=False).cumcount()
    head = decomposed[rank < n].assign(is_other=False)
    rest = decomposed[rank >= n]
    if rest.empty:
        return head.reset_index(drop=True)
    sums = ["measured_prev", "measured_cur", "share_prev", "share_cur", "mix_effect", "rate_effect", "contribution"]
    other = rest.groupby(_GROUP, sort=False)[sums].sum()
    other["slice"] = "Other (" + rest.groupby(_GROUP, sort=False).size().astype(str) + " slices)"
    other = other.reset_index().assign(value_prev=float("nan"), value_cur=float("nan"), is_other=True)
    out = pd.concat([head, other[MOVER_COLUMNS]], ignore_index=True)
    return out.sort_values([*_GROUP, "is_other"], kind="stable").reset_index(drop=True)


def _single(frame_prev: pd.DataFrame, frame_cur: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([frame_prev.assign(period="prev"), frame_cur.assign(period="cur")]).assign(kpi="k", dimension="d")


def decompose(prev: pd.DataFrame, cur: pd.DataFrame) -> pd.DataFrame:
    """`decompose_long` for one KPI and dimension: `prev`, `cur` have columns slice, numerator, denominator."""
    return decompose_long(_single(prev, cur)).drop(columns=_GROUP)


def top_movers(decomposed: pd.DataFrame, n: int = TOP_SLICES) -> pd.DataFrame:
    """`top_movers_long` for one KPI and dimension (a frame from `decompose`)."""
    return top_movers_long(decomposed.assign(kpi="k", dimension="d"), n).drop(columns=_GROUP)


def _nan(v) -> bool:
    if v is pd.NA or v is pd.NaT:
        return True
    try:
        return bool(v != v)
    except (TypeError, ValueError):
        return False


def top_contributor(movers: pd.DataFrame, kpi: str, direction: float):
    """The slice that contributed most to a change of `kpi` in `direction` (> 0: up, < 0: down), over every
    dimension; None when no slice moved that way.  The bullets and the alerts both name this one."""
    mv = movers[(movers["kpi"] == kpi) & ~movers["is_other"]] if len(movers) else movers
    same_way = mv[(mv["contribution"] * direction) > 0] if len(mv) else mv
    return same_way.loc[same_way["contribution"].abs().idxmax()] if len(same_way) else None
