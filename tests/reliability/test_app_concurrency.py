"""Eight app sessions reading while files load: no errors, and every rendered view is one whole snapshot.

A real `streamlit run app.py` server on a copy of the sample workspace; eight threads each hold one session of it
over Streamlit's own websocket protocol (what a browser tab does: `BackMsg.rerun_script` for a page, then the
`ForwardMsg` deltas until `script_finished`) and render the Weekly review, Overview and Fulfillment pages over and
over, while another thread loads new order files one at a time through `lib.ingest.ingest_files`, each load
publishing a new snapshot.  (AppTest cannot be used from threads: every `AppTest.run` swaps a process-global mock
Runtime in and out, so concurrent runs break each other.  The Upload page's own path, in the server process, is
exercised by tests/browser/test_concurrency_browser.py.)

A view is the page's elements in order — tiles, headings, captions, markdown, alerts (charts and tables by kind) —
with the sidebar's "snapshot vN".  Half-loaded views are caught by three checks: every view rendered on one snapshot
is identical (a view mixing two snapshots differs from the views of either), the views of the first and the last
snapshot are exactly the ones rendered alone before and after the loads, and the snapshot named in the review
page's caption is the sidebar's.
"""
from __future__ import annotations

import re
import shutil
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from lib.ingest import ingest_files

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from harness import Server  # noqa: E402

READERS = 8
FILES = 4  # loads during the test: each one publishes a snapshot (SNAPSHOT_KEEP is 4)
PAGES = {"review": "", "overview": "overview", "fulfillment": "fulfillment"}  # page -> url path (review is at /)
QUERY = "period=all%20time"  # the new orders change the all-time numbers of every page
LOCK_WORDS = re.compile(r"lock|IO Error|IOException", re.I)


def orders_file(path: Path, k: int, n: int = 40) -> Path:
    """`n` open orders of the Opsdesk orders template in the sample's last complete week (2026-W47), so the weekly
    review, the overview and the fulfillment page all change with each load."""
    rows = ["order_id,channel,ordered_at,sku,quantity,unit_price,status,ship_by"]
    rows += [f"CT{k}-{i},web,2026-11-{16 + i % 7:02d} 10:00,SKU-CT{i % 3},2,19.50,open,2026-11-{17 + i % 7:02d} 23:00"
             for i in range(n)]
    path.write_text("\n".join(rows) + "\n")
    return path


def _element(e) -> tuple:
    kind = e.WhichOneof("type")
    if kind == "metric":
        return kind, e.metric.label, e.metric.body
    if kind in ("markdown", "heading", "alert"):
        return kind, getattr(e, kind).body
    if kind == "exception":
        return kind, e.exception.type, e.exception.message
    return (kind,)  # charts, tables, widgets: present or not


class AppSession:
    """One browser session of a running server, spoken to over Streamlit's websocket protocol."""

    def __init__(self, url: str, query: str = QUERY):
        self._ws = connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                           max_size=None, open_timeout=60)
        self.query = query

    def close(self) -> None:
        self._ws.close()

    def render(self, path: str, timeout: float = 120) -> dict[tuple, tuple]:
        """Run the page at url `path` in this session; its elements by delta path once the run has finished."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_name = path
        self._ws.send(msg.SerializeToString())
        elements: dict[tuple, tuple] = {}
        deadline = time.monotonic() + timeout
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(self._ws.recv(timeout=max(deadline - time.monotonic(), 0.1)))
            kind = fwd.WhichOneof("type")
            if kind == "new_session":  # a run starts (again, after an st.rerun): the page is drawn anew
                elements.clear()
            elif kind == "delta":
                where = tuple(fwd.metadata.delta_path)
                if fwd.delta.WhichOneof("type") == "new_element":
                    elements[where] = _element(fwd.delta.new_element)
                elif fwd.delta.WhichOneof("type") == "add_block":
                    elements = {p: v for p, v in elements.items() if p[:len(where)] != where}
            elif kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return elements
                if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    raise AssertionError(f"{path or '/'}: script finished with status {fwd.script_finished}")


def view(session: AppSession, page: str) -> tuple[int, tuple]:
    """(the sidebar's snapshot version, the page's view); raises on an exception or lock error shown."""
    elements = session.render(PAGES[page])
    shown = [v for _, v in sorted(elements.items())]
    problems = [v for v in shown if v[0] == "exception" or any(LOCK_WORDS.search(str(x)) for x in v[1:])]
    if problems:
        raise AssertionError(f"{page}: {problems}")
    sidebar = " ".join(str(v[-1]) for p, v in elements.items() if p[0] == 1 and v[0] == "markdown")
    found = re.search(r"snapshot v(\d+)", sidebar)
    if not found:
        raise AssertionError(f"{page}: no snapshot version in the sidebar: {sidebar!r}")
    version = int(found.group(1))
    own = re.search(r"data snapshot v(\d+)", " ".join(str(v[-1]) for p, v in elements.items() if p[0] == 0))
    if own and int(own.group(1)) != version:  # the review names the snapshot it was computed on
        raise AssertionError(f"{page}: the sidebar says snapshot v{version}, the page v{own.group(1)}")
    return version, tuple(shown)


def difference(a: tuple, b: tuple) -> list:
    """What one view shows that the other does not (for failure messages)."""
    return [x for x in a if x not in b][:3] + ["<->"] + [x for x in b if x not in a][:3]


@pytest.fixture
def app_server(app_ws_master, tmp_path):
    shutil.copytree(app_ws_master.root, tmp_path / "ws", ignore=shutil.ignore_patterns(".write.lock"))
    srv = Server(tmp_path / "ws", tmp_path / "streamlit.log").start()
    yield srv
    srv.stop()


def test_eight_sessions_render_whole_snapshots_while_files_load(app_server, tmp_path):
    from lib.workspace import Workspace
    ws = Workspace.open(app_server.workspace)
    v0 = ws.version()
    ref = AppSession(app_server.url)
    before = {}
    for page in PAGES:
        version, before[page] = view(ref, page)
        assert version == v0 and view(ref, page) == (v0, before[page]), f"{page}: not the same view twice"
    files = [orders_file(tmp_path / f"orders_{k}.csv", k) for k in range(FILES)]

    views = defaultdict(set)  # (page, version) -> distinct views seen
    errors, renders = [], []  # renders: (time finished, reader, version)
    ready, done = threading.Barrier(READERS + 1, timeout=120), threading.Event()

    def reader(i: int) -> None:
        try:
            session = AppSession(app_server.url)
        except Exception as e:
            errors.append(f"reader {i} could not connect: {type(e).__name__}: {e}")
            ready.wait()
            return
        ready.wait()
        names, k = list(PAGES), i
        try:
            while not done.is_set():
                page = names[k % len(names)]
                k += 1
                try:
                    version, shown = view(session, page)
                except Exception as e:  # anything reaching a session is a failure
                    errors.append(f"reader {i} {page}: {type(e).__name__}: {e}")
                    continue
                views[page, version].add(shown)
                renders.append((time.monotonic(), i, version))
        finally:
            session.close()

    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(READERS)]
    for t in threads:
        t.start()
    ready.wait()
    t0 = time.monotonic()
    reports = []
    for f in files:  # one at a time, as uploads come in
        reports += ingest_files(ws, [f], loaded_by="upload")
    loaded = time.monotonic()
    # go on until every session has rendered the last snapshot (or a minute has passed)
    deadline = loaded + 60
    while time.monotonic() < deadline and len({i for t, i, v in list(renders) if v == v0 + FILES}) < READERS:
        time.sleep(0.05)
    done.set()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a session hung"

    assert [r.status for r in reports] == ["loaded"] * FILES, [r.message for r in reports]
    last = ws.version()
    assert last == v0 + FILES
    assert not errors, errors[:5]
    after = {page: view(ref, page) for page in PAGES}
    ref.close()
    for page in PAGES:
        assert after[page][0] == last
        assert after[page][1] != before[page], f"{page}: the loads should change the page"
    mixed = {f"{page} v{v}": difference(*list(seen)[:2]) for (page, v), seen in views.items() if len(seen) > 1}
    assert not mixed, f"differing views of one snapshot (half-loaded): {mixed}"
    for page in PAGES:
        assert views.get((page, v0), {before[page]}) == {before[page]}, f"{page}: a view of v{v0} is not the view"
        assert views.get((page, last), {after[page][1]}) == {after[page][1]}, f"{page}: a view of v{last} differs"
    seen = sorted({v for _, _, v in renders})
    assert len({i for _, i, v in renders if v == last}) == READERS, "every session saw the last load"
    print(f"{len(renders)} renders by {READERS} sessions in {time.monotonic() - t0:.1f} s "
          f"({loaded - t0:.1f} s loading) on snapshots {seen}")


def test_sessions_saving_one_state_at_once_never_fail(tmp_path):
    """Sessions saving the same state file at the same time (two tabs of a first run marking the workspace seeded,
    two people pinning one review): every save succeeds and every read finds one whole save."""
    from lib.workspace import Workspace
    ws = Workspace.open(tmp_path / "ws")
    errors = []

    def save(i: int) -> None:
        for k in range(200):
            try:
                ws.write_state("seeded", {"session": i, "k": k, "files": ["x" * 100] * 50})
                got = ws.read_state("seeded")
                assert len(got["files"]) == 50
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=save, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert [p.name for p in ws.state_dir.iterdir()] == ["seeded.json"]
