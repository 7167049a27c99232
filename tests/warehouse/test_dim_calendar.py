"""dim_calendar, given rows → expected rows: one row per day from 60 days before the first order to 370 days after
the last, business days from the SLA settings (weekend days, the holiday country's holidays, extra holidays), a
running business-day index, the Monday of each week.

Settings: weekend = Saturday only (a six-day week), holidays of the US (Memorial Day 2026-05-25) and an extra
holiday on Wednesday 2026-05-06. Given orders on 2026-05-04 and 2026-05-08.
Expected, by hand:
  range 2026-03-05 (Thu) … 2027-05-13: 435 days
  index on 2026-03-05: 1 (a business day)
  index on 2026-05-05: 62 days from 5 March, less 9 Saturdays (7, 14, 21, 28 March; 4, 11, 18, 25 April; 2 May) = 53
  2026-05-06 holiday: not a business day, index stays 53
  index on 2026-05-22 (Fri): 79 days, less 11 Saturdays (+ 9 and 16 May), less the holiday of the 6th = 67
  Sat 23: 67 (weekend); Sun 24: 68 (a working day here); Mon 25 Memorial Day: 68; Tue 26: 69
"""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from lib.workspace.settings import DEFAULTS
from tests.warehouse.given import build_given

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    settings = copy.deepcopy(DEFAULTS)
    settings["sla"].update(weekend_days=[5], holiday_country="US", extra_holidays=["2026-05-06"])
    order = {"channel": "web", "sku": "A", "quantity": 1, "unit_price": 10.0}
    return build_given(tmp_path_factory.mktemp("dim_calendar"), {"raw_opsdesk_orders": [
        order | {"order_id": "1", "ordered_at": dt.datetime(2026, 5, 4, 10)},
        order | {"order_id": "2", "ordered_at": dt.datetime(2026, 5, 8, 10)}]}, settings=settings)


def test_the_range_of_days(marts):
    assert marts("dim_calendar", "count(*), min(day), max(day)") == [(435, D("2026-03-05"), D("2027-05-13"))]


def test_business_days_from_the_sla_settings_and_the_running_index(marts):
    days = ("('2026-03-05', '2026-05-05', '2026-05-06', '2026-05-22', '2026-05-23', '2026-05-24', '2026-05-25', "
            "'2026-05-26')")
    assert marts("dim_calendar", "day, weekday, is_business_day, is_holiday, business_day_index, week_start",
                 f"day::VARCHAR IN {days}") == [
        (D("2026-03-05"), 3, True, False, 1, D("2026-03-02")),
        (D("2026-05-05"), 1, True, False, 53, D("2026-05-04")),
        (D("2026-05-06"), 2, False, True, 53, D("2026-05-04")),   # the extra holiday
        (D("2026-05-22"), 4, True, False, 67, D("2026-05-18")),
        (D("2026-05-23"), 5, False, False, 67, D("2026-05-18")),  # Saturday: the weekend
        (D("2026-05-24"), 6, True, False, 68, D("2026-05-18")),   # Sunday: a working day in this setting
        (D("2026-05-25"), 0, False, True, 68, D("2026-05-25")),   # Memorial Day
        (D("2026-05-26"), 1, True, False, 69, D("2026-05-25")),
    ]
