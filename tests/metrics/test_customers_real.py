"""Repeat-purchase figures on a real transactions dataset, checked against an independent pandas computation.

UCI Online Retail sample (20,000 real invoice lines, 2010-12-01 … 2011-12-09, GBP): loaded through the Opsdesk
orders template (order_id = InvoiceNo, customer_id = CustomerID, empty where the file says NA). Sales only:
cancellation invoices (C…) and non-positive quantities are not orders. pandas then recomputes, from the raw file,
each invoice's new / returning / not identifiable type, each customer's first and second invoice, and the repeat
rate within 30/60/90/365 days of every complete first-order month.
"""
import datetime as dt

import pandas as pd
import pytest

from lib.ingest import ingest_files
from lib.metrics import customers
from lib.workspace import Workspace

pytestmark = pytest.mark.shared
ALL = {"channels": [], "warehouses": [], "carriers": [], "categories": [],
       "start": dt.date(2010, 1, 1), "end": dt.date(2012, 12, 31)}


@pytest.fixture(scope="module")
def retail(shared_datasets, tmp_path_factory):
    raw = pd.read_csv(shared_datasets / "uci-online-retail-sample" / "online_retail_sample.csv",
                      dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "Int64"})
    sales = raw[raw["InvoiceNo"].str.fullmatch(r"\d+") & (raw["Quantity"] > 0)].copy()
    sales["line_no"] = sales.groupby("InvoiceNo").cumcount() + 1
    orders = pd.DataFrame({"order_id": sales["InvoiceNo"], "channel": "web", "ordered_at": sales["InvoiceDate"],
                           "line_no": sales["line_no"], "sku": sales["StockCode"], "quantity": sales["Quantity"],
                           "unit_price": sales["UnitPrice"], "currency": "GBP",
                           "customer_id": sales["CustomerID"].astype("string")})
    root = tmp_path_factory.mktemp("retail")
    path = root / "orders.csv"
    orders.to_csv(path, index=False)
    ws = Workspace.open(root / "ws")
    reports = ingest_files(ws, [path])
    assert all(r.status == "loaded" and r.rows_quarantined == 0 for r in reports), [r.message for r in reports]
    con = ws.reader()
    yield sales, con
    con.close()


def _expected_invoices(sales: pd.DataFrame) -> pd.DataFrame:
    inv = (sales.groupby("InvoiceNo").agg(at=("InvoiceDate", "min"), customer=("CustomerID", "first"))
           .reset_index())
    inv["at"] = pd.to_datetime(inv["at"])
    inv["sort_key"] = "web:" + inv["InvoiceNo"]
    inv = inv.sort_values(["at", "sort_key"])
    known = inv["customer"].notna()
    inv["n"] = pd.NA
    inv.loc[known, "n"] = inv[known].groupby("customer").cumcount() + 1
    inv["type"] = "unidentified"
    inv.loc[known, "type"] = inv.loc[known, "n"].map(lambda n: "new" if n == 1 else "returning")
    return inv


def test_new_and_returning_invoices_match_pandas(retail):
    sales, con = retail
    inv = _expected_invoices(sales)
    s = customers.summary(con, ALL)
    counts = inv["type"].value_counts()
    assert (s.new_orders, s.returning_orders, s.orders - s.identifiable_orders) == (
        counts["new"], counts["returning"], counts["unidentified"])
    assert s.new_orders == inv["customer"].nunique() > 1000  # one first order per customer


def test_repeat_rates_by_cohort_match_pandas(retail):
    sales, con = retail
    inv = _expected_invoices(sales)
    as_of = inv["at"].max().normalize()
    known = inv[inv["customer"].notna()]
    first = known[known["n"] == 1].set_index("customer")["at"].dt.normalize()
    second = known[known["n"] == 2].set_index("customer")["at"].dt.normalize()
    cust = pd.DataFrame({"first": first, "days": (second.reindex(first.index) - first).dt.days})
    cust["month"] = cust["first"].dt.to_period("M").dt.to_timestamp()
    cust["age"] = (as_of - cust["first"]).dt.days
    ours = customers.cohort_triangle(con, ALL).set_index(["cohort_month", "window_days"])
    checked = 0
    for (month, n), row in ours.iterrows():
        c = cust[cust["month"] == month]
        assert row["customers"] == len(c)
        complete = bool((c["age"] >= n).all())
        assert bool(row["is_complete"]) == complete
        if complete:
            assert row["repeat_rate"] == pytest.approx((c["days"] <= n).sum() / len(c))
            checked += 1
        else:
            assert pd.isna(row["repeat_rate"])
    assert checked >= 30  # most of the 13 months × 4 windows are mature
    med = customers.summary(con, ALL).median_days_to_second_order
    assert med == pytest.approx(cust["days"].median())
    mature90 = cust[cust["age"] >= 90]
    assert customers.summary(con, ALL, 90).repeat_rate == pytest.approx((mature90["days"] <= 90).mean())
