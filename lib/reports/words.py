"""How the weekly pack and the brief write things for a reader: display names of channels (the data keeps codes
such as "amazon"), changes with their unit (percentage points for rates), the status of a KPI, the scope, the
links back to the app and the files' names.  Pure functions of a `WeeklyReview` (no I/O)."""
from __future__ import annotations

import math
import re
from urllib.parse import quote, urlencode

from ..metrics.registry import Metric, format_value

# the channel codes of the formats Opsdesk reads (lib/ingest/formats.py) as the marketplaces write their names
# (the same spelling as lib.ui.components.PLATFORMS, which lives on the Streamlit side)
CHANNEL_NAMES = {"amazon": "Amazon", "ebay": "eBay", "shopify": "Shopify", "walmart": "Walmart", "web": "Web shop",
                 "etsy": "Etsy", "tiktok": "TikTok Shop", "bigcommerce": "BigCommerce", "woocommerce": "WooCommerce"}
DIMENSION_NAMES = {"channel": "channel", "warehouse": "warehouse", "carrier": "carrier", "category": "category",
                   "sku": "SKU"}
DIMENSION_PLURALS = {"channel": "channels", "warehouse": "warehouses", "carrier": "carriers",
                     "category": "categories", "sku": "SKUs"}
STATUS = {"green": "Met", "amber": "Missed narrowly", "red": "Missed", "none": "No target"}
ALERT_KINDS = {"threshold": "Target missed", "anomaly": "Unusual week", "marketplace": "Marketplace threshold"}
_CODE = re.compile(r"[a-z0-9]+(?:[_ ][a-z0-9]+)*")
DEFINITIONS = "the Glossary page of the app (generated from METRICS.md)"


def display(dimension: str, value) -> str:
    """A slice as a reader calls it: channel codes by their marketplace's name ("amazon" -> "Amazon"); a warehouse,
    carrier or category written as a lower-case code gets capitals ("wh_east" -> "Wh east"); SKUs stay as they are."""
    if value is None:
        return "–"
    text = str(value)
    if dimension in ("channel", "channels") and text.lower() in CHANNEL_NAMES:
        return CHANNEL_NAMES[text.lower()]
    if dimension != "sku" and _CODE.fullmatch(text):
        text = text.replace("_", " ")
        return text[:1].upper() + text[1:]
    return text


def other_label(dimension: str, text: str) -> str:
    """'Other (3 slices)' of the movers -> '3 other carriers'."""
    m = re.fullmatch(r"Other \((\d+) slices?\)", str(text))
    if not m:
        return display(dimension, text)
    n = int(m.group(1))
    word = DIMENSION_NAMES.get(dimension, dimension) if n == 1 else DIMENSION_PLURALS.get(dimension, dimension)
    return f"{n} other {word}"


def humanise(text: str, rv) -> str:
    """A sentence of the review (bullet, note, alert) with the slice codes it names written as display names:
    "channel amazon" -> "channel Amazon", an alert's leading "amazon:" -> "Amazon:".  Numbers are untouched."""
    names = {}
    for r in rv.movers:
        d, s = r.get("dimension"), r.get("slice")
        if d and isinstance(s, str) and display(d, s) != s:
            names[f"{DIMENSION_NAMES.get(d, d)} {s}"] = f"{DIMENSION_NAMES.get(d, d)} {display(d, s)}"
    for code, name in CHANNEL_NAMES.items():
        names[f"channel {code}"] = f"channel {name}"
    for old in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", names[old], text)
    m = re.match(r"([a-z0-9_]+):", text)
    if m and m.group(1) in CHANNEL_NAMES:
        text = CHANNEL_NAMES[m.group(1)] + text[m.end(1):]
    return text


def clean(v, digits: int = 10):
    """A number fit to print: None for missing or infinite, rounded so that -1.3e-18 is 0 (and never -0)."""
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return v
    if not math.isfinite(f):
        return None
    return round(f, digits) + 0.0


def value_text(m: Metric, v, currency: str = "USD") -> str:
    """A KPI value with its unit ("93.4 %", "$8.75" in the reporting `currency`, "26.5 h"); "–" when missing."""
    return format_value(m, clean(v), currency)


def change_text(m: Metric, change, currency: str = "USD") -> str:
    """A signed change with its unit: "+9.0 pts" for a rate, "−$3.79", "+1.2 h"; "–" when missing."""
    c = clean(change, 9)
    if c is None:
        return "–"
    size = format_value(m, abs(c), currency)
    if m.unit == "%":
        size = f"{abs(c) * 100:.1f} pts"
    sign = "+" if c > 0 else "−" if c < 0 else "±"
    return sign + size


def scope_text(filters: dict) -> str:
    """'all channels, warehouses, carriers and categories' or 'channels: Amazon, eBay; carriers: UPS'."""
    parts = [f"{k}: {', '.join(display(k, v) for v in vals)}" for k, vals in (filters or {}).items() if vals]
    return "; ".join(parts) or "all channels, warehouses, carriers and categories"


def week_span(rv) -> str:
    """'16 – 22 Nov 2026' (the review week, Monday to Sunday)."""
    import datetime as dt
    a, b = dt.date.fromisoformat(rv.week_start), dt.date.fromisoformat(rv.week_end)
    if a.year != b.year:
        return f"{a:%-d %b %Y} – {b:%-d %b %Y}"
    if a.month != b.month:
        return f"{a:%-d %b} – {b:%-d %b %Y}"
    return f"{a:%-d} – {b:%-d %b %Y}"


def kpi_name(key: str, metrics: dict) -> str:
    from ..metrics import marketplace
    return metrics[key].name if key in metrics else marketplace.NAMES.get(key, key.replace("_", " ").capitalize())


def pin_url(app_url: str, pin_id: str) -> str:
    """The pinned view of a review: the same numbers whenever it is opened."""
    return f"{app_url.rstrip('/')}/?pin={pin_id}"


def drill_url(app_url: str, alert) -> str:
    """An alert's drill-down page with its filters (the week's dates and the slice)."""
    return f"{app_url.rstrip('/')}/{alert.page}?{urlencode(alert.query, quote_via=quote)}"


def drill_text(alert) -> str:
    """Where an alert's drill-down goes, in words: "Fulfillment page, 16 – 22 Nov 2026, carriers UPS"."""
    import datetime as dt
    q = alert.query
    where = f"{alert.page.replace('_', ' ').capitalize()} page"
    try:
        a, b = dt.date.fromisoformat(q["start"]), dt.date.fromisoformat(q["end"])
        where += f", {a:%-d %b} – {b:%-d %b %Y}" if a.year == b.year else f", {a:%-d %b %Y} – {b:%-d %b %Y}"
    except (KeyError, ValueError):
        pass
    for k in ("channels", "warehouses", "carriers", "categories"):
        if q.get(k):
            where += f", {k[:-1] if ',' not in q[k] else k} " + ", ".join(display(k, v) for v in q[k].split(","))
    return where


def file_name(kind: str, week: str, pin_id: str | None = None) -> str:
    """'weekly_review_2026-W12.xlsx' (kind 'pack') or 'weekly_brief_2026-W12.pdf' (kind 'brief'), '_pin_<id>' for
    a pinned review."""
    stem, ext = {"pack": ("weekly_review", "xlsx"), "brief": ("weekly_brief", "pdf")}[kind]
    return f"{stem}_{week}" + (f"_pin_{pin_id}" if pin_id else "") + f".{ext}"
