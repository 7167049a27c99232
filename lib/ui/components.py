"""Small pieces every page uses: tables with a CSV download, empty states, number formats with units."""
from __future__ import annotations

import re

import streamlit as st

from ..exports import frame_to_csv
from ..metrics.registry import CURRENCY_SYMBOLS, format_money
from . import nav

SYMBOLS = CURRENCY_SYMBOLS


def money(v, currency: str = "USD", decimals: int = 0) -> str:
    if v is None or v != v:
        return "–"
    return format_money(v, currency, decimals)


def count(v) -> str:
    return "–" if v is None or v != v else f"{v:,.0f}"


def rate(v, decimals: int = 1) -> str:
    return "–" if v is None or v != v else f"{v * 100:.{decimals}f} %"


def delta(now, before, kind: str = "count") -> str | None:
    """Change against the previous period, for st.metric (None when there is nothing to compare)."""
    if now is None or before is None or before != before or (kind != "rate" and not before):
        return None
    if kind == "rate":
        return f"{(now - before) * 100:+.1f} pts"
    return f"{(now - before) / abs(before) * 100:+.1f} %"


def unrated_currencies_warning(unrated, whole_orders: bool = False) -> None:
    """Say which orders are left out of money totals because their currency has no rate (never summed as another);
    `whole_orders`: the page leaves those orders out altogether (units too), as margins need their money."""
    if not unrated:
        return
    rep = unrated[0].reporting_currency
    parts = []
    for u in unrated:
        what = f"{u.orders:,} order{'s' if u.orders != 1 else ''}"
        if u.currency is None:
            parts.append(f"{what} whose export states no currency")
        else:
            days = (f"{u.first_order_date:%d %b %Y}" if u.first_order_date == u.last_order_date else
                    f"{u.first_order_date:%d %b %Y} – {u.last_order_date:%d %b %Y}")
            parts.append(f"{what} in {u.currency} ({money(u.net_revenue_amount, u.currency)} net revenue, {days})")
    n = sum(u.orders for u in unrated)
    st.warning(f"**Left out of money totals:** {'; '.join(parts)}. No exchange rate to {rep} is known for "
               f"{'its order date' if n == 1 else 'their order dates'}, and amounts in different currencies are never "
               "added as one; " + ("this page leaves these orders out altogether (units too): a margin needs their "
                                   "money. " if whole_orders else "order counts still include them. ") +
               "Load your rates on **Upload** (the Opsdesk exchange "
               "rates template: date, from_currency, to_currency, rate; or the ECB history CSV). **Data health → "
               "Exchange rates** lists every currency.", icon=":material/currency_exchange:")


def currency_split(df, reporting: str):
    """The per-currency net revenue frame (lib.metrics.overview.by_currency) as a table to read: amounts with their
    currency, and what happened to orders without a rate said in words (never a blank or "None")."""
    import pandas as pd
    rows = []
    for r in df.itertuples():
        cur = r.currency if isinstance(r.currency, str) else None
        left_out = int(r.orders_without_rate or 0)
        converted = money(r.net_revenue_reporting_amount, reporting, 2) if not left_out else (
            "left out: no rate" if left_out == r.orders else
            f"{money(r.net_revenue_reporting_amount, reporting, 2)} ({left_out:,} orders left out: no rate)")
        rows.append({"Currency": cur or "not stated", "Orders": f"{int(r.orders):,}",
                     "Net revenue in its currency": money(r.net_revenue_amount, cur, 2) if cur else
                     f"{r.net_revenue_amount:,.2f} (currency not stated)",
                     f"Net revenue ({reporting})": converted,
                     "Rate": _rate_sources(r.fx_rate_sources)})
    return pd.DataFrame(rows, columns=["Currency", "Orders", "Net revenue in its currency", f"Net revenue ({reporting})",
                                       "Rate"])


def date_text(v, prefix: str = "") -> str:
    """'up to 30 Oct 2026', or 'none' for a missing date (NaT, None)."""
    return f"{prefix}{v:%d %b %Y}" if v is not None and v == v and hasattr(v, "strftime") else "none"


def fx_status(df):
    """Data health's exchange-rate table (lib.metrics.data_health.fx_rates) in words: where each currency's rates come
    from, how old the newest one used is, and what is left out."""
    import pandas as pd
    rows = []
    for r in df.itertuples():
        cur = r.currency if isinstance(r.currency, str) else None
        if cur == r.reporting_currency:
            status = "reporting currency"
        elif int(r.orders_without_rate or 0):
            k = int(r.orders_without_rate)
            status = f"{k:,} order{'s' if k != 1 else ''} left out of money totals: no rate"
        else:
            status = "converted"
        latest = r.latest_rate_date
        rows.append({"Currency": cur or "not stated", "Orders": f"{int(r.orders):,}", "Status": status,
                     "Rate": _rate_sources(r.sources) if cur != r.reporting_currency else "–",
                     "Newest rate used": date_text(latest) if date_text(latest) != "none" else "–"})
    return pd.DataFrame(rows, columns=["Currency", "Orders", "Status", "Rate", "Newest rate used"])


def _rate_sources(sources) -> str:
    """'ECB reference rates (built in), your exchange rates' → 'ECB (built in), yours'; none → 'none'."""
    if not isinstance(sources, str) or not sources:
        return "none"
    short = {"ECB reference rates (built in)": "ECB (built in)", "your exchange rates": "yours",
             "your ECB rates file": "your ECB file", "same currency": "same currency"}
    return ", ".join(short.get(x.strip(), x.strip()) for x in sources.split(","))


PLATFORMS = {"shopify": "Shopify", "amazon": "Amazon", "walmart": "Walmart", "ebay": "eBay",
             "shipstation": "ShipStation", "opsdesk": "Opsdesk templates"}


def sources(formats) -> str:
    """Loaded formats by platform: "Amazon (4) · Opsdesk templates (9) · Shopify"."""
    from ..ingest.formats import BY_NAME
    by_platform: dict[str, int] = {}
    for f in formats:
        platform = BY_NAME[f].source if f in BY_NAME else f
        by_platform[platform] = by_platform.get(platform, 0) + 1
    return " · ".join(PLATFORMS.get(p, p) + (f" ({n})" if n > 1 else "") for p, n in by_platform.items())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


WORDS = {"sku": "SKU", "skus": "SKUs", "id": "ID", "sha256": "SHA-256", "kpi": "KPI", "p90": "p90", "csat": "CSAT"}
FIT_ROWS = 15  # tables up to this many rows show them all


def label(column: str) -> str:
    """A column name as a heading: "net_sales_amount" -> "Net sales", "sha256_short" -> "SHA-256 short"."""
    words = [WORDS.get(w, w) for w in column.removesuffix("_amount").split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def column_config_for(df, overrides: dict | None = None) -> dict:
    """Headings and formats from our naming conventions (`*_amount` money, `*_rate` share, `*_at` timestamp,
    `*_date` date); `overrides` win.  Downloads keep the raw column names."""
    cfg = {}
    for c in df.columns:
        name = label(str(c))
        if c.endswith("_rate"):
            cfg[c] = st.column_config.NumberColumn(name, format="percent")
        elif c.endswith("_amount"):
            cfg[c] = st.column_config.NumberColumn(name, format="accounting")
        elif c.endswith("_at"):
            cfg[c] = st.column_config.DatetimeColumn(name, format="YYYY-MM-DD HH:mm")
        elif c.endswith("_date") or c == "week_start":
            cfg[c] = st.column_config.DateColumn(name, format="YYYY-MM-DD")
        else:
            cfg[c] = name
    return {**cfg, **(overrides or {})}


def table(df, name: str, *, column_config: dict | None = None, column_order=None, height: int | str | None = None,
          empty: str | None = None, caption: str | None = None) -> None:
    """A table and its CSV download (text cells neutralised so spreadsheets never run them as formulas);
    `empty` is said instead when there are no rows."""
    if df.empty and empty:
        st.success(empty, icon=":material/check_circle:")
        return
    if height is None:
        height = 38 + 35 * max(len(df), 1) if len(df) <= FIT_ROWS else "auto"
    st.dataframe(df, hide_index=True, column_config=column_config_for(df, column_config),
                 column_order=column_order, height=height)
    cols = st.columns([3, 1]) if caption else [st.container()]
    if caption:
        cols[0].caption(caption)
    cols[-1].download_button(f"Download CSV ({len(df):,} rows)", data=lambda: frame_to_csv(df),
                             file_name=f"{_slug(name)}.csv", mime="text/csv", key=f"download_{_slug(name)}",
                             icon=":material/download:", disabled=df.empty)


def empty_state(message: str, *, upload: bool = True) -> None:
    """Say what is missing and where to load it."""
    st.info(message, icon=":material/info:")
    if upload:
        nav.link("upload", "Go to Upload", icon=":material/upload_file:")


def metric(col, label: str, value: str, delta_text: str | None = None, *, help: str | None = None,
           inverse: bool = False, neutral: bool = False) -> None:
    """A bordered metric; `inverse` when lower is better, `neutral` for a delta that is only information."""
    color = "off" if neutral else "inverse" if inverse else "normal"
    col.metric(label, value, delta_text, help=help, delta_color=color, delta_arrow="off" if neutral else "auto",
               border=True)


def download_csv(label: str, make_frame, name: str) -> None:
    """A CSV download whose frame is built only when clicked (`make_frame()` runs on the download thread)."""
    st.download_button(label, data=lambda: frame_to_csv(make_frame()), file_name=f"{_slug(name)}.csv",
                       mime="text/csv", key=f"download_{_slug(name)}", icon=":material/download:")
