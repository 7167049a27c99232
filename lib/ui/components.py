"""Small pieces every page uses: tables with a CSV download, empty states, number formats with units."""
from __future__ import annotations

import re

import streamlit as st

from ..exports import frame_to_csv
from ..metrics import is_missing
from . import nav

SYMBOLS = {"USD": "$", "CAD": "CA$", "AUD": "A$", "GBP": "£", "EUR": "€"}


def money(v, currency: str = "USD", decimals: int = 0) -> str:
    if is_missing(v):
        return "–"
    sym = SYMBOLS.get(currency)
    s = f"{abs(v):,.{decimals}f}"
    sign = "−" if v < 0 else ""
    return f"{sign}{sym}{s}" if sym else f"{sign}{s} {currency}"


def count(v) -> str:
    return "–" if is_missing(v) else f"{v:,.0f}"


def rate(v, decimals: int = 1) -> str:
    return "–" if is_missing(v) else f"{v * 100:.{decimals}f} %"


def delta(now, before, kind: str = "count") -> str | None:
    """Change against the previous period, for st.metric (None when there is nothing to compare)."""
    if is_missing(now) or is_missing(before) or (kind != "rate" and before == 0):
        return None
    if kind == "rate":
        return f"{(now - before) * 100:+.1f} pts"
    return f"{(now - before) / abs(before) * 100:+.1f} %"


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


INPUTS = {  # kind of input (the entity of lib.ingest.formats) -> how a sentence names it
    "orders": "orders", "shipments": "shipments", "returns": "returns", "inventory": "inventory snapshots",
    "products": "a product catalog", "product_costs": "product costs", "purchase_orders": "purchase orders",
    "fees": "marketplace settlements", "fulfillment_charges": "3PL invoices", "csat": "CSAT responses",
    "ad_spend": "ad spend", "promotions": "a promotions calendar", "carrier_adjustments": "carrier invoice adjustments",
}


def exports_for(entity: str) -> str:
    """The exports that fill a kind of input, from the format registry: "the Shopify orders export, … or the
    Opsdesk orders template"."""
    from ..ingest.formats import FORMATS
    labels = [f"the {f.label}" for f in FORMATS if f.entity == entity]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def _missing_sentence(entity: str) -> str:
    return f"{INPUTS.get(entity, entity)[:1].upper()}{INPUTS.get(entity, entity)[1:]}: load {exports_for(entity)}."


def guard(have: dict[str, int], needs, why: str, *, wants: dict[str, str] | None = None) -> bool:
    """The page's guard on its inputs (`have`: lib.metrics.workspace.inputs). When an input it `needs` is not
    loaded: an empty state saying what is missing, why the page needs it (`why`), which exports fill it and what is
    loaded, with a link to Upload; returns False (the page stops there). Else a note naming the inputs it only
    `wants` that are missing (input -> what it would add), and True: the page shows what it can."""
    lacking = [n for n in needs if not have.get(n)]
    if lacking:
        loaded = [f"{INPUTS.get(k, k)} ({v:,} rows)" for k, v in have.items() if v]
        st.info(f"**Not loaded yet: {_and([INPUTS.get(n, n) for n in lacking])}.** {why}  \n"
                + "  \n".join(_missing_sentence(n) for n in lacking)
                + f" Load them on **Upload**.  \nLoaded so far: {', '.join(loaded) if loaded else 'nothing'}.",
                icon=":material/info:")
        nav.link("upload", "Go to Upload", icon=":material/upload_file:")
        return False
    absent = {k: v for k, v in (wants or {}).items() if not have.get(k)}
    if absent:
        with st.expander(f"Not loaded: {_and([INPUTS.get(k, k) for k in absent])}. Parts of this page that need "
                         "them are empty or show –.", icon=":material/info:"):
            st.markdown("\n".join(f"- {why} {_missing_sentence(k)}" for k, why in absent.items()))
            nav.link("upload", "Go to Upload", icon=":material/upload_file:")
    return True


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


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
