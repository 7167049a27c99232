"""The app (app.py: the router and its frame) through Streamlit's AppTest: every page renders on the sample and
on an empty workspace, the shared filters round-trip through the URL's query parameters, and nothing renders
before login when auth is configured."""
from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

import appdriver
from appdriver import assert_clean, goto


PAGES = {"overview": "Overview", "upload": "Upload", "data_health": "Data health", "settings": "Settings",
         "explorer": "SQL explorer"}


def open_app(query: dict | None = None) -> AppTest:
    return appdriver.open_app(query, timeout=60)


def test_every_page_renders_on_the_sample(app_ws):
    at = open_app()
    for noun, title in PAGES.items():
        goto(at, noun)
        assert_clean(at)
        assert [t.value for t in at.title] == [title]
        assert len(at.sidebar.multiselect) == 4 and at.sidebar.selectbox[0].label == "Period"
        assert "snapshot v" in " ".join(c.value for c in at.sidebar.caption)

@pytest.mark.parametrize("noun", list(PAGES))
def test_every_page_renders_on_an_empty_workspace(app_empty_ws, noun):
    at = goto(open_app(), noun)
    assert_clean(at)
    assert [t.value for t in at.title] == [PAGES[noun]]
    assert "No data loaded yet" in " ".join(c.value for c in at.sidebar.caption)
    if noun in ("overview", "data_health"):
        assert "Upload" in at.info[0].value

def test_filters_round_trip_through_query_params(app_ws):
    everything = goto(open_app({"period": "all time"}), "overview")
    all_orders = int(everything.metric[0].value.replace(",", ""))
    query = {"period": "custom", "start": "2026-01-05", "end": "2026-03-01", "channels": "amazon"}
    at = goto(open_app(query), "overview")
    assert_clean(at)
    assert at.session_state["filters"] == query  # the plain dict holds the link's filters
    assert dict(at.query_params) == query  # … and writes them back to the URL
    assert at.sidebar.multiselect(key="filter_channels").value == ["amazon"]
    assert at.sidebar.date_input(key="filter_dates").value == (dt.date(2026, 1, 5), dt.date(2026, 3, 1))
    assert 0 < int(at.metric[0].value.replace(",", "")) < all_orders
    goto(at, "data_health")  # the filters follow the user to another page
    assert dict(at.query_params) == query
    assert " ".join(c.value for c in at.sidebar.code).startswith("/data_health?period=custom&start=2026-01-05")

def test_a_quick_pick_without_dates_follows_the_data(app_ws):
    at = open_app({"period": "all time", "channels": "shopify,nonsense"})
    f = at.session_state["filters"]
    assert f["period"] == "all time" and f["channels"] == "shopify"  # unknown values are dropped
    assert f["start"] < f["end"] and dict(at.query_params) == f

def test_changing_a_filter_updates_the_url(app_ws):
    at = goto(open_app(), "overview")
    assert at.query_params["period"] == "last 4 weeks"
    at.sidebar.multiselect(key="filter_channels").select("amazon").run()
    at.sidebar.selectbox(key="filter_period").set_value("last 12 months").run()
    assert_clean(at)
    assert at.query_params["channels"] == "amazon" and at.query_params["period"] == "last 12 months"
    assert at.session_state["filters"]["channels"] == "amazon"

def test_with_auth_configured_nothing_renders_before_login(app_ws):
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "id", "client_secret": "secret",
                          "server_metadata_url": "https://accounts.example.com/.well-known/openid-configuration"}
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Opsdesk"] and [b.label for b in at.button] == ["Log in"]
    assert not at.sidebar.multiselect and not at.metric
