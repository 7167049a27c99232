"""Return rates on real / vendor data, checked against an independent pandas computation over the raw files.

* Tableau Superstore (superstore_orders.csv + superstore_returns.csv): a returned order has all its lines returned
  (the returns sheet lists order ids only).  Mapped to the templates: channel = segment, warehouse = region,
  category = Category, family = Sub-Category; returned 14 days after the ship date (the sheet has no date).
* UCI Online Retail sample: invoices starting with C are returns (negative quantities); each return line is
  matched to the same customer's latest earlier invoice of the same StockCode in the sample, else it stays
  unmatched (it then counts on the event basis only).  Non-C negative lines are stock adjustments, not sales.
"""
import datetime as dt

import pandas as pd
import pytest

from lib.ingest import ingest_files
from lib.metrics import returns
from lib.workspace import Workspace

pytestmark = pytest.mark.shared
ALL = {"channels": [], "warehouses": [], "carriers": [], "categories": []}


def _load(tmp_path, frames: dict[str, pd.DataFrame]):
    ws = Workspace.open(tmp_path / "ws")
    paths = []
    for name, df in frames.items():
        p = tmp_path / f"{name}.csv"
        df.to_csv(p, index=False)
        paths.append(p)
    reports = ingest_files(ws, paths)
    assert all(r.status == "loaded" and r.rows_quarantined == 0 for r in reports), [r.message for r in reports]
    return ws.reader()


def _compare(ours: pd.DataFrame, key: str, expected: pd.DataFrame):
    got = ours.set_index(key)[["units_sold", "units_returned"]].sort_index()
    exp = expected[["units_sold", "units_returned"]].sort_index().astype(float)
    got.index, exp.index = got.index.astype(str), exp.index.astype(str)
    pd.testing.assert_frame_equal(got, exp, check_names=False, check_dtype=False)
    rate = (exp["units_returned"] / exp["units_sold"]).where(exp["units_sold"] > 0)
    pd.testing.assert_series_equal(ours.set_index(key)["unit_return_rate"].sort_index().set_axis(rate.index).astype(float),
                                   rate, check_names=False)


@pytest.fixture(scope="module")
def superstore(shared_datasets, tmp_path_factory):
    d = shared_datasets / "superstore-tableau"
    o = pd.read_csv(d / "superstore_orders.csv", encoding="utf-8")
    r = pd.read_csv(d / "superstore_returns.csv", encoding="utf-8")
    o["line_no"] = o.groupby("Order ID").cumcount() + 1
    orders = pd.DataFrame({"order_id": o["Order ID"], "channel": o["Segment"].str.lower(), "ordered_at": o["Order Date"],
                           "line_no": o["line_no"], "sku": o["Product ID"], "product_name": o["Product Name"],
                           "quantity": o["Quantity"], "unit_price": (o["Sales"] / o["Quantity"]).round(4),
                           "status": "shipped", "warehouse": o["Region"]})
    products = (o.drop_duplicates("Product ID")
                .rename(columns={"Product ID": "sku", "Product Name": "product_name", "Category": "category",
                                 "Sub-Category": "subcategory"})
                .assign(family=lambda x: x["subcategory"])[["sku", "product_name", "category", "subcategory", "family"]])
    ret = o[o["Order ID"].isin(r.loc[r["Returned"] == "Yes", "Order ID"])]
    rets = (ret.groupby(["Order ID", "Product ID"], as_index=False)
            .agg(quantity=("Quantity", "sum"), ship=("Ship Date", "max"), segment=("Segment", "first")))
    returns_t = pd.DataFrame({"return_id": "R-" + rets["Order ID"], "order_id": rets["Order ID"],
                              "channel": rets["segment"].str.lower(), "sku": rets["Product ID"],
                              "quantity": rets["quantity"],
                              "returned_at": (pd.to_datetime(rets["ship"]) + pd.Timedelta(days=14)).dt.strftime("%Y-%m-%d")})
    con = _load(tmp_path_factory.mktemp("superstore"), {"products": products, "orders": orders, "returns": returns_t})
    yield o, set(r["Order ID"]), con
    con.close()


def test_superstore_rates_match_pandas(superstore):
    o, returned, con = superstore
    p = {**ALL, "start": dt.date(2014, 1, 1), "end": dt.date(2017, 12, 31)}
    o = o.assign(units_sold=o["Quantity"].astype(float), units_returned=o["Quantity"].where(o["Order ID"].isin(returned), 0).astype(float))
    tot = returns.rates(con, p)
    assert tot.units_sold == o["units_sold"].sum() and tot.units_returned == o["units_returned"].sum()
    assert (tot.orders, tot.returned_orders) == (o["Order ID"].nunique(), len(returned)) == (5009, 296)
    assert tot.order_return_rate == pytest.approx(296 / 5009)
    for dim, col in (("category", "Category"), ("sku", "Product ID"), ("family", "Sub-Category"),
                     ("warehouse", "Region")):
        _compare(returns.rates_by(con, p, dim), dim, o.groupby(col)[["units_sold", "units_returned"]].sum())
    seg = o.assign(channel=o["Segment"].str.lower()).groupby("channel")[["units_sold", "units_returned"]].sum()
    _compare(returns.rates_by(con, p, "channel"), "channel", seg)
    # one year, one category: the filters scope both numerator and denominator
    y = o[(o["Order Date"] >= "2016-01-01") & (o["Order Date"] <= "2016-12-31") & (o["Category"] == "Technology")]
    r16 = returns.rates(con, {**p, "start": dt.date(2016, 1, 1), "end": dt.date(2016, 12, 31), "categories": ["Technology"]})
    assert r16.unit_return_rate == pytest.approx(y["units_returned"].sum() / y["units_sold"].sum())
    # the weekly trend adds up to the total
    w = returns.weekly(con, p)
    assert w["units_returned"].sum() == o["units_returned"].sum()


def test_superstore_outliers_maturity_and_summary(superstore):
    o, returned, con = superstore
    p = {**ALL, "start": dt.date(2014, 1, 1), "end": dt.date(2017, 12, 31)}
    out = returns.outliers(con, p, "family")
    assert (out["wilson_low"] > out["category_rate"]).all() and (out["units_sold"] >= 30).all()
    s = returns.root_causes(con, p)
    assert s.units_returned > 0 and s.headline
    # lag = ship lag (0–7 days) + the 14 days we gave every return; p90 and median by returned units, as pandas sees it
    r = o[o["Order ID"].isin(returned)]
    lag = (pd.to_datetime(r["Ship Date"]) - pd.to_datetime(r["Order Date"])).dt.days + 14
    w = r["Quantity"].groupby(lag).sum().sort_index().cumsum() / r["Quantity"].sum()
    m = returns.cohort_maturity(con, p)
    assert (m.p90_lag_days, m.median_lag_days) == (w[w >= 0.9].index[0], w[w >= 0.5].index[0])
    assert 14 <= m.p90_lag_days <= m.window_days <= 21 and not m.is_provisional


@pytest.fixture(scope="module")
def online_retail(shared_datasets, tmp_path_factory):
    f = shared_datasets / "uci-online-retail-sample" / "online_retail_sample.csv"
    u = pd.read_csv(f, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str}, keep_default_na=False,
                    encoding="utf-8")
    is_c = u["InvoiceNo"].str.startswith("C")
    sales = u[~is_c & (u["Quantity"] > 0)].copy()
    sales["line_no"] = sales.groupby("InvoiceNo").cumcount() + 1
    rets = u[is_c].copy()
    # match: the same customer's latest earlier invoice with the same StockCode
    cand = rets.reset_index().merge(sales[sales["CustomerID"] != "NA"], on=["CustomerID", "StockCode"], suffixes=("", "_s"))
    cand = cand[cand["InvoiceDate_s"] < cand["InvoiceDate"]].sort_values("InvoiceDate_s").groupby("index").tail(1)
    rets["order_id"] = cand.set_index("index")["InvoiceNo_s"].reindex(rets.index).fillna(rets["InvoiceNo"])
    rets["matched"] = rets.index.isin(cand["index"])
    orders = pd.DataFrame({"order_id": sales["InvoiceNo"], "channel": "online", "ordered_at": sales["InvoiceDate"],
                           "line_no": sales["line_no"], "sku": sales["StockCode"],
                           "product_name": sales["Description"].replace("", None), "quantity": sales["Quantity"],
                           "unit_price": sales["UnitPrice"], "customer_id": sales["CustomerID"].replace("NA", None),
                           "ship_to_country": sales["Country"]})
    returns_t = pd.DataFrame({"return_id": rets["InvoiceNo"], "order_id": rets["order_id"], "channel": "online",
                              "sku": rets["StockCode"], "quantity": -rets["Quantity"], "returned_at": rets["InvoiceDate"]})
    con = _load(tmp_path_factory.mktemp("online_retail"), {"orders": orders, "returns": returns_t})
    yield sales, rets, con
    con.close()


def test_online_retail_rates_match_pandas(online_retail):
    sales, rets, con = online_retail
    p = {**ALL, "start": dt.date(2010, 12, 1), "end": dt.date(2011, 12, 31)}
    sold = sales.groupby("StockCode")["Quantity"].sum().rename("units_sold")
    # event basis: every return line in the period, matched or not, over the units sold in the period
    back = (-rets.groupby("StockCode")["Quantity"].sum()).rename("units_returned")
    exp = pd.concat([sold, back], axis=1).fillna(0.0)
    _compare(returns.rates_by(con, p, "sku", basis="event"), "sku", exp)
    ev = returns.rates(con, p, basis="event")
    assert ev.units_returned == -rets["Quantity"].sum() and ev.unmatched_return_lines == (~rets["matched"]).sum()
    # order basis: only the returns matched to an order in the period
    back_o = (-rets[rets["matched"]].groupby("StockCode")["Quantity"].sum()).rename("units_returned")
    exp_o = pd.concat([sold, back_o], axis=1).fillna(0.0)
    exp_o = exp_o[exp_o["units_sold"] > 0]
    _compare(returns.rates_by(con, p, "sku"), "sku", exp_o)
    r = returns.rates(con, p)
    assert r.orders == sales["InvoiceNo"].nunique() and r.returned_orders == rets.loc[rets["matched"], "order_id"].nunique()
    assert r.unit_return_rate == pytest.approx(-rets.loc[rets["matched"], "Quantity"].sum() / sales["Quantity"].sum())
