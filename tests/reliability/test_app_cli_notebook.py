"""The app, the CLI and a notebook on one workspace at the same time: no lock error reaches anyone (issue #10).

On a copy of the sample workspace, all at once:

* the app: a `streamlit run app.py` server, with two sessions (Streamlit's websocket protocol, as in
  test_app_concurrency.py) rendering the Overview and the Weekly review over and over, and its health endpoint;
* a writer: `python -m lib ingest --workspace WS new_orders.csv` (its own process);
* a CLI reader: `python -m lib sql --workspace WS "SELECT …"`, again and again;
* a notebook: notebooks/00_data_health.ipynb executed with nbclient (a kernel of its own; the notebook finds the
  workspace through OPSDESK_WORKSPACE, as its parameters cell says), again and again.

Every reader goes on until it has begun a read after the writer finished.  Then: every process exited 0, no
output (CLI, notebook cells, the app's pages, the server's log) mentions a lock or an IO error, the ingest
loaded its file, every read saw the workspace either before or after the load, and the reads begun after it all
see the new orders.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from reliability.test_app_concurrency import AppSession, Server, orders_file, view

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "notebooks" / "00_data_health.ipynb"
LOCK_ERROR = re.compile(r"\block\b|\blocked\b|conflicting lock|IO Error|IOException|WorkspaceBusy|Traceback", re.I)
SQL = "SELECT (SELECT count(*) FROM fct_orders) AS orders, (SELECT max(version) FROM snapshot_info) AS version"
# executes a notebook (never written back) and prints its stream outputs and errors; exit 1 on a failing cell
RUN_NOTEBOOK = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
try:
    NotebookClient(nb, kernel_name="python3", timeout=240, resources={"metadata": {"path": sys.argv[2]}}).execute()
finally:
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            print(out.get("text", "") if out.output_type == "stream" else
                  "\\n".join(out.get("traceback", [])) if out.output_type == "error" else "", end="")
"""


def run(args: list[str], ws: Path, timeout: float = 240) -> tuple[int, str]:
    env = {**os.environ, "OPSDESK_WORKSPACE": str(ws), "PYTHONPATH": str(REPO)}
    p = subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout + p.stderr


@pytest.fixture
def workspace(app_ws_master, tmp_path):
    from lib.workspace import Workspace
    shutil.copytree(app_ws_master.root, tmp_path / "ws", ignore=shutil.ignore_patterns(".write.lock"))
    return Workspace.open(tmp_path / "ws")


def test_app_cli_and_notebook_share_a_workspace_while_the_cli_loads(workspace, tmp_path):
    ws = workspace.root
    server = Server(ws, tmp_path / "streamlit.log").start()
    try:
        v0 = workspace.version()
        con = workspace.reader()
        n0 = con.execute("SELECT count(*) FROM fct_orders").fetchall()[0][0]
        con.close()
        new = orders_file(tmp_path / "new_orders.csv", 0, n=40)
        ref = AppSession(server.url)
        _, overview_before = view(ref, "overview")

        written = threading.Event()
        results = {"sql": [], "notebook": [], "app": [], "health": []}  # (began after the load, rc, output)
        errors = []

        def until_after_load(name, read):
            """Read over and over, until one read began after the writer had finished."""
            try:
                while True:
                    after = written.is_set()
                    results[name].append((after, *read()))
                    if after:
                        return
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(f"{name}: {type(e).__name__}: {e}")

        def sql():
            return run(["-m", "lib", "sql", "--workspace", str(ws), SQL], ws)

        def notebook():
            return run(["-c", RUN_NOTEBOOK, str(NOTEBOOK), str(NOTEBOOK.parent)], ws)

        sessions = [AppSession(server.url) for _ in range(2)]

        def app(i):
            page = ("overview", "review")[i]
            return lambda: (0, repr(view(sessions[i], page)))

        def health():
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=30) as r:
                time.sleep(0.2)
                return (0 if r.status == 200 else r.status), r.read().decode()

        readers = [threading.Thread(target=until_after_load, args=(name, fn), daemon=True)
                   for name, fn in [("sql", sql), ("notebook", notebook), ("app", app(0)), ("app", app(1)),
                                    ("health", health)]]
        t0 = time.monotonic()
        for t in readers:
            t.start()
        # the writer starts once every reader is under way (the notebook's kernel takes a few seconds to start)
        while time.monotonic() < t0 + 60 and not all(results[k] for k in ("sql", "app", "health")):
            time.sleep(0.05)
        rc_ingest, ingest_out = run(["-m", "lib", "ingest", "--workspace", str(ws), str(new)], ws)
        loaded = time.monotonic()
        written.set()
        for t in readers:
            t.join(timeout=240)
        assert not any(t.is_alive() for t in readers), "a reader hung"
        for s in sessions:
            s.close()
        _, overview_after = view(ref, "overview")
        ref.close()
        server_log = (tmp_path / "streamlit.log").read_text()
    finally:
        server.stop()
    print(f"ingest done {loaded - t0:.1f} s in, all reads done {time.monotonic() - t0:.1f} s in; reads: "
          + ", ".join(f"{k} {len(v)}" for k, v in results.items()))

    assert not errors, errors
    assert rc_ingest == 0 and "[loaded] new_orders.csv" in ingest_out, ingest_out
    assert workspace.version() == v0 + 1
    outputs = [("ingest", rc_ingest, ingest_out)] + [(k, rc, out) for k, v in results.items() for _, rc, out in v]
    assert all(rc == 0 for _, rc, _ in outputs), [(k, rc, out[-2000:]) for k, rc, out in outputs if rc]
    shown = [(k, m.group(0), out[max(m.start() - 300, 0):m.end() + 300])
             for k, _, out in outputs + [("server log", 0, server_log)] if (m := LOCK_ERROR.search(out))]
    assert not shown, shown

    sql_reads = [(after, tuple(out.split()[1].split(","))) for after, _, out in results["sql"]]
    assert {r for _, r in sql_reads} <= {(str(n0), str(v0)), (str(n0 + 40), str(v0 + 1))}, sql_reads
    assert sql_reads[-1] == (True, (str(n0 + 40), str(v0 + 1)))
    nb_reads = [(after, re.search(r"snapshot version (\d+)", out).group(1)) for after, _, out in results["notebook"]]
    assert {v for _, v in nb_reads} <= {str(v0), str(v0 + 1)} and nb_reads[-1] == (True, str(v0 + 1)), nb_reads
    app_reads = [(after, re.search(r"snapshot v(\d+)", out).group(1)) for after, _, out in results["app"]]
    assert {v for _, v in app_reads} <= {str(v0), str(v0 + 1)}, app_reads
    assert [v for after, v in app_reads if after] == [str(v0 + 1)] * 2, app_reads
    orders = {label: value for kind, *rest in overview_after if kind == "metric" for label, value in [rest]}
    orders_before = {label: value for kind, *rest in overview_before if kind == "metric" for label, value in [rest]}
    assert int(orders["Orders"].replace(",", "")) == int(orders_before["Orders"].replace(",", "")) + 40
