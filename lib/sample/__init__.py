"""Deterministic sample business for Opsdesk, written in the platforms' real export layouts.

`generate()` simulates two years of "Acme Outfitters", a US e-commerce brand (apparel, footwear, home, outdoor,
accessories; 243 SKUs) selling on Shopify (45 % of orders), Amazon (35 %, ~60 % of them FBA, the rest
merchant-fulfilled), Walmart (12 %) and eBay (8 %). It ships from two own warehouses (`WH-East`, Edison NJ;
`WH-West`, Reno NV) and one 3PL (`3PL-Central`, Kansas City) with UPS, FedEx, USPS and DHL eCommerce. Everything is in
USD; store time is US Eastern (`-0500`, or `-0400` under daylight saving).

The files are the raw exports a customer would upload (see FORMATS.md): the 79-column Shopify orders export; the
Amazon All Orders, Fulfilled Shipments, FBA customer returns and settlement V2 flat files (tab-delimited); the
Walmart order report; the eBay Seller Hub orders report (preamble, `$` money, `Jul-21-25` dates, trailer rows).
The Opsdesk templates cover what platforms don't export: shipments, returns, inventory, products, landed-cost
history, purchase orders, 3PL invoice, carrier adjustments, promotions, CSAT and ad spend. So the sample travels
the same ingest path as real files. `FILES` maps each file to its format name in lib/ingest/formats.py.

Shape of the business
- Demand: +25 %/year trend, a weekly pattern (Sunday and Monday high) and yearly seasonality (Jan–Feb low, Nov–Dec
  high), with per-family seasons (outdoor in summer, fleece in winter, cast iron and gifts in Q4). Black
  Friday / Cyber Monday spikes every channel; Prime Day and Prime Big Deal Days spike Amazon; Shopify runs
  promotions with discount codes. `opsdesk_promotions.csv` is the calendar of all of them, with peaks as
  event_type `peak`.
- Stockouts: 16 popular SKUs go out of stock at every location for 2–6 weeks because a purchase order lands
  late. Their sales stop meanwhile (lost sales), and the inventory snapshots show on_hand = 0. 8 of these
  windows fall inside the inventory snapshot horizon. A few short natural stockouts happen at single
  locations. A few SKUs launch mid-way; a few are discontinued (clearance at 30 % off with a compare-at
  price, then `is_active` false).
- Routing: the nearest warehouse that stocks every line of the order (WH-East stocks all SKUs, WH-West the top
  60 % by popularity, the 3PL the top 30 %), with 12 % re-routed for balancing. Zones 1–8 come from the
  distance. Carriers are rate-shopped: DHL eCommerce and USPS for light parcels (DHL favoured on long zones),
  UPS and FedEx for heavier ones, 2-day services for expedited orders.
- Carrier profiles: UPS is the fastest and most reliable, FedEx close behind, USPS slower, DHL eCommerce the
  cheapest and slowest (USPS last mile).
- Returns: category base rates (apparel 12 %, footwear 9 %, outdoor 5 %, accessories 6 %, home 4 %) with
  channel multipliers, reason codes and free-text comments. Amazon FBA returns go to the FBA returns report
  and are refunded in the settlement; all other returns go to the Opsdesk RMA template. Shopify refunds show
  as `Refunded Amount` / `Financial Status`.

Planted stories (what the analysis pages should find on their own)
a. A size-runs-small family: footwear family "Trail Runner" (SKUs `TR-*`) is returned ~3x as often as the rest
   of Footwear (~2x the category average that includes it). The excess reason is "too small" (`too_small` /
   `APPAREL_TOO_SMALL`), with comments like "runs small", "size up", "too tight".
b. Mis-picks: `WH-West` ships a wrong item ~6x as often as the other sites (3.5 % vs 0.6 % of orders). These
   become returns with reason `wrong_item` and comments "received wrong item" / "wrong size sent", and they
   drag down CSAT.
c. Carrier damage in one lane: `DHL eCommerce` damages ~8 % of its parcels in zones 7–8, against ~0.5 %
   elsewhere. The shipment status is `damaged`, and the returns carry `damaged_in_transit` with "box crushed"
   comments.
d. A 3PL that misses its ship SLA at peak: from Nov 15 to Dec 24, `3PL-Central` prints labels on time, but the
   carrier's first scan comes 2–4 days after the label (otherwise it is the same evening). Its peak orders
   therefore ship late and arrive late.
e. SKUs that lose money on one channel: the cast iron items (`CS-*`, `DO-*`, `GR-*`: cheap and heavy) are
   priced 20 % lower on Amazon to hold the Buy Box and sold via FBA. There, referral fee + FBA fulfilment fee +
   landed cost exceed the price (about -$6 to -$10 a unit before storage and returns), while the same SKUs
   stay profitable on Shopify.
f. Delivery experience drives repeat purchase: on Shopify and eBay (the exports that name the buyer: e-mail, buyer
   username), ~30 % of customers whose first order arrived on time order again (after ~50 days on average, within
   a year), against ~14 % after a late first delivery and ~8 % after a damaged or lost one. Amazon and Walmart name
   no buyer, so their orders are not identifiable.

g. High-risk orders shipped anyway: Shopify rates ~0.5 % of orders high fraud risk and ~2.5 % medium. Of the high-risk
   orders that ship, ~45 % come back as "fraudulent" chargebacks (medium ~5 %, low ~0.3 %), most of them lost; ~40 %
   of lost parcels become "product not received" disputes (`opsdesk_disputes.csv`, Shopify Payments, $15 fee each).

Quirks worth knowing
- Shopify: `Subtotal` is after discounts, and `Total = Subtotal + Shipping + Taxes` (as in the real exports in
  datasets/exports). Order-level fields appear only on an order's first row; zips are apostrophe-prefixed;
  some `Note Attributes` span several lines.
- Amazon: `item-price` is the line total; money is written the way Amazon writes it (`14.9`, `-6.5`);
  cancelled lines have quantity 0 and no price. Settlement rows carry ItemPrice/Principal, ItemPrice/Shipping,
  Promotion/Principal, ItemFees/Commission, ItemFees/FBAPerUnitFulfillmentFee, Refund rows, and the monthly
  Subscription and Storage fees. Tax rows are left out because marketplace-facilitator tax nets to zero.
  Settlements are biweekly, each starting with its summary row.
- Walmart: `Item Cost`, `Shipping Cost` and `Tax` are line amounts; dates are `MM/DD/YYYY`.
- eBay: a multi-item order has a parent summary row (order totals, no item) followed by one row per item.
- Opsdesk shipments: `label_cost` is the billed cost, equal to `quoted_cost` plus that parcel's lines in
  `opsdesk_carrier_adjustments.csv`. Billed weight = max(actual, L x W x H / 139), rounded up.
- Template timestamps are store-local `YYYY-MM-DD HH:MM:SS`.
- Size budget: the default sample stays under 6 MB. To fit, three files cover a shorter window than the
  order reports' two years: `opsdesk_inventory.csv` holds weekly (Monday) snapshots per SKU x stocking
  location for the last 13 weeks; `amazon_settlement.txt` the last 26 settlements (one year);
  `amazon_fulfilled_shipments.txt` the last 364 days.

More channels (`generate(..., more_channels=True)`, what `lib seed` loads): Acme also runs a WooCommerce store and an
Etsy shop. About 16 % of the low-risk own-store orders (Shopify's draw) are sold on WooCommerce instead and 10 % (of
at most three lines) on Etsy, in USD like the rest (a US brand's store and Etsy shop; every address, carrier and zone
of the business is American). Their exports: `woocommerce_orders.csv` (the Advanced Order Export plugin's default
profile: products as rows, Item Cost after coupons, the kept units in `Quantity (- Refund)`, no Currency field), and
`EtsySoldOrders.csv` + `EtsySoldOrderItems.csv` (Etsy collects the sales tax on top and remits it; card processing
fees 3 % + $0.25 of the order total; `Adjusted …` columns after a partial refund, status `Fully refunded` /
`Canceled`). The same warehouses ship them, so the shipments, returns and CSAT templates name the new channels.
The choice uses its own random stream: every other draw is unchanged, so without the flag the files are
byte-identical to before (the committed sample_data/, whose figures many tests assert). Medium/high-risk orders
stay on Shopify (story g needs its risk column); the moved orders name no buyer Opsdesk reads and are left out of
story f without changing its draws.

`generate(out_dir)` (6,000 orders) writes ~5.7 MB in about a second; the same arguments give the same bytes.
`generate(out_dir, orders_per_week=1500)` is the scale `python -m lib seed` (and so `make run`) loads: 156,429 orders,
~144 MB in ~5 s, into a temporary folder that the workspace's archive keeps (lib/workspace/seed.py); the committed
`sample_data/` stays the small set the tests load. The stories hold at both scales (tests/scale).

The package, by job: `business` (the business as data) and `dates` (its calendar); `simulate` draws the catalog,
orders, fulfilment, returns and inventory as arrays and writes nothing; `channel_exports` (the marketplaces' order
exports) and `operations_exports` (Opsdesk templates, Zendesk, disputes) write them in the `layouts` of FILES;
`helpers` holds what both sides share (seeded streams, text forms of money and time, the CSV writer).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from .business import (CATEGORIES, CHANNEL_SHARE, CHANNELS, REALISTIC_ORDERS_PER_WEEK,  # noqa: F401 (the sample's
                       SAMPLE_DAYS)  # figures, which the seed and the tests read)
from .channel_exports import (_write_amazon, _write_ebay, _write_etsy, _write_shopify, _write_walmart,
                              _write_woocommerce)
from .dates import _calendar
from .layouts import FILES, HEADERS, MORE_CHANNEL_FILES  # noqa: F401 (HEADERS: in __all__)
from .operations_exports import (_cost_history, _order_ids, _write_3pl, _write_adjustments, _write_ads,
                                 _write_catalog_files, _write_csat, _write_disputes, _write_inventory,
                                 _write_promotions, _write_returns, _write_shipments, _write_zendesk)
from .simulate import _catalog, _fulfil, _inventory, _more_channels, _orders, _repeat_customers, _returns

__all__ = ["generate", "orders_for", "FILES", "MORE_CHANNEL_FILES", "HEADERS", "REALISTIC_ORDERS_PER_WEEK"]


# ---------------------------------------------------------------- entry point


def orders_for(orders_per_week: float) -> int:
    """Total orders over the sample's two years for an average of `orders_per_week` (trend and seasons included)."""
    if not orders_per_week > 0:
        raise ValueError("orders per week must be positive")
    return max(1, round(orders_per_week * SAMPLE_DAYS / 7))


def generate(out_dir: str | Path, orders: int = 6000, seed: int = 7, end_date: date = date(2026, 11, 22),
             shopify_only: bool = False, orders_per_week: float | None = None,
             more_channels: bool = False) -> list[Path]:
    """Write the sample business's export files into `out_dir` and return their paths.

    `orders` is the total number of orders over the two years ending on `end_date` (all on Shopify when
    `shopify_only`, which writes only `shopify_orders_export.csv`, for benchmarks); `orders_per_week`, when given,
    sets it instead as an average weekly volume (`orders_for`). `more_channels` also sells on a WooCommerce store
    and an Etsy shop (MORE_CHANNEL_FILES): about a quarter of the low-risk own-store orders move there from Shopify,
    every other draw staying the same (the run path, `lib seed`, uses it; the committed sample_data/ does not).
    Same arguments, same bytes.
    """
    if orders_per_week is not None:
        orders = orders_for(orders_per_week)
    if orders < 1:
        raise ValueError("orders must be positive")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cal = _calendar(end_date)
    P = _catalog(seed, cal)
    O = _orders(seed, cal, P, orders, shopify_only)
    O.alt = _more_channels(seed, O) if more_channels and not shopify_only else np.zeros(O.n, np.int8)
    F = _fulfil(seed, cal, P, O)
    R = _returns(seed, cal, P, O, F)
    _repeat_customers(seed, O, F)
    shop_names, _ = _write_shopify(out / "shopify_orders_export.csv", cal, P, O, F, R)
    if shopify_only:
        return [out / "shopify_orders_export.csv"]
    I = _inventory(seed, cal, P, O, F, R)
    cost_rows = _cost_history(seed, cal, P)
    amz = _write_amazon(out, cal, P, O, F, R, I, seed)
    wm = _write_walmart(out, cal, P, O, F, R, seed)
    eb = _write_ebay(out, cal, P, O, F, R, seed)
    more = (_write_woocommerce(out, cal, P, O, F, R, seed), _write_etsy(out, cal, P, O, F, R, seed)) \
        if more_channels else None
    oid = _order_ids(O, shop_names, amz, wm, eb, more)
    _write_shipments(out, cal, P, O, F, oid)
    _write_returns(out, cal, P, O, F, R, oid)
    _write_inventory(out, cal, P, I, seed)
    _write_catalog_files(out, cal, P, I, cost_rows, seed)
    _write_3pl(out, cal, P, O, F, I, oid)
    _write_adjustments(out, cal, P, F)
    _write_promotions(out, cal)
    _write_csat(out, cal, O, F, oid, seed)
    _write_ads(out, cal, P, O, seed)
    _write_zendesk(out, cal, O, F, oid, seed)
    _write_disputes(out, cal, O, F, oid, seed)
    return [out / name for name in FILES] + ([out / name for name in MORE_CHANNEL_FILES] if more_channels else [])
