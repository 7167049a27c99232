"""Small pieces every page uses: tables with a CSV download, empty states, number formats with units."""
from __future__ import annotations

import re

import streamlit as st

from ..metrics import names
from ..reports.exports import frame_to_csv
from ..metrics.registry import CURRENCY_SYMBOLS, format_money
from ..metrics import is_missing
from . import nav

SYMBOLS = CURRENCY_SYMBOLS


def money(v, currency: str = "USD", decimals: int = 0) -> str:
    if is_missing(v):
        return "–"
    return format_money(v, currency, decimals)


COLUMN_MONEY_FORMATS = {"USD": "dollar", "EUR": "euro", "JPY": "yen"}  # Streamlit's formats with a currency sign


def money_column(label: str, currency: str) -> "st.column_config.NumberColumn":
    """A table column of amounts in `currency`: with its sign where Streamlit has one ($, €, ¥), else with the code in
    the heading ("Net revenue (GBP)"), never a dollar sign on another currency."""
    fmt = COLUMN_MONEY_FORMATS.get(currency)
    return st.column_config.NumberColumn(label if fmt else f"{label} ({currency})", format=fmt or "localized")


def reporting_currency() -> str:
    """The workspace's reporting currency, for the page being drawn (USD outside a page run)."""
    try:
        from ..metrics import workspace
        from . import session
        return session.fetch(workspace.status).currency or "USD"
    except Exception:  # not inside a Streamlit page run (a test of a table helper): the default
        return "USD"


def count(v) -> str:
    return "–" if is_missing(v) else f"{v:,.0f}"


def rate(v, decimals: int = 1) -> str:
    if is_missing(v):
        return "–"
    shown = round(v * 100, decimals) + 0.0  # + 0.0: no "-0.0 %"
    return f"{shown:.{decimals}f} %"


def delta(now, before, kind: str = "count") -> str | None:
    """Change against the previous period, for st.metric (None when there is nothing to compare)."""
    if is_missing(now) or is_missing(before) or (kind != "rate" and before == 0):
        return None
    change = (now - before) * 100 if kind == "rate" else (now - before) / abs(before) * 100
    change = round(change, 1) + 0.0  # + 0.0: a change that rounds to zero reads "+0.0", never "-0.0"
    return f"{change:+.1f} pts" if kind == "rate" else f"{change:+.1f} %"


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


def sources(formats) -> str:
    """Loaded formats by platform: "Amazon (4) · Opsdesk templates (9) · Shopify"."""
    from ..ingest.formats import BY_NAME
    by_platform: dict[str, int] = {}
    for f in formats:
        platform = BY_NAME[f].source if f in BY_NAME else f
        by_platform[platform] = by_platform.get(platform, 0) + 1
    return " · ".join(names.platform(p) + (f" ({n})" if n > 1 else "") for p, n in by_platform.items())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


WORDS = {"sku": "SKU", "skus": "SKUs", "id": "ID", "sha256": "SHA-256", "kpi": "KPI", "p90": "p90", "csat": "CSAT",
         "p50": "p50", "fte": "FTE", "sla": "SLA", "abc": "ABC", "xyz": "XYZ", "pct": "%", "3pl": "3PL", "qty": "qty",
         "wilson": "Wilson", "usd": "USD", "aov": "AOV", "gmroi": "GMROI", "n": "n"}
HEADINGS = {"wilson_low": "Low (95 %)", "wilson_high": "High (95 %)", "target_share": "Share here",
            "rest_share": "Share elsewhere", "category_rate": "Category rate", "in_window": "In the peak",
            "is_sla_at_risk": "SLA at risk", "backlog_end": "Waiting at close", "fte": "FTE"}
EMPTY_CELL = "–"  # what a missing value shows in a table (never "None")
FIT_ROWS = 15  # tables up to this many rows show them all
RATE_SUFFIXES = ("_rate", "_share", "_pct", "_margin_rate")
MONEY_SUFFIXES = ("_amount", "_cost", "_revenue", "_fees", "_fee", "_value", "_profit", "_savings", "_price")


def label(column: str) -> str:
    """A column name as a heading: "net_sales_amount" -> "Net sales", "sha256_short" -> "SHA-256 short"."""
    if column in HEADINGS:
        return HEADINGS[column]
    words = [WORDS.get(w, w) for w in column.removesuffix("_amount").split("_")]
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:]


def _is_rate(c: str) -> bool:
    return c.endswith(RATE_SUFFIXES) or c in ("share", "rate", "csat", "fulfillment_accuracy") or "%" in c


def _is_money(c: str) -> bool:
    return c.endswith(MONEY_SUFFIXES) or c.startswith(("cost_", "net_revenue", "revenue", "margin_")) and \
        not _is_rate(c)


def column_config_for(df, overrides: dict | None = None) -> dict:
    """Headings and formats from our naming conventions (`*_amount`/`*_cost` money, `*_rate`/`*_share` share,
    `*_at` timestamp, `*_date` and midnight-only timestamps dates, other numbers with thousands separators); the
    first text column is pinned so it stays visible when the table scrolls right; `overrides` win.  Downloads keep
    the raw column names."""
    import pandas as pd
    cfg, pinned = {}, False
    currency = reporting_currency() if any(_is_money(str(c)) for c in df.columns) else "USD"
    for c in df.columns:
        c_str = str(c)
        name = label(c_str)
        kind = df[c].dtype
        if _is_rate(c_str) and pd.api.types.is_numeric_dtype(kind):
            cfg[c] = st.column_config.NumberColumn(name, format="percent")
        elif _is_money(c_str) and pd.api.types.is_numeric_dtype(kind):
            cfg[c] = money_column(name, currency)
        elif c_str.endswith("_at") and not (pd.api.types.is_datetime64_any_dtype(kind) and _midnights(df[c])):
            cfg[c] = st.column_config.DatetimeColumn(name, format="YYYY-MM-DD HH:mm")
        elif c_str.endswith(("_date", "_at")) or c_str in ("week_start", "day", "date", "week", "month") or (
                pd.api.types.is_datetime64_any_dtype(kind) and _midnights(df[c])):
            cfg[c] = st.column_config.DateColumn(name, format="YYYY-MM-DD") if _dateish(df[c]) else name
        elif pd.api.types.is_bool_dtype(kind):
            cfg[c] = st.column_config.CheckboxColumn(name)
        elif pd.api.types.is_numeric_dtype(kind):
            cfg[c] = st.column_config.NumberColumn(name, format="localized")
        elif not pinned and (pd.api.types.is_string_dtype(kind) or kind == object) and len(df.columns) > 4:
            cfg[c] = st.column_config.Column(name, pinned=True)
            pinned = True
        else:
            cfg[c] = name
    for c, v in (overrides or {}).items():  # an override without a heading (a shared PCT / MONEY) gets ours
        cfg[c] = {**v, "label": label(str(c))} if isinstance(v, dict) and not v.get("label") else v
    return cfg


def _midnights(col) -> bool:
    v = col.dropna()
    return bool(len(v)) and bool((v.dt.normalize() == v).all())


def _dateish(col) -> bool:
    import pandas as pd
    return pd.api.types.is_datetime64_any_dtype(col.dtype) or col.dtype == object and col.dropna().map(
        lambda x: hasattr(x, "year")).all()


def rounded(df):
    """Floats rounded for people (shares to 4 decimals, everything else to 2), for tables and their CSV downloads;
    a -0.0 left by rounding becomes 0; timestamps become naive datetimes so their column formats apply."""
    import datetime as dt

    import pandas as pd
    out = df.copy()
    for c in out.columns:
        if isinstance(out[c].dtype, pd.DatetimeTZDtype):  # shown in store time as it was stored, not converted
            out[c] = out[c].dt.tz_localize(None)
        elif out[c].dtype == object and len(out[c].dropna()) and out[c].dropna().map(
                lambda x: isinstance(x, (pd.Timestamp, dt.datetime))).all():
            out[c] = pd.to_datetime(out[c])
        if pd.api.types.is_float_dtype(out[c].dtype):
            out[c] = out[c].round(4 if _is_rate(str(c)) else 2) + 0.0
    return out


def table(df, name: str, *, column_config: dict | None = None, column_order=None, height: int | str | None = None,
          empty: str | None = None, caption: str | None = None) -> None:
    """A table and its CSV download (text cells neutralised so spreadsheets never run them as formulas, floats
    rounded); `empty` is said instead when there are no rows."""
    if df.empty and empty:
        st.success(empty, icon=":material/check_circle:")
        return
    df = names.display_frame(rounded(df))  # channel codes and the like as people write them, in the CSV too
    if height is None:
        height = 38 + 35 * max(len(df), 1) if len(df) <= FIT_ROWS else "auto"
    st.dataframe(df, hide_index=True, column_config=column_config_for(df, column_config),
                 column_order=column_order, height=height, placeholder=EMPTY_CELL)
    cols = st.columns([3, 1]) if caption else [st.container()]
    if caption:
        cols[0].caption(caption)
    cols[-1].download_button(f"Download CSV ({names.counted(len(df), 'row')})", data=lambda: frame_to_csv(df),
                             file_name=f"{_slug(name)}.csv", mime="text/csv", key=f"download_{_slug(name)}",
                             icon=":material/download:", disabled=df.empty)


STYLE = """<style>
/* KPI tiles: a row of tiles is a grid that wraps to fewer tiles per row when the page is narrow (1024 px with the
   sidebar leaves ~560 px: two tiles a row), so a value or label is never cut off with an ellipsis. */
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]):not(:has([data-testid="stHorizontalBlock"])) {
  display: grid !important; grid-template-columns: repeat(auto-fit, minmax(12.5rem, 1fr)); gap: 0.75rem;
}
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]):not(:has([data-testid="stHorizontalBlock"])) > [data-testid="stColumn"] {
  width: auto !important; min-width: 0 !important; flex: none !important;
}
/* a row of exactly five tiles (the weekly review) keeps five a row at 1440 px: 5 / 3+2 instead of 4+1 */
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"]:nth-child(5)):not(:has(> [data-testid="stColumn"]:nth-child(6))):has(> [data-testid="stColumn"] [data-testid="stMetric"]):not(:has([data-testid="stHorizontalBlock"])) {
  grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr));
}
[data-testid="stMetricValue"] { font-size: 1.75rem; }
[data-testid="stMetric"] [data-testid="stMarkdownContainer"], [data-testid="stMetric"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMetric"] label > div, [data-testid="stMetricDelta"], [data-testid="stMetricDelta"] div, .stMarkdownBadge {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere;
}
/* a button in a narrow column (a table's download beside its caption, "Widen to 12 months" beside its note) wraps
   its label onto two lines instead of cutting it to "Download …" */
button[data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"],
button[data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
button[data-testid^="stBaseButton"] { height: auto; }
</style>"""


def style() -> None:
    """The app's few CSS rules (tiles that fit); called once per run by app.main()."""
    st.html(STYLE)


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
    "tickets": "help desk tickets", "duties": "duties & import taxes",
    "disputes": "disputes and chargebacks",
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
        loaded = [f"{INPUTS.get(k, k)} ({names.counted(v, 'row')})" for k, v in have.items() if v]
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
