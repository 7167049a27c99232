"""Profitability on real and sample data.

* Tableau Superstore (../shared/datasets, 9,994 order lines with Sales, Quantity, Discount and Profit per line) loaded
  through the Opsdesk orders, catalog and cost-history templates. Mapping, chosen so that revenue is exact in the
  template's 4-decimal money: unit_price = list price = round(Sales ÷ (1 − Discount) ÷ Quantity, 4) and
  line_discount = Quantity × unit_price − Sales, so quantity × price − discount = Sales to the cent. Superstore reuses
  a few Product IDs for different products: the SKU is the Product ID, suffixed for its second, third … name. The
  unit cost implied by a line, (Sales − Profit) ÷ Quantity, is then constant per SKU and loads as its cost history.
* The sample business (lib.sample): the planted heavy, cheap "Cast Iron" home SKUs sold through Amazon FBA lose money
  and must sit at the bottom of the margin ranking.
"""
import copy
import datetime as dt

import pandas as pd
import pytest

from lib.ingest import ingest_files
from lib.metrics import profitability as pf
from lib.metrics.profitability import reconciliation
from lib.workspace.settings import DEFAULTS
from lib.workspace import Workspace

NO_FEES = copy.deepcopy(DEFAULTS)
NO_FEES["costs"].update(payment_fee_rate=0.0, payment_fee_fixed=0.0)  # Superstore's Profit knows no payment fees


def superstore_templates(raw: pd.DataFrame, out) -> list:
    d = raw.sort_values("Row ID").copy()
    names = d.drop_duplicates(["Product ID", "Product Name"])[["Product ID", "Product Name"]].copy()
    names["n"] = names.groupby("Product ID").cumcount()
    names["sku"] = names["Product ID"] + names["n"].map(lambda n: "" if n == 0 else f"~{n + 1}")
    d = d.merge(names[["Product ID", "Product Name", "sku"]], on=["Product ID", "Product Name"], how="left")
    d["unit_price"] = (d["Sales"] / (1 - d["Discount"]) / d["Quantity"]).round(4)
    d["line_discount"] = (d["Quantity"] * d["unit_price"] - d["Sales"].round(4)).round(4)
    d["line_no"] = d.groupby("Order ID").cumcount() + 1
    orders = pd.DataFrame({"order_id": d["Order ID"], "channel": "superstore", "ordered_at": d["Order Date"],
                           "line_no": d["line_no"], "sku": d["sku"], "product_name": d["Product Name"],
                           "quantity": d["Quantity"], "unit_price": d["unit_price"].map("{:.4f}".format),
                           "line_discount": d["line_discount"].map("{:.4f}".format), "status": "delivered",
                           "ship_to_region": d["Region"], "ship_to_country": "US"})
    products = (d.drop_duplicates("sku")[["sku", "Product Name", "Category", "Sub-Category"]]
                .rename(columns={"Product Name": "product_name", "Category": "category", "Sub-Category": "subcategory"}))
    d["unit_cost"] = (d["Sales"] - d["Profit"]) / d["Quantity"]
    costs = d.groupby("sku", as_index=False)["unit_cost"].first().assign(effective_from="2014-01-01")
    costs["unit_cost"] = costs["unit_cost"].map("{:.4f}".format)
    paths = []
    for name, df in (("orders.csv", orders), ("products.csv", products), ("costs.csv", costs[["sku", "effective_from", "unit_cost"]])):
        p = out / name
        df.to_csv(p, index=False)
        paths.append(p)
    return paths


@pytest.fixture(scope="module")
def superstore(shared_datasets, tmp_path_factory):
    path = shared_datasets / "superstore-tableau" / "superstore_orders.csv"
    if not path.exists():
        pytest.skip("Superstore is absent")
    raw = pd.read_csv(path)
    root = tmp_path_factory.mktemp("superstore")
    ws = Workspace.open(root / "ws")
    reports = ingest_files(ws, superstore_templates(raw, root))
    assert all(r.status == "loaded" and r.rows_quarantined == 0 for r in reports), [r.message for r in reports]
    con = ws.reader()
    params = {"start": dt.date(2014, 1, 1), "end": dt.date(2017, 12, 31), "channels": [], "warehouses": [],
              "carriers": [], "categories": []}
    frame = pf.sku_channel(con, params, NO_FEES)
    yield raw, con, params, frame
    con.close()


@pytest.mark.shared
def test_superstore_revenue_per_category_reconciles_with_the_raw_file(superstore):
    raw, con, params, frame = superstore
    expected = raw.groupby("Category")["Sales"].sum()
    got = frame.groupby("category")["net_revenue_amount"].sum()
    assert sorted(got.index) == sorted(expected.index)
    for cat in expected.index:
        assert got[cat] == pytest.approx(expected[cat], abs=0.005), cat  # to the cent
    assert frame["units"].sum() == raw["Quantity"].sum()
    gross = (raw["Sales"] / (1 - raw["Discount"])).sum()
    assert frame["gross_sales_amount"].sum() == pytest.approx(gross, abs=1.0)  # list prices rounded to 4 decimals
    assert frame["discount_amount"].sum() == pytest.approx(gross - raw["Sales"].sum(), abs=1.0)


@pytest.mark.shared
def test_superstore_margin_per_category_matches_its_profit(superstore):
    raw, con, params, frame = superstore
    expected = raw.groupby("Category")["Profit"].sum()
    got = frame.groupby("category")["contribution_margin_amount"].sum()
    for cat in expected.index:  # unit costs rounded to 4 decimals: a few cents over thousands of lines
        assert got[cat] == pytest.approx(expected[cat], abs=1.0), cat
    assert frame["units_without_cost"].sum() == 0


@pytest.mark.shared
def test_superstore_reconciliation_has_no_unexplained_gap(superstore):
    raw, con, params, frame = superstore
    rec = reconciliation.revenue_reconciliation(con, NO_FEES)
    assert rec.net_revenue_marts == pytest.approx(raw["Sales"].sum(), abs=0.01)
    assert rec.net_revenue_lines == pytest.approx(rec.net_revenue_marts, abs=0.01)
    assert abs(rec.unexplained) < 0.01


@pytest.mark.shared
def test_superstore_heavy_discounts_rank_at_the_bottom(superstore):
    raw, con, params, frame = superstore
    r = pf.ranking(frame)
    worst = r.iloc[-1]["sku"]
    assert raw.loc[raw["Product ID"] == worst.split("~")[0], "Discount"].max() >= 0.4


# ---------------------------------------------------------------- the sample business


def test_sample_money_losing_pairs_sit_at_the_bottom(sample_con, sample_params, sample_ws):
    frame = pf.sku_channel(sample_con, sample_params, sample_ws.settings())
    r = pf.ranking(frame)
    planted = r[r["product_name"].fillna("").str.contains("Cast Iron", case=False) & (r["channel"] == "amazon")]
    assert len(planted), "no Cast Iron SKU sold on Amazon in the sample"
    assert (planted["contribution_margin_amount"] < 0).all(), planted[["sku", "channel", "contribution_margin_amount"]]
    show = r.tail(12)[["rank", "sku", "channel", "product_name", "contribution_margin_amount"]]
    # every planted pair in the bottom 3 % of the ranking (2 % before chargebacks counted: the sample's fraud disputes
    # on high-risk orders, story g, now also sink a few pairs)
    assert planted["rank"].min() > len(r) * 0.97, show
    assert r.iloc[-1]["sku"] in set(planted["sku"]) and r.iloc[-1]["channel"] == "amazon", show  # the very worst


def test_sample_reconciliation_is_explained(sample_con, sample_ws):
    rec = reconciliation.revenue_reconciliation(sample_con, sample_ws.settings())
    assert rec.net_revenue_lines == pytest.approx(rec.net_revenue_marts, rel=1e-9, abs=0.01)
    assert abs(rec.unexplained) < 0.01 * max(rec.net_revenue_marts, 1)
