"""The Weekly review page (the default page) through Streamlit's AppTest: the week from the URL, pins keep their
numbers after a new load, alerts open their drill-down with its filters; and the review, Fulfillment and Glossary
pages on an empty workspace."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from appdriver import goto, open_app


def tile_values(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


def test_weekly_review_is_the_default_page(app_ws):
    at = open_app()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Weekly review"]
    tiles = tile_values(at)
    assert {"On-time ship rate", "OTIF", "Perfect order rate", "Cost per order", "CSAT"} <= set(tiles)
    assert tiles["On-time ship rate"].endswith("%") and tiles["Cost per order"].startswith("$")
    badges = [m.value for m in at.markdown if "-badge[" in m.value]  # st.badge renders as markdown
    assert len(badges) == len(tiles) and all(re.search(r"(Met|Missed narrowly|Missed|Too few to judge) · target|No target", b) for b in badges)
    text = " ".join(m.value for m in at.markdown)
    assert "orders were placed in" in text
    assert re.fullmatch(r"\d{4}-W\d{2}", at.selectbox(key="review_week").value) and "week" not in at.query_params  # the default week
    assert any(b.label.startswith("Download the weekly pack") for b in at.get("download_button"))
    assert any(b.label.startswith("Download the weekly brief") for b in at.get("download_button"))
    assert "Top movers" in [h.value for h in at.subheader]
    assert "tooltip" in at.get("vega_lite_chart")[0].proto.spec

def test_review_week_from_the_url(app_ws):
    at = open_app()
    weeks = at.selectbox(key="review_week").options
    older = weeks[3].split(" ")[0]  # options are shown with their dates
    at2 = open_app({"week": older})
    assert at2.selectbox(key="review_week").value == older and at2.query_params["week"] == older
    assert older in at2.caption[0].value

def test_pin_shows_the_same_numbers_after_a_new_load(app_ws, tmp_path):
    from lib.ingest import ingest_files
    at = open_app()
    week = at.selectbox(key="review_week").value
    before = tile_values(at)
    next(b for b in at.button if b.label == "Pin this review").click().run()
    message = next(s.value for s in at.success if "?pin=" in s.value)
    pin = message.rsplit("?pin=", 1)[1]
    # a new file: CSAT responses for every day of the reviewed week, all scored 1
    from lib.metrics.review import parse_week
    start, _ = parse_week(week)
    rows = "".join(f"X{i},{start.isoformat()} 1{i}:00,1,,shopify\n" for i in range(7))
    path = tmp_path / "csat_more.csv"
    path.write_text("response_id,responded_at,score,order_id,channel\n" + rows)
    assert ingest_files(app_ws, [path])[0].status == "loaded"
    live = open_app({"week": week})
    assert tile_values(live)["CSAT"] != before["CSAT"]  # the live review moved
    pinned = open_app({"pin": pin})
    assert not pinned.exception
    assert "Pinned review" in pinned.info[0].value
    assert tile_values(pinned) == before
    assert pinned.query_params["pin"] == pin
    unknown = open_app({"pin": "../../etc"})
    assert "no pinned review" in unknown.error[0].value and [t.value for t in unknown.title] == ["Weekly review"]

def test_an_alert_opens_its_drill_down_with_its_filters(app_ws):
    at = open_app()
    buttons = [b for b in at.button if b.key and b.key.startswith("alert_")]
    if not buttons:
        pytest.skip("no alert in the sample's latest week")
    buttons[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    title = at.title[0].value
    assert title in ("Fulfillment & delivery", "Returns")
    f = at.session_state["filters"]
    assert f["period"] == "custom" and dict(at.query_params) == f

@pytest.mark.parametrize("noun,title", [("review", "Weekly review"), ("fulfillment", "Fulfillment & delivery"),
                                        ("glossary", "Glossary")])
def test_pages_on_an_empty_workspace(app_empty_ws, noun, title):
    at = goto(open_app(), noun)
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == [title]
    if noun != "glossary":
        assert "Upload" in at.info[0].value

def test_every_alert_drills_down_to_the_page_and_tab_of_its_kpi(app_ws):
    from lib.metrics import review
    titles = {"fulfillment": "Fulfillment & delivery", "returns": "Returns"}
    first = open_app()
    keys = [b.key for b in first.button if b.key and b.key.startswith("alert_")]
    if not keys:
        pytest.skip("no alert in the sample's latest week")
    for key in keys:
        at = open_app()
        help_text = next(b.proto.help for b in at.button if b.key == key)
        at.button(key=key).click().run()
        assert not at.exception, [e.message for e in at.exception]
        page = next(p for p, t in titles.items() if f"Open {t}" in help_text)
        assert at.title[0].value == titles[page], (key, help_text)
        tab = at.session_state[review.tab_param(page)]
        assert f"{tab} tab" in help_text  # the tab its KPI names is the one open
        assert tab in [t.label for t in at.tabs]
