"""Altair charts, one module per domain: frames in, charts out (no queries, no Streamlit).

A chart with nothing to draw never stands as empty axes: it says why (`nothing_to_chart`), either because its frame
has no rows (`says_when_empty` on the chart function) or because nothing is left once rows without a value are
left out (an explicit check where the function filters)."""
from __future__ import annotations

import functools
import math

import altair as alt
import pandas as pd


def nothing_to_chart(message: str) -> alt.Chart:
    """A chart holding one sentence: what is missing for this chart (an empty selection, an input not loaded)."""
    return alt.Chart(pd.DataFrame({"message": [message]})).mark_text(
        fontSize=14, color="#57606a", align="center", baseline="middle").encode(
        text="message:N").properties(height=80)


def says_when_empty(message: str):
    """Decorator: when the chart function's first argument is a frame without rows, the chart says `message`."""
    def wrap(fn):
        @functools.wraps(fn)
        def chart(df, *args, **kwargs):
            if isinstance(df, pd.DataFrame) and df.empty:
                return nothing_to_chart(message)
            return fn(df, *args, **kwargs)
        return chart
    return wrap


# ------------------------------------------------------------------------------------------------ axes with units
# Every quantitative axis says what its numbers are: counts as whole numbers, money with the reporting currency,
# rates as percentages.  Without a format Vega picks one from the tick step, and a series of zeros (or float dust
# such as 1e-12 orders left by a simulation) is labelled "0.000000".

COUNT = ",.0f"  # orders, units, packages
NUMBER = ",.1~f"  # hours, demand: one decimal at most, none when whole


def money_format(currency: str) -> str:
    """The d3 format of an amount in `currency`: "$12,345" for dollars, "12,345" (the currency in the title) else."""
    return "$,.0f" if currency == "USD" else ",.0f"


def money_tip(currency: str) -> str:
    """The d3 format of an amount in a tooltip (cents shown)."""
    return "$,.2f" if currency == "USD" else ",.2f"


def counts(values=None, **axis) -> dict:
    """`alt.X`/`alt.Y` keyword arguments for an axis of counts: whole-number labels with thousands separators from
    0, and a scale up to at least 1, so a series of zeros sits at the bottom labelled "0"."""
    top = 0.0
    if values is not None:
        v = pd.to_numeric(pd.Series(values), errors="coerce").dropna()
        top = float(v.max()) if len(v) else 0.0
    if top < 5:  # a few orders at most: one tick per whole number (Vega would add halves, labelled "1" twice)
        whole = list(range(0, max(1, math.ceil(top)) + 1))
        return {"axis": alt.Axis(format=COUNT, values=whole, **axis), "scale": alt.Scale(domain=[0, whole[-1]])}
    return {"axis": alt.Axis(format=COUNT, tickMinStep=1, **axis), "scale": alt.Scale(domainMin=0)}


def week_axis(values, fmt: str = "%d %b", most: int = 8, **axis) -> dict:
    """`alt.X` keyword arguments for an axis of weeks that start on Monday: ticks on the data's own week starts (at
    most `most`, evenly spaced), since Vega's own week ticks fall on Sundays, beside the bars they should name."""
    days = pd.to_datetime(pd.Series(values), errors="coerce").dropna().dt.normalize().drop_duplicates().sort_values()
    if days.empty:
        return {"axis": alt.Axis(format=fmt, **axis)}
    step = max(1, math.ceil(len(days) / most))
    ticks = [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in days.iloc[::step]]
    return {"axis": alt.Axis(format=fmt, values=ticks, **axis)}
