"""Syntetos–Boylan demand classes and XYZ on series whose ADI and CV² are easy to check by hand."""
import numpy as np
import pytest

from lib.forecast.classify import classify, xyz_class


def test_quadrants():
    s = classify([5, 5, 5, 6])  # ADI 1, CV² (0.433/5.25)² ≈ .0068
    assert s.demand_class == "smooth" and s.adi == 1
    e = classify([1, 10, 1, 10])  # ADI 1, sizes mean 5.5 sd 4.5 → CV² .669
    assert e.demand_class == "erratic" and e.cv2 == pytest.approx((4.5 / 5.5) ** 2)
    i = classify([0, 0, 3, 0, 3, 0])  # ADI 6/2 = 3, CV² 0
    assert i.demand_class == "intermittent" and i.adi == 3 and i.cv2 == 0
    lumpy = classify([0, 1, 0, 0, 20, 0])  # ADI 3, sizes 1, 20: mean 10.5 sd 9.5 → CV² .819
    assert lumpy.demand_class == "lumpy" and lumpy.cv2 == pytest.approx((9.5 / 10.5) ** 2)


def test_censored_periods_do_not_count():
    s = classify([0, np.nan, 3, np.nan])
    assert s.periods == 2 and s.adi == 2


def test_no_demand():
    assert classify([0, 0, np.nan]).demand_class == "no demand"


def test_xyz():
    assert [xyz_class(v) for v in (0.2, 0.5, 0.99, 1.0, float("nan"))] == ["X", "Y", "Y", "Z", "Z"]
