"""Real data: the Olist classified-reviews file (3,584 Brazilian orders with promised and actual delivery dates and
a review each) loaded through the Opsdesk templates; the on-time delivery rate and the CSAT the pages show equal
an independent pandas computation over the raw file."""
import datetime as dt

import pandas as pd
import pytest

from lib.ingest import ingest_files
from lib.metrics import customer, fulfillment, review
from lib.workspace import Workspace

pytestmark = pytest.mark.shared
OLIST = "olist-classified-reviews/olist_classified_public_dataset.csv"
STATUS = {"delivered": "delivered", "shipped": "shipped", "canceled": "cancelled", "invoiced": "open",
          "processing": "open"}


def _ts(s: pd.Series) -> pd.Series:
    """'2017-09-08 20:35:27.276847' / '2017-09-10 03:27:54+00:00' -> '2017-09-08 20:35:27' (wall clock kept)."""
    return s.str.slice(0, 19)


@pytest.fixture(scope="module")
def olist(shared_datasets, tmp_path_factory):
    path = shared_datasets / OLIST
    if not path.exists():
        pytest.skip(f"{OLIST} is absent")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    root = tmp_path_factory.mktemp("olist")
    qty = raw["order_items_qty"].astype(int)
    orders = pd.DataFrame({
        "order_id": raw["id"], "channel": "olist", "ordered_at": _ts(raw["order_purchase_timestamp"]),
        "sku": raw["product_category_name"].replace("", "unknown"), "quantity": qty,
        "unit_price": (raw["order_products_value"].astype(float) / qty).round(4),
        "shipping_charged": raw["order_freight_value"], "currency": "BRL", "status": raw["order_status"].map(STATUS),
        "promised_delivery_date": raw["order_estimated_delivery_date"].str.slice(0, 10)})
    has_package = raw["order_delivered_customer_date"].ne("") | raw["order_status"].isin(["shipped", "delivered"])
    ships = raw[has_package]
    shipments = pd.DataFrame({
        "shipment_id": "olist-" + ships["id"], "order_id": ships["id"], "channel": "olist",
        "delivered_at": _ts(ships["order_delivered_customer_date"]),
        "status": ships["order_delivered_customer_date"].map(lambda v: "delivered" if v else "in_transit")})
    csat = pd.DataFrame({"response_id": raw["id"], "responded_at": _ts(raw["review_answer_timestamp"]),
                         "score": raw["review_score"], "order_id": raw["id"], "channel": "olist"})
    files = []
    for name, df in (("olist_orders.csv", orders), ("olist_shipments.csv", shipments), ("olist_csat.csv", csat)):
        df.to_csv(root / name, index=False)
        files.append(root / name)
    ws = Workspace.open(root / "ws")
    reports = ingest_files(ws, files)
    assert all(r.status == "loaded" and r.rows_quarantined == 0 for r in reports), [r.message for r in reports]
    assert [r.format for r in reports] == ["opsdesk_orders", "opsdesk_shipments", "opsdesk_csat"]
    con = ws.reader()
    yield raw, con
    con.close()


def _pandas_on_time(raw: pd.DataFrame) -> tuple[int, float]:
    delivered = raw[raw["order_delivered_customer_date"] != ""]
    on_time = (pd.to_datetime(delivered["order_delivered_customer_date"].str.slice(0, 10))
               <= pd.to_datetime(delivered["order_estimated_delivery_date"].str.slice(0, 10)))
    return len(delivered), float(on_time.mean())


def _params(start, end):
    return {"start": start, "end": end, "channels": [], "warehouses": [], "carriers": [], "categories": []}


def test_on_time_delivery_rate_matches_pandas(olist):
    raw, con = olist
    s = fulfillment.summary(con, _params(dt.date(2017, 1, 1), dt.date(2018, 12, 31)))
    measured, rate = _pandas_on_time(raw)
    assert s.orders_incl_cancelled == len(raw) == 3584
    assert s.on_time_delivery_measurable == measured
    assert s.on_time_delivery_rate == pytest.approx(rate, abs=1e-12)
    assert 0.85 < rate < 0.95  # SOURCE.md: ~9.8 % of delivered orders arrived more than a day late


def test_csat_matches_pandas(olist):
    raw, con = olist
    c = customer.csat_summary(con, _params(dt.date(2017, 1, 1), dt.date(2018, 12, 31)))
    scores = raw["review_score"].astype(int)
    assert c.responses == len(raw)
    assert c.csat == pytest.approx(float((scores >= 4).mean()), abs=1e-12)
    assert c.mean_score == pytest.approx(float(scores.mean()), abs=1e-12)


def test_weekly_review_tiles_match_pandas(olist):
    raw, con = olist
    week = "2018-W10"
    start, end = review.parse_week(week)
    rv = review.weekly_review(con, week, _params(start, end), {})
    ordered = pd.to_datetime(raw["order_purchase_timestamp"].str.slice(0, 10)).dt.date
    in_week = raw[(ordered >= start) & (ordered <= end)]
    measured, rate = _pandas_on_time(in_week)
    assert rv.tile("on_time_delivery_rate").measured == measured
    assert rv.tile("on_time_delivery_rate").value == pytest.approx(rate, abs=1e-12)
    answered = pd.to_datetime(raw["review_answer_timestamp"].str.slice(0, 10)).dt.date
    week_scores = raw.loc[(answered >= start) & (answered <= end), "review_score"].astype(int)
    assert rv.tile("csat").measured == len(week_scores) > 0
    assert rv.tile("csat").value == pytest.approx(float((week_scores >= 4).mean()), abs=1e-12)
