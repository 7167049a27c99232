"""Support metrics on an eight-order fixture with Zendesk and Gorgias tickets, every answer computed by hand.

Week of Mon 2 March: orders 1001–1006 (6 orders), tickets Z101 (no order), Z102 (1002, UPS/WH1 delivered after the
promise: late), Z103 (1003, FedEx/WH2 lost), Z104 (1004, not WISMO), G9001 (1001, UPS/WH1 on time) = 5 tickets.
Week of Mon 9 March: orders 1007, 1008; tickets Z105 (1007, UPS/WH2 undelivered past its promise: late) and G9002
(1008, never shipped) = 2 tickets.
"""
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from csv_workspace import load_csv_workspace
from lib.metrics import support

FIXTURES = Path(__file__).parent / "support_fixtures"
ALL = {"channels": [], "warehouses": [], "carriers": [], "categories": []}
MARCH = {**ALL, "start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31)}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("support")
    files = [(n, (FIXTURES / n).read_text()) for n in ("orders.csv", "shipments.csv", "zendesk.csv", "gorgias.csv")]
    c = load_csv_workspace(root, files).reader()
    yield c
    c.close()


def test_tickets_link_to_orders_by_field_tag_or_subject(con):
    t = con.execute("SELECT ticket_id, order_ref_source, order_id, is_wismo, delivery_issue, carrier, warehouse "
                    "FROM fct_support_tickets ORDER BY ticket_id").fetchdf().set_index("ticket_id")
    assert t["order_ref_source"].fillna("none").to_dict() == {
        "gorgias:9001": "subject", "gorgias:9002": "tag", "zendesk:101": "none", "zendesk:102": "tag",
        "zendesk:103": "subject", "zendesk:104": "field", "zendesk:105": "tag"}
    assert t["order_id"].fillna("").to_dict() == {
        "gorgias:9001": "web:1001", "gorgias:9002": "web:1008", "zendesk:101": "", "zendesk:102": "web:1002",
        "zendesk:103": "amazon:1003", "zendesk:104": "amazon:1004", "zendesk:105": "web:1007"}
    assert t["delivery_issue"].to_dict() == {
        "gorgias:9001": "on time", "gorgias:9002": "not shipped", "zendesk:101": "no linked order",
        "zendesk:102": "late", "zendesk:103": "lost", "zendesk:104": "on time", "zendesk:105": "late"}
    assert sorted(t.index[t["is_wismo"]]) == ["gorgias:9001", "zendesk:102", "zendesk:103", "zendesk:105"]
    assert t.loc["zendesk:103", ["carrier", "warehouse"]].tolist() == ["FedEx", "WH2"]


def test_contacts_per_100_orders_by_week(con):
    w = support.weekly(con, MARCH)
    assert w["week_start"].dt.date.tolist() == [dt.date(2026, 3, 2), dt.date(2026, 3, 9)]
    assert w["orders"].tolist() == [6, 2] and w["tickets"].tolist() == [5, 2]
    assert w["contacts_per_100_orders"].tolist() == pytest.approx([100 * 5 / 6, 100.0])
    assert w["wismo_tickets"].tolist() == [3, 1] and w["wismo_late_or_lost_tickets"].tolist() == [2, 1]
    assert w["late_or_lost_share"].tolist() == pytest.approx([2 / 3, 1.0])
    assert not w["is_spike"].any()  # 83.3 and 100 are both under 1.5 × their median (91.7)


def test_wismo_causes_by_carrier_and_warehouse(con):
    c = support.wismo_causes(con, MARCH).set_index(["carrier", "warehouse"])
    assert c["wismo_tickets"].to_dict() == {("UPS", "WH1"): 2, ("FedEx", "WH2"): 1, ("UPS", "WH2"): 1}
    assert c["late_tickets"].to_dict() == {("UPS", "WH1"): 1, ("FedEx", "WH2"): 0, ("UPS", "WH2"): 1}
    assert c["lost_tickets"].to_dict() == {("UPS", "WH1"): 0, ("FedEx", "WH2"): 1, ("UPS", "WH2"): 0}
    assert c.loc[("UPS", "WH1"), "late_or_lost_share"] == pytest.approx(0.5)


def test_summary_service_times_against_targets_and_satisfaction(con):
    s = support.summary(con, MARCH)
    assert (s.tickets, s.linked_tickets, s.wismo_tickets, s.wismo_late_or_lost_tickets) == (7, 6, 4, 3)
    assert s.wismo_late_or_lost_share == pytest.approx(3 / 4)
    # first replies 2, 10, 1, 0.5 (Zendesk) and 1.5 (Gorgias) hours; the target is 8 h
    assert s.replied_tickets == 5 and s.first_reply_median_hours == pytest.approx(1.5)
    assert s.first_reply_within_target_rate == pytest.approx(4 / 5)
    # resolved: 6, 24, 48 (Zendesk) and 24 (Gorgias) hours; the target is 48 h
    assert s.resolved_tickets == 4 and s.resolution_median_hours == pytest.approx(24.0)
    assert s.resolved_within_target_rate == pytest.approx(1.0)
    # rated: Good, Bad (Zendesk), 5 and 2 (Gorgias); "Offered" and "Not Offered" are no ratings
    assert (s.rated_tickets, s.satisfied_tickets) == (4, 2) and s.ticket_satisfaction == pytest.approx(0.5)
    by_desk = support.summary_by_help_desk(con, MARCH).set_index("help_desk")
    assert by_desk["tickets"].to_dict() == {"All": 7, "Gorgias": 2, "Zendesk": 5}


def test_filters_apply_through_the_linked_order(con):
    web = support.summary(con, {**MARCH, "channels": ["web"]})
    assert (web.tickets, web.wismo_tickets, web.wismo_late_or_lost_tickets) == (4, 3, 2)
    assert web.first_reply_median_hours == pytest.approx((1.5 + 10) / 2)
    w = support.weekly(con, {**MARCH, "channels": ["web"]})
    assert w["orders"].tolist() == [3, 2] and w["tickets"].tolist() == [2, 2]  # 1001, 1002, 1005 | 1007, 1008


def test_orders_behind_a_week_are_the_linked_tickets_of_that_week(con):
    o = support.orders_behind(con, MARCH, dt.date(2026, 3, 2))
    assert o["order_id"].tolist() == ["web:1001", "web:1002", "amazon:1003", "amazon:1004"]
    assert support.orders_behind(con, MARCH)["order_id"].tolist()[-2:] == ["web:1008", "web:1007"]


def test_spikes_are_weeks_well_above_the_median_week():
    rates = pd.Series([2.0, 2.2, 1.8, 3.4, pd.NA, 4.0], dtype="Float64")
    tickets = pd.Series([10, 11, 9, 16, 0, 2])
    # median of 2.0, 2.2, 1.8, 3.4, 4.0 = 2.2 → threshold 3.3; week 6 has too few tickets
    assert support.spikes(rates, tickets).tolist() == [False, False, False, True, False, False]


def test_settings_targets_and_patterns_rebuild_the_mart(tmp_path):
    files = [(n, (FIXTURES / n).read_text()) for n in ("orders.csv", "shipments.csv", "zendesk.csv")]
    ws = load_csv_workspace(tmp_path, files)
    from lib.workspace.settings import load_settings, save_settings
    s = load_settings(ws)
    s["support"]["first_reply_target_hours"] = 1.0
    s["support"]["wismo_tag_pattern"] = "^presale$"
    s["support"]["wismo_subject_pattern"] = "^$"
    save_settings(ws, s)
    con = ws.reader()
    try:
        r = support.summary(con, MARCH)
    finally:
        con.close()
    assert r.first_reply_within_target == 2  # 1 h and 0.5 h of 2, 10, 1, 0.5
    assert r.wismo_tickets == 1  # only the ticket tagged presale
