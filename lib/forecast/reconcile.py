"""Coherent roll-ups: SKU forecasts that add up to the category, channel and total forecasts.

Every node of the hierarchy (the total, each category, each channel, …, each bottom series) is forecast on its
own by the usual chooser; those *base* forecasts do not add up.  Reconciliation maps them to coherent ones
ŷ = S·P·ŷ_base, S being the summing matrix (rows: nodes, columns: bottom series):

    bottom_up    P = [0 | I]: the bottom forecasts, summed (the aggregates' own forecasts are ignored)
    ols          P = (SᵀS)⁻¹Sᵀ (Hyndman et al. 2011)
    wls          P = (SᵀΛS)⁻¹SᵀΛ, Λ = diag(1 / number of bottom series under each node) (structural scaling)
    mint_shrink  P = (SᵀW⁻¹S)⁻¹SᵀW⁻¹, W = the base forecasts' backtest error covariance shrunk towards its
                 diagonal (Wickramasuriya, Athanasopoulos & Hyndman 2019; Schäfer–Strimmer intensity)

`choose` scores each method on the backtest (the base forecasts of every node at the shared fold origins, against
what happened), the mean WAPE over the hierarchy's levels, and keeps the best: bottom-up wins when the SKU
forecasts are good, a reconciliation when the aggregates know something the SKUs do not (a peak, a trend).
Negative reconciled bottom forecasts are set to 0 and summed again, so the result stays coherent.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

METHODS = ("bottom_up", "ols", "wls", "mint_shrink")
TOTAL = "Total"


@dataclass(frozen=True)
class Hierarchy:
    """Nodes (their ids and level names) and the summing matrix; the bottom series are the last columns' nodes."""
    nodes: list[str]
    levels: list[str]
    S: np.ndarray  # len(nodes) × n_bottom
    bottom: list[str]


def hierarchy(bottom: pd.DataFrame, by: list[str], total: bool = True) -> Hierarchy:
    """Nodes of a grouped hierarchy: `bottom` has one row per bottom series (`series_id`) and the columns `by`
    (e.g. category, channel); nodes are the total, each value of each `by` column ("category: Apparel") and the
    bottom series themselves."""
    b = bottom.drop_duplicates("series_id").reset_index(drop=True)
    ids = b["series_id"].astype(str).tolist()
    rows, nodes, levels = [], [], []
    if total:
        rows.append(np.ones(len(b)))
        nodes.append(TOTAL)
        levels.append("total")
    for col in by:
        for v in sorted(b[col].astype(str).unique()):
            rows.append((b[col].astype(str) == v).to_numpy(dtype=float))
            nodes.append(f"{col}: {v}")
            levels.append(col)
    rows += list(np.eye(len(b)))
    nodes += ids
    levels += ["bottom"] * len(b)
    return Hierarchy(nodes, levels, np.vstack(rows), ids)


def aggregate(history: pd.DataFrame, h: Hierarchy) -> pd.DataFrame:
    """Long history (series_id = bottom id, ds, y) of every node (NaN — a censored period — counts as 0 above the
    bottom: the roll-up is what was sold)."""
    wide = history.pivot_table(index="ds", columns="series_id", values="y", aggfunc="sum", dropna=False)
    wide = wide.reindex(columns=h.bottom)
    agg = wide.fillna(0.0).to_numpy() @ h.S[: len(h.nodes) - len(h.bottom)].T
    top = pd.DataFrame(agg, index=wide.index, columns=h.nodes[: len(h.nodes) - len(h.bottom)])
    out = pd.concat([top, wide], axis=1).reset_index().melt(id_vars="ds", var_name="series_id", value_name="y")
    return out[["series_id", "ds", "y"]]


def shrunk_covariance(resid: np.ndarray) -> np.ndarray:
    """Schäfer–Strimmer shrinkage of the error covariance (rows: periods, columns: nodes) towards its diagonal."""
    r = resid[np.isfinite(resid).all(axis=1)]
    n, m = r.shape
    if n < 2:
        return np.diag(np.nanvar(resid, axis=0) + 1e-9)
    cov = (r.T @ r) / n  # errors of unbiased forecasts: centred at 0, as in the paper
    sd = np.sqrt(np.clip(np.diag(cov), 1e-12, None))
    x = r / sd
    corr = (x.T @ x) / n
    w = x[:, :, None] * x[:, None, :]
    var_corr = ((w - corr) ** 2).sum(axis=0) * n / (n - 1) ** 3
    off = ~np.eye(m, dtype=bool)
    denom = (corr[off] ** 2).sum()
    lam = float(np.clip(var_corr[off].sum() / denom, 0, 1)) if denom > 0 else 1.0
    shrunk = (1 - lam) * corr
    np.fill_diagonal(shrunk, 1.0)
    return shrunk * np.outer(sd, sd) + np.eye(m) * 1e-9


def projection(h: Hierarchy, method: str, resid: np.ndarray | None = None) -> np.ndarray:
    """P (n_bottom × n_nodes) of a method; `resid`: backtest errors (periods × nodes) for mint_shrink."""
    S = h.S
    nb, nn = S.shape[1], S.shape[0]
    if method == "bottom_up":
        return np.hstack([np.zeros((nb, nn - nb)), np.eye(nb)])
    if method == "ols":
        w_inv = np.eye(nn)
    elif method == "wls":
        w_inv = np.diag(1.0 / S.sum(axis=1))
    elif method == "mint_shrink":
        if resid is None:
            raise ValueError("mint_shrink needs backtest errors")
        w_inv = np.linalg.pinv(shrunk_covariance(resid))
    else:
        raise ValueError(f"unknown reconciliation {method!r}")
    return np.linalg.solve(S.T @ w_inv @ S, S.T @ w_inv)


def apply(h: Hierarchy, base: np.ndarray, P: np.ndarray) -> np.ndarray:
    """Coherent forecasts (nodes × periods) from base forecasts (nodes × periods); bottom values clipped at 0."""
    bottom = np.clip(P @ base, 0, None)
    return h.S @ bottom


def level_wape(h: Hierarchy, fc: np.ndarray, actual: np.ndarray) -> float:
    """Mean over the hierarchy's levels of the level's pooled WAPE."""
    out = []
    lv = np.array(h.levels)
    for level in dict.fromkeys(h.levels):
        rows = lv == level
        a, f = actual[rows], fc[rows]
        ok = np.isfinite(a)
        if a[ok].sum() > 0:
            out.append(np.abs(f[ok] - a[ok]).sum() / a[ok].sum())
    return float(np.mean(out)) if out else float("nan")


def choose(h: Hierarchy, base_bt: np.ndarray, actual_bt: np.ndarray, methods=METHODS) -> tuple[str, dict]:
    """The method with the lowest level-mean WAPE on the backtest (`base_bt`, `actual_bt`: nodes × backtest
    periods); ties go to the simpler method (METHODS order).  The covariance for mint_shrink comes from the same
    backtest errors."""
    resid = (actual_bt - base_bt).T
    scores = {}
    for m in methods:
        try:
            P = projection(h, m, resid)
        except (np.linalg.LinAlgError, ValueError):
            continue
        scores[m] = level_wape(h, apply(h, np.nan_to_num(base_bt), P), actual_bt)
    best = min(scores, key=lambda k: (scores[k] - 1e-12 * METHODS.index(k)) if scores[k] == scores[k] else np.inf)
    return best, scores


def reconcile_result(result, h: Hierarchy, methods=METHODS):
    """Reconcile a `ForecastResult` over every node of `h`: choose the method on the backtest points of the
    nodes' chosen models at the fold origins they share, apply it to the forecasts.  Returns (forecast frame with
    `yhat` coherent and `yhat_base` kept, chosen method, scores per method)."""
    sel = result.selection.set_index("series_id")["model"]
    pts = result.points
    pts = pts[pts["model"].to_numpy() == pts["series_id"].map(sel).to_numpy()]
    key = pts.assign(k=pd.to_datetime(pts["origin"]).astype(str) + "|" + pd.to_datetime(pts["ds"]).astype(str))
    wide_f = key.pivot_table(index="series_id", columns="k", values="yhat", aggfunc="first").reindex(h.nodes)
    wide_a = key.pivot_table(index="series_id", columns="k", values="y", aggfunc="first").reindex(h.nodes)
    shared = wide_f.columns[wide_f.notna().all(axis=0).to_numpy()]
    if len(shared) >= 2:
        method, scores = choose(h, wide_f[shared].to_numpy(), wide_a[shared].to_numpy(), methods)
        resid = (wide_a[shared].to_numpy() - wide_f[shared].to_numpy()).T
    else:
        method, scores, resid = "bottom_up", {}, None
    fc = result.forecast.copy()
    base = fc.pivot_table(index="series_id", columns="ds", values="yhat", aggfunc="first").reindex(h.nodes)
    coherent = apply(h, base.fillna(0.0).to_numpy(), projection(h, method, resid))
    rec = pd.DataFrame(coherent, index=h.nodes, columns=base.columns).stack().rename("yhat_coherent").reset_index()
    rec.columns = ["series_id", "ds", "yhat_coherent"]
    fc = fc.merge(rec, on=["series_id", "ds"], how="left")
    ratio = np.where(fc["yhat"] > 0, fc["yhat_coherent"] / fc["yhat"].where(fc["yhat"] > 0), 1.0)
    fc["yhat_base"] = fc["yhat"]
    fc["yhat"] = fc["yhat_coherent"]
    fc["yhat_lower"] = np.minimum(fc["yhat"], fc["yhat_lower"] * ratio)
    fc["yhat_upper"] = np.maximum(fc["yhat"], fc["yhat_upper"] * ratio)
    return fc.drop(columns="yhat_coherent"), method, scores


METHOD_WORDS = {"bottom_up": "adding up the SKU forecasts", "ols": "least-squares reconciliation",
                "wls": "reconciliation weighted by the number of SKUs",
                "mint_shrink": "reconciliation weighted by the forecast errors (MinT)"}


@dataclass(frozen=True)
class Rollups:
    """SKU forecasts reconciled with their roll-ups (`forecast`: every node, coherent `yhat`, `yhat_base` kept)."""
    hierarchy: Hierarchy
    forecast: pd.DataFrame
    method: str
    scores: dict

    def bottom(self, result):
        """`result` (the SKUs' ForecastResult) with its forecasts replaced by the coherent ones."""
        from dataclasses import replace
        fc = self.forecast[self.forecast["series_id"].isin(self.hierarchy.bottom)]
        keep = result.forecast[~result.forecast["series_id"].isin(self.hierarchy.bottom)]
        cols = list(result.forecast.columns)
        return replace(result, forecast=pd.concat([fc[cols], keep], ignore_index=True))

    def table(self) -> pd.DataFrame:
        """Per roll-up (the total, each group): units over the horizon — reconciled, the roll-up's own forecast
        and the sum of its SKUs' forecasts before reconciling (grain: roll-up node)."""
        h = self.hierarchy
        tops = h.nodes[: len(h.nodes) - len(h.bottom)]
        base = self.forecast.groupby("series_id")[["yhat", "yhat_base"]].sum()
        bottom_base = base["yhat_base"].reindex(h.bottom).fillna(0.0).to_numpy()
        summed = h.S[: len(tops)] @ bottom_base
        return pd.DataFrame({"node": tops, "level": h.levels[: len(tops)],
                             "reconciled": base["yhat"].reindex(tops).to_numpy(),
                             "own": base["yhat_base"].reindex(tops).to_numpy(), "sku_sum": summed})


def rollups(result, history: pd.DataFrame, groups: pd.DataFrame, by: list[str], cfg, events=None,
            cache_dir=None, data_version=None) -> Rollups | None:
    """Forecast the roll-ups of `result`'s bottom series (the total and each value of the `by` columns of
    `groups`: series_id + grouping columns) with the same chooser, and reconcile everything (`reconcile_result`).
    None when fewer than two bottom series have a group."""
    from types import SimpleNamespace

    from .parallel import run_forecasts
    ids = set(result.forecast["series_id"].astype(str))
    g = groups.assign(series_id=groups["series_id"].astype(str))
    g = g[g["series_id"].isin(ids)].drop_duplicates("series_id")
    if len(g) < 2:
        return None
    h = hierarchy(g, by)
    hist = history.assign(series_id=history["series_id"].astype(str))
    nodes = aggregate(hist[hist["series_id"].isin(h.bottom)], h)
    tops = set(h.nodes[: len(h.nodes) - len(h.bottom)])
    top_res = run_forecasts(nodes[nodes["series_id"].isin(tops)], cfg, events, cache_dir=cache_dir,
                            data_version=data_version)
    both = SimpleNamespace(**{k: pd.concat([getattr(top_res, k), getattr(result, k)], ignore_index=True)
                              for k in ("selection", "points", "forecast")})
    fc, method, scores = reconcile_result(both, h)
    return Rollups(h, fc, method, scores)
