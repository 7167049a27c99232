"""The equality harness itself: it must see a difference where there is one (a harness that cannot fail would let
a silently different mart through)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from lib.scaleout.compare import compare_frames


def _frame(**over):
    base = {"id": [1, 2, 3], "name": ["a", "b", None], "amount": [1.5, 2.25, None],
            "day": [dt.date(2026, 1, 1), dt.date(2026, 1, 2), None], "flag": [True, False, None]}
    base.update(over)
    return pd.DataFrame(base)


def test_equal_in_any_row_order_and_within_float_tolerance():
    duck = _frame()
    spark = _frame(amount=[1.5 * (1 + 1e-12), 2.25, None]).iloc[[2, 0, 1]]
    assert compare_frames("m", duck, spark).equal


def test_decimals_and_zoned_timestamps_compare_as_values():
    ts = pd.Series(pd.to_datetime(["2026-01-01 10:00:00", "2026-01-02 00:00:00", None]))
    duck = _frame(amount=[1.5, 2.25, None], at=ts)
    spark = _frame(amount=[Decimal("1.5000"), Decimal("2.2500"), None], at=ts.dt.tz_localize("UTC"))
    assert compare_frames("m", duck, spark).equal


def test_differences_are_found_and_named():
    duck = _frame()
    assert not compare_frames("m", duck, _frame(amount=[1.5, 2.2500001, None])).equal
    text = compare_frames("m", duck, _frame(name=["a", "b", "c"]))
    assert not text.equal and text.detail.startswith("name (1 rows")
    assert not compare_frames("m", duck, _frame(flag=[True, True, None])).equal
    assert not compare_frames("m", duck, _frame(day=[dt.date(2026, 1, 1), dt.date(2026, 1, 3), None])).equal
    assert compare_frames("m", duck, duck.iloc[:2]).detail == "row counts differ"
    assert "columns differ" in compare_frames("m", duck, duck.rename(columns={"flag": "is_flag"})).detail
