"""Run the backtest + model choice + forecast over many series: in worker processes, with progress, cached.

* Processes come from the ``spawn`` context (safe under the Streamlit server, whose threads make ``fork``
  unsafe); a handful of series runs in-process, where starting workers (importing Prophet) would cost more than
  it saves.
* ``progress(done, total)`` is called as batches finish (the page drives `st.progress` with it).
* Results are cached on disk (``<workspace>/cache/forecast/<key>/``, Parquet + JSON), the key being the data
  version, a hash of the history itself, the configuration, the events and the code version, so a second visit,
  another colleague or a notebook on the same data and settings reads the result instead of refitting.

This module never touches Streamlit; `lib.ui` wraps it.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import threading
import time
import types
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from .backtest import ForecastConfig, SeriesOutcome, calibrate, evaluate_batch, overall_accuracy, pooled_choice

CODE_VERSION = "forecast-7"  # bump when a change alters results: cached forecasts are then recomputed
INLINE_MAX_SECONDS = 8.0  # estimated work below which starting worker processes (≈ 3–5 s) does not pay
COST_SIMPLE_S, COST_PROPHET_S = 0.015, 0.35  # rough seconds per series: simple models only / with Prophet
CACHE_KEEP = 24


@dataclass(frozen=True)
class Accuracy:
    """Pooled backtest accuracy over all backtested series (chosen models vs seasonal naive)."""
    series: int
    backtested_series: int
    wape: float
    naive_wape: float
    bias: float
    mase_median: float
    coverage: float = float("nan")  # share of backtest actuals inside the calibrated interval

    @property
    def wape_improvement(self) -> float:
        """Share by which the chosen models' WAPE is below seasonal naive's (0.2 = 20 % lower)."""
        if not self.naive_wape or self.naive_wape != self.naive_wape:
            return float("nan")
        return 1 - self.wape / self.naive_wape


@dataclass(frozen=True)
class ForecastResult:
    """Forecasts with the evidence behind them.

    forecast:  one row per series and future period — series_id, ds, yhat, yhat_lower, yhat_upper, model
    selection: one row per series — demand class (ADI, CV²), chosen model, its backtest WAPE / bias / MASE,
               seasonal naive's WAPE / MASE, σ of the chosen model's backtest errors (per period), …
    backtest:  one row per series and candidate model — pooled backtest errors
    points:    one row per series, candidate model, fold origin and period — actual vs forecast
    """
    config: ForecastConfig
    forecast: pd.DataFrame
    selection: pd.DataFrame
    backtest: pd.DataFrame
    points: pd.DataFrame
    elapsed_s: float = 0.0
    from_cache: bool = False
    workers: int = 1
    key: str = ""

    @property
    def accuracy(self) -> Accuracy:
        return Accuracy(**overall_accuracy(self.selection))

    def series(self, series_id: str) -> pd.DataFrame:
        """One series' forecast (grain: future period)."""
        return self.forecast[self.forecast["series_id"] == series_id].reset_index(drop=True)

    def choice(self, series_id: str) -> dict:
        """The selection row of one series (demand class, chosen model, its accuracy vs seasonal naive)."""
        return self.selection[self.selection["series_id"] == series_id].iloc[0].to_dict()

    def candidates(self, series_id: str) -> pd.DataFrame:
        """Backtest accuracy of each candidate model of one series (grain: model)."""
        return self.backtest[self.backtest["series_id"] == series_id].reset_index(drop=True)

    def backtest_points(self, series_id: str, model: str | None = None) -> pd.DataFrame:
        """Backtest forecasts vs actuals of one series, for its chosen model by default (grain: origin × period)."""
        model = model or self.choice(series_id)["model"]
        p = self.points
        return p[(p["series_id"] == series_id) & (p["model"] == model)].reset_index(drop=True)

    def describe(self, series_id: str) -> str:
        """One line for a reader: the chosen model, the demand class and the backtest against seasonal naive."""
        from .models import MODEL_LABELS
        c = self.choice(series_id)
        pct = lambda v: "–" if v != v else f"{v:.0%}"  # noqa: E731
        head = f"**{MODEL_LABELS.get(c['model'], c['model'])}** · {c['demand_class']} demand"
        if c["adi"] == c["adi"]:
            head += f" (ADI {c['adi']:.2f}, CV² {c['cv2']:.2f})"
        if not c["folds"]:
            return head + "\n\nToo short a history for a backtest: the default model of its class."
        return (head + f"\n\nBacktest WAPE **{pct(c['wape'])}** vs seasonal naive {pct(c['naive_wape'])}; "
                f"MASE {c['mase']:.2f}, bias {c['bias']:+.0%} ({c['folds']} folds)")

    def accuracy_table(self) -> pd.DataFrame:
        """Per series, for the page's sortable table (grain: series)."""
        cols = ["series_id", "demand_class", "model", "wape", "naive_wape", "mase", "bias", "adi", "cv2", "folds",
                "recent_mean"]
        t = self.selection[cols].copy()
        t["beats_naive"] = t["wape"] < t["naive_wape"]
        return t.sort_values("wape", na_position="last").reset_index(drop=True)


# ------------------------------------------------------------------ BLAS threads

_BLAS_SETTERS = ("openblas_set_num_threads", "openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                 "scipy_openblas_set_num_threads64_")


def _blas_handles() -> list:
    """(set, get) pairs of every OpenBLAS loaded in this process (numpy and scipy each bring their own)."""
    import ctypes
    out, seen = [], set()
    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return out
    for line in maps:
        path = line.split()[-1] if "/" in line else ""
        if "openblas" not in path.lower() or path in seen:
            continue
        seen.add(path)
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _BLAS_SETTERS:
            setter = getattr(lib, name, None)
            getter = getattr(lib, name.replace("set_", "get_"), None)
            if setter is not None and getter is not None:
                out.append((setter, getter))
                break
    return out


@contextlib.contextmanager
def single_thread_blas():
    """Run with one BLAS thread: the models fit tiny matrices thousands of times, and OpenBLAS spreading each over
    every core made the ETS fits 12× slower on a busy 2-core machine (measured: 380 ms → 30 ms per series)."""
    import scipy.linalg  # noqa: F401  (loads scipy's own OpenBLAS, which the ETS fits use, before it is looked up)
    handles = _blas_handles()
    before = []
    for setter, getter in handles:
        try:
            before.append(int(getter()))
            setter(1)
        except (OSError, ValueError):
            before.append(None)
    try:
        yield
    finally:
        for (setter, _), n in zip(handles, before):
            if n:
                setter(n)


def _evaluate_batch_1t(batch, cfg, events, glob):
    """A worker's unit of work, with one BLAS thread."""
    with single_thread_blas():
        return evaluate_batch(batch, cfg, events, glob)


# ------------------------------------------------------------------ cache

def cache_key(history: pd.DataFrame, cfg: ForecastConfig, events: pd.DataFrame | None,
              data_version: str | int | None = None) -> str:
    """Hash of the code version, the configuration, the history's content (hashing a few hundred thousand rows
    takes milliseconds, and unlike a version number it also tells two filter selections apart), the events and,
    when given, the workspace's data version."""
    h = hashlib.sha256()
    h.update(CODE_VERSION.encode())
    h.update(json.dumps(cfg.as_dict(), sort_keys=True, default=str).encode())
    if data_version is not None:
        h.update(f"v:{data_version}".encode())
    h.update(pd.util.hash_pandas_object(history[["series_id", "ds", "y"]], index=False).to_numpy().tobytes())
    if events is not None and len(events):
        h.update(pd.util.hash_pandas_object(events.astype(str), index=False).to_numpy().tobytes())
    return h.hexdigest()[:24]


_FRAMES = ("forecast", "selection", "backtest", "points")


def _read_cache(path: Path, cfg: ForecastConfig, key: str) -> ForecastResult | None:
    try:
        meta = json.loads((path / "meta.json").read_text())
        frames = {n: pd.read_parquet(path / f"{n}.parquet") for n in _FRAMES}
    except (FileNotFoundError, OSError, ValueError):
        return None
    os.utime(path)
    return ForecastResult(cfg, **frames, elapsed_s=meta.get("elapsed_s", 0.0), from_cache=True,
                          workers=meta.get("workers", 1), key=key)


def _write_cache(root: Path, key: str, res: ForecastResult) -> None:
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{key}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        for n in _FRAMES:
            getattr(res, n).to_parquet(tmp / f"{n}.parquet", index=False)
        (tmp / "meta.json").write_text(json.dumps({"config": res.config.as_dict(), "elapsed_s": res.elapsed_s,
                                                   "workers": res.workers, "written_at": time.time()}))
        final = root / key
        if final.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            os.replace(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[CACHE_KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def cache_dir_for(ws) -> Path:
    """Where a workspace keeps its forecast cache."""
    return Path(ws.root) / "cache" / "forecast"


# ------------------------------------------------------------------ running

def _batches(history: pd.DataFrame, n_batches: int) -> list[list[tuple[str, np.ndarray, np.ndarray]]]:
    items = [(str(sid), g["ds"].to_numpy(), g["y"].to_numpy(dtype=float))
             for sid, g in history.sort_values(["series_id", "ds"]).groupby("series_id", sort=False)]
    # longest work first, dealt round-robin so batches are balanced
    items.sort(key=lambda t: -len(t[2]))
    out = [[] for _ in range(max(1, min(n_batches, len(items))))]
    for i, it in enumerate(items):
        out[i % len(out)].append(it)
    return [b for b in out if b]


def _assemble(outcomes: list[SeriesOutcome], cfg: ForecastConfig, order: list[str]) -> dict:
    pos = {s: i for i, s in enumerate(order)}
    outcomes = sorted(outcomes, key=lambda o: pos.get(o.selection["series_id"], 0))
    sel = pd.DataFrame([o.selection for o in outcomes])
    fc = pd.concat([o.forecast for o in outcomes], ignore_index=True) if outcomes else pd.DataFrame(
        columns=["series_id", "ds", "yhat", "yhat_lower", "yhat_upper", "model"])
    bt = pd.concat([o.backtest for o in outcomes], ignore_index=True) if outcomes else pd.DataFrame()
    pts = [o.points for o in outcomes if len(o.points)]
    pts = pd.concat(pts, ignore_index=True) if pts else pd.DataFrame(
        columns=["series_id", "model", "origin", "ds", "step", "y", "yhat"])
    return {"forecast": fc, "selection": sel, "backtest": bt, "points": pts}


_MAIN_LOCK = threading.Lock()


@contextlib.contextmanager
def _plain_main():
    """Spawned workers re-run the parent's main *script* (`__main__.__file__`) unless it is hidden: under
    `streamlit run` that script is a page, in a plain script without a `__main__` guard it is the script itself.
    Workers only need `lib`, so while they start `__main__` is swapped for an empty module."""
    real = sys.modules.get("__main__")
    if real is None or getattr(real, "__spec__", None) is not None or not getattr(real, "__file__", None):
        yield
        return
    with _MAIN_LOCK:
        dummy = types.ModuleType("__main__")
        sys.modules["__main__"] = dummy
        try:
            yield
        finally:
            if sys.modules.get("__main__") is dummy:
                sys.modules["__main__"] = real


def estimated_seconds(history: pd.DataFrame, cfg: ForecastConfig) -> float:
    """Rough single-process cost: series whose demand class routes them to Prophet dominate it."""
    from .classify import classify
    from .models import candidates_for
    n = history["series_id"].nunique()
    if "prophet" not in cfg.models:
        return n * COST_SIMPLE_S
    heavy = sum("prophet" in candidates_for(classify(g.to_numpy()).demand_class, cfg.models, len(g) / cfg.season)
                for _, g in history.groupby("series_id", sort=False)["y"])
    return n * COST_SIMPLE_S + heavy * COST_PROPHET_S * (cfg.folds + 1) / 4


def _subset(glob: dict, batch) -> dict:
    return {b[0]: glob[b[0]] for b in batch if b[0] in glob}


def batch_candidates(history: pd.DataFrame, cfg: ForecastConfig, events: pd.DataFrame | None) -> dict:
    """Forecasts of the batch-wide candidates (the global LightGBM model, the pooled share of the total) at every
    series' fold origins and for the future: {series_id: {model: {origin or "final": array}}} (a model is absent
    when it is not a candidate or there are too few series)."""
    from .backtest import series_origins
    from .models import POOLED
    from .pooled import pooled_forecasts
    sizes = history.groupby("series_id").size()
    origins = {str(s): series_origins(int(n), cfg) for s, n in sizes.items()}
    out: dict[str, dict] = {}
    parts = {"global": global_candidate(history, cfg, events, origins)}
    if POOLED in cfg.models:
        parts[POOLED] = pooled_forecasts(history, cfg.horizon, cfg.freq, cfg.season, origins)
    for model, by_series in parts.items():
        for sid, d in by_series.items():
            out.setdefault(sid, {})[model] = d
    return out


def global_candidate(history: pd.DataFrame, cfg: ForecastConfig, events: pd.DataFrame | None,
                     origins: dict | None = None) -> dict:
    """Forecasts of the global model at every series' fold origins and for the future ({} when it is not a
    candidate or there are too few series)."""
    from .backtest import series_origins
    from .global_model import MIN_SERIES, global_forecasts
    from .models import GLOBAL, event_days
    if GLOBAL not in cfg.models or history["series_id"].nunique() < MIN_SERIES:
        return {}
    if origins is None:
        sizes = history.groupby("series_id").size()
        origins = {str(s): series_origins(int(n), cfg) for s, n in sizes.items()}
    days = None
    if events is not None and len(events):
        peaks = events[events.get("event_type", pd.Series("promotion", index=events.index)) == "peak"]
        days = event_days(peaks, cfg.freq, None, history["ds"].min(), history["ds"].max())["ds"].to_numpy()
    try:
        return global_forecasts(history, cfg.horizon, cfg.freq, cfg.season, origins, days, events)
    except ImportError:  # LightGBM absent: the per-series models still run
        return {}


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run_forecasts(history: pd.DataFrame, cfg: ForecastConfig | None = None, events: pd.DataFrame | None = None,
                  progress: Callable[[int, int], None] | None = None, cache_dir: Path | str | None = None,
                  data_version: str | int | None = None, workers: int | None = None,
                  evaluate: Callable | None = None) -> ForecastResult:
    """Backtest, choose and forecast every series of `history` (long: series_id, ds, y on a regular grid).

    `evaluate(history, cfg, events, glob) -> [SeriesOutcome]`, when given, replaces the local fan-out of the
    per-series work (worker processes or in-process batches): `lib.scaleout.forecast.evaluator` runs it on Spark.
    What looks at every series at once (the batch-wide candidates before, the pooled choice and the calibration
    after) runs here either way."""
    cfg = cfg or ForecastConfig()
    t0 = time.perf_counter()
    history = history[["series_id", "ds", "y"]].copy()
    history["series_id"] = history["series_id"].astype(str)
    history["ds"] = pd.to_datetime(history["ds"])
    key = cache_key(history, cfg, events, data_version)
    if cache_dir is not None:
        hit = _read_cache(Path(cache_dir) / key, cfg, key)
        if hit is not None:
            if progress:
                n = int(hit.selection.shape[0])
                progress(n, n)
            return hit

    order = list(dict.fromkeys(history["series_id"]))
    total = len(order)
    with single_thread_blas():
        glob = batch_candidates(history, cfg, events)
    workers = workers or default_workers()
    use_pool = workers > 1 and total > 1 and estimated_seconds(history, cfg) > INLINE_MAX_SECONDS
    outcomes: list[SeriesOutcome] = []
    if evaluate is not None:
        outcomes = list(evaluate(history, cfg, events, glob))
        if progress:
            progress(len(outcomes), total)
        workers = 0  # no local worker process: the engine behind `evaluate` ran the series
    elif not use_pool:
        for batch in _batches(history, max(1, min(total, 20))):
            outcomes += _evaluate_batch_1t(batch, cfg, events, _subset(glob, batch))
            if progress:
                progress(len(outcomes), total)
        workers = 1
    else:
        batches = _batches(history, workers * 6)
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            with _plain_main():  # workers start on submit
                futs = [pool.submit(_evaluate_batch_1t, b, cfg, events, _subset(glob, b)) for b in batches]
            for f in as_completed(futs):
                outcomes += f.result()
                if progress:
                    progress(len(outcomes), total)
    pos = {s: i for i, s in enumerate(order)}
    outcomes.sort(key=lambda o: pos.get(o.selection["series_id"], 0))  # the pooled choice sums in series order,
    # not in the order batches happened to finish, so every fan-out gives the same floats
    parts = _assemble(pooled_choice(outcomes, cfg), cfg, order)
    parts["forecast"], parts["selection"] = calibrate(parts["selection"], parts["points"], parts["forecast"],
                                                      cfg.level, cfg.horizon, parts["backtest"], cfg.calibration,
                                                      cfg.interval_scale, cfg.interval_steps)
    res = ForecastResult(cfg, **parts, elapsed_s=time.perf_counter() - t0,
                         workers=workers, key=key)
    if cache_dir is not None:
        try:
            _write_cache(Path(cache_dir), key, res)
        except OSError:
            pass  # a read-only workspace still forecasts, it just does not remember
    return res
