"""Display names, once for the whole app: how a page, an alert, the weekly brief (PDF) and the weekly pack (Excel)
write a value the data keeps as a code.  The data and the URLs keep the codes ("amazon", `?channels=amazon`);
everything a person reads goes through `display`.

* Channels are the marketplaces' own spelling ("amazon" -> "Amazon", "ebay" -> "eBay").
* A warehouse, carrier or category written as a lower-case code gets capitals and spaces ("wh_east" -> "Wh east");
  names the exports already write for people ("WH-East", "DHL eCommerce") are kept as they are.
* SKUs are identifiers and stay exactly as they are.
* A format Opsdesk reads ("walmart_orders") by its report's name ("Walmart Seller Center order report").
* A country, kept as its ISO 3166 code ("US", staging normalises every spelling), by its name ("United States").

Pure functions (no Streamlit, no I/O): lib.ui, lib.metrics and lib.reports all import them.
"""
from __future__ import annotations

import functools
import re

# the channel codes of the formats Opsdesk reads (lib/ingest/formats.py, the staging models) as the marketplaces
# write their names
CHANNELS = {"amazon": "Amazon", "ebay": "eBay", "shopify": "Shopify", "walmart": "Walmart", "web": "Web shop",
            "etsy": "Etsy", "tiktok": "TikTok Shop", "bigcommerce": "BigCommerce", "woocommerce": "WooCommerce",
            "magento": "Adobe Commerce"}
# the platforms whose exports Opsdesk reads (FormatSpec.source): the channels plus the tools that are not channels
PLATFORMS = {**CHANNELS, "shipstation": "ShipStation", "opsdesk": "Opsdesk templates", "zendesk": "Zendesk",
             "gorgias": "Gorgias", "netsuite": "NetSuite", "ecb": "ECB"}
# a dimension as a noun in a sentence ("the largest contribution came from carrier UPS"), singular and plural;
# the shared filters' keys (channels, warehouses, …) are the plurals
NOUNS = {"channel": "channel", "warehouse": "warehouse", "carrier": "carrier", "category": "category", "sku": "SKU",
         "service": "service", "family": "family", "zone": "zone", "size": "size", "colour": "colour",
         "reason_group": "reason"}
PLURALS = {"channel": "channels", "warehouse": "warehouses", "carrier": "carriers", "category": "categories",
           "sku": "SKUs", "service": "services", "family": "families", "zone": "zones", "size": "sizes",
           "colour": "colours", "reason_group": "reasons"}
SINGULAR = {p: s for s, p in PLURALS.items()}
# the columns of a frame that hold a dimension's values (a table's "channel" column, a breakdown's "primary_sku")
COLUMNS = {"channel": "channel", "warehouse": "warehouse", "carrier": "carrier", "category": "category",
           "primary_category": "category", "service": "service", "sku": "sku", "primary_sku": "sku",
           "best_channel": "channel", "worst_channel": "channel", "status": "status", "format": "format",
           "source": "format", "ship_to_country": "country", "destination_country": "country",
           "country_of_origin": "country"}
# statuses the metrics write as codes (marketplace.health); other lower-case statuses get a capital
STATUSES = {"ok": "Met", "breach": "Breach", "no threshold": "No threshold", "no data": "No data"}
MISSING = "–"
_CODE = re.compile(r"[a-z0-9]+(?:[_ ][a-z0-9]+)*")


def dimension_of(name: str) -> str:
    """'channels' (a filter key), 'channel' or 'primary_category' (a column) -> the dimension ('channel', …)."""
    name = str(name)
    return COLUMNS.get(name) or SINGULAR.get(name) or name


def title(dimension: str) -> str:
    """A dimension as a heading or a choice: "sku" -> "SKU", "reason_group" -> "Reason", "channels" -> "Channel"."""
    noun = NOUNS.get(dimension_of(dimension), dimension_of(dimension).replace("_", " "))
    return noun if noun.isupper() else noun[:1].upper() + noun[1:]


def display(dimension: str, value) -> str:
    """One value of a dimension as a person reads it: "amazon" -> "Amazon"; "wh_east" -> "Wh east"; SKUs, and
    names already written for people, unchanged; missing -> "–"."""
    from . import is_missing
    if value is None or is_missing(value):
        return MISSING
    text = str(value)
    dim = dimension_of(dimension)
    if dim == "channel" and text.lower() in PLATFORMS:  # a channel, or a system orders came from (NetSuite)
        return PLATFORMS[text.lower()]
    if dim == "status" and text in STATUSES:
        return STATUSES[text]
    if dim == "country":
        return _countries().get(text.strip().upper(), text)
    if dim == "format":  # a format Opsdesk reads ("walmart_orders") by its report's name; any other text as it is
        from ..ingest.formats import BY_NAME
        return BY_NAME[text].label if text in BY_NAME else text
    if dim != "sku" and _CODE.fullmatch(text):
        text = text.replace("_", " ")
        return text[:1].upper() + text[1:]
    return text


@functools.cache
def _countries() -> dict[str, str]:
    """ISO 3166 two-letter code -> country name (lib/warehouse/seeds/countries.csv, the seed staging uses)."""
    import csv
    from pathlib import Path
    with open(Path(__file__).parents[1] / "warehouse" / "seeds" / "countries.csv", newline="", encoding="utf-8") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(f)}


def platform(source: str) -> str:
    """A format's platform ("shipstation") by name ("ShipStation")."""
    return PLATFORMS.get(source, display("platform", source))


def slice_label(dimension: str, value) -> str:
    """A slice in a sentence: "channel Amazon", "carrier UPS", "SKU TR-42"."""
    dim = dimension_of(dimension)
    return f"{NOUNS.get(dim, dim)} {display(dim, value)}"


def display_frame(df):
    """A copy of `df` whose dimension columns (`COLUMNS`) hold display names; a `slice` column beside a
    `dimension` column is named by each row's dimension.  Other columns and the row order are untouched."""
    cols = [c for c in df.columns if str(c) in COLUMNS]
    has_slices = "slice" in df.columns and "dimension" in df.columns
    if not cols and not has_slices:
        return df
    out = df.copy()
    for c in cols:
        out[c] = [display(COLUMNS[str(c)], v) for v in out[c]]
    if has_slices:
        out["slice"] = [display(d, v) if isinstance(d, str) else v for d, v in zip(out["dimension"], out["slice"])]
    return out


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 row', '2,480 rows': a count with its noun in the right number."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def scope_text(filters: dict) -> str:
    """The shared filters of a view in words: 'all channels, warehouses, carriers and categories' or
    'channels: Amazon, eBay; carriers: UPS'."""
    parts = [f"{k}: {', '.join(display(k, v) for v in vals)}" for k, vals in (filters or {}).items() if vals]
    return "; ".join(parts) or "all channels, warehouses, carriers and categories"


def humanise(text: str, slices=()) -> str:
    """A sentence stored before the review wrote display names (a pinned review of an older Opsdesk): the slices it
    names ("channel amazon", a leading "amazon:") written as `display` writes them.  `slices`: (dimension, code)
    pairs besides the channels.  Numbers are untouched."""
    names = {f"channel {code}": f"channel {name}" for code, name in CHANNELS.items()}
    for d, s in slices:
        if isinstance(d, str) and isinstance(s, str) and display(d, s) != s:
            names[f"{NOUNS.get(d, d)} {s}"] = slice_label(d, s)
    for old in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", names[old], text)
    m = re.match(r"([a-z0-9_]+):", text)
    if m and m.group(1) in CHANNELS:
        text = CHANNELS[m.group(1)] + text[m.end(1):]
    return text
