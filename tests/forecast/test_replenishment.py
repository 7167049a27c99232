"""Safety stock, reorder point and order quantity against worked examples; a three-SKU plan checked by hand."""
import datetime as dt
import math

import pandas as pd
import pytest

from lib.forecast import ForecastConfig, ForecastResult
from lib.forecast import replenishment as rp


def test_safety_stock_worked_example():
    # 95 % → z 1.6449; LT 25 d, σ_d 4, d 20, σ_LT 3: √(25·16 + 400·9) = √4000 = 63.246 → 104.03
    ss = rp.safety_stock(rp.z_for(0.95), 25, 4, 20, 3)
    assert ss == pytest.approx(1.6449 * math.sqrt(4000))
    assert ss == pytest.approx(104.03, abs=0.01)
    assert rp.reorder_point(20, 25, ss) == pytest.approx(604.03, abs=0.01)
    assert rp.safety_stock(1.2816, 9, 2, 10, 0) == pytest.approx(1.2816 * 6)  # fixed lead time: z·σ_d·√LT


def test_z_table():
    assert [rp.z_for(s) for s in (0.90, 0.95, 0.98, 0.99)] == [1.2816, 1.6449, 2.0537, 2.3263]
    assert rp.z_for(0.975) == pytest.approx(1.96, abs=1e-3)


def test_order_quantity_worked_examples():
    assert rp.order_quantity(103.2, moq=50, case_pack=12) == 108  # 8.6 cases → 9 cases
    assert rp.order_quantity(10, moq=50, case_pack=12) == 60  # 1 case, raised to the MOQ rounded to cases (5 × 12)
    assert rp.order_quantity(24, moq=0, case_pack=12) == 24  # exact cases stay
    assert rp.order_quantity(0.4, moq=0, case_pack=1) == 1
    assert rp.order_quantity(-5, moq=50, case_pack=12) == 0
    assert rp.order_quantity(0, moq=50, case_pack=12) == 0


AS_OF = dt.date(2026, 1, 10)
START = pd.Timestamp("2026-01-11")


def _forecast(skus, rate=2.0, sigma=1.0, horizon=14):
    ds = pd.date_range(START, periods=horizon, freq="D")
    fc = pd.concat([pd.DataFrame({"series_id": s, "ds": ds, "yhat": rate, "yhat_lower": rate, "yhat_upper": rate,
                                  "model": "ses"}) for s in skus])
    sel = pd.DataFrame({"series_id": skus, "sigma": sigma, "model": "ses", "demand_class": "smooth", "wape": 0.2})
    return ForecastResult(ForecastConfig(horizon=horizon, freq="D"), fc, sel, pd.DataFrame(), pd.DataFrame())


def _inputs():
    stock = pd.DataFrame({
        "sku": ["A", "B", "C", "D"], "product_name": ["a", "b", "c", "d"], "category": "Cat",
        "supplier": ["S", "S", "S", "T"], "is_active": True, "default_lead_time_days": [99, 99, 99, 12],
        "moq": [20, 20, 0, 0], "case_pack": [10, 10, 1, 6], "landed_unit_cost_reporting_amount": [3.0, 3.0, 3.0, 1.0],
        "list_price_amount": 9.0, "as_of": pd.Timestamp("2026-01-08"), "on_hand": [34.0, 5.0, 1.0, 100.0],
        "available": 0.0, "on_order": [0.0, 40.0, 60.0, 0.0], "next_expected_at": None,
        "units_sold_since_snapshot": [4.0, 0.0, 0.0, 0.0]})
    lead = pd.DataFrame({"supplier": ["S", "T"], "received_po_lines": [3, 1], "lead_time_mean_days": [10.0, 30.0],
                         "lead_time_std_days": [2.0, 0.0]})
    pos = pd.DataFrame({"po_id": ["P1", "P2"], "sku": ["B", "C"], "supplier": "S", "location": "W",
                        "ordered_at": pd.Timestamp("2026-01-01"),
                        "expected_at": [pd.Timestamp("2026-01-13"), pd.Timestamp("2026-01-30")],
                        "quantity_open": [40.0, 60.0]})
    return rp.ReplenishmentInputs(stock, lead, pos, AS_OF)


def test_plan_by_hand():
    plan = rp.plan(_forecast(["A", "B", "C", "D"]), _inputs(), rp.ReplenishmentSettings(service_level=0.95,
                                                                                      review_period_days=7))
    f = plan.frame.set_index("sku")
    ss = 1.6449 * math.sqrt(10 * 1 + 2 ** 2 * 2 ** 2)  # LT 10 ± 2 days (supplier S), d 2, σ_d 1 → 8.387
    # A: on hand 34 − 4 sold since the snapshot = 30; need = 2 × (10 + 7) + SS − 30 = 12.39 → 2 cases of 10 = 20 (= MOQ)
    a = f.loc["A"]
    assert a["safety_stock"] == pytest.approx(ss) and a["reorder_point"] == pytest.approx(20 + ss)
    assert a["net_requirement"] == pytest.approx(34 + ss - 30)
    assert (a["order_qty"], a["order_cases"], a["status"]) == (20, 2, "order now")
    assert a["projected_stockout_date"] == dt.date(2026, 1, 25)  # 30 units at 2/day last 15 days from the 11th
    assert a["order_by_date"] == dt.date(2026, 1, 15)  # 10 days earlier
    assert a["days_of_cover"] == pytest.approx(15)
    assert "Order 20 units" in a["explanation"] and "Order by 2026-01-15" in a["explanation"]
    assert "3 received PO lines of S" in a["explanation"]
    # B: 5 on hand + 40 arriving on the 13th covers 45 units → stock-out on day 23 (2 Feb); no order yet
    b = f.loc["B"]
    assert b["order_qty"] == 0 and b["projected_stockout_date"] == dt.date(2026, 2, 2)
    assert b["order_by_date"] == dt.date(2026, 1, 23) and b["status"] == "order soon"
    # C: 1 on hand, 60 on order arriving the 30th → empty tomorrow, before any order could arrive: expedite
    c = f.loc["C"]
    assert c["order_qty"] == 0 and c["status"] == "expedite" and c["is_stockout_before_lead_time"]
    assert "Expedite" in c["explanation"]
    # D: supplier T has only one received PO → catalog default 12 days, σ_LT 0
    d = f.loc["D"]
    assert (d["lead_time_days"], d["lead_time_std_days"]) == (12, 0)
    assert d["safety_stock"] == pytest.approx(1.6449 * math.sqrt(12)) and d["status"] == "ok"
    assert "No order needed" in d["explanation"]
    assert list(plan.frame["sku"])[:2] == ["A", "C"]  # order now, then expedite first


def test_draft_po():
    plan = rp.plan(_forecast(["A", "B", "C", "D"]), _inputs())
    po = rp.draft_po(plan)
    assert po[["supplier", "sku", "quantity", "cases"]].values.tolist() == [["S", "A", 20, 2]]
    assert po["line_value"].iloc[0] == 60.0 and po["expected_arrival"].iloc[0] == dt.date(2026, 1, 20)


def test_weekly_forecast_is_spread_over_days():
    path = rp.daily_path(pd.DataFrame({"ds": [START, START + pd.Timedelta(days=7)], "yhat": [7.0, 14.0]}), "W", START, 16)
    assert path.tolist() == [1.0] * 7 + [2.0] * 7 + [1.5, 1.5]  # after the horizon: its mean rate


def test_plan_on_the_sample(sample_con, sample_params):
    from lib.forecast import demand, run_forecasts
    hist = demand.demand_history(sample_con, sample_params, "sku", "W")
    ids = hist.frame.groupby("series_id")["y"].sum().nlargest(6).index
    res = run_forecasts(hist.frame[hist.frame["series_id"].isin(ids)],
                        ForecastConfig(horizon=8, freq="W", models=("seasonal_naive", "ses", "croston", "sba", "tsb")))
    plan = rp.plan(res, rp.load_inputs(sample_con, sample_params))
    assert len(plan.frame) == 6 and plan.frame["explanation"].str.len().min() > 40
    assert (plan.frame["order_qty"] % plan.frame["case_pack"] == 0).all()
    assert (plan.frame.loc[plan.frame["order_qty"] > 0, "order_qty"] >= plan.frame.loc[plan.frame["order_qty"] > 0, "moq"]).all()


def test_order_now_means_this_review_and_expedite_has_no_order_date():
    inputs = _inputs()
    stock = inputs.stock.copy()
    # E: plenty on hand for months, but a big MOQ-free safety stock need → an order is due, just not now
    stock.loc[len(stock)] = {**stock.iloc[3].to_dict(), "sku": "E", "product_name": "e", "on_hand": 70.0,
                             "default_lead_time_days": 12, "supplier": "T", "case_pack": 1, "moq": 0}
    inputs = rp.ReplenishmentInputs(stock, inputs.lead_times, inputs.open_pos, inputs.as_of)
    plan = rp.plan(_forecast(["A", "B", "C", "D", "E"]), inputs, rp.ReplenishmentSettings(review_period_days=7))
    f = plan.frame.set_index("sku")
    for sku, r in f.iterrows():
        if r["status"] == "order now":  # "now" = the order-by date falls within this review period
            assert r["order_qty"] > 0 and r["order_by_date"] <= AS_OF + dt.timedelta(days=7)
        if r["status"] == "expedite":
            assert r["order_by_date"] is None and r["order_qty"] == 0
        if r["order_by_date"] is not None:
            assert r["order_by_date"] >= AS_OF  # never a date already past
    assert f.loc["A", "status"] == "order now" and f.loc["C", "status"] == "expedite"
    assert "$60" in plan.headline("USD") and "60 INR" in plan.headline("INR")  # money, with its currency


def test_a_sku_whose_cost_has_no_rate_is_counted_apart_not_valued_at_zero():
    inputs = _inputs()
    stock = inputs.stock.copy()
    stock.loc[stock["sku"] == "A", "landed_unit_cost_reporting_amount"] = float("nan")  # e.g. a cost in BDT
    plan = rp.plan(_forecast(["A", "B", "C", "D"]), rp.ReplenishmentInputs(stock, inputs.lead_times, inputs.open_pos,
                                                                            inputs.as_of),
                   rp.ReplenishmentSettings(service_level=0.95, review_period_days=7))
    f = plan.frame.set_index("sku")
    assert f.loc["A", "status"] == "order now" and pd.isna(f.loc["A", "order_value"])
    assert "1 without a cost in USD left out" in plan.headline("USD")
