"""lib.ui.components' table formats: human headings, money / share / date columns by name, the first text column
pinned, floats rounded without a -0, and rate / change texts that never read -0.0."""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from lib.ui import components as ui


def test_headings_are_human():
    for raw in ("wilson_low", "wilson_high", "target_share", "rest_share", "unit_return_rate", "abc_class",
                "best_margin_rate", "in_window", "is_sla_at_risk", "backlog_end"):
        heading = ui.label(raw)
        assert "_" not in heading and heading[:1].isupper(), heading
    assert ui.label("abc_class") == "ABC class" and ui.label("sku") == "SKU"


def test_column_formats_follow_the_names():
    df = pd.DataFrame({"sku": ["A"], "product_name": ["x"], "channel": ["amazon"], "warehouse": ["W"],
                       "refund_amount": [1234.5], "unit_return_rate": [0.0357], "orders": [96.0193],
                       "order_date": [pd.Timestamp("2026-11-10")], "ordered_at": [pd.Timestamp("2026-11-10")]})
    cfg = ui.column_config_for(df, {"unit_return_rate": ui.st.column_config.NumberColumn(format="percent")})
    assert cfg["refund_amount"]["type_config"]["format"] == "dollar"
    assert cfg["unit_return_rate"]["label"] == "Unit return rate"  # an override without a heading gets ours
    assert cfg["orders"]["type_config"]["format"] == "localized"
    assert cfg["order_date"]["type_config"]["format"] == "YYYY-MM-DD"
    assert cfg["ordered_at"]["type_config"]["format"] == "YYYY-MM-DD"  # midnight only: a date, no 00:00:00
    assert cfg["sku"]["pinned"] is True


def test_rounded_for_people_without_negative_zero():
    df = pd.DataFrame({"cost_amount": [3429.4917, -1.3e-18], "share": [0.035712, 0.5],
                       "at": pd.to_datetime(["2026-01-01 10:00", "2026-01-02 00:00"]).tz_localize("UTC")})
    out = ui.rounded(df)
    assert out["cost_amount"].tolist() == [3429.49, 0.0] and str(out["cost_amount"].iloc[1]) == "0.0"
    assert out["share"].tolist() == [0.0357, 0.5]
    assert out["at"].dt.tz is None


def test_rate_and_delta_never_read_minus_zero():
    assert ui.rate(-0.00001) == "0.0 %" and ui.rate(0.0357) == "3.6 %"
    assert ui.delta(0.5, 0.500001, "rate") == "+0.0 pts" and ui.delta(100, 100.0001) == "+0.0 %"
    assert not re.search(r"-0(\.0)? ?%", ui.money(-0.0) + ui.rate(-0.0))
