"""Altair charts, one module per domain: frames in, charts out (no queries, no Streamlit).

A chart with nothing to draw never stands as empty axes: it says why (`nothing_to_chart`), either because its frame
has no rows (`says_when_empty` on the chart function) or because nothing is left once rows without a value are
left out (an explicit check where the function filters)."""
from __future__ import annotations

import functools

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
