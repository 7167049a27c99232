"""The Month-end accruals page through Streamlit's AppTest: renders on the sample for the last complete month (tiles,
summary in finance's layout, the lines, the workbook download), another month changes the figures, and an empty
workspace says what to load."""
from __future__ import annotations

from appdriver import assert_clean, open_app


def test_renders_the_last_complete_month_on_the_sample(app_ws):
    at = open_app({"period": "all time"}, page="accruals")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Month-end accruals"]
    month = at.selectbox(key="accruals_month")
    assert len(month.options) > 12 and month.value == month.options[1]  # the sample ends mid-month
    tiles = {m.label: m.value for m in at.metric}
    assert set(tiles) == {"Logistics accrual", "Packages not on a carrier invoice", "3PL orders not invoiced",
                          "PO lines received, not costed"}
    assert tiles["Logistics accrual"].startswith("$") and int(tiles["Packages not on a carrier invoice"].replace(",", "")) > 0
    assert [t.label for t in at.tabs] == ["Summary", "Carrier labels", "3PL fulfillment", "POs not costed"]
    downloads = [b.label for b in at.get("download_button")]
    assert any(d.startswith("Download the accruals workbook (Excel") for d in downloads)
    assert sum(d.startswith("Download CSV") for d in downloads) + len(at.success) == 4  # a table, or "nothing to accrue"
    before = tiles["Logistics accrual"]
    month.set_value(month.options[3]).run()
    assert_clean(at)
    assert {m.label: m.value for m in at.metric}["Logistics accrual"] != before
    assert "None" not in " ".join(c.value for c in at.caption)


def test_renders_on_an_empty_workspace(app_empty_ws):
    at = open_app(page="accruals")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Month-end accruals"]
    assert "Upload" in at.info[0].value
