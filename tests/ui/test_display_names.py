"""No page writes a code of the data where a person reads it: channels by their marketplace's name ("Amazon", not
"amazon") in bullets, alerts, findings, tables, charts, choices and the sidebar, on the sample business (AppTest)."""
from __future__ import annotations

import re

import pytest

from appdriver import assert_no_exception, open_app, page_text
from lib.metrics import names

PAGES = ("review", "overview", "returns", "carriers", "fulfillment", "profitability")


def raw_codes(ws) -> set[str]:
    """The channel codes of the loaded data that have a display name other than themselves."""
    con = ws.reader()
    try:
        codes = {r[0] for r in con.execute("SELECT DISTINCT channel FROM fct_orders WHERE channel IS NOT NULL").fetchall()}
    finally:
        con.close()
    return {c for c in codes if names.display("channel", c) != c}


def shown_codes(texts: list[str], codes: set[str]) -> list[str]:
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(codes))) + r")(?![\w-])")
    return sorted({t[:160] for t in texts if pattern.search(t)})


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query", [{}, {"period": "last 12 months"}], ids=["default", "12 months"])
def test_no_page_shows_a_channel_code(app_ws, page, query):
    codes = raw_codes(app_ws)
    assert codes, "the sample has no channel codes to check"
    at = open_app(query, page=page)
    assert_no_exception(at)
    texts = page_text(at)
    assert len(texts) > 20  # the page drew something to read
    assert not shown_codes(texts, codes)


def test_a_channel_filter_and_its_slices_read_as_names(app_ws):
    """The sidebar's chosen channel, the review's scope and the drill-down's slices, filtered to one channel."""
    code = sorted(raw_codes(app_ws))[0]
    at = open_app({"channels": code, "period": "last 12 months"}, page="review")
    assert_no_exception(at)
    assert at.sidebar.multiselect(key="filter_channels").value == [code]  # the URL and the state keep the code
    assert names.display("channel", code) in at.sidebar.multiselect(key="filter_channels").options
    texts = page_text(at)
    assert not shown_codes(texts, raw_codes(app_ws))
    assert any(f"channels: {names.display('channel', code)}" in t for t in texts)  # the review's scope line


@pytest.mark.parametrize("tab, query", [("Reasons", {"returns_heatmap_dimension": "Channel"}),
                                        ("Comments", {"returns_phrase_column": "Channel"})])
def test_returns_slices_by_channel_read_as_names(app_ws, tab, query):
    at = open_app({"period": "last 12 months", "returns_tab": tab, **query}, page="returns")
    assert_no_exception(at)
    texts = page_text(at)
    assert not shown_codes(texts, raw_codes(app_ws))
    assert any(names.display("channel", c) in texts for c in raw_codes(app_ws))  # the channels are there, by name
