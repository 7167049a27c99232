"""The weekly review: RAG bands, the mix/rate decomposition and z-scores on hand-computed examples; tiles, movers,
bullets and alerts on a two-week fixture; pins that keep their numbers after a new load; the weekly pack."""
import datetime as dt
import io

import pandas as pd
import pytest

from lib.ingest import ingest_files
from lib.metrics import customer, fulfillment, review
from lib.reports.weekly_pack import weekly_pack
from lib.workspace.settings import DEFAULTS
from lib.workspace import Workspace

# ------------------------------------------------------------------------------------------------ pure pieces


@pytest.mark.parametrize("value,target,hib,expected", [
    (0.97, 0.96, True, "green"), (0.96, 0.96, True, "green"),
    (0.90, 0.96, True, "amber"),  # short by 0.06 ≤ 0.096 (10 % of 0.96)
    (0.864, 0.96, True, "amber"),  # exactly on the edge of the band
    (0.86, 0.96, True, "red"),  # short by 0.10 > 0.096
    (8.5, 9.0, False, "green"), (9.5, 9.0, False, "amber"), (9.9, 9.0, False, "amber"), (10.0, 9.0, False, "red"),
    (0.03, 0.02, False, "red"), (0.021, 0.02, False, "amber"),
    (None, 0.96, True, "none"), (0.9, None, True, "none"), (float("nan"), 0.9, True, "none"),
])
def test_rag_bands(value, target, hib, expected):
    assert review.rag(value, target, hib) == expected


def test_decomposition_hand_computed():
    # previous: A 45/50 (0.9), B 35/50 (0.7) → 0.80; current: A 18/20 (0.9), B 48/80 (0.6) → 0.66; change −0.14
    prev = pd.DataFrame({"slice": ["A", "B"], "numerator": [45.0, 35.0], "denominator": [50.0, 50.0]})
    cur = pd.DataFrame({"slice": ["A", "B"], "numerator": [18.0, 48.0], "denominator": [20.0, 80.0]})
    d = review.decompose(prev, cur).set_index("slice")
    # A: same rate, its share fell from 50 % to 20 % while better than average: mix −0.3 × (0.9 − 0.8) = −0.03
    assert d.loc["A", "mix_effect"] == pytest.approx(-0.03) and d.loc["A", "rate_effect"] == pytest.approx(0.0)
    # B: share rose 0.3 × (0.7 − 0.8) = −0.03 mix; own rate 0.8 × (0.6 − 0.7) = −0.08
    assert d.loc["B", "mix_effect"] == pytest.approx(-0.03) and d.loc["B", "rate_effect"] == pytest.approx(-0.08)
    assert d["contribution"].sum() == pytest.approx(0.66 - 0.80)
    assert list(d.index) == ["B", "A"]  # largest |contribution| first
    assert d.loc["B", "share_cur"] == pytest.approx(0.8) and d.loc["B", "value_prev"] == pytest.approx(0.7)


def test_decomposition_new_and_vanished_slices_still_add_up():
    prev = pd.DataFrame({"slice": ["A", "B"], "numerator": [8.0, 1.0], "denominator": [10.0, 10.0]})  # 0.45
    cur = pd.DataFrame({"slice": ["A", "C"], "numerator": [9.0, 2.0], "denominator": [10.0, 10.0]})  # 0.55
    d = review.decompose(prev, cur).set_index("slice")
    assert d["contribution"].sum() == pytest.approx(0.10)
    # C is new: measured against the previous overall rate 0.45, it is all rate effect: 0.5 × (0.2 − 0.45)
    assert d.loc["C", "mix_effect"] == pytest.approx(0.0) and d.loc["C", "rate_effect"] == pytest.approx(-0.125)
    # B vanished: its share went 0.5 → 0 while it was 0.35 below average: mix −0.5 × (0.1 − 0.45) = +0.175
    assert d.loc["B", "contribution"] == pytest.approx(0.175) and d.loc["B", "rate_effect"] == pytest.approx(0.0)


def test_top_movers_keep_the_total():
    prev = pd.DataFrame({"slice": list("ABCDEFG"), "numerator": [1.0] * 7, "denominator": [2.0] * 7})
    cur = pd.DataFrame({"slice": list("ABCDEFG"), "numerator": [2.0, 1, 1, 0, 1, 2, 0], "denominator": [2.0] * 7})
    d = review.decompose(prev, cur)
    top = review.top_movers(d, n=3)
    assert len(top) == 4 and top["is_other"].tolist() == [False, False, False, True]
    assert top.iloc[-1]["slice"] == "Other (4 slices)"
    assert top["contribution"].sum() == pytest.approx(d["contribution"].sum())


def test_zscore_against_trailing_weeks():
    # mean 2.5, sample sd √(5/3) = 1.2910 → z of 6 = 3.5 / 1.2910 = 2.711
    assert review.zscore([1, 2, 3, 4], 6) == pytest.approx(3.5 / (5 / 3) ** 0.5)
    assert review.zscore([1, None, 3, 4], 6) is None  # fewer than 4 weeks with a value
    assert review.zscore([2, 2, 2, 2], 3) is None  # no spread
    assert review.zscore([1, 2, 3, 4], None) is None


def test_weeks_parse_and_label():
    assert review.parse_week("2026-W11") == (dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    assert review.week_label(dt.date(2026, 3, 15)) == "2026-W11"
    assert review.week_label(dt.date(2027, 1, 1)) == "2026-W53"
    for bad in ("2026-11", "2026-W54", "../x", ""):
        with pytest.raises(ValueError):
            review.parse_week(bad)


# ------------------------------------------------------------------------------------------------ a two-week fixture

# on-time delivery, by hand: week of 2 March web 2/2, amazon 1/2 → 75 %; week of 9 March web 1/1, amazon 1/3 → 50 %
ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,status,promised_delivery_date
W1,web,2026-03-02 10:00,S1,1,10,shipped,2026-03-06
W2,web,2026-03-03 10:00,S1,1,10,shipped,2026-03-07
Z1,amazon,2026-03-03 11:00,S1,1,10,shipped,2026-03-07
Z2,amazon,2026-03-04 11:00,S1,1,10,shipped,2026-03-07
W3,web,2026-03-09 10:00,S1,1,10,shipped,2026-03-13
Z3,amazon,2026-03-09 11:00,S1,1,10,shipped,2026-03-13
Z4,amazon,2026-03-10 11:00,S1,1,10,shipped,2026-03-13
Z5,amazon,2026-03-11 11:00,S1,1,10,shipped,2026-03-14
"""
# web ships from a warehouse whose name a spreadsheet would run as a formula
SHIPMENTS = """shipment_id,order_id,channel,carrier,tracking_number,warehouse,label_created_at,first_scan_at,delivered_at,label_cost
P1,W1,web,UPS,1Z0000000001,=1+1,2026-03-02 12:00,2026-03-02 17:00,2026-03-05 12:00,8
P2,W2,web,UPS,1Z0000000002,=1+1,2026-03-03 12:00,2026-03-03 17:00,2026-03-06 12:00,8
P3,Z1,amazon,UPS,1Z0000000003,WH2,2026-03-03 12:00,2026-03-03 17:00,2026-03-06 12:00,8
P4,Z2,amazon,UPS,1Z0000000004,WH2,2026-03-04 12:00,2026-03-04 17:00,2026-03-09 12:00,8
P5,W3,web,UPS,1Z0000000005,=1+1,2026-03-09 12:00,2026-03-09 17:00,2026-03-12 12:00,8
P6,Z3,amazon,UPS,1Z0000000006,WH2,2026-03-09 12:00,2026-03-09 17:00,2026-03-12 12:00,8
P7,Z4,amazon,UPS,1Z0000000007,WH2,2026-03-10 12:00,2026-03-10 17:00,2026-03-16 12:00,8
P8,Z5,amazon,UPS,1Z0000000008,WH2,2026-03-11 12:00,2026-03-11 17:00,2026-03-17 12:00,8
"""
# CSAT: week of 2 March 1/1 satisfied; week of 9 March 1/2
CSAT = """response_id,responded_at,score,order_id,channel
C1,2026-03-06 09:00,4,W1,web
C2,2026-03-12 09:00,5,W3,web
C3,2026-03-13 09:00,3,Z3,amazon
"""
LATE_ORDER = """order_id,channel,ordered_at,sku,quantity,unit_price,status,promised_delivery_date
Z9,amazon,2026-03-12 11:00,S1,4,10,shipped,2026-03-14
"""
LATE_SHIPMENT = """shipment_id,order_id,channel,carrier,tracking_number,warehouse,label_created_at,first_scan_at,delivered_at,label_cost
P9,Z9,amazon,UPS,1Z0000000009,WH2,2026-03-12 12:00,2026-03-12 17:00,2026-03-20 12:00,8
"""
ALL = {"channels": [], "warehouses": [], "carriers": [], "categories": []}
TARGETS = DEFAULTS["targets"]


def _load(ws, root, files):
    paths = []
    for name, text in files:
        (root / name).write_text(text)
        paths.append(root / name)
    reports = ingest_files(ws, paths)
    assert all(r.status == "loaded" and r.rows_quarantined == 0 for r in reports), [r.message for r in reports]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("review")
    w = Workspace.open(root / "ws")
    _load(w, root, [("orders.csv", ORDERS), ("shipments.csv", SHIPMENTS), ("csat.csv", CSAT)])
    return w


@pytest.fixture(scope="module")
def rv(ws):
    con = ws.reader()
    try:
        return review.weekly_review(con, "2026-W11", ALL, TARGETS, min_sample=1)
    finally:
        con.close()


def test_tiles_this_week_previous_week_target(rv):
    t = rv.tile("on_time_delivery_rate")
    assert (t.value, t.previous) == (pytest.approx(0.5), pytest.approx(0.75))
    assert t.change == pytest.approx(-0.25) and t.target == pytest.approx(0.93) and t.rag == "red"
    assert t.measured == 4 and t.z is None  # one week of history only
    c = rv.tile("csat")
    assert (c.value, c.previous, c.measured) == (pytest.approx(0.5), pytest.approx(1.0), 2)
    assert (rv.orders, rv.previous_orders) == (4, 4)
    assert (rv.week, rv.week_start, rv.week_end, rv.previous_week) == ("2026-W11", "2026-03-09", "2026-03-15", "2026-W10")
    assert len(rv.sparkline("on_time_delivery_rate")) == review.TREND_WEEKS


def test_tiles_equal_the_fulfillment_summary_of_the_week(ws, rv):
    con = ws.reader()
    s = fulfillment.summary(con, {**ALL, "start": dt.date(2026, 3, 9), "end": dt.date(2026, 3, 15)})
    con.close()
    for key, (field, _) in fulfillment.KPI_FIELDS.items():
        if rv.tile(key):
            expected = getattr(s, field)
            assert rv.tile(key).value == (pytest.approx(expected) if expected is not None else None), key


def test_movers_decompose_the_change_by_channel(rv):
    mv = rv.frame("movers")
    otd = mv[(mv["kpi"] == "on_time_delivery_rate") & (mv["dimension"] == "channel")].set_index("slice")
    # web: share 50 % → 25 %, rate 1.0 both weeks: mix −0.25 × (1 − 0.75) = −0.0625
    assert otd.loc["web", "mix_effect"] == pytest.approx(-0.0625) and otd.loc["web", "rate_effect"] == pytest.approx(0)
    # amazon: mix 0.25 × (0.5 − 0.75) = −0.0625; rate 0.75 × (1/3 − 1/2) = −0.125
    assert otd.loc["amazon", "mix_effect"] == pytest.approx(-0.0625)
    assert otd.loc["amazon", "rate_effect"] == pytest.approx(-0.125)
    assert otd["contribution"].sum() == pytest.approx(-0.25)
    # a dimension with one slice (one carrier, one SKU) carries no information and is left out
    assert set(mv["dimension"]) <= {"channel", "warehouse"}


def test_bullets_are_computed_sentences(rv):
    text = "\n".join(rv.bullets)
    assert rv.bullets[0] == "4 orders were placed in 2026-W11 and not cancelled before shipment, as many as in 2026-W10."
    assert ("On-time delivery rate fell 25.0 pts to 50.0 % (worse than 75.0 %); target 93.0 %: missed (red). "
            "The largest contribution came from channel Amazon (18.8 pts of the change: channel Amazon itself went "
            "from 50.0 % to 33.3 %).") in text
    assert "CSAT fell 50.0 pts to 50.0 % (worse than 100.0 %)" in text


def test_alerts_link_to_the_drill_down(rv):
    breach = next(a for a in rv.alerts if a.kind == "threshold" and a.kpi == "on_time_delivery_rate")
    assert breach.page == "fulfillment"
    assert breach.query == {"period": "custom", "start": "2026-03-09", "end": "2026-03-15", "channels": "amazon",
                            "fulfillment_tab": "Rates & drill-down"}
    assert "Largest drag: channel Amazon" in breach.message
    assert all(a.kind in ("threshold", "anomaly", "marketplace") for a in rv.alerts)


def test_unit_return_rate_tile_or_note(rv):
    if review._returns_module() is None:
        assert rv.tile("unit_return_rate") is None and "left out" in rv.notes[0]
    else:
        t = rv.tile("unit_return_rate")
        assert t is not None and t.value == pytest.approx(0.0) and "event basis" in rv.notes[0]


def test_alerts_flag_anomalies_against_the_trailing_weeks():
    tiles = [review.Tile("otif_rate", "OTIF", "%", 0.5, 0.9, -0.4, 0.9, True, "red", 10, -3.0, "fulfillment")]
    empty = pd.DataFrame(columns=["kpi", "dimension", "slice", "contribution", "is_other"])
    health = pd.DataFrame(columns=["status"])
    alerts = review._alerts(tiles, empty, health, ALL, dt.date(2026, 3, 9), dt.date(2026, 3, 15),
                            {m.key: m for m in review.all_metrics()}, min_sample=1)
    kinds = {a.kind: a for a in alerts}
    assert set(kinds) == {"threshold", "anomaly"}
    assert kinds["anomaly"].severity == "red" and "3.0 standard deviations below" in kinds["anomaly"].message


def test_no_alert_on_a_small_sample_or_a_better_than_usual_week():
    metrics = {m.key: m for m in review.all_metrics()}
    empty = pd.DataFrame(columns=["kpi", "dimension", "slice", "contribution", "is_other"])
    health = pd.DataFrame(columns=["status"])
    week = (ALL, dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    few = [review.Tile("csat", "CSAT", "%", 0.6, 0.9, -0.3, 0.85, True, "red", 5, -3.0, "customer")]
    assert review._alerts(few, empty, health, *week, metrics, min_sample=30) == []
    better = [review.Tile("otif_rate", "OTIF", "%", 0.99, 0.9, 0.09, 0.9, True, "green", 400, 3.0, "fulfillment")]
    assert review._alerts(better, empty, health, *week, metrics, min_sample=30) == []


@pytest.mark.parametrize("kpi, page, tab", [
    ("unit_return_rate", "returns", "Trend"), ("csat", "fulfillment", "Marketplace & customer"),
    ("cost_per_order", "fulfillment", "Cost per order"), ("cycle_time_p90_hours", "fulfillment", "Cycle time"),
    ("on_time_ship_rate", "fulfillment", "Rates & drill-down")])
def test_an_alert_drills_down_to_the_page_and_tab_of_its_kpi(kpi, page, tab):
    m = {x.key: x for x in review.all_metrics()}[kpi]
    worse = -3.0 if m.higher_is_better else 3.0
    tiles = [review.Tile(kpi, m.name, m.unit, 1.0, 0.5, 0.5, 0.5, m.higher_is_better, "red", 400, worse, m.domain)]
    empty = pd.DataFrame(columns=["kpi", "dimension", "slice", "contribution", "is_other"])
    alerts = review._alerts(tiles, empty, pd.DataFrame(columns=["status"]), ALL, dt.date(2026, 3, 9),
                            dt.date(2026, 3, 15), {x.key: x for x in review.all_metrics()})
    assert alerts and all(a.page == page and a.query[review.tab_param(page)] == tab for a in alerts)


# ------------------------------------------------------------------------------------------------ pins and the pack


def test_pin_keeps_its_numbers_after_another_load(tmp_path):
    w = Workspace.open(tmp_path / "ws")
    _load(w, tmp_path, [("orders.csv", ORDERS), ("shipments.csv", SHIPMENTS), ("csat.csv", CSAT)])
    con = w.reader()
    before = review.weekly_review(con, "2026-W11", ALL, TARGETS, min_sample=1)
    con.close()
    pin_id = review.pin(w, before)
    assert review.pin(w, before) == pin_id  # same numbers, same pin
    _load(w, tmp_path, [("late_order.csv", LATE_ORDER), ("late_shipment.csv", LATE_SHIPMENT)])
    con = w.reader()
    after = review.weekly_review(con, "2026-W11", ALL, TARGETS, min_sample=1)
    con.close()
    assert after.tile("on_time_delivery_rate").value == pytest.approx(2 / 5)  # the new load changed the week
    assert after.data_version > before.data_version
    pinned, pinned_at = review.load_pin(w, pin_id)
    assert pinned.to_dict() == before.to_dict()
    assert pinned.tile("on_time_delivery_rate").value == pytest.approx(0.5) and pinned_at
    assert review.pins(w)["id"].tolist() == [pin_id]
    for bad in ("../settings", "ABCDEF123456", "nope", pin_id + "0"):
        assert review.load_pin(w, bad) is None


def test_a_review_pinned_with_slice_codes_reads_with_display_names(rv):
    """Reviews pinned before the review wrote display names said "channel amazon": they read as the page writes."""
    old = rv.to_dict()
    old["bullets"] = [b.replace("channel Amazon", "channel amazon") for b in old["bullets"]]
    old["alerts"] = [{**a, "message": a["message"].replace("channel Amazon", "channel amazon")} for a in old["alerts"]]
    assert any("channel amazon" in b for b in old["bullets"])
    assert review.WeeklyReview.from_dict(old).to_dict() == rv.to_dict()


def test_marketplace_alerts_name_the_channel_as_the_marketplace_does():
    health = pd.DataFrame([{"channel": "ebay", "metric": "late_shipment_rate", "metric_name": "Late shipment rate",
                            "window_days": 10, "window_start": dt.date(2026, 3, 6), "window_end": dt.date(2026, 3, 15),
                            "numerator": 1, "denominator": 15, "rate": 1 / 15, "threshold": 0.04,
                            "comparison": "below", "status": "breach", "source": "eBay"}])
    a, = review._alerts([], pd.DataFrame(), health, {}, dt.date(2026, 3, 9), dt.date(2026, 3, 15), review._metrics())
    assert a.message.startswith("eBay: late shipment rate 6.7 % over the 10 days to 2026-03-15 (1 of 15)")
    assert a.query["channels"] == "ebay"  # the link keeps the code


def test_weekly_pack_opens_with_sheets_charts_formats(rv):
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(weekly_pack(rv, pinned_id="abc123abc123")))
    assert wb.sheetnames == ["Summary", "Trends", "Movers", "Alerts", "Fulfillment", "Marketplace", "Customer"]
    charts = {name: len(wb[name]._charts) for name in wb.sheetnames}
    assert charts["Trends"] >= 2 and charts["Movers"] == 1 and charts["Fulfillment"] == 2 and charts["Customer"] == 1
    s = wb["Summary"]
    assert s["A1"].value == "Weekly review 2026-W11 (2026-03-09 – 2026-03-15)"
    assert "pinned review abc123abc123" in s["A2"].value
    assert s.freeze_panes == "A5" and all(wb[n].freeze_panes for n in wb.sheetnames)
    rows = {s.cell(row=r, column=1).value: r for r in range(5, 5 + len(rv.tiles))}
    r = rows["On-time delivery rate"]
    assert s.cell(row=r, column=2).value == pytest.approx(0.5) and s.cell(row=r, column=2).number_format == "0.0%"
    assert s.cell(row=rows["Cost per order"], column=2).number_format == '"$"#,##0.00'
    assert s.cell(row=r, column=6).value == "Missed"  # the status in words, as the page and the brief say it
    # the warehouse named "=1+1" is text, never a formula
    movers = wb["Movers"]
    cells = [c for row in movers.iter_rows() for c in row if isinstance(c.value, str) and "1+1" in c.value]
    assert cells and all(c.value == "'=1+1" and c.data_type == "s" for c in cells)


def test_cli_report_weekly(ws, tmp_path, capsys):
    from openpyxl import load_workbook

    from lib.__main__ import main
    out = tmp_path / "pack.xlsx"
    assert main(["report", "weekly", "--week", "2026-W11", "--workspace", str(ws.root), "--out", str(out)]) == 0
    assert "2026-W11" in capsys.readouterr().out
    assert load_workbook(out).sheetnames[0] == "Summary"
    assert main(["report", "weekly", "--week", "2026-11", "--workspace", str(ws.root), "--out", str(out)]) == 2


def test_sample_review_tiles_match_the_pages(sample_con, sample_params):
    """On the sample business: the review's tiles are the fulfillment summary of the same week."""
    week = review.default_week(sample_con)
    start, end = review.parse_week(week)
    rv = review.weekly_review(sample_con, week, sample_params, TARGETS)
    s = fulfillment.summary(sample_con, {**sample_params, "start": start, "end": end})
    for key in ("on_time_ship_rate", "on_time_delivery_rate", "otif_rate", "perfect_order_rate", "cost_per_order"):
        expected = getattr(s, fulfillment.KPI_FIELDS[key][0])
        assert rv.tile(key).value == (pytest.approx(expected) if expected is not None else None)
    week_params = {**sample_params, "start": start, "end": end}
    csat = customer.csat_summary(sample_con, week_params)
    assert rv.tile("csat").value == (pytest.approx(csat.csat) if csat.csat is not None else None)
    if review._returns_module() is not None:
        from lib.metrics import returns
        r = returns.weekly(sample_con, week_params, basis="event")
        assert rv.tile("unit_return_rate").value == pytest.approx(float(r["unit_return_rate"].iloc[0]))
    for (kpi, dim), g in rv.frame("movers").groupby(["kpi", "dimension"]):
        assert g["contribution"].sum() == pytest.approx(rv.tile(kpi).change, abs=1e-9), (kpi, dim)
    assert review.WeeklyReview.from_dict(rv.to_dict()).to_dict() == rv.to_dict()


def test_an_alert_and_its_bullet_name_the_same_slice(sample_con, sample_params):
    rv = review.weekly_review(sample_con, review.default_week(sample_con), sample_params, TARGETS)
    for a in rv.alerts:
        if "Largest drag: " not in a.message:
            continue
        named = a.message.split("Largest drag: ")[1].rsplit(" (", 1)[0]
        tile = rv.tile(a.kpi)
        bullet = next(b for b in rv.bullets if b.startswith(tile.name + " "))
        assert f"came from {named} (" in bullet, (a.message, bullet)
