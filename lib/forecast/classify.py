"""Demand classification (METRICS.md "Demand class"): Syntetos–Boylan ADI / CV² quadrants, and XYZ by CV.

ADI = periods observed / periods with non-zero demand (the average interval between non-zero demands);
CV² = squared coefficient of variation (population standard deviation / mean) of the non-zero demand sizes.
Censored periods (stock-outs, NaN) are left out of both, never counted as zero demand.

    smooth        ADI < 1.32 and CV² < 0.49
    erratic       ADI < 1.32 and CV² ≥ 0.49
    intermittent  ADI ≥ 1.32 and CV² < 0.49
    lumpy         ADI ≥ 1.32 and CV² ≥ 0.49

A series with no non-zero demand at all is "no demand".  The class routes the forecasting method (see
`models.candidates_for`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ADI_CUT = 1.32
CV2_CUT = 0.49
CLASSES = ("smooth", "erratic", "intermittent", "lumpy", "no demand")


@dataclass(frozen=True)
class DemandClass:
    adi: float  # NaN when there is no demand
    cv2: float  # NaN when there is no demand
    demand_class: str  # one of CLASSES
    periods: int  # observed (uncensored) periods
    nonzero_periods: int


def classify(y) -> DemandClass:
    """Syntetos–Boylan class of one demand series (array-like; NaN = censored, ignored)."""
    a = np.asarray(y, dtype=float)
    a = a[~np.isnan(a)]
    nz = a[a > 0]
    if len(nz) == 0:
        return DemandClass(float("nan"), float("nan"), "no demand", len(a), 0)
    adi = len(a) / len(nz)
    mean = nz.mean()
    cv2 = float((nz.std() / mean) ** 2) if mean > 0 else 0.0
    if adi < ADI_CUT:
        cls = "smooth" if cv2 < CV2_CUT else "erratic"
    else:
        cls = "intermittent" if cv2 < CV2_CUT else "lumpy"
    return DemandClass(float(adi), cv2, cls, len(a), len(nz))


def xyz_class(cv: float, x_cut: float = 0.5, z_cut: float = 1.0) -> str:
    """XYZ class from the coefficient of variation of weekly demand: X < 0.5, Y 0.5–1.0, Z ≥ 1.0 (NaN → Z)."""
    if cv is None or cv != cv:
        return "Z"
    return "X" if cv < x_cut else ("Y" if cv < z_cut else "Z")
