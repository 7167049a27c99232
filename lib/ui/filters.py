"""The shared sidebar filters, defined once: period (quick picks or custom dates), channel, warehouse, carrier,
category.  The current filters live in a plain session-state dict (`st.session_state["filters"]`, the query form
of `lib.metrics.filters.Filters`) — widget state is dropped when a widget is not rendered — and are mirrored into
`st.query_params`, so a copied URL reopens the same page with the same filters.

A link with explicit dates keeps those dates; a quick pick without dates (`?period=all%20time`) is resolved
against the loaded data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from urllib.parse import quote, urlencode, urlsplit

import streamlit as st

from ..metrics import names
from ..metrics.filters import DIMENSIONS, QUICK_PICKS, Filters, quick_range

STATE = "filters"
DEFAULT_PERIOD = "last 4 weeks"
LABELS = {"channels": "Channel", "warehouses": "Warehouse", "carriers": "Carrier", "categories": "Category"}
KEYS = {"period": "filter_period", "dates": "filter_dates", **{d: f"filter_{d}" for d in DIMENSIONS}}


def _bounds(status) -> tuple[dt.date, dt.date]:
    last = status.last_order_date or dt.date.today()
    return status.first_order_date or last, last


def _with_period(f: Filters, period: str, status) -> Filters:
    if period == "custom":
        return replace(f, period=period)
    first, last = _bounds(status)
    start, end = quick_range(period, last, first)
    return replace(f, period=period, start=start, end=end)


def _has_dates(query: dict) -> bool:
    try:
        return dt.date.fromisoformat(str(query.get("start"))) <= dt.date.fromisoformat(str(query.get("end")))
    except ValueError:
        return False


def from_url(query: dict, status, options: dict) -> Filters:
    """Filters from a URL's query parameters, checked against the data (unknown values are dropped)."""
    first, last = _bounds(status)
    f = Filters.from_query(query, _with_period(Filters(first, last), DEFAULT_PERIOD, status))
    if not _has_dates(query):
        f = _with_period(f, f.period, status)  # a quick pick without dates follows the data
    elif f.period != "custom" and _with_period(f, f.period, status) != f:
        f = replace(f, period="custom")  # the link's dates are not what the pick means today: keep the dates
    return replace(f, **{d: tuple(v for v in getattr(f, d) if v in options.get(d, ())) for d in DIMENSIONS})


def current() -> Filters | None:
    q = st.session_state.get(STATE)
    if q is None:
        return None
    return Filters.from_query(q, Filters(dt.date.fromisoformat(q["start"]), dt.date.fromisoformat(q["end"])))


def _store(f: Filters) -> None:
    st.session_state[STATE] = f.to_query()


def _on_change(status) -> None:
    f = current()
    period = st.session_state[KEYS["period"]]
    if period != f.period:
        f = _with_period(f, period, status)
    elif period == "custom":
        dates = st.session_state.get(KEYS["dates"]) or ()
        if len(dates) == 2:
            f = replace(f, start=dates[0], end=dates[1])
    f = replace(f, **{d: tuple(st.session_state.get(KEYS[d]) or ()) for d in DIMENSIONS})
    _store(f)


def _seed_widgets(f: Filters, options: dict) -> None:
    """Give missing (or stale) widget state its value from the dict, before the widgets are created."""
    values = {"period": f.period, "dates": (f.start, f.end), **{d: list(getattr(f, d)) for d in DIMENSIONS}}
    for name, key in KEYS.items():
        stale = name in DIMENSIONS and any(v not in options[name] for v in st.session_state.get(key, ()))
        if key not in st.session_state or stale:
            st.session_state[key] = [v for v in values[name] if v in options[name]] if name in DIMENSIONS else values[name]


def sidebar(status, options: dict) -> Filters:
    """Render the filters in the sidebar and return them; the URL's filter parameters follow."""
    if current() is None:
        _store(from_url(st.query_params.to_dict(), status, options))
    _seed_widgets(current(), options)
    first, last = _bounds(status)
    with st.sidebar:
        st.selectbox("Period", QUICK_PICKS, key=KEYS["period"], on_change=_on_change, args=(status,),
                     help="Last week and last 4 weeks end with the last complete week (Monday–Sunday) of the loaded orders; "
                          "last quarter is the last complete calendar quarter; last 12 months and all time end with "
                          "the last day loaded.")
        if st.session_state[KEYS["period"]] == "custom":
            st.date_input("From – to", key=KEYS["dates"], min_value=min(first, current().start),
                          max_value=max(last, current().end), on_change=_on_change, args=(status,), format="YYYY-MM-DD")
        for d in DIMENSIONS:
            st.multiselect(LABELS[d], options[d], key=KEYS[d], placeholder="All", on_change=_on_change, args=(status,),
                           format_func=lambda v, d=d: names.display(d, v))
    f = current()
    query = f.to_query()
    st.query_params.update(query)
    for key in DIMENSIONS:  # an emptied filter leaves the URL; other pages' parameters stay
        if key not in query and key in st.query_params:
            del st.query_params[key]
    return f


def app_root() -> str:
    """The app's address as the browser sees it (scheme, host, base path), without the page; "" when unknown."""
    parts = urlsplit(st.context.url or "")
    if not parts.netloc:
        return ""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}" + (f"/{base}" if base else "")


def share_url(url_path: str, f: Filters | None = None, *, query: dict | None = None) -> str:
    """The full URL of a page with the filters `f` and other `query` parameters; the app's address comes from
    the browser (a relative link when unknown, as in tests)."""
    q = urlencode({**(f.to_query() if f else {}), **(query or {})}, quote_via=quote)
    return f"{app_root()}/{url_path}" + (f"?{q}" if q else "")


def copy_link(url_path: str) -> None:
    """The link to this view: this page with the URL's query string (the filters and the page's own parameters)."""
    st.caption("Link to this view (page and filters) — copy it for the weekly review:")
    st.code(share_url(url_path, query=st.query_params.to_dict()), language=None, wrap_lines=True)


WIDE_PERIOD = "last 12 months"


def widen_button(status, label: str = "Widen to 12 months", key: str = "widen_period") -> None:
    """One click that sets the shared period to the last 12 months (sidebar, URL and every page follow)."""
    def widen() -> None:
        _store(_with_period(current(), WIDE_PERIOD, status))
        st.session_state[KEYS["period"]] = WIDE_PERIOD
    st.button(label, on_click=widen, icon=":material/date_range:", key=key)


def is_recent(f: Filters, status, days: int) -> bool:
    """The period is short (under 120 days) and reaches into the last `days` days of orders: outcomes that take
    that long to come back (returns, deliveries) are still missing from its latest orders."""
    last = status.last_order_date
    return bool(last) and (f.end - f.start).days < 120 and f.end > last - dt.timedelta(days=days)
