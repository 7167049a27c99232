"""The forecast in a manager's words: no statistics up front, no green on a hard-to-predict error."""
import datetime as dt

import numpy as np
import pandas as pd

from lib.forecast import words
from lib.forecast.parallel import Accuracy


def _acc(wape, naive, coverage=0.8):
    return Accuracy(series=10, backtested_series=10, wape=wape, naive_wape=naive, bias=0.0, mase_median=1.0,
                    coverage=coverage)


def test_the_headline_speaks_plainly():
    text = words.headline(_acc(0.12, 0.15), "W")
    assert text.startswith("Forecast error about **12 % of weekly units**, 20 % better than repeating last year.")
    assert "8 in 10" in text and "WAPE" not in text and "naive" not in text
    assert "worse than repeating last week" in words.headline(_acc(0.30, 0.25), "D")
    assert words.tile_delta(_acc(0.12, 0.15), "W") == ("+20 % better", True)


def test_no_green_badge_on_a_109_percent_error():
    delta, colour = words.tile_delta(_acc(1.09, 1.27), "W")
    assert delta == "+14 % better" and colour is False
    assert "hard to predict" in words.headline(_acc(1.09, 1.27), "W")


def test_tables_have_human_names_and_no_raw_values():
    sel = pd.DataFrame({"series_id": ["A", "B"], "demand_class": ["lumpy", "smooth"], "model": ["sba", "seasonal_naive"],
                        "wape": [1.09, 0.1], "naive_wape": [1.2, 0.1], "folds": [3, 0], "recent_mean": [0.3333, 12.0]})
    t = words.accuracy_table(sel, "W")
    assert "sba" not in t.to_string() and "seasonal_naive" not in t.to_string() and "_" not in "".join(t.columns)
    assert set(t["Method"]) == {"Occasional-demand average"} and words.method("seasonal_naive") == "Repeat of last season"
    assert t["Series"].tolist() == ["A"] and words.untested(sel) == 1  # B is too short to test: not listed
    st = words.statistics_table(sel.assign(adi=[np.nan, 1.0], cv2=np.nan, mase=1.2, bias=0.1))
    assert "None" not in st.to_string() and "nan" not in st.to_string() and st["ADI"].tolist() == ["–"]
    plan = pd.DataFrame({"sku": ["X"], "product_name": [None], "status": ["expedite"], "order_qty": [0],
                         "order_value": [0.0], "order_by_date": [None], "projected_stockout_date": [dt.date(2027, 1, 3)],
                         "days_of_cover": [np.inf], "on_hand": [1.4], "on_order": [60.0], "explanation": ["…"]})
    p = words.plan_table(plan)
    assert p.iloc[0].tolist()[:4] == ["X", "", "Expedite open order", 0] and p["Order by"].item() == "–"
    assert p["Days of cover"].item() == "365+" and "None" not in p.to_string() and "nan" not in p.to_string()
    assert words.money(946.992, "USD") == "$947" and words.money(946.992, "INR") == "947 INR"
