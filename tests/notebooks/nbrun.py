"""Helpers of the notebook tests: execute a companion notebook (never in place) with injected parameters and read
the `headline` dict its "The page's numbers" cell defines; open a page through AppTest; read numbers as pages show
them ("9.8 %", "−$1,843", "57.9 h", "1,012")."""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
sys.path.insert(0, str(REPO / "tests" / "browser"))  # harness.py: the server and chromium of the browser tests

# The parity parameters: a date range and two filters (the sidebar's channel filter), as a notebook's parameters and
# as the page's query string.
PARAMS = {"START": "2025-02-01", "END": "2026-10-31", "CHANNELS": ["amazon", "shopify"]}
QUERY = {"period": "custom", "start": "2025-02-01", "end": "2026-10-31", "channels": "amazon,shopify"}
READ_HEADLINE = ("import json as _json\n"
                 "print(_json.dumps(headline, default=lambda o: o.item() if hasattr(o, 'item') else str(o)))")


class Run:
    """An executed notebook: its `headline` and every output (to look for errors)."""

    def __init__(self, nb):
        self.nb = nb
        last = nb.cells[-1].outputs
        self.headline = json.loads("".join(o.get("text", "") for o in last if o.get("name") == "stdout"))

    def text(self) -> str:
        """Every stream and error output of the run."""
        parts = []
        for c in self.nb.cells:
            for o in c.get("outputs", []):
                if o.output_type == "stream":
                    parts.append(o.text)
                elif o.output_type == "error":
                    parts.append("\n".join(o.traceback))
        return "\n".join(parts)


def execute(name: str, params: dict | None = None, *, workspace: Path | None = None, timeout: int = 900) -> Run:
    """Run notebooks/<name> top to bottom in a `python3` kernel (cwd notebooks/, like JupyterLab and nbmake), with
    `params` injected right after its parameters cell (as papermill does) and `OPSDESK_WORKSPACE` = `workspace`
    when given. The notebook file is read, never written."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    i = next(k for k, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    if params:
        nb.cells.insert(i + 1, new_code_cell("\n".join(f"{k} = {v!r}" for k, v in params.items()),
                                             metadata={"tags": ["injected-parameters"]}))
    nb.cells.append(new_code_cell(READ_HEADLINE))
    env = {**os.environ, **({"OPSDESK_WORKSPACE": str(workspace)} if workspace else {})}
    NotebookClient(nb, kernel_name="python3", timeout=timeout,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute(env=env)
    return Run(nb)


def open_page(noun: str, query: dict | None = None, timeout: int = 300):
    """The app through AppTest (workspace: $OPSDESK_WORKSPACE) on the page `noun`, with the URL's query string."""
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
    at.query_params.update(query or {})
    at.run()
    at._page_hash = calc_hash(noun)  # how tests/ui switch to a callable st.Page by its url_path
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def shown(text: str) -> tuple[float, float]:
    """The first number in `text` as shown (sign, thousands separators, % as a share) and half its last digit."""
    m = NUMBER.search(text)
    assert m, f"no number in {text!r}"
    value = float(m.group(0).replace(",", ""))
    tol = 0.5 * 10 ** -len(m.group(1) or "")
    if re.search(r"[−-]\s*[$€£A-Z]*\s*$", text[:m.start()]):  # "−$1,843", "-5.4%", "− 3"
        value = -value
    if text[m.end():].lstrip().startswith("%"):
        value, tol = value / 100, tol / 100
    return value, tol


def same(text: str, value) -> bool:
    """Does the page's `text` show `value` (to the digits it shows)?  "–" shows None / NaN."""
    if value is None or value != value:
        return text.strip() in ("–", "-", "")
    v, tol = shown(text)
    return abs(v - float(value)) <= tol * (1 + 1e-9) + 1e-9


def assert_shows(where: str, text: str, value) -> None:
    assert same(text, value), f"{where}: the page shows {text!r}, the notebook computes {value!r}"


def numbers_in(text: str, pattern: str) -> tuple[str, ...]:
    """The groups of `pattern` in `text` (numbers as shown)."""
    m = re.search(pattern, text)
    assert m, f"{pattern!r} not in {text!r}"
    return m.groups()
