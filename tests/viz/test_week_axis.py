"""Weekly charts put their ticks on the weeks' Mondays (Vega's own week ticks fall on Sundays, beside the bars)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from lib.viz import week_axis


def test_ticks_are_the_data_mondays_at_most_eight_evenly():
    mondays = [dt.date(2026, 8, 24) + dt.timedelta(weeks=i) for i in range(20)]
    ticks = week_axis(pd.Series(mondays * 2)).get("axis").to_dict()["values"]  # repeated weeks count once
    assert len(ticks) == 7  # 20 weeks, every third: 0, 3, …, 18
    days = [dt.date(t["year"], t["month"], t["date"]) for t in ticks]
    assert days == mondays[::3] and all(d.weekday() == 0 for d in days)


def test_few_weeks_each_get_a_tick_and_no_weeks_no_values():
    ticks = week_axis(["2026-11-02", "2026-11-09"], "%d %b %y")["axis"].to_dict()
    assert ticks["format"] == "%d %b %y" and len(ticks["values"]) == 2
    assert "values" not in week_axis([])["axis"].to_dict()
