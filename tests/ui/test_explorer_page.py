"""The SQL explorer page through Streamlit's AppTest: a query runs, is saved, and a statement that is not one
SELECT is refused."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

import appdriver
from appdriver import assert_clean, goto


def open_app(query: dict | None = None) -> AppTest:
    return appdriver.open_app(query, timeout=60)


def test_explorer_runs_saves_and_refuses(app_ws):
    at = goto(open_app(), "explorer")
    assert_clean(at)
    next(b for b in at.button if b.label == "Run").click().run()
    assert_clean(at)
    assert at.subheader[-1].value == "Result" and len(at.dataframe[-1].value) > 0
    at.text_area(key="explorer_sql").set_value("DROP TABLE fct_orders").run()
    next(b for b in at.button if b.label == "Run").click().run()
    assert "only SELECT" in at.error[0].value
    at.text_area(key="explorer_sql").set_value("SELECT count(*) AS n FROM fct_orders").run()
    at.text_input[0].set_value("Order count").run()
    next(b for b in at.button if b.label == "Save").click().run()
    assert app_ws.read_state("saved_queries") == {"Order count": "SELECT count(*) AS n FROM fct_orders"}
