"""Driving the app in Streamlit's AppTest: open it with query parameters, go to a page, check a run was clean."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash


def open_app(query: dict | None = None, *, page: str | None = None, timeout: float = 120) -> AppTest:
    """The app run once with these query parameters; then, with `page`, that page run."""
    at = AppTest.from_file("../../app.py", default_timeout=timeout)
    at.query_params.update(query or {})
    at.run()
    return goto(at, page) if page else at


def goto(at: AppTest, noun: str) -> AppTest:
    """Switch to a page by URL path: AppTest.switch_page only resolves file pages, ours are functions (st.Page)."""
    at._page_hash = calc_hash(noun)  # the hash st.Page gives a callable page with this url_path
    return at.run()


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def assert_clean(at: AppTest) -> None:
    """No exception and no error box."""
    assert_no_exception(at)
    assert not at.error, [e.value for e in at.error]


def page_text(at: AppTest) -> list[str]:
    """Every text a person can read on the page as it ran: titles, markdown, captions, boxes, tiles, expander and
    tab labels, widget labels and options (as their format_func writes them), the string cells of tables, and the
    text values of charts' data (the axis labels, legends and tooltips they become).  Links are left out (their
    query parameters keep the data's codes)."""
    import pandas as pd
    from streamlit import dataframe_util

    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success",
                 "latex", "text", "code"):
        out += [str(e.value) for e in at.get(kind) if kind != "code"]
    for m in at.metric:
        out += [m.label, str(m.value), str(m.proto.body or "")]
    for e in at.get("expandable") + at.get("tab"):
        out.append(getattr(e, "label", "") or "")
    for kind in ("selectbox", "multiselect", "radio", "segmented_control", "pills", "select_slider"):
        for w in at.get(kind):
            out += [str(w.label), *[str(o) for o in getattr(w, "options", [])]]
    import json
    frames = []
    for d in at.dataframe:  # the columns a person sees (not those hidden by column_config=None)
        config = json.loads(d.proto.columns or "{}")
        hidden = {k.removeprefix("col:") for k, v in config.items() if isinstance(v, dict) and v.get("hidden")}
        frames.append(d.value[[c for c in d.value.columns if str(c) not in hidden]])
    for c in at.get("vega_lite_chart"):
        for ds in c.proto.datasets:
            frames.append(dataframe_util.convert_arrow_bytes_to_pandas_df(ds.data.data))
        if c.proto.data.data:
            frames.append(dataframe_util.convert_arrow_bytes_to_pandas_df(c.proto.data.data))
    for df in frames:
        df = pd.DataFrame(df)
        out += [str(c) for c in df.columns]
        for col in df.columns:
            if not pd.api.types.is_numeric_dtype(df[col].dtype):
                out += sorted({str(v) for v in df[col].dropna()})
    import re
    return [re.sub(r"\S*(?:https?://|\?[a-z_]+=)\S*", "", t) for t in out]


def open_planning_page(noun: str, query: dict | None = None) -> AppTest:
    """A planning page (Forecast, Peak capacity, Inventory) over all time: their forecasts take longer to run."""
    return open_app(query or {"period": "all time"}, page=noun, timeout=240)


def chart_specs(at: AppTest) -> list[str]:
    """The Vega-Lite specs of the page's charts."""
    return [c.proto.spec for c in at.get("vega_lite_chart")]
