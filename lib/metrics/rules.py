"""Rules every page shares, written once: how a value is judged against its target (RAG with its amber band) and how
sure a rate resting on few events is (the Wilson score interval)."""
from __future__ import annotations

import numpy as np

from . import is_missing

AMBER_BAND = 0.10  # amber when missed by at most a tenth of the way from zero to the target (Settings says so)
Z95 = 1.959963984540054


def rag(value, target, higher_is_better: bool = True, band: float = AMBER_BAND) -> str:
    """'green' when the target is met, 'amber' when missed by at most `band` × |target|, else 'red'; 'none' without
    a value or a target. Example: on-time target 96 % → green ≥ 96 %, amber ≥ 86.4 %, red below; cost per order
    target $9.00 (lower is better) → green ≤ $9.00, amber ≤ $9.90, red above."""
    if is_missing(value) or is_missing(target):
        return "none"
    value, target = float(value), float(target)
    shortfall = (target - value) if higher_is_better else (value - target)
    eps = 1e-12 * max(1.0, abs(target))
    if shortfall <= eps:
        return "green"
    return "amber" if shortfall <= band * abs(target) + eps else "red"


def wilson_interval(k, n, z: float = Z95):
    """Wilson score interval of k successes in n trials (vectorised; NaN where n = 0; k is clipped to n)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.clip(k / n, 0, 1)
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
        lo = np.where(n > 0, centre - half, np.nan)
        hi = np.where(n > 0, centre + half, np.nan)
    return lo, hi
