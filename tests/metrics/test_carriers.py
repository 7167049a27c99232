"""Carrier and 3PL scorecards on an eleven-package fixture whose answers were computed by hand (see the comments).

May 2026: Friday the 1st; Memorial Day Monday the 25th is a US holiday (not a business day). Cut-off 14:00.
Transit settings: UPS and FedEx 4 business days, USPS 5. Dim divisor 139 in³/lb. Weight bands on billed weight.
"""
import datetime as dt
import io
import statistics

import pandas as pd
import pytest

from lib.metrics import carriers, rules
from lib.workspace.settings import DEFAULTS
from csv_workspace import load_csv_workspace

ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,warehouse
O1,web,2026-05-11 09:00,S1,1,20,WH-A
O2,web,2026-05-12 13:00,S1,1,20,WH-A
O3,web,2026-05-21 11:00,S2,1,20,WH-A
O4,web,2026-05-22 10:00,S1,1,20,WH-B
O5,web,2026-05-22 15:00,S1,1,20,WH-B
O6,web,2026-05-18 16:00,S2,1,20,WH-B
O7,web,2026-05-13 10:00,S1,1,20,WH-A
O8,web,2026-05-14 09:00,S1,1,20,WH-A
O9,web,2026-05-22 09:00,S1,1,20,WH-A
O10,web,2026-05-21 10:00,S1,1,20,WH-A
O11,web,2025-11-20 10:00,S1,1,20,WH-B
"""
# ship-by (cut-off 14:00): O1 Mon 11, O2 Tue 12, O3 Thu 21, O4 Fri 22, O5 (Fri 15:00) → Tue 26 (Mon 25 is a holiday),
# O6 (Mon 16:00) → Tue 19, O7 Wed 13, O8 Thu 14, O9 Fri 22, O10 Thu 21, O11 Thu 2025-11-20.
SHIPMENTS = """shipment_id,order_id,channel,carrier,service,tracking_number,warehouse,label_created_at,first_scan_at,delivered_at,promised_delivery_date,status,zone,destination_region,weight_lb,length_in,width_in,height_in,label_cost,quoted_cost
U1,O1,web,UPS,Ground,1Z00000000U1,WH-A,2026-05-11 10:00,2026-05-11 15:00,2026-05-14 11:00,2026-05-15,delivered,5,CA,1.5,8,6,4,10.00,10.00
U2,O2,web,UPS,Ground,1Z00000000U2,WH-A,2026-05-12 13:30,2026-05-12 17:30,2026-05-15 10:00,2026-05-18,delivered,5,CA,1.8,8,6,4,10.00,10.00
U3,O3,web,UPS,Ground,1Z00000000U3,WH-A,2026-05-21 12:00,2026-05-21 18:00,2026-05-27 14:00,,delivered,8,NY,6.0,18,14,12,30.00,25.00
F1,O4,web,FedEx,Home Delivery,77000000F1,WH-B,2026-05-22 12:00,2026-05-26 09:00,2026-05-28 12:00,2026-05-29,delivered,5,CA,1.2,8,6,3,8.00,8.00
F2,O5,web,FedEx,Home Delivery,77000000F2,WH-B,2026-05-22 16:00,2026-05-26 10:00,2026-05-29 15:00,2026-05-29,damaged,5,CA,1.6,8,6,3,8.00,8.00
F3,O6,web,FedEx,Home Delivery,77000000F3,WH-B,2026-05-19 09:00,2026-05-19 14:00,2026-05-23 11:00,2026-05-22,delivered,2,TX,3.0,12,10,8,12.00,11.00
S1,O7,web,USPS,Ground Advantage,94000000000S1,WH-A,2026-05-13 11:00,2026-05-13 17:00,2026-05-18 13:00,2026-05-15,delivered,5,CA,1.4,8,6,3,7.00,7.00
S2,O8,web,USPS,Ground Advantage,94000000000S2,WH-A,2026-05-14 10:00,2026-05-14 12:00,2026-05-15 16:00,2026-05-19,delivered,5,CA,1.9,8,6,3,7.00,7.00
S3,O9,web,USPS,Ground Advantage,94000000000S3,WH-A,2026-05-22 10:00,2026-05-22 16:00,,,lost,8,NY,2.5,10,8,6,9.00,9.00
S4,O10,web,USPS,Ground Advantage,94000000000S4,WH-A,2026-05-21 11:00,2026-05-21 15:00,2026-06-02 10:00,,delivered,8,NY,2.2,10,8,6,8.50,8.50
F4,O11,web,FedEx,Home Delivery,77000000F4,WH-B,2025-11-20 11:00,2025-11-21 10:00,2025-11-25 12:00,2025-11-26,delivered,5,CA,1.5,8,6,3,8.00,8.00
"""
ADJUSTMENTS = """invoice_id,carrier,tracking_number,adjustment_date,adjustment_type,amount
INV1,USPS,94000000000S4,2026-06-10,residential,0.50
"""
RETURNS = """return_id,order_id,channel,sku,quantity,returned_at,reason
R1,O8,web,S1,1,2026-05-20,Arrived damaged
R2,O1,web,S1,1,2026-05-20,Too small
"""
PROMOTIONS = """name,start_date,end_date,event_type
Memorial Day weekend,2026-05-21,2026-05-25,peak
Spring sale,2026-05-18,2026-05-19,promotion
"""
MAY = {"start": dt.date(2026, 5, 1), "end": dt.date(2026, 6, 30), "channels": [], "warehouses": [], "carriers": [],
       "categories": []}
ALL = {**MAY, "start": dt.date(2025, 11, 1)}
DIV = 139.0


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("carriers")
    c = load_csv_workspace(root, (("o.csv", ORDERS), ("s.csv", SHIPMENTS), ("a.csv", ADJUSTMENTS), ("r.csv", RETURNS),
                       ("p.csv", PROMOTIONS))).reader()
    yield c
    c.close()


def by(df, key="carrier"):
    return df.set_index(key)


def test_scope_lane_and_damage_flags(con):
    s = carriers.shipments(con, MAY).set_index("shipment_id")
    assert sorted(s.index) == ["F1", "F2", "F3", "S1", "S2", "S3", "S4", "U1", "U2", "U3"]  # F4 shipped in 2025
    # business-day transit, first scan → delivered: U3 Thu 21 → Wed 27 over the weekend and Memorial Day = 3;
    # S4 Thu 21 → Tue Jun 2 = 7; F3 delivered on Saturday 23 counts as Friday 22 → Tue 19 + 3
    assert s.loc["U3", "transit_business_days"] == 3 and s.loc["S4", "transit_business_days"] == 7
    assert s.loc["F3", "transit_business_days"] == 3 and s.loc["S2", "transit_business_days"] == 1
    # promise from transit settings when the package has none: U3 Thu 21 + 4 = Thu 28; S4 Thu 21 + 5 = Fri 29
    assert s.loc["U3", "promised_delivery_date"] == pd_date("2026-05-28") and s.loc["U3", "is_on_time_delivery"]
    assert s.loc["S4", "promised_delivery_date"] == pd_date("2026-05-29") and not s.loc["S4", "is_on_time_delivery"]
    assert not s.loc["F3", "is_on_time_delivery"]  # Saturday 23 > promised Friday 22
    # damage: F2 status damaged, S3 lost, S2 has a carrier-damage return ("Arrived damaged"); U1's "Too small" is not
    assert sorted(s.index[s["is_damaged_or_lost"]]) == ["F2", "S2", "S3"]
    # lanes: billed weight U3 = 3024/139 = 21.76 lb (dim) → 20–50 lb; F3 = 960/139 = 6.91 → 5–10 lb
    assert s.loc["U3", "weight_band"] == "20–50 lb" and s.loc["F3", "weight_band"] == "5–10 lb"
    assert s.loc["U1", "weight_band"] == "1–2 lb" and s.loc["S1", "service_level"] == "Ground / economy"
    assert sorted(s.index[s["is_dim_billed"]]) == ["F3", "S3", "S4", "U3"]
    # adjustments are part of the billed cost: S4 8.50 + 0.50
    assert s.loc["S4", "label_cost_amount"] == pytest.approx(9.0)


def pd_date(text):
    return pd.Timestamp(text)


def test_scorecard_matches_hand_computation(con):
    sc = carriers.scorecard(con, MAY, DEFAULTS, min_shipments=1)
    c = by(sc.by_carrier)
    assert c.loc["UPS", "shipments"] == 3 and c.loc["FedEx", "shipments"] == 3 and c.loc["USPS", "shipments"] == 4
    assert c.loc["USPS", "share"] == pytest.approx(0.4)
    # on-time: UPS 3/3; FedEx F1, F2 on time, F3 late → 2/3; USPS S2 on time, S1 and S4 late, S3 lost (unmeasured) → 1/3
    assert c.loc["UPS", "on_time_delivery_rate"] == pytest.approx(1.0)
    assert c.loc["FedEx", "on_time_delivery_rate"] == pytest.approx(2 / 3)
    assert c.loc["USPS", "on_time_delivery_rate"] == pytest.approx(1 / 3) and c.loc["USPS", "on_time_measurable"] == 3
    # transit business days: UPS [3, 3, 3]; FedEx [2, 3, 3]; USPS [3, 1, 7] → median 3, p90 3 + 0.8 × 4
    assert c.loc["UPS", "transit_p90_business_days"] == pytest.approx(3)
    assert c.loc["FedEx", "transit_median_business_days"] == pytest.approx(3)
    assert c.loc["USPS", "transit_median_business_days"] == pytest.approx(3)
    assert c.loc["USPS", "transit_p90_business_days"] == pytest.approx(6.2)
    # zone-normalised: zone medians 5 → [3,3,2,3,3,1] = 3; 8 → [3, 7] = 5; 2 → 3.
    # UPS (1 + 1 + 3/5) / 3; FedEx (2/3 + 1 + 1) / 3; USPS (1 + 1/3 + 7/5) / 3
    assert c.loc["UPS", "transit_zone_index"] == pytest.approx(2.6 / 3)
    assert c.loc["FedEx", "transit_zone_index"] == pytest.approx((2 / 3 + 2) / 3)
    assert c.loc["USPS", "transit_zone_index"] == pytest.approx((1 + 1 / 3 + 1.4) / 3)
    # first-scan lag (label → pickup), hours: UPS [5, 4, 6]; FedEx [93 (Fri 12:00 → Tue 09:00), 90, 5]; USPS [6, 2, 6, 4]
    assert c.loc["UPS", "first_scan_lag_median_hours"] == pytest.approx(5)
    assert c.loc["UPS", "first_scan_lag_p90_hours"] == pytest.approx(5.8)
    assert c.loc["FedEx", "first_scan_lag_median_hours"] == pytest.approx(90)
    assert c.loc["FedEx", "first_scan_lag_p90_hours"] == pytest.approx(92.4)
    assert c.loc["USPS", "first_scan_lag_p90_hours"] == pytest.approx(6)
    # damage / loss: UPS 0; FedEx F2 → 1/3; USPS S3 lost + S2 carrier-damage return → 2/4
    assert c.loc["UPS", "damage_rate"] == 0 and c.loc["FedEx", "damage_rate"] == pytest.approx(1 / 3)
    assert c.loc["USPS", "damage_rate"] == pytest.approx(0.5)
    assert (c.loc["USPS", "lost"], c.loc["USPS", "damage_returns"], c.loc["FedEx", "damaged"]) == (1, 1, 1)
    # cost: UPS 50/3; FedEx 28/3; USPS (7 + 7 + 9 + 9)/4 = 8
    assert c.loc["UPS", "cost_per_package"] == pytest.approx(50 / 3)
    assert c.loc["FedEx", "cost_per_package"] == pytest.approx(28 / 3)
    assert c.loc["USPS", "cost_per_package"] == pytest.approx(8.0)
    # per billed lb: UPS 50 / (1.5 + 1.8 + 3024/139)
    assert c.loc["UPS", "cost_per_billed_lb"] == pytest.approx(50 / (1.5 + 1.8 + 3024 / DIV))
    # per on-time package: cost of packages measured for on-time / on-time ones: FedEx 28 / 2; USPS (7 + 7 + 9) / 1
    assert c.loc["FedEx", "cost_per_on_time_package"] == pytest.approx(14.0)
    assert c.loc["USPS", "cost_per_on_time_package"] == pytest.approx(23.0)
    # billed vs quoted: UPS U3 +5; FedEx F3 +1; USPS S4 +0.50 (the invoice adjustment)
    assert c.loc["UPS", "billed_minus_quoted_amount"] == pytest.approx(5.0)
    assert c.loc["FedEx", "billed_minus_quoted_amount"] == pytest.approx(1.0)
    assert c.loc["USPS", "billed_minus_quoted_amount"] == pytest.approx(0.5)
    assert c.loc["USPS", "adjustments_amount"] == pytest.approx(0.5)
    assert c.loc["UPS", "billed_above_quote_rate"] == pytest.approx(1 / 3)
    # one service per carrier here: the carrier × service rows repeat the carrier rows
    assert len(sc.by_service) == 3 and set(sc.by_service["service"]) == {"Ground", "Home Delivery", "Ground Advantage"}


def test_composite_score_and_ranking(con):
    sc = carriers.scorecard(con, MAY, DEFAULTS, min_shipments=1)
    c = by(sc.by_carrier)
    # normalised 0–1 across carriers (best = 1):
    #   on-time   UPS 1, FedEx (2/3 − 1/3)/(2/3) = 0.5, USPS 0
    #   p90       UPS 3, FedEx 3, USPS 6.2 → 1, 1, 0
    #   damage    0, 1/3, 1/2 → 1, (1/2 − 1/3)/(1/2) = 1/3, 0
    #   cost      50/3, 28/3, 8 → 0, (50/3 − 28/3)/(50/3 − 8) = 22/26, 1
    assert c.loc["FedEx", "score_on_time"] == pytest.approx(0.5)
    assert c.loc["FedEx", "score_damage"] == pytest.approx(1 / 3)
    assert c.loc["FedEx", "score_cost"] == pytest.approx(22 / 26)
    assert c.loc["UPS", "composite_score"] == pytest.approx(0.4 + 0.2 + 0.2 + 0)
    assert c.loc["FedEx", "composite_score"] == pytest.approx(0.4 * 0.5 + 0.2 + 0.2 / 3 + 0.2 * 22 / 26)
    assert c.loc["USPS", "composite_score"] == pytest.approx(0.2)
    assert sc.by_carrier["carrier"].tolist() == ["UPS", "FedEx", "USPS"] and sc.by_carrier["rank"].tolist() == [1, 2, 3]
    # RAG vs targets (on-time 93 %, damage 1 %, p90 5 days): UPS green on-time; USPS red on p90 6.2
    assert c.loc["UPS", "rag_on_time_delivery_rate"] == "green" and c.loc["FedEx", "rag_on_time_delivery_rate"] == "red"
    assert c.loc["USPS", "rag_transit_p90_business_days"] == "red" and c.loc["UPS", "rag_damage_rate"] == "green"
    # weights come from settings: all weight on cost → USPS first
    cost_only = {**DEFAULTS, "carrier_score_weights": {"on_time": 0, "transit_p90": 0, "damage": 0, "cost": 1}}
    assert carriers.scorecard(con, MAY, cost_only, min_shipments=1).by_carrier["carrier"].tolist()[0] == "USPS"
    # under the minimum volume a carrier is shown but not scored: only USPS has 4 packages
    thin = carriers.scorecard(con, MAY, DEFAULTS, min_shipments=4).by_carrier.set_index("carrier")
    assert thin.loc["USPS", "rank"] == 1 and thin["composite_score"].isna().sum() == 2


def test_rag_bands():
    assert carriers.rag(0.93, 0.93, True) == "green"
    assert carriers.rag(0.85, 0.93, True) == "amber"  # ≥ 0.93 × 0.9 = 0.837
    assert carriers.rag(0.83, 0.93, True) == "red"
    assert carriers.rag(5.4, 5.0, False) == "amber" and carriers.rag(5.6, 5.0, False) == "red"
    assert carriers.rag(None, 1, True) is None and carriers.rag(float("nan"), 1, True) is None


def test_filters_scope_the_scorecard(con):
    sc = carriers.scorecard(con, {**MAY, "zones": ["8"]}, DEFAULTS, min_shipments=1)
    assert dict(zip(sc.by_carrier["carrier"], sc.by_carrier["shipments"])) == {"UPS": 1, "USPS": 2}
    sc = carriers.scorecard(con, {**MAY, "warehouses": ["WH-B"]}, DEFAULTS, min_shipments=1)
    assert sc.by_carrier["carrier"].tolist() == ["FedEx"]
    sc = carriers.scorecard(con, {**MAY, "weight_bands": ["1–2 lb"], "regions": ["CA"]}, DEFAULTS, min_shipments=1)
    assert sc.by_carrier["shipments"].sum() == 6
    opts = carriers.filter_options(con, MAY)
    assert opts["zones"] == ["2", "5", "8"] and opts["regions"] == ["CA", "NY", "TX"]
    assert opts["weight_bands"] == ["1–2 lb", "2–5 lb", "5–10 lb", "20–50 lb"]


def test_weekly_trend(con):
    w = carriers.weekly(con, MAY, DEFAULTS)
    got = {(str(r.week_start)[:10], r.carrier): (r.shipments, r.on_time_delivery_rate) for r in w.itertuples()}
    # ship week (pickup date): U1, U2, S1, S2 week of 11 May; U3, F3, S3, S4 week of 18 May; F1, F2 picked up Tue 26
    assert got[("2026-05-11", "UPS")] == (2, 1.0) and got[("2026-05-11", "USPS")] == (2, 0.5)
    assert got[("2026-05-18", "FedEx")] == (1, 0.0) and got[("2026-05-18", "USPS")][0] == 2
    assert got[("2026-05-25", "FedEx")] == (2, 1.0)
    assert w["composite_score"].between(0, 1).all()


def test_sla_audit_is_cut_off_aware_and_measured_at_pickup(con):
    a = carriers.sla_audit(con, ALL, DEFAULTS)
    p = a.by_period.set_index(["warehouse", "period"])
    # WH-A: every order picked up the day it was due → 7/7. WH-B: O4 (Fri 10:00) labelled Fri noon but picked up
    # Tue → late at pickup, on time by label; O5 (Fri 15:00, after the cut-off) is due Tue 26 (Mon 25 is a holiday)
    # and picked up Tue → on time; O6 (Mon 16:00) due Tue 19, picked up Tue 14:00 → on time; O11 due Thu 2025-11-20,
    # picked up Fri → late, labelled on time.
    assert p.loc[("WH-A", "all"), "pickup_sla_rate"] == pytest.approx(1.0) and p.loc[("WH-A", "all"), "orders"] == 7
    assert p.loc[("WH-B", "all"), "pickup_sla_rate"] == pytest.approx(2 / 4)
    assert p.loc[("WH-B", "all"), "label_sla_rate"] == pytest.approx(1.0)
    assert p.loc[("WH-B", "all"), "label_gap_rate"] == pytest.approx(0.5)
    # peak = 15 Nov – 31 Dec, plus the 'peak' event 21–25 May (the 'promotion' 18–19 May is not peak):
    # WH-B peak = O4, O5, O11 → 1/3 at pickup, 3/3 by label; normal = O6 → 1/1
    assert p.loc[("WH-B", "peak"), "orders"] == 3 and p.loc[("WH-B", "peak"), "pickup_sla_rate"] == pytest.approx(1 / 3)
    assert p.loc[("WH-B", "peak"), "label_sla_rate"] == pytest.approx(1.0)
    assert p.loc[("WH-B", "normal"), "pickup_sla_rate"] == pytest.approx(1.0)
    assert p.loc[("WH-A", "peak"), "orders"] == 3 and p.loc[("WH-A", "normal"), "orders"] == 4  # O3, O9, O10 peak
    # late pickups are 1 business day late (O4 Fri → Tue over the holiday; O11 Thu → Fri)
    assert p.loc[("WH-B", "peak"), "late_pickup_mean_business_days"] == pytest.approx(1.0)
    assert p.loc[("WH-B", "peak"), "rag_pickup_sla_rate"] == "red"
    r = a.peak_ranking
    assert r["warehouse"].tolist() == ["WH-B", "WH-A"] and r.iloc[0]["peak_drop_rate"] == pytest.approx(2 / 3)
    late = carriers.sla_exceptions(con, ALL)
    assert late["source_order_ref"].tolist() == ["O11", "O4"] and late["is_labelled_on_time"].all()


def test_what_if_rate_shopping(con):
    w = carriers.what_if(con, MAY, DEFAULTS, min_shipments=1)
    lanes = w.lanes.set_index(["zone", "weight_band"])
    # zone 5 × 1–2 lb × ground: UPS 2 pkgs $10, on time 2/2; FedEx 2 × $8, 2/2; USPS 2 × $7, 1/2.
    # Cheapest meeting 93 %: FedEx at $8 → what-if 6 × 8 = 48 vs actual 20 + 16 + 14 = 50 → saves $2, moves 4
    lane = lanes.loc[("5", "1–2 lb")]
    assert (lane["best_carrier"], lane["best_service"]) == ("FedEx", "Home Delivery")
    assert lane["actual_cost_amount"] == pytest.approx(50) and lane["whatif_cost_amount"] == pytest.approx(48)
    assert lane["savings_amount"] == pytest.approx(2.0) and lane["shipments_moved"] == 4
    # on-time risk: current 5/6 measured on time → FedEx 2/2 = +1/6; Wilson lower bound of 2/2 (z = 1.96) < 93 %
    assert lane["on_time_change"] == pytest.approx(1 / 6)
    assert lane["on_time_rate_best_lower"] == pytest.approx(1 / (1 + rules.Z95 ** 2 / 2))
    assert lane["risk"].startswith("medium")
    # zone 8 × 20–50 lb: only UPS, on time → itself, saves 0; zone 2 × 5–10 lb: FedEx 0/1 → no option
    assert lanes.loc[("8", "20–50 lb"), "savings_amount"] == pytest.approx(0)
    assert lanes.loc[("2", "5–10 lb"), "risk"] == "no option meets the target"
    assert w.savings_amount == pytest.approx(2.0) and w.shipments_moved == 4
    o = w.options.set_index(["zone", "weight_band", "carrier"])
    assert not o.loc[("5", "1–2 lb", "USPS"), "is_eligible"] and o.loc[("5", "1–2 lb", "FedEx"), "is_cheapest"]


def test_what_if_on_a_new_rate_card(con):
    w = carriers.what_if(con, MAY, DEFAULTS, min_shipments=1)
    # FedEx +50 %: $12 > UPS $10 → UPS becomes the cheapest on-time option of zone 5 × 1–2 lb;
    # repriced actual 2 × 10 + 2 × 12 + 2 × 7 = 58 vs 6 × 10 = 60 → meeting the target now costs $2 more
    again = carriers.choose_lanes(carriers.reprice(w.options, {"FedEx": 0.5}), w.target, min_shipments=1)
    lane = again.lanes.set_index(["zone", "weight_band"]).loc[("5", "1–2 lb")]
    assert lane["best_carrier"] == "UPS" and lane["savings_amount"] == pytest.approx(-2.0)
    # a carrier × service change wins over the carrier's
    both = carriers.reprice(w.options, {"USPS": 1.0, ("USPS", "Ground Advantage"): -0.5})
    assert both.loc[both["carrier"] == "USPS", "cost_per_package"].tolist()[0] == pytest.approx(3.5)
    assert w.options["cost_per_package"].max() == pytest.approx(30)  # the original is left alone


def test_every_function_answers_on_an_empty_workspace(empty_ws):
    c = empty_ws.reader()
    try:
        assert carriers.scorecard(c, MAY, DEFAULTS).by_carrier.empty
        assert carriers.weekly(c, MAY, DEFAULTS).empty
        assert carriers.sla_audit(c, MAY, DEFAULTS).peak_ranking.empty
        w = carriers.what_if(c, MAY, DEFAULTS)
        assert w.lanes.empty and w.savings_amount == 0
        d = carriers.dim_weight(c, MAY)
        assert d.packages_measured == 0 and d.dim_billed_rate is None
        assert carriers.filter_options(c, MAY) == {"zones": [], "regions": [], "weight_bands": []}
        assert carriers.transit_by_zone(c, MAY).empty and carriers.exceptions(c, MAY).empty
        assert carriers.qbr_subjects(c, MAY) == {"carrier": [], "warehouse": []}
    finally:
        c.close()


def test_wilson_lower_bound():
    # 2 of 2 at z = 1.96: (1 + z²/4 − z·√(z²/16)) / (1 + z²/2) = 1 / (1 + z²/2)
    assert carriers._wilson_lower(2, 2) == pytest.approx(1 / (1 + rules.Z95 ** 2 / 2))


def test_dim_weight_and_smaller_box_savings(con):
    d = carriers.dim_weight(con, MAY)
    p = d.packages.set_index("shipment_id")
    assert d.packages_measured == 10 and d.dim_billed_packages == 4 and d.dim_billed_rate == pytest.approx(0.4)
    assert p.loc["U3", "dim_weight_lb"] == pytest.approx(3024 / DIV)
    assert p.loc["U3", "billed_weight_lb"] == pytest.approx(3024 / DIV)
    assert p.loc["U1", "billed_weight_lb"] == pytest.approx(1.5)  # 192/139 = 1.38 < 1.5 actual
    # savings compare whole pounds, rounded up, as carriers bill: U3 22 lb, F3 7, S3 and S4 4.
    # next-smaller standard box: 18×14×12 (3024) → 16×12×10 (1920 in³, 13.8 → 14 lb): saves 8 lb;
    # 12×10×8 → 12×10×6 (720, 5.2 → 6 lb; actual 3): 1 lb; 10×8×6 → 10×8×4 (320, 2.3 → 3 lb; actual 2.5 → 3): 1 lb each
    assert p.loc["U3", "next_box"] == "16×12×10 in"
    assert p.loc["U3", "next_box_lb_saved"] == 8 and p.loc["F3", "next_box_lb_saved"] == 1
    assert p.loc["S3", "next_box_lb_saved"] == 1 and p.loc["S4", "next_box_lb_saved"] == 1
    # dims cut to fit the actual weight at the divisor (volume = actual × 139): billed falls to the actual weight,
    # U3 22 → 6, F3 7 → 3, S3 4 → 3, S4 4 → 3
    assert p.loc["U3", "fit_lb_saved"] == 16 and p.loc["F3", "fit_lb_saved"] == 4
    assert p.loc["S3", "fit_lb_saved"] == 1 and p.loc["S4", "fit_lb_saved"] == 1
    assert p.loc["U3", "fit_volume_in3"] == pytest.approx(6.0 * DIV)
    assert p.loc["U1", "fit_lb_saved"] == 0 and p.loc["U1", "next_box_lb_saved"] == 0
    # marginal cost per lb: least squares of cost on billed weight. UPS zone 8 has one package → UPS Ground's slope
    # over U1 (1.5, 10), U2 (1.8, 10), U3 (21.76, 30). USPS zone 8: S3, S4 (2 pkgs) → USPS Priority Mail over 4 pkgs
    ups = statistics.linear_regression([1.5, 1.8, 3024 / DIV], [10, 10, 30]).slope
    usps = statistics.linear_regression([1.4, 1.9, 480 / DIV, 480 / DIV], [7, 7, 9, 9]).slope
    assert p.loc["U3", "marginal_cost_per_lb"] == pytest.approx(ups)
    assert p.loc["S4", "marginal_cost_per_lb"] == pytest.approx(usps)
    # FedEx Home Delivery: F1 (1.2, 8), F2 (1.6, 8), F3 (6.91, 12) in May
    fedex = statistics.linear_regression([1.2, 1.6, 960 / DIV], [8, 8, 12]).slope
    assert p.loc["U3", "fit_savings_amount"] == pytest.approx(16 * ups)
    assert d.fit_savings_amount == pytest.approx(16 * ups + 4 * fedex + 2 * usps)
    assert d.next_box_savings_amount == pytest.approx(8 * ups + 1 * fedex + 2 * usps)
    # billed above actual on the dim-billed packages: (21.76 − 6) + (6.91 − 3) + (3.45 − 2.5) + (3.45 − 2.2)
    assert d.excess_billed_lb == pytest.approx(3024 / DIV - 6 + 960 / DIV - 3 + 960 / DIV - 4.7)
    s = d.summary.set_index("carrier")
    assert s.loc["All", "packages"] == 10 and s.loc["USPS", "dim_billed_packages"] == 2


def test_exceptions_list_every_reason(con):
    e = carriers.exceptions(con, MAY).set_index("shipment_id")
    assert sorted(e.index) == ["F1", "F2", "F3", "S1", "S2", "S3", "S4", "U3"]
    assert e.loc["F2", "exceptions"] == "damaged, slow first scan"  # 90 h label → pickup
    assert e.loc["S4", "exceptions"] == "late, billed above quote"
    assert e.loc["S2", "exceptions"] == "carrier-damage return" and e.loc["S3", "exceptions"] == "lost"


def test_transit_by_zone(con):
    z = carriers.transit_by_zone(con, MAY).set_index(["zone", "carrier"])
    assert z.loc[("8", "USPS"), "transit_median_business_days"] == 7
    assert z.loc[("8", "USPS"), "zone_median_transit_business_days"] == 5
    assert z.loc[("8", "USPS"), "transit_zone_index"] == pytest.approx(1.4)


def test_qbr_workbook_for_a_carrier_and_a_3pl(con):
    from openpyxl import load_workbook
    from lib.reports.carrier_qbr import qbr_workbook
    data = carriers.qbr_data(con, MAY, DEFAULTS, "carrier", "USPS", min_shipments=1)
    assert data.scorecard["carrier"].tolist()[-1] == "All carriers"
    wb = load_workbook(io.BytesIO(qbr_workbook(data)))
    assert wb.sheetnames == ["Scorecard", "Weekly trend", "Worst lanes", "Exceptions"]
    for ws in wb.worksheets:
        assert ws.freeze_panes is not None
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    assert len(wb["Weekly trend"]._charts) == 1
    data = carriers.qbr_data(con, ALL, DEFAULTS, "warehouse", "WH-B", min_shipments=1)
    wb = load_workbook(io.BytesIO(qbr_workbook(data)))
    header = [c.value for c in wb["Scorecard"][4]]
    assert header[:3] == ["Warehouse / 3PL", "Period", "Orders"]
    rows = [[c.value for c in r] for r in wb["Scorecard"].iter_rows(min_row=5)]
    assert [r[:2] for r in rows] == [["WH-B", "all"], ["WH-B", "normal"], ["WH-B", "peak"], ["All warehouses", "all"]]
    assert wb["Scorecard"].cell(row=5, column=header.index("Ship SLA at pickup") + 1).number_format == "0.0%"
    exc = [[c.value for c in r] for r in wb["Exceptions"].iter_rows(min_row=5)]
    assert len(exc) == 2  # O11 and O4 picked up late
    with pytest.raises(ValueError):
        carriers.qbr_data(con, MAY, DEFAULTS, "lane", "x")


def test_qbr_text_cells_are_never_formulas(con, tmp_path):
    """A carrier named like a formula stays text in the workbook."""
    from openpyxl import load_workbook
    from lib.reports.carrier_qbr import qbr_workbook
    data = carriers.qbr_data(con, MAY, DEFAULTS, "carrier", "USPS", min_shipments=1)
    evil = data.exceptions.assign(warehouse="=HYPERLINK(\"http://x\",\"y\")")
    from dataclasses import replace
    wb = load_workbook(io.BytesIO(qbr_workbook(replace(data, exceptions=evil))))
    values = [c.value for row in wb["Exceptions"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(v.startswith("'=HYPERLINK") for v in values)
    assert all(c.data_type != "f" for row in wb["Exceptions"].iter_rows() for c in row)


def test_metrics_are_registered():
    from lib.metrics.registry import all_metrics
    keys = {m.key for m in all_metrics() if m.domain == "carriers"}
    assert {"carrier_on_time_delivery_rate", "pickup_sla_rate", "carrier_composite_score", "damage_rate"} <= keys


# ---------------------------------------------------------------- the sample business (tests/conftest.py fixtures)
# lib/sample/ plants two stories: DHL eCommerce damages ~8 % of parcels in zones 7–8 (~0.5 % elsewhere), and
# 3PL-Central prints labels on time from Nov 15 to Dec 24 while the carrier's first scan comes 2–4 days later.


def test_sample_ranks_dhl_ecommerce_bottom_on_damage(sample_con, sample_params, sample_ws):
    sc = carriers.scorecard(sample_con, sample_params, sample_ws.settings())
    c = sc.by_carrier.set_index("carrier")
    assert c["damage_rate"].idxmax() == "DHL eCommerce" and c.loc["DHL eCommerce", "score_damage"] == 0
    assert c["composite_score"].idxmin() == "DHL eCommerce" and sc.by_carrier.iloc[-1]["carrier"] == "DHL eCommerce"
    far = carriers.scorecard(sample_con, {**sample_params, "zones": ["7", "8"]}, sample_ws.settings(), min_shipments=20)
    f = far.by_carrier.set_index("carrier")
    assert f.loc["DHL eCommerce", "damage_rate"] > 0.05 and f.drop("DHL eCommerce")["damage_rate"].max() < 0.02
    assert f.loc["DHL eCommerce", "rag_damage_rate"] == "red"
    near = carriers.scorecard(sample_con, {**sample_params, "zones": ["1", "2", "3", "4", "5", "6"]},
                              sample_ws.settings()).by_carrier.set_index("carrier")
    assert near.loc["DHL eCommerce", "damage_rate"] < f.loc["DHL eCommerce", "damage_rate"] / 3


def test_sample_puts_3pl_central_bottom_of_the_peak_sla_audit(sample_con, sample_params, sample_ws):
    a = carriers.sla_audit(sample_con, sample_params, sample_ws.settings())
    top = a.peak_ranking.iloc[0]
    assert top["warehouse"] == "3PL-Central"
    assert top["peak_pickup_sla_rate"] < 0.5 and top["peak_label_sla_rate"] > 0.9  # labels on time, pickups not
    assert top["peak_label_gap_rate"] > 0.4 and top["normal_pickup_sla_rate"] > 0.9
    others = a.peak_ranking.iloc[1:]
    assert (others["peak_pickup_sla_rate"] > top["peak_pickup_sla_rate"] + 0.3).all()
    assert (others["peak_label_gap_rate"].abs() < 0.05).all()  # own warehouses: label timing tells the truth
    p = a.by_period.set_index(["warehouse", "period"])
    assert p.loc[("3PL-Central", "peak"), "dock_median_hours"] > 48  # first scan 2–4 days after the label


def test_sample_what_if_and_dim_weight_are_consistent(sample_con, sample_params, sample_ws):
    w = carriers.what_if(sample_con, sample_params, sample_ws.settings())
    chosen = w.lanes.dropna(subset=["best_carrier"])
    assert (chosen["on_time_rate_best"] >= w.target).all() and (chosen["best_cost_per_package"] > 0).all()
    assert w.savings_amount == pytest.approx(chosen["savings_amount"].sum())
    # an option is only chosen when it is the cheapest eligible one of its lane
    o = w.options[w.options["is_eligible"]]
    cheapest = o.groupby(["zone", "weight_band", "service_level"])["cost_per_package"].min()
    got = chosen.set_index(["zone", "weight_band", "service_level"])["best_cost_per_package"]
    assert (got - cheapest.reindex(got.index)).abs().max() < 1e-9
    d = carriers.dim_weight(sample_con, sample_params)
    assert 0 < d.dim_billed_packages <= d.packages_measured
    assert 0 <= d.next_box_savings_amount <= d.fit_savings_amount + 1e-6  # a fitted box saves at least as much
