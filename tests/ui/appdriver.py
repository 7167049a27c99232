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
