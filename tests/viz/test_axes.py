"""Axes with units: a count axis over zeros or float dust reads "0" and "1", never "0.000000" (rendered offline by
vl-convert, as the brief renders its charts)."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from lib.viz import counts
from lib.viz import forecast as charts


def axis_labels(chart) -> list[str]:
    import vl_convert as vlc
    svg = vlc.vegalite_to_svg(chart.to_json())
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def plan_days(backlog) -> pd.DataFrame:
    days = pd.date_range("2026-11-23", periods=len(backlog)).date
    return pd.DataFrame({"day": days, "orders": 100, "units": 150, "total_hours": 5.5, "headcount": 1,
                         "staffed_hours": 8.0, "backlog_end": backlog, "is_sla_at_risk": False})


@pytest.mark.parametrize("backlog", [[0.0] * 7, [1e-12, 0, 3e-10, 0, 0, 0, 0]], ids=["zeros", "float dust"])
def test_orders_waiting_axis_of_an_empty_backlog_reads_whole_numbers(backlog):
    labels = axis_labels(charts.staffing_chart(plan_days(backlog)))
    assert "Orders waiting" in labels and "0" in labels and "1" in labels
    assert not [t for t in labels if re.fullmatch(r"-?\d*\.\d+", t)], labels  # no 0.5, no 0.000000


def test_a_real_backlog_keeps_thousands_separators():
    labels = axis_labels(charts.staffing_chart(plan_days([0, 1200, 3400, 2500, 800, 0, 0])))
    assert "3,000" in labels or "3,500" in labels
    assert not [t for t in labels if re.fullmatch(r"-?\d*\.\d+", t)], labels


def test_counts_scale():
    small, large = counts([0, 2.2, 1]), counts([0, 40])
    assert small["axis"].values == [0, 1, 2, 3] and small["scale"].domain == [0, 3]
    assert large["axis"].format == ",.0f" and large["scale"].domainMin == 0
    assert counts([0, 0])["axis"].values == [0, 1]
