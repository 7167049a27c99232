"""Peak capacity: labor hours, headcount, release by cut-off, and the backlog queue against a hand-computed one."""
import datetime as dt

import pandas as pd
import pytest

from lib.forecast import capacity as cp


def test_backlog_queue_by_hand():
    # released 10, 30, 10, 0 against 15 a day, same-day SLA:
    # day 0 ships 10; day 1 ships 15 of 30 (15 past due); day 2 ships those 15 late, 10 wait (due today → past due);
    # day 3 ships the 10 late.
    q = cp.simulate_backlog([10, 30, 10, 0], 15, sla_days=1)
    assert q["shipped"].tolist() == [10, 15, 15, 10]
    assert q["backlog_end"].tolist() == [0, 15, 10, 0]
    assert q["late_orders"].tolist() == [0, 0, 15, 10]
    assert q["past_due_end"].tolist() == [0, 15, 10, 0]
    assert q["is_sla_at_risk"].tolist() == [False, True, True, False]
    assert q["oldest_wait_days"].tolist() == [0, 0, 0, 0]


def test_backlog_with_a_two_day_sla_is_not_late():
    q = cp.simulate_backlog([10, 30, 10, 0], 15, sla_days=2)
    assert q["late_orders"].sum() == 0 and not q["is_sla_at_risk"].any()
    assert q["backlog_end"].tolist() == [0, 15, 10, 0]


def test_backlog_ages():
    q = cp.simulate_backlog([20, 0, 0], 5)
    assert q["backlog_end"].tolist() == [15, 10, 5] and q["oldest_wait_days"].tolist() == [0, 1, 2]


def test_labor_hours_and_headcount():
    s = cp.LaborSettings(units_per_hour=60, indirect_allowance=0.15, shrinkage=0.12, shift_hours=8,
                         shifts=(("Day", 0.6), ("Evening", 0.4)))
    out = cp.staffing(pd.DataFrame({"units": [600.0, 0.0]}), s)
    # 600 units / 60 = 10 direct h → × 1.15 / 0.88 = 13.07 paid h → 1.63 FTE → Day ⌈0.98⌉ = 1, Evening ⌈0.65⌉ = 1
    assert out["direct_hours"].iloc[0] == pytest.approx(10)
    assert out["total_hours"].iloc[0] == pytest.approx(10 * 1.15 / 0.88)
    assert out["fte"].iloc[0] == pytest.approx(10 * 1.15 / 0.88 / 8)
    assert (out["headcount_day"].tolist(), out["headcount_evening"].tolist(), out["headcount"].tolist()) == ([1, 0], [1, 0], [2, 0])
    # capacity inverts it: 13.07 paid hours ship 600 units = 300 orders of 2 units
    assert cp.orders_capacity(10 * 1.15 / 0.88, 2.0, s) == pytest.approx(300)


def test_release_by_cutoff():
    assert cp.released([10, 20, 30], [2, 5, 6]).tolist() == [10, 17, 29]


def test_daily_volume_from_hours():
    hourly = pd.DataFrame({"day": [dt.date(2026, 1, 5)] * 3 + [dt.date(2026, 1, 6)],
                           "hour": [9, 15, 0, 10], "has_time": [True, True, False, True],
                           "orders": [6, 2, 4, 10], "units": [6.0, 2.0, 4.0, 20.0]})
    v = cp.daily_volume(hourly, 14, dt.date(2026, 1, 5), dt.date(2026, 1, 6), growth=0.5)
    # timed orders after 14:00: 2 of 18 → untimed 4 spread at 1/9; day 1: (2 + 4/9) × 1.5 after the cut-off
    assert v["orders"].tolist() == [18, 15]
    assert v["orders_after_cutoff"].iloc[0] == pytest.approx((2 + 4 / 9) * 1.5)
    assert v["released_orders"].iloc[1] == pytest.approx(15 + (2 + 4 / 9) * 1.5)


def test_black_friday():
    assert cp.black_friday(2025) == dt.date(2025, 11, 28) and cp.black_friday(2024) == dt.date(2024, 11, 29)
    w = cp.bfcm_window(2026)
    assert (w.start, w.end) == (dt.date(2026, 11, 27), dt.date(2026, 11, 30))


def test_sample_peak_plan_and_what_ifs(sample_con, sample_params):
    w = cp.default_window(sample_con)
    assert "Black Friday" in w.name and w.start.month == 11
    s = cp.LaborSettings(cutoff_hour=14)
    hourly = cp.hourly_volume(sample_con, sample_params, w.start - dt.timedelta(days=40), w.end + dt.timedelta(days=10))
    plan = cp.plan_capacity(hourly, w, s, staffed_hours=0.5)
    assert len(plan.daily) == (w.end - w.start).days + 1 + 3 + 7
    assert plan.daily["in_window"].sum() == 4 and plan.summary()["peak_orders"] > 0
    wi = cp.what_ifs(hourly, w, s, 0.5, extra_people=1, overtime_hours=2)
    base, more = wi.iloc[0], wi.iloc[1]
    assert more["at_risk_days"] <= base["at_risk_days"] and more["extra_cost"] > 0


def test_next_peak_is_planned_from_last_years_weekdays(sample_con, sample_params):
    options = cp.window_options(sample_con)
    assert options[0] == cp.default_window(sample_con) and "next" in options[1].name
    nxt = options[1]
    hourly, basis = cp.window_hourly(sample_con, sample_params, nxt)
    assert "52 weeks earlier" in basis
    plan = cp.plan_capacity(hourly, nxt, cp.LaborSettings(), staffed_hours=8)
    win = plan.daily[plan.daily["in_window"]]
    assert len(win) == 4 and win["orders"].sum() > 0
    assert win["day"].dt.day_name().tolist()[0] == "Friday"  # Black Friday stays a Friday


def test_the_next_black_friday_comes_first():
    import datetime as dt
    from lib.forecast import capacity
    # Thanksgiving 2026 is Thursday 26 November: Black Friday 27 Nov – Cyber Monday 30 Nov
    w = capacity.upcoming_first([], dt.date(2026, 11, 22))[0]
    assert (w.start, w.end) == (dt.date(2026, 11, 27), dt.date(2026, 11, 30)) and w.name.endswith("(next)")
    # after Cyber Monday the next one is a year on (Thanksgiving 2027: 25 November)
    assert capacity.upcoming_first([], dt.date(2026, 12, 5))[0].start == dt.date(2027, 11, 26)
    last = capacity.PeakWindow("BFCM 2025", dt.date(2025, 11, 28), dt.date(2025, 12, 1))
    assert [x.name for x in capacity.upcoming_first([last], dt.date(2026, 11, 22))][1:] == ["BFCM 2025"]
