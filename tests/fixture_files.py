"""Small, deterministic export files in the real formats, for tests when `lib.sample` is not available.

A made-up shop over 26 weeks ending Sunday 2026-03-29: Shopify orders export (CSV, one row per line item),
Amazon All Orders report (tab-delimited), packages in the Opsdesk shipments template, returns, catalog, costs,
inventory snapshots and promotions.  Four SKUs are missing from the catalog and two have no cost, a few orders
are cancelled or not yet shipped, and one shipment row has an unreadable date (quarantined), so every part of the
data-health page has something to show.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

END = dt.datetime(2026, 3, 29, 23, 0)
DAYS = 26 * 7
CATEGORIES = ("Apparel", "Footwear", "Accessories", "Home")
SKUS = [f"{c[:3].upper()}-{i:03d}" for c in CATEGORIES for i in range(1, 11)]
PRICE = {s: round(12 + (i * 7.3) % 80, 2) for i, s in enumerate(SKUS)}
CARRIERS = (("UPS", "Ground"), ("FedEx", "Home Delivery"), ("USPS", "Priority Mail"))
WAREHOUSES = ("East DC", "West DC")
SHOPIFY_HEADER = ("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,"
                  "Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,"
                  "Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,"
                  "Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Shipping City,Shipping Zip,"
                  "Shipping Province,Shipping Country,Cancelled at,Payment Method,Refunded Amount,Vendor,Location,Id,"
                  "Tags,Source,Lineitem discount").split(",")
AMAZON_HEADER = ("amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel "
                 "sales-channel ship-service-level product-name sku asin item-status quantity currency item-price "
                 "item-tax shipping-price shipping-tax item-promotion-discount ship-promotion-discount ship-city "
                 "ship-state ship-postal-code ship-country").split()


def _write(path: Path, header, rows, delimiter=",") -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return path


def _ts(t: dt.datetime | None, shopify=False) -> str:
    if t is None:
        return ""
    return t.strftime("%Y-%m-%d %H:%M:%S") + (" -0500" if shopify else "")


def write_fixture_files(out: Path, orders: int = 600, seed: int = 3) -> list[Path]:
    """Write the fixture exports into `out`; returns their paths (load order does not matter)."""
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    shopify, amazon, shipments, returns = [], [], [], []
    for n in range(orders):
        ordered = END - dt.timedelta(days=DAYS * (1 - (n + rnd.random()) / orders), hours=rnd.randint(0, 12))
        lines = [(rnd.choice(SKUS), rnd.choice((1, 1, 1, 2, 3))) for _ in range(rnd.choice((1, 1, 2, 3)))]
        cancelled = rnd.random() < 0.03
        unshipped = not cancelled and ordered > END - dt.timedelta(days=2)
        is_amazon = n % 3 == 2
        ref = f"113-{4000000 + n:07d}-{n:07d}" if is_amazon else f"#{1001 + n}"
        if not (cancelled or unshipped):
            label = ordered + dt.timedelta(hours=rnd.choice((2, 5, 20, 30, 50)))
            scan = label + dt.timedelta(hours=rnd.randint(1, 8))
            carrier, service = rnd.choice(CARRIERS)
            delivered = scan + dt.timedelta(days=rnd.randint(2, 7)) if scan < END - dt.timedelta(days=3) else None
            shipments.append([f"PKG{n:05d}", ref, "amazon" if is_amazon else "shopify", carrier, service,
                              f"1Z{rnd.randint(10**9, 10**10 - 1)}", WAREHOUSES[n % 2], _ts(label), _ts(scan),
                              _ts(delivered), "delivered" if delivered else "in_transit",
                              f"{rnd.uniform(5.5, 14):.2f}", f"{rnd.uniform(0.5, 6):.1f}"])
            for sku, qty in lines:
                if delivered and rnd.random() < 0.06:
                    returns.append([f"RMA{len(returns):04d}", ref, "amazon" if is_amazon else "shopify", sku, qty,
                                    _ts(delivered + dt.timedelta(days=rnd.randint(3, 20))),
                                    rnd.choice(("Too small", "Damaged in transit", "Changed mind", "Wrong item"))])
        if is_amazon:
            for sku, qty in lines:
                amazon.append([ref, "", _ts(ordered), _ts(ordered), "Cancelled" if cancelled else "Shipped", "Merchant",
                               "Amazon.com", "Standard", f"Item {sku}", sku, "", "Shipped", qty, "USD",
                               f"{PRICE[sku] * qty:.2f}", f"{PRICE[sku] * qty * 0.07:.2f}", "0.00", "0.00", "0.00",
                               "0.00", "Austin", "TX", "73301", "US"])
            continue
        subtotal = sum(PRICE[s] * q for s, q in lines)
        for i, (sku, qty) in enumerate(lines):
            first = i == 0
            order_part = ["paid", _ts(ordered, True), "" if unshipped or cancelled else "fulfilled", "", "no", "USD",
                          f"{subtotal:.2f}", "5.00", f"{subtotal * 0.07:.2f}", f"{subtotal * 1.07 + 5:.2f}", "", "0.00",
                          "Standard"] if first else [""] * 13
            shopify.append([f"#{1001 + n}", "buyer@example.com", *order_part, _ts(ordered, True), qty, f"Item {sku}",
                            f"{PRICE[sku]:.2f}", "", sku, "true", "true", "fulfilled", "Springfield", "'01234",
                            "MA", "US", _ts(ordered + dt.timedelta(hours=3), True) if cancelled and first else "",
                            "Shopify Payments" if first else "", "0.00" if first else "", "Opsdesk Demo",
                            "East DC" if first else "", 5_000_000 + n, "", "web" if first else "", "0.00"])
    shipments.append(["PKGBAD", "#1001", "shopify", "UPS", "Ground", "1Z000BAD", "East DC", "not a date", "", "",
                      "in_transit", "7.10", "1.0"])
    files = [
        _write(out / "orders_export.csv", SHOPIFY_HEADER, shopify),
        _write(out / "amazon_all_orders.txt", AMAZON_HEADER, amazon, delimiter="\t"),
        _write(out / "shipments.csv", ["shipment_id", "order_id", "channel", "carrier", "service", "tracking_number",
                                       "warehouse", "label_created_at", "first_scan_at", "delivered_at", "status",
                                       "label_cost", "weight_lb"], shipments),
        _write(out / "returns.csv", ["return_id", "order_id", "channel", "sku", "quantity", "returned_at", "reason"],
               returns),
        _write(out / "products.csv", ["sku", "product_name", "category", "price"],
               [[s, f"Item {s}", CATEGORIES[i // 10], PRICE[s]] for i, s in enumerate(SKUS) if i % 10 != 9]),
        _write(out / "product_costs.csv", ["sku", "effective_from", "unit_cost"],
               [[s, "2025-01-01", f"{PRICE[s] * 0.4:.2f}"] for i, s in enumerate(SKUS) if i % 10 < 8]),
        _write(out / "inventory.csv", ["snapshot_date", "sku", "location", "on_hand"],
               [[(END - dt.timedelta(days=7 * w)).date().isoformat(), s, WAREHOUSES[i % 2], rnd.randint(0, 80)]
                for w in range(4) for i, s in enumerate(SKUS)]),
        _write(out / "promotions.csv", ["name", "start_date", "end_date", "event_type", "channel", "discount_rate"],
               [["Winter sale", "2026-01-05", "2026-01-18", "promotion", "shopify", "0.15"],
                ["Spring peak", "2026-03-16", "2026-03-22", "peak", "", ""]]),
    ]
    return files
