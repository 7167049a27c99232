"""The sample business's WooCommerce store and Etsy shop (`lib.sample.generate(more_channels=True)`, what `lib seed`
loads): real layouts that Opsdesk detects, orders that moved from Shopify rather than new ones, and orders, totals per
currency and Etsy's card processing fees that reconcile with a pandas reading of the raw files. The committed
sample_data/ is generated without the flag and stays byte for byte what it was."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from lib import sample
from lib.ingest import ingest_files
from lib.metrics import data_health as dh
from lib.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
NEW = ("woocommerce_orders.csv", "EtsySoldOrders.csv", "EtsySoldOrderItems.csv")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("more_channels")
    paths = sample.generate(d, more_channels=True)
    assert paths == [d / n for n in sample.FILES] + [d / n for n in NEW]
    return d


@pytest.fixture(scope="module")
def loaded(files, tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("ws") / "ws")
    reports = ingest_files(ws, sorted(files.iterdir()), loaded_by="test")
    con = ws.reader()
    yield reports, con
    con.close()


def raw(d: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(d / name, dtype=str, keep_default_na=False)


def cents(s: pd.Series) -> pd.Series:
    """Money strings as whole cents (exact sums)."""
    return s.replace("", "0").map(lambda v: int(Decimal(v.replace("$", "")) * 100))


def test_without_the_flag_the_committed_sample_is_unchanged(tmp_path):
    paths = sample.generate(tmp_path)
    assert [p.name for p in paths] == list(sample.FILES)
    for p in paths:
        assert p.read_bytes() == (REPO / "sample_data" / p.name).read_bytes(), p.name


def test_same_arguments_same_bytes(files, tmp_path):
    again = sample.generate(tmp_path, more_channels=True)
    for p in again:
        assert p.read_bytes() == (files / p.name).read_bytes(), p.name


def test_headers_are_the_documented_layouts_and_are_detected(files, loaded):
    reports, _ = loaded
    by_file = {r.file_name: r for r in reports}
    for name in NEW:
        fmt, header = sample.MORE_CHANNEL_FILES[name]
        with open(files / name, newline="", encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == header
        r = by_file[name]
        assert r.status == "loaded" and r.format == fmt, r.message
        assert r.rows_quarantined == 0, r.errors[:3]
    assert all(r.ok for r in reports), [r.message for r in reports if not r.ok]
    # the documented headers (docs/channel_formats.md): plugin default 37 columns, Etsy 36 and 33
    assert len(sample.MORE_CHANNEL_FILES["woocommerce_orders.csv"][1]) == 37
    assert len(sample.MORE_CHANNEL_FILES["EtsySoldOrders.csv"][1]) == 36
    assert len(sample.MORE_CHANNEL_FILES["EtsySoldOrderItems.csv"][1]) == 33


def test_the_new_channels_take_orders_from_shopify_not_new_ones(files):
    """Same business: the own-store orders are split over three storefronts, the marketplaces are untouched."""
    def shopify_orders(d):
        return (raw(d, "shopify_orders_export.csv")["Financial Status"] != "").sum()
    woo = raw(files, "woocommerce_orders.csv")["Order Number"].nunique()
    etsy = raw(files, "EtsySoldOrders.csv")["Order ID"].nunique()
    before = shopify_orders(REPO / "sample_data")
    assert shopify_orders(files) + woo + etsy == before
    assert .10 < woo / before < .22 and .05 < etsy / before < .14, (woo, etsy, before)
    for name in ("amazon_all_orders.txt", "walmart_orders.csv", "ebay_orders.csv", "amazon_settlement.txt"):
        assert (files / name).read_bytes() == (REPO / "sample_data" / name).read_bytes(), name
    items = raw(files, "EtsySoldOrderItems.csv")
    assert set(items["Order ID"]) == set(raw(files, "EtsySoldOrders.csv")["Order ID"])


def test_orders_and_totals_per_currency_reconcile_with_pandas(files, loaded):
    _, con = loaded
    woo = raw(files, "woocommerce_orders.csv").drop_duplicates("Order Number")
    etsy = raw(files, "EtsySoldOrders.csv")
    expected = {  # channel -> currency -> (orders, total in cents); the plugin's default profile states no currency:
        "woocommerce": {"USD": (len(woo), cents(woo["Order Total Amount"]).sum())},  # the reporting currency (USD)
        "etsy": {c: (len(g), cents(g["Order Total"]).sum()) for c, g in etsy.groupby("Currency")},
    }
    for channel, per_currency in expected.items():
        got = con.execute("SELECT currency, count(*), sum(order_total_amount) FROM fct_orders WHERE channel = ? "
                          "GROUP BY 1", [channel]).fetchall()
        assert {c: (n, round(Decimal(t) * 100)) for c, n, t in got} == per_currency, channel
    # the order identity survives: every order number of the files is an order of its channel
    ids = {r[0] for r in con.execute("SELECT order_id FROM fct_orders WHERE channel IN ('woocommerce', 'etsy')")
           .fetchall()}
    assert ids == {f"woocommerce:{x}" for x in woo["Order Number"]} | {f"etsy:{x}" for x in etsy["Order ID"]}
    # cancelled orders: the files' status words
    n_cancel = con.execute("SELECT channel, count(*) FILTER (WHERE is_cancelled) FROM fct_orders "
                           "WHERE channel IN ('woocommerce', 'etsy') GROUP BY 1").fetchall()
    assert dict(n_cancel) == {"woocommerce": (woo["Order Status"] == "Cancelled").sum(),
                              "etsy": (etsy["Status"] == "Canceled").sum()}


def test_woocommerce_lines_state_the_kept_units(files, loaded):
    """Quantity (- Refund): the units kept; Item Cost x kept units never exceeds the order's goods after coupon."""
    _, con = loaded
    woo = raw(files, "woocommerce_orders.csv")
    kept = pd.to_numeric(woo["Quantity (- Refund)"])
    units = con.execute("SELECT sum(quantity) FROM fct_order_lines WHERE channel = 'woocommerce'").fetchall()[0][0]
    assert units == kept.sum()
    goods = woo.assign(v=cents(woo["Item Cost"]) * kept).groupby("Order Number")["v"].sum()
    after_coupon = woo.drop_duplicates("Order Number").set_index("Order Number")
    after_coupon = cents(after_coupon["Order Subtotal Amount"]) - cents(after_coupon["Cart Discount Amount"])
    assert (goods <= after_coupon.loc[goods.index] + 5 * kept.groupby(woo["Order Number"]).sum()).all()
    # an order refunded by line states fewer units than it sold, and a refund
    refunded = woo[cents(woo["Order Refund Amount"]) > 0]
    assert len(refunded) > 0


def test_etsy_amounts_and_card_processing_fees_reconcile(files, loaded):
    _, con = loaded
    o = raw(files, "EtsySoldOrders.csv")
    total, tax, fee = cents(o["Order Total"]), cents(o["Sales Tax"]), cents(o["Card Processing Fees"])
    # Etsy's identities: Order Total = Order Value - Discount + Shipping - Shipping Discount + Sales Tax;
    # Order Net = Order Total - Sales Tax - Card Processing Fees (Etsy remits the US sales tax it collects)
    assert (total == cents(o["Order Value"]) - cents(o["Discount Amount"]) + cents(o["Shipping"])
            - cents(o["Shipping Discount"]) + tax).all()
    assert (cents(o["Order Net"]) == total - tax - fee).all()
    items = raw(files, "EtsySoldOrderItems.csv")
    value = (cents(items["Price"]) * pd.to_numeric(items["Quantity"])).groupby(items["Order ID"]).sum()
    assert (value.loc[o["Order ID"]].to_numpy() == cents(o["Order Value"]).to_numpy()).all()
    # the fee charged: the adjusted one after a partial refund (Adjusted Order Total above 0), else the stated one
    adjusted = cents(o["Adjusted Order Total"]) > 0
    charged = fee.where(~adjusted, cents(o["Adjusted Card Processing Fees"]))
    got = con.execute("SELECT currency, count(*), sum(amount) FROM fct_marketplace_fees WHERE channel = 'etsy' "
                      "GROUP BY 1").fetchall()
    assert len(got) == 1 and got[0][0] == "USD" and got[0][1] == (fee > 0).sum()
    assert round(Decimal(got[0][2]) * 100) == -charged.sum()
    # refunds: partial = Order Total - Adjusted Order Total; "Fully refunded" = the whole total
    full = o["Status"] == "Fully refunded"
    exp_refund = (total - cents(o["Adjusted Order Total"])).where(adjusted, 0) + total.where(full, 0)
    got_refund = con.execute("SELECT sum(refunded_amount) FROM fct_orders WHERE channel = 'etsy'").fetchall()[0][0]
    assert round(Decimal(got_refund) * 100) == exp_refund.sum()
    assert adjusted.sum() > 0 and full.sum() > 0


def test_shipments_and_returns_name_the_new_channels(files, loaded):
    """The own warehouses ship the new channels' orders: the shipments template names them, and they join."""
    _, con = loaded
    ship = raw(files, "opsdesk_shipments.csv")
    woo = raw(files, "woocommerce_orders.csv").drop_duplicates("Order Number")
    etsy = raw(files, "EtsySoldOrders.csv")
    for channel, ids, shipped in (
            ("woocommerce", woo["Order Number"], woo["Order Status"] == "Completed"),
            ("etsy", etsy["Order ID"], etsy["Date Shipped"] != "")):
        in_template = set(ship.loc[ship["channel"] == channel, "order_id"])
        assert in_template <= set(ids) and set(ids[shipped]) <= in_template, channel
        n = con.execute("SELECT count(DISTINCT order_id) FROM fct_shipments WHERE order_id LIKE ?",
                        [channel + ":%"]).fetchall()[0][0]
        assert n == len(in_template) > 0, channel
    assert set(etsy.loc[etsy["Date Shipped"] != "", "Order ID"]) == set(ship.loc[ship["channel"] == "etsy", "order_id"])
    unmatched = con.execute("SELECT count(*) FROM fct_shipments WHERE order_id NOT IN (SELECT order_id FROM fct_orders)"
                            ).fetchall()[0][0]
    assert unmatched == 0
    chans = {r[0] for r in con.execute("SELECT DISTINCT channel FROM fct_returns").fetchall()}
    assert {"woocommerce", "etsy"} <= chans


def test_a_ticket_names_one_order(files, loaded):
    """Help-desk tickets match an order number "case and a leading '#' aside": the WooCommerce numbers start above
    every Shopify name, so no ticket matches two orders, and tickets reach the new channels' orders."""
    _, con = loaded
    shop = raw(files, "shopify_orders_export.csv")
    names = pd.to_numeric(shop.loc[shop["Financial Status"] != "", "Name"].str.lstrip("#"))
    woo = pd.to_numeric(raw(files, "woocommerce_orders.csv")["Order Number"])
    assert woo.min() > names.max()
    n, distinct = con.execute("SELECT count(*), count(DISTINCT ticket_id) FROM fct_support_tickets").fetchall()[0]
    assert n == distinct
    chans = {r[0] for r in con.execute("SELECT DISTINCT channel FROM fct_support_tickets").fetchall()}
    assert {"woocommerce", "etsy"} <= chans


def test_data_health_reconciliation_lists_the_new_channels(loaded):
    _, con = loaded
    rec = dh.reconciliation(con)
    rows = rec.set_index("source")
    for source in ("woocommerce_orders", "etsy_orders"):
        assert source in rows.index, list(rows.index)
        r = rows.loc[source]
        assert r["currency"] == "USD" and r["source_orders"] == r["mart_orders"] > 0
        assert r["gap_amount"] == 0


# ---------------------------------------------------------------- the list of platform exports (Upload, templates.md)

def test_the_exports_list_names_every_platform_export_once_with_the_samples():
    from lib.ingest.formats import BY_NAME, FORMATS
    from lib.ingest.templates import ALSO_GIVES, platform_exports
    rows = platform_exports()
    labels = [r["export"] for r in rows]
    assert sorted(labels) == sorted(s.label for s in FORMATS if not s.is_template)
    assert set(ALSO_GIVES) <= set(BY_NAME)
    by = {r["export"]: r for r in rows}
    woo = by["WooCommerce order export (Advanced Order Export)"]
    assert woo["platform"] == "WooCommerce" and woo["gives"] == "Orders" and woo["in_sample"] is True
    assert woo["where"].startswith("WooCommerce → Export Orders")
    etsy = by["Etsy sold orders (EtsySoldOrders)"]
    assert etsy["platform"] == "Etsy" and etsy["gives"] == "Orders, card processing fees" and etsy["in_sample"]
    assert by["Etsy sold order items (EtsySoldOrderItems)"]["in_sample"]
    # formats the sample business does not come with are not ticked
    for label in ("WooCommerce Analytics orders export", "BigCommerce orders export (default template)",
                  "TikTok Shop orders export", "ShipStation shipments export"):
        assert by[label]["in_sample"] is False, label
    assert sum(r["in_sample"] for r in rows) == len({f for f, _ in (*sample.FILES.values(),
                                                                     *sample.MORE_CHANNEL_FILES.values())
                                                      if not BY_NAME[f].is_template})
    assert all(r["platform"] and "_" not in r["platform"] for r in rows)  # display names
    assert [r["platform"].lower() for r in rows] == sorted(r["platform"].lower() for r in rows)


def test_the_templates_doc_lists_the_exports():
    doc = (REPO / "docs" / "templates.md").read_text()
    assert "| WooCommerce | WooCommerce order export (Advanced Order Export) | Orders |" in doc
    assert "| Etsy | Etsy sold orders (EtsySoldOrders) | Orders, card processing fees |" in doc
