"""The queries every page of the app runs, as it composes them: the app run in Streamlit's AppTest on a workspace,
every page visited with the given query parameters (the shared filters), and each data function call that goes
through `lib.ui.session.fetch` run on a `lib.scaleout.pages.Recorder` cursor, which writes down each statement and
its parameters as it passes them to DuckDB."""
from __future__ import annotations

import importlib
import os


def page_nouns() -> list[str]:
    import app
    return [noun for items in app.SECTIONS.values() for noun, *_ in items]


def page_queries(ws_root, query: dict, nouns: list[str] | None = None) -> list:
    """[PageQuery, …] in the order the pages ran them, each distinct (statement, parameters) once."""
    from lib.scaleout.pages import Recorder, unique
    from lib.ui import session
    from tests.ui.appdriver import assert_no_exception, goto, open_app
    log: list = []
    original = session._cached
    old_env = os.environ.get("OPSDESK_WORKSPACE")

    def recording(root, version, module, name, args):  # session._cached, uncached and recorded
        fn = getattr(importlib.import_module(module), name)
        cur = Recorder(session._reader(root, version).cursor(), log, f"{module}.{name}")
        try:
            return fn(cur, *args)
        finally:
            cur.close()

    os.environ["OPSDESK_WORKSPACE"] = str(ws_root)
    session._cached = recording
    try:
        at = open_app(query, timeout=120)
        assert_no_exception(at)
        for noun in nouns or page_nouns():
            goto(at, noun)
            assert_no_exception(at)
    finally:
        session._cached = original
        if old_env is None:
            os.environ.pop("OPSDESK_WORKSPACE", None)
        else:
            os.environ["OPSDESK_WORKSPACE"] = old_env
    return unique(log)
