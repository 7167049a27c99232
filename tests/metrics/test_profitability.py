"""SKU profitability on a four-order fixture whose margins were computed by hand (see the comments).

Orders (March 2026): W1 (web, own warehouse) S1 ×2 @20 with a 4.00 line discount + S2 ×1 @36, shipping 6, partial
refund 12; W2 (web, shipped by the 3PL) S1 ×1 @20, fully refunded and returned; W3 (web) cancelled before shipment;
A1 (Amazon FBA) S1 ×2 for 50 with a 5.00 promotion, fees from its settlement rows; A2 (Amazon merchant-fulfilled)
S2 ×1 for 36, no settlement rows: fee card 15 %.  S1's cost changes on 5 March: 4.00 before, 6.00 landed after.
"""
import datetime as dt

import pytest

from lib.metrics import profitability as pf
from lib.metrics.profitability import landed, reconciliation
from lib.workspace.settings import DEFAULTS
from csv_workspace import load_csv_workspace

ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,line_discount,shipping_charged,refunded_amount,status
W1,web,2026-03-02 10:00,S1,2,20,4,6,12,shipped
W1,web,2026-03-02 10:00,S2,1,36,0,,,shipped
W2,web,2026-03-10 09:00,S1,1,20,0,0,20,shipped
W3,web,2026-03-11 09:00,S2,5,36,0,0,0,cancelled
"""
AMAZON = "\n".join("\t".join(r) for r in [
    ["amazon-order-id", "purchase-date", "order-status", "fulfillment-channel", "sku", "quantity", "currency", "item-price",
     "item-tax", "shipping-price", "item-promotion-discount", "ship-promotion-discount"],
    ["111-0000001-0000001", "2026-03-03 10:00:00", "Shipped", "Amazon", "S1", "2", "USD", "50.00", "3.50", "0.00", "-5.00", "0.00"],
    ["111-0000002-0000002", "2026-03-12 10:00:00", "Shipped", "Merchant", "S2", "1", "USD", "36.00", "0.00", "0.00", "0.00", "0.00"],
]) + "\n"
SETTLEMENT = "\n".join("\t".join(r) for r in [
    ["settlement-id", "transaction-type", "order-id", "amount-type", "amount-description", "amount", "posted-date",
     "order-item-code", "sku", "quantity-purchased"],
    *[["9001", "Order", "111-0000001-0000001", t, d, a, "2026-03-05", "1", "S1", "2"] for t, d, a in (
        ("ItemPrice", "Principal", "50.00"), ("ItemPrice", "Tax", "3.50"), ("Promotion", "Principal", "-5.00"),
        ("ItemFees", "Commission", "-6.75"), ("ItemFees", "FBAPerUnitFulfillmentFee", "-8.00"))],
]) + "\n"
SHIPMENTS = """shipment_id,order_id,channel,carrier,service,tracking_number,warehouse,label_created_at,first_scan_at,delivered_at,status,label_cost
P1,W1,web,UPS,Ground,1Z0000000001,Main WH,2026-03-02 12:00,2026-03-02 17:00,2026-03-04 12:00,delivered,9
P2,W2,web,UPS,Ground,1Z0000000002,ACME 3PL,2026-03-10 12:00,2026-03-10 17:00,2026-03-12 12:00,delivered,7
P3,111-0000002-0000002,amazon,USPS,Priority,9400000000000000000003,Main WH,2026-03-12 12:00,2026-03-12 17:00,2026-03-14 12:00,delivered,5
"""
INVOICE = """invoice_id,invoice_date,provider,warehouse,order_id,sku,charge_type,quantity,amount
INV1,2026-03-31,ACME,ACME 3PL,W2,S1,pick_pack,1,3.50
INV1,2026-03-31,ACME,ACME 3PL,W2,,packaging,1,0.60
INV1,2026-03-31,ACME,ACME 3PL,,S1,storage,10,2.00
"""
RETURNS = """return_id,order_id,channel,sku,quantity,returned_at,reason,refund_amount,return_label_cost,processing_cost,recovered_amount
R1,W2,web,S1,1,2026-03-20,Too small,20,5,2,6
"""
PRODUCTS = """sku,product_name,category,weight_lb,length_in,width_in,height_in,fba_size_tier
S1,Widget,Home,1.0,10,8,4,Large standard
S2,Gadget,Toys,0.5,8,6,2,
"""
COSTS = """sku,effective_from,unit_cost,inbound_freight_per_unit,duty_rate
S1,2026-01-01,4.00,,
S1,2026-03-05,5.00,0.50,0.10
S2,2026-01-01,8.00,1.00,
"""
ADS = """date,sku,channel,spend
2026-03-05,S1,web,10
2026-03-06,S1,amazon,4
2026-03-07,S2,,6
"""
FILES = {"orders.csv": ORDERS, "amazon_orders.txt": AMAZON, "settlement.txt": SETTLEMENT, "shipments.csv": SHIPMENTS,
         "invoice.csv": INVOICE, "returns.csv": RETURNS, "products.csv": PRODUCTS, "costs.csv": COSTS, "ads.csv": ADS}
PARAMS = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31), "channels": [], "warehouses": [], "carriers": [],
          "categories": []}

# hand-computed pieces
PAY_W1 = 0.029 * 78 + 0.30  # web is not a marketplace: rate × charged (72 net sales + 6 shipping) + fixed; half per line
PAY_W2 = 0.029 * 20 + 0.30
PACK = 0.85  # settings packaging per own-warehouse order, by units
LABOR_UNIT = 19 / 60  # $19/h, 60 units/h


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    c = load_csv_workspace(root, FILES.items()).reader()
    yield c
    c.close()


@pytest.fixture(scope="module")
def frame(con):
    return pf.sku_channel(con, PARAMS, DEFAULTS)


def row(frame, sku, channel):
    r = frame[(frame["sku"] == sku) & (frame["channel"] == channel)]
    assert len(r) == 1, frame[["sku", "channel"]]
    return r.iloc[0]


def test_cost_in_force_on_the_order_date(con):
    ln = pf.lines(con, PARAMS, DEFAULTS).set_index(["order_id", "sku"])
    assert ln.loc[("web:W1", "S1"), "landed_unit_cost_amount"] == pytest.approx(4.00)  # 2 March: the January cost
    assert ln.loc[("web:W2", "S1"), "landed_unit_cost_amount"] == pytest.approx(6.00)  # 10 March: 5 + 0.50 + 10 % duty
    assert "web:W3" not in ln.index.get_level_values(0)  # cancelled before shipment


def test_discount_partial_refund_own_warehouse_and_3pl_with_return(frame):
    r = row(frame, "S1", "web")  # W1 line 1 + W2
    assert r["units"] == 3 and r["orders"] == 2
    assert r["gross_sales_amount"] == pytest.approx(40 + 20)
    assert r["discount_amount"] == pytest.approx(4)
    assert r["refund_amount"] == pytest.approx(6 + 20)  # W1: 12 pro rata to net sales 36/72; W2: the return's refund, once
    assert r["shipping_charged_amount"] == pytest.approx(4)  # 6 by units, 2 of 3
    assert r["net_revenue_amount"] == pytest.approx(60 - 4 - 26 + 4)
    assert r["cogs_amount"] == pytest.approx(2 * 4 + 6)
    assert r["marketplace_fee_amount"] == 0
    assert r["payment_fee_amount"] == pytest.approx(PAY_W1 / 2 + PAY_W2)
    assert r["tpl_handling_amount"] == pytest.approx(3.50)
    assert r["tpl_period_amount"] == pytest.approx(2.00)  # storage of S1 at ACME in March → W2, the S1 line shipped there
    assert r["packaging_amount"] == pytest.approx(PACK * 2 / 3 + 0.60)  # own default for W1, the 3PL's line for W2
    assert r["labor_amount"] == pytest.approx(2 * LABOR_UNIT)  # W2 went through the 3PL: no own labor
    assert r["label_cost_amount"] == pytest.approx(9 * 2 / 3 + 7)
    assert r["returns_cost_amount"] == pytest.approx(5 + 2 - 6)  # label + processing − recovered; refund not again
    assert r["returns_recovered_amount"] == pytest.approx(6)  # the recovered part, kept apart for the waterfall
    assert r["ad_spend_amount"] == pytest.approx(10)
    margin = 34 - 14 - (PAY_W1 / 2 + PAY_W2) - (3.5 + 2 + PACK * 2 / 3 + 0.6 + 2 * LABOR_UNIT) - 13 - 1 - 10
    assert r["contribution_margin_amount"] == pytest.approx(margin)
    assert r["contribution_margin_per_unit"] == pytest.approx(margin / 3)
    assert r["margin_rate"] == pytest.approx(margin / 34)


def test_second_line_of_the_order_and_shared_ad_spend(frame):
    r = row(frame, "S2", "web")
    assert r["refund_amount"] == pytest.approx(6) and r["shipping_charged_amount"] == pytest.approx(2)
    assert r["net_revenue_amount"] == pytest.approx(36 - 6 + 2)
    assert r["ad_spend_amount"] == pytest.approx(3)  # 6 on every channel, shared by gross sales 36 : 36
    margin = 32 - 9 - PAY_W1 / 2 - (PACK / 3 + LABOR_UNIT) - 3 - 3
    assert r["contribution_margin_amount"] == pytest.approx(margin)


def test_fba_fees_from_settlement_rows(frame):
    r = row(frame, "S1", "amazon")
    assert r["net_revenue_amount"] == pytest.approx(50 - 5)
    assert r["cogs_amount"] == pytest.approx(2 * 4)
    assert r["referral_fee_amount"] == pytest.approx(6.75) and r["fba_fee_amount"] == pytest.approx(8.00)
    assert r["payment_fee_amount"] == 0 and r["fulfillment_amount"] == 0 and r["label_cost_amount"] == 0
    assert r["units_fee_card"] == 0
    assert r["contribution_margin_amount"] == pytest.approx(45 - 8 - 14.75 - 4)


def test_fee_card_when_no_settlement_rows(frame):
    r = row(frame, "S2", "amazon")
    assert r["marketplace_fee_amount"] == pytest.approx(0.15 * 36) and r["units_fee_card"] == 1
    assert r["contribution_margin_amount"] == pytest.approx(36 - 9 - 5.40 - PACK - LABOR_UNIT - 5 - 3)


def test_waterfall_walks_from_gross_sales_to_margin(frame):
    w = pf.waterfall(frame)
    assert w["label"].iloc[0] == "Gross sales" and w["label"].iloc[-1] == "Contribution margin"
    t = pf.totals(frame)
    net = w.set_index("label").loc["Net revenue"]
    assert net["end"] == pytest.approx(t["net_revenue_amount"])
    before_margin = w.iloc[-2]
    assert before_margin["end"] == pytest.approx(t["contribution_margin_amount"])
    assert w.iloc[-1]["amount"] == pytest.approx(t["contribution_margin_amount"])
    one = pf.waterfall(frame[frame["sku"] == "S1"], per_unit=True).set_index("label")
    assert one.loc["Gross sales", "amount"] == pytest.approx(110 / 5)
    web = pf.waterfall(frame[(frame["sku"] == "S1") & (frame["channel"] == "web")]).set_index("label")
    # the return of W2: label 5 + processing 2 is a cost, the 6 recovered a gain; never a "Returns cost" that rises
    assert web.loc["Returns handling (labels, processing)", ["kind", "amount"]].tolist() == ["decrease", pytest.approx(-7)]
    assert web.loc["Recovered from returns", ["kind", "amount"]].tolist() == ["increase", pytest.approx(6)]


def test_filters_keep_their_share(con):
    amazon = pf.sku_channel(con, {**PARAMS, "channels": ["amazon"]}, DEFAULTS)
    assert set(amazon["channel"]) == {"amazon"}
    assert row(amazon, "S2", "amazon")["ad_spend_amount"] == pytest.approx(3)  # not the whole 6
    toys = pf.sku_channel(con, {**PARAMS, "categories": ["Toys"]}, DEFAULTS)
    assert set(toys["sku"]) == {"S2"}
    assert row(toys, "S2", "web")["payment_fee_amount"] == pytest.approx(PAY_W1 / 2)  # shares from the whole order


def test_monthly_grain_and_ranking(con):
    m = pf.sku_channel(con, PARAMS, DEFAULTS, grain="month")
    assert set(m["period_start"].astype(str)) == {"2026-03-01"}
    r = pf.ranking(m)
    assert r.iloc[0][["sku", "channel"]].tolist() == ["S1", "amazon"]
    assert r.iloc[-1][["sku", "channel"]].tolist() == ["S1", "web"]  # the refunded, returned 3PL order sinks it
    with pytest.raises(ValueError):
        pf.sku_channel(con, PARAMS, DEFAULTS, grain="day; DROP TABLE x")


def test_fba_fee_card_and_size_tiers():
    assert pf.normalise_size_tier("Large Standard-Size") == "large standard"
    assert pf.normalise_size_tier("Small oversize") == "large bulky"
    assert pf.size_tier_from_dims(0.5, 8, 6, 2) == "large standard"  # 2 in thick: not small standard
    assert pf.size_tier_from_dims(0.2, 6, 4, 0.5) == "small standard"
    assert pf.fba_fee("large standard", 2.3) == pytest.approx(6.05)
    assert pf.fba_fee("large standard", 8.0) == pytest.approx(6.92 + 0.32 * 5)
    assert pf.fba_fee(None, 1.0) != pf.fba_fee(None, 1.0)  # NaN


def test_fulfillment_paths(con, frame):
    paths = pf.fulfillment_paths(con, PARAMS, DEFAULTS, frame).set_index("sku")
    s1 = paths.loc["S1"]  # 5 units: 2 FBA (Amazon), 2 own warehouse, 1 through the 3PL; 3 orders
    cuft, ship_w, upo = 320 / 1728, 320 / 139, 5 / 3  # 10×8×4 in; dimensional weight beats 1 lb
    # FBA: card row ≤ 2.5 lb of large standard = 6.05, Amazon share 2/5, the rest at the MCF multiplier 1.6;
    # inbound $0.30/lb of shipping weight; storage ft³ × $0.78 × 1 month (no inventory snapshots: the default)
    fba = 6.05 * (0.4 + 0.6 * 1.6) + 0.30 * ship_w + cuft * 0.78
    assert s1["fba_cost_per_unit"] == pytest.approx(fba)
    # own: label = average per unit (3 labelled orders < 10 to fit a weight model: 21 / 5 units), packaging per
    # order ÷ units per order, labor, storage ft³ × $0.35
    own = 21 / 5 + 0.85 / upo + LABOR_UNIT + cuft * 0.35
    assert s1["own_warehouse_cost_per_unit"] == pytest.approx(own)
    # 3PL: label + handling 3.50/unit + packaging 0.60/order ÷ units per order + storage at the default $0.45/ft³-month
    # (no snapshots at the 3PL to measure what its storage lines bought)
    tpl = 21 / 5 + 3.5 + 0.6 / upo + cuft * 0.45
    assert s1["tpl_cost_per_unit"] == pytest.approx(tpl)
    assert s1["recommended_path"] == "own warehouse" and s1["current_path"] == "FBA"  # tie 2 : 2 → first path
    assert s1["saving_amount"] == pytest.approx(2 * (fba - own) + 1 * (tpl - own))
    assert s1["recommendation"].startswith("move to own warehouse")
    s2 = paths.loc["S2"]  # own warehouse already the cheapest: nothing to save
    assert s2["current_path"] == "own warehouse" and s2["recommended_path"] == "own warehouse"
    assert s2["saving_amount"] == 0 and s2["recommendation"] == "keep own warehouse"
    assert s2["margin_before_fulfillment_per_unit"] == pytest.approx((68 - 18 - 5.4 - PAY_W1 / 2 - 6) / 2)
    assert pf.total_saving(paths.reset_index()) == pytest.approx(s1["saving_amount"])


def test_rationalisation(frame):
    q = pf.quadrant(frame)
    assert set(q["sku"]) == {"S1", "S2"} and q["quadrant"].notna().all()
    d = pf.channel_divergence(frame, min_units=1)
    assert d.iloc[0]["sku"] == "S1" and d.iloc[0]["best_channel"] == "amazon" and d.iloc[0]["worst_channel"] == "web"
    losers = pf.long_tail_losers(frame, tail_share=0.5)
    assert (losers["contribution_margin_amount"] < 0).all()


def test_landed_cost_calculator():
    r = landed.landed_cost(10.0, 1.0, 0.05, 0.5, price=30.0)
    assert (r.duty_amount, r.landed_cost, r.margin) == pytest.approx((0.5, 12.0, 18.0))
    r = landed.landed_cost(10.0, 2.0, 0.10, price=24.0, vat_rate=0.20, vat_mode="import", customs_basis="CIF")
    assert r.customs_value == pytest.approx(12.0) and r.duty_amount == pytest.approx(1.2)
    assert r.import_vat_amount == pytest.approx(0.2 * 13.2) and r.landed_cost == pytest.approx(13.2 + 2.64)
    assert r.net_price == pytest.approx(20.0) and r.margin == pytest.approx(20.0 - 15.84)
    r = landed.landed_cost(10.0, 2.0, 0.0, price=24.0, vat_rate=0.20, vat_mode="ioss")
    assert r.import_vat_amount == 0 and r.net_price == pytest.approx(20.0) and r.margin == pytest.approx(8.0)
    with pytest.raises(ValueError):
        landed.landed_cost(10.0, vat_mode="ddp")


def test_revenue_reconciliation(con):
    rec = reconciliation.revenue_reconciliation(con, DEFAULTS)
    by = rec.by_source.set_index("source")
    # template: Σ(lines − discounts) 72 + 20 + 180 − cancelled W3 180 + shipping 6 − refunds 32 = 66
    assert by.loc["opsdesk_orders", "source_total_amount"] == pytest.approx(272)
    assert by.loc["opsdesk_orders", "cancelled_amount"] == pytest.approx(180)
    assert by.loc["opsdesk_orders", "net_revenue_amount"] == pytest.approx(66)
    # Amazon: totals 48.50 + 36 include 3.50 tax
    assert by.loc["amazon_orders", "tax_amount"] == pytest.approx(3.5)
    assert by.loc["amazon_orders", "net_revenue_amount"] == pytest.approx(81)
    assert rec.unexplained == pytest.approx(0, abs=1e-9)
    assert rec.net_revenue_marts == pytest.approx(147) and rec.net_revenue_lines == pytest.approx(147)
    last = rec.bridge[rec.bridge["line"].str.startswith("=")]
    assert last["amount"].sum() == pytest.approx(147)
    steps = rec.bridge[~rec.bridge["line"].str.startswith("=")]
    assert steps["amount"].sum() == pytest.approx(147)


def test_metrics_are_registered():
    from lib.metrics.registry import metric
    assert metric("contribution_margin").domain == "profitability"


def test_charts_carry_tooltips(con, frame):
    from lib.viz import profitability as charts
    for chart in (charts.waterfall_chart(pf.waterfall(frame)), charts.quadrant_chart(pf.quadrant(frame)),
                  charts.path_cost_chart(pf.fulfillment_paths(con, PARAMS, DEFAULTS, frame))):
        assert "tooltip" in str(chart.to_dict())
    shown = charts.display(pf.ranking(frame), charts.RANKING_COLUMNS)
    assert list(shown.columns[:3]) == ["Rank", "SKU", "Product"]


# Disputes on the same orders: W1 lost 30 with a 15 fee (45, shared by line net sales 36 : 36), A1 won but charged its
# 15 fee, W2 still open without a fee (nothing yet).
DISPUTES = """dispute_id,order_id,channel,opened_at,reason,amount,currency,fee,status,payment_method
D1,W1,web,2026-03-20 09:00,fraudulent,30.00,USD,15.00,lost,card
D2,111-0000001-0000001,amazon,2026-03-21 09:00,product_not_received,50.00,USD,15.00,won,card
D3,W2,web,2026-03-22 09:00,fraudulent,20.00,USD,,needs_response,card
"""


@pytest.fixture(scope="module")
def disputed(tmp_path_factory):
    root = tmp_path_factory.mktemp("ws_disputes")
    c = load_csv_workspace(root, [*FILES.items(), ("disputes.csv", DISPUTES)]).reader()
    yield pf.sku_channel(c, PARAMS, DEFAULTS), pf.lines(c, PARAMS, DEFAULTS)
    c.close()


@pytest.mark.parametrize("sku,channel,cost", [("S1", "web", 22.5), ("S2", "web", 22.5), ("S1", "amazon", 15.0),
                                              ("S2", "amazon", 0.0)])
def test_chargebacks_and_dispute_fees_are_a_cost_of_the_order_lines(frame, disputed, sku, channel, cost):
    with_disputes, _ = disputed
    before, after = row(frame, sku, channel), row(with_disputes, sku, channel)
    assert before["dispute_cost_amount"] == 0
    assert after["dispute_cost_amount"] == pytest.approx(cost)
    assert after["net_revenue_amount"] == pytest.approx(before["net_revenue_amount"])  # a cost, not less revenue
    assert after["contribution_margin_amount"] == pytest.approx(before["contribution_margin_amount"] - cost)


def test_dispute_cost_is_shared_by_line_net_sales_and_has_its_waterfall_step(disputed):
    with_disputes, lines = disputed
    w1 = lines[lines["order_id"] == "web:W1"].set_index("sku")["dispute_cost_amount"]
    assert w1.to_dict() == pytest.approx({"S1": 22.5, "S2": 22.5})  # net sales 40 − 4 = 36 and 36
    assert lines.loc[lines["order_id"] == "web:W2", "dispute_cost_amount"].sum() == 0  # open, no fee: nothing yet
    step = pf.waterfall(with_disputes).set_index("label").loc["Chargebacks & dispute fees"]
    assert step["amount"] == pytest.approx(-60.0) and step["kind"] == "decrease"
    w = pf.waterfall(with_disputes)
    assert w.iloc[-1]["amount"] == pytest.approx(pf.totals(with_disputes)["contribution_margin_amount"])
