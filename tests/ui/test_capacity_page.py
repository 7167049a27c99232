"""The Peak capacity page through Streamlit's AppTest: it plans the next BFCM on the sample."""
from __future__ import annotations

import json

from appdriver import assert_clean, chart_specs, open_planning_page


def test_capacity_page_plans_the_next_bfcm(app_ws):
    at = open_planning_page("capacity")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Peak capacity"]
    window = at.selectbox(key="capacity_window").value
    assert "Black Friday" in window.name and "next" in window.name  # the next peak after the data, not the last one
    assert window.start.weekday() == 4 and 23 <= window.start.day <= 29 and window.start.month == 11  # the date rule
    tiles = {m.label: m.value for m in at.metric}
    assert set(tiles) == {"Peak day orders", "Peak headcount", "Hours staffed per day", "Days with SLA at risk"}
    assert int(tiles["Peak day orders"]) > 0
    assert len(chart_specs(at)) == 2 and all("tooltip" in s for s in chart_specs(at))  # hours, then orders waiting
    assert at.number_input(key="capacity_staffed").value == 16.0  # Settings → staffed hours per day
    assert [s.value for s in at.subheader] == ["What-ifs", "Day by day"]
    for table in at.dataframe:  # the simulation's fractions of orders and hours never show raw ("13.37 orders")
        config = json.loads(table.proto.columns or "{}")
        for c in table.value.select_dtypes("float").columns:
            fmt = ((config.get(f"col:{c}") or config.get(c) or {}).get("type_config") or {}).get("format")
            assert fmt and fmt not in ("localized", "plain"), (c, fmt)
    at.number_input(key="capacity_staffed").set_value(100.0)
    at.run()
    assert_clean(at)
    assert {m.label: m.value for m in at.metric}["Days with SLA at risk"] == "0"
