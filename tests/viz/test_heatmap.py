"""The returns heat map (reason × dimension value) at a manager's sizes: each value's row stays readable however few
values there are, and the colour legend of small rates shows distinct labels.

Seen in session 10 at 1024 and 1440 px: with ten zones the rows were ~10 px tall (Streamlit fits the whole chart,
rotated reason labels included, into the chart's height) and the legend of rates under 1 % read "1%, 1%, 1%, 0%, 0%"."""
from __future__ import annotations

import pandas as pd

from lib.viz import returns as viz

ROTATED_LABELS = 100  # px the -30° reason labels take below the rows


def _matrix(values: int) -> pd.DataFrame:
    rows = [{"zone": str(z), "reason_group": r, "units_returned": z, "units_sold": 1000.0,
             "return_rate": z / 1000.0, "share_of_value_returns": 0.5}
            for z in range(1, values + 1) for r in ("Damaged in transit", "Fit: too small")]
    return pd.DataFrame(rows)


def _legend_labels(fmt: str, lo: float, hi: float, ticks: int = 5) -> list[str]:
    """The labels a d3 percent format gives `ticks` evenly spaced values (".1~%": one decimal, trailing zeros cut)."""
    assert fmt in (".1~%", ".0%")
    step = (hi - lo) / (ticks - 1)
    out = []
    for i in range(ticks):
        v = (lo + i * step) * 100
        out.append((f"{v:.1f}".rstrip("0").rstrip(".") if fmt == ".1~%" else f"{v:.0f}") + "%")
    return out


def test_rows_keep_their_height_beside_the_rotated_labels():
    for values in (3, 10, 25):
        spec = viz.heatmap(_matrix(values), "zone", heading="Zone").to_dict()
        assert spec["height"] >= 20 * values + ROTATED_LABELS, (values, spec["height"])


def test_the_legend_of_rates_under_one_percent_has_distinct_labels():
    spec = viz.heatmap(_matrix(10), "zone", heading="Zone").to_dict()
    fmt = spec["encoding"]["color"]["legend"]["format"]
    labels = _legend_labels(fmt, 0.002, 0.010)
    assert len(set(labels)) == len(labels), labels
