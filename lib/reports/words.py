"""How the weekly pack and the brief write things for a reader: display names (`lib.metrics.names.display`, the one the
pages use: the data keeps codes such as "amazon"), changes with their unit (percentage points for rates), the status of a KPI, the scope, the
links back to the app and the files' names.  Pure functions of a `WeeklyReview` (no I/O)."""
from __future__ import annotations

import math
import re
from urllib.parse import quote, urlencode

from ..metrics.registry import Metric, format_value
from ..metrics.names import NOUNS, PLURALS, SINGULAR, display

STATUS = {"green": "Met", "amber": "Missed narrowly", "red": "Missed", "none": "No target"}
TOO_FEW = "Too few to judge"  # a target, but fewer measured than the minimum sample (Settings)


def status_text(tile) -> str:
    """A KPI's status against its target: Met, Missed narrowly, Missed, No target, or Too few to judge."""
    return TOO_FEW if tile.rag == "none" and tile.target is not None else STATUS[tile.rag]
ALERT_KINDS = {"threshold": "Target missed", "anomaly": "Unusual week", "marketplace": "Marketplace threshold"}
DEFINITIONS = "the Glossary page of the app (generated from METRICS.md)"


def other_label(dimension: str, text: str) -> str:
    """'Other (3 slices)' of the movers -> '3 other carriers'."""
    m = re.fullmatch(r"Other \((\d+) slices?\)", str(text))
    if not m:
        return display(dimension, text)
    n = int(m.group(1))
    word = NOUNS.get(dimension, dimension) if n == 1 else PLURALS.get(dimension, dimension)
    return f"{n} other {word}"


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


def drill_text(alert, page_title: str | None = None) -> str:
    """Where an alert's drill-down goes, in words: "Fulfillment page, Delivery tab, 16 – 22 Nov 2026, carrier UPS"
    (`page_title`: the page's title in the app, else its address in words)."""
    import datetime as dt
    q = alert.query
    where = f"{page_title or alert.page.replace('_', ' ').capitalize()} page"
    tab = q.get(f"{alert.page}_tab")
    if tab:
        where += f", {tab} tab"
    try:
        a, b = dt.date.fromisoformat(q["start"]), dt.date.fromisoformat(q["end"])
        where += f", {a:%-d %b} – {b:%-d %b %Y}" if a.year == b.year else f", {a:%-d %b %Y} – {b:%-d %b %Y}"
    except (KeyError, ValueError):
        pass
    for k in ("channels", "warehouses", "carriers", "categories"):
        if q.get(k):
            where += f", {SINGULAR[k] if ',' not in q[k] else k} " + ", ".join(display(k, v) for v in q[k].split(","))
    return where


def file_name(kind: str, week: str, pin_id: str | None = None) -> str:
    """'weekly_review_2026-W12.xlsx' (kind 'pack') or 'weekly_brief_2026-W12.pdf' (kind 'brief'), '_pin_<id>' for
    a pinned review."""
    stem, ext = {"pack": ("weekly_review", "xlsx"), "brief": ("weekly_brief", "pdf")}[kind]
    return f"{stem}_{week}" + (f"_pin_{pin_id}" if pin_id else "") + f".{ext}"
