"""The Support page through Streamlit's AppTest: on the sample (which carries a Zendesk ticket export) it shows the
five tiles, the tabs, charts with tooltips and the orders behind the chosen week; its week choice is in the URL;
on an empty workspace it says what to upload."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from appdriver import assert_clean, open_app


def open_page(query: dict | None = None) -> AppTest:
    return open_app(query, page="support", timeout=90)


def test_page_renders_on_the_sample(app_ws):
    at = open_page({"period": "all time"})
    assert_clean(at)
    assert [t.value for t in at.title] == ["Support"]
    assert [m.label for m in at.metric][:5] == ["Contacts per 100 orders", "WISMO contacts caused by late or lost shipments",
                                               "First reply within target", "Resolved within target", "Ticket satisfaction"]
    assert all(m.value not in ("", "None", "nan") for m in at.metric)
    assert [t.label for t in at.tabs] == ["Contacts", "Where is my order", "Service times", "Satisfaction",
                                          "Orders behind a spike"]
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3 and all("tooltip" in c.proto.spec for c in charts)
    weekly = at.dataframe[0].value
    assert weekly["tickets"].sum() > 0 and weekly["orders"].sum() > 0
    behind = at.dataframe[-1].value
    assert len(behind) > 0 and behind["order_id"].notna().all()
    assert set(behind["delivery_issue"]) <= {"Late", "Lost", "On time", "Not shipped"}


def test_the_week_choice_is_bound_to_the_url(app_ws):
    at = open_page({"period": "all time"})
    box = at.selectbox(key="support_week")
    weekly = at.dataframe[0].value
    weeks = [w.date().isoformat() for w in weekly.loc[weekly["linked_tickets"] > 0, "week_start"]]
    second = next(w for w in weeks if w != box.value)
    box.set_value(second).run()
    assert_clean(at)
    assert at.query_params["support_week"] == second
    assert (at.dataframe[-1].value["week_start"].dt.date.astype(str) == second).all()
    # a shared link with the week opens on that week (the browser test sees the URL follow the choice)
    again = open_page({"period": "all time", "support_week": second})
    assert_clean(again)
    assert again.selectbox(key="support_week").value == second
    assert (again.dataframe[-1].value["week_start"].dt.date.astype(str) == second).all()


def test_filters_scope_the_tickets(app_ws):
    at = open_page({"period": "all time"})
    everything = int(at.dataframe[0].value["tickets"].sum())
    web = open_page({"period": "all time", "channels": "shopify"})
    assert_clean(web)
    assert 0 < int(web.dataframe[0].value["tickets"].sum()) < everything


def test_page_on_an_empty_workspace_points_to_upload(app_empty_ws):
    at = open_page()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Support"]
    assert "Upload" in at.info[0].value and "ticket" in at.info[0].value


def test_the_support_targets_are_edited_in_settings(app_ws):
    from appdriver import goto
    at = goto(open_app(), "settings")
    assert_clean(at)
    keys = list(at.data_editor(key="settings_support").value["key"])
    row = keys.index("first_reply_target_hours")
    at.session_state["settings_support"] = {"edited_rows": {row: {"value": "0.5"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert_clean(at)
    assert app_ws.settings()["support"]["first_reply_target_hours"] == 0.5
    con = app_ws.reader()
    try:
        within, replied = con.execute("SELECT count(*) FILTER (WHERE is_first_reply_within_target), "
                                      "count(first_reply_hours) FROM fct_support_tickets").fetchall()[0]
        fast = con.execute("SELECT count(*) FROM fct_support_tickets WHERE first_reply_hours <= 0.5").fetchall()[0][0]
    finally:
        con.close()
    assert within == fast < replied
