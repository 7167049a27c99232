"""The workspace of this server, one read-only connection per snapshot version, and cached queries.

Every browser session of the server shares the workspace named by `OPSDESK_WORKSPACE` (default `./workspace`).
Queries run on a cursor of the shared connection (a DuckDB connection object is not shared by two threads), and
their results are cached under the snapshot version, so a load, a removal or a settings change is visible at once.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import duckdb
import streamlit as st

from ..workspace import SnapshotGone, Workspace, default_root


@st.cache_resource(show_spinner=False)
def _workspace(root: str) -> Workspace:
    return Workspace.open(root)


def workspace() -> Workspace:
    return _workspace(str(default_root()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _reader(root: str, version: int):
    """The shared read-only connection to snapshot `version` (exactly that one, never a newer one published since)."""
    return Workspace(Path(root)).reader(version)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(root: str, version: int, module: str, name: str, args: tuple):
    fn = getattr(importlib.import_module(module), name)
    cur = _reader(root, version).cursor()
    try:
        return fn(cur, *args)
    finally:
        cur.close()


PINNED = "snapshot_version"  # session state: the snapshot this script run reads


def pin_snapshot() -> int:
    """Fix the snapshot this script run reads (`app.main` calls it once per run, before any `fetch`), so that every
    part of a page comes from one snapshot even when a load publishes a new one while the page renders."""
    version = st.session_state[PINNED] = workspace().version()
    return version


def fetch(fn, *args):
    """`fn(cursor, *args)` on this run's snapshot, cached until the next load (fn: a `lib.metrics` function)."""
    ws = workspace()
    version = st.session_state.get(PINNED)
    key = (fn.__module__, fn.__qualname__, args)
    pinned = ws.version() if version is None else version
    try:
        return _cached(str(ws.root), pinned, *key)
    except SnapshotGone:  # more than SNAPSHOT_KEEP loads since the run began: move on to the current snapshot
        return _cached(str(ws.root), pin_snapshot(), *key)
    except duckdb.IOException:  # the same, found while reading a part of the old snapshot that was just removed
        if pinned == ws.version():
            raise
        _reader.clear()
        return _cached(str(ws.root), pin_snapshot(), *key)


def ensure_ready() -> Workspace:
    """First run: load the sample business into a workspace that has never loaded anything (with a status box),
    then make sure a snapshot exists."""
    ws = workspace()
    if ws.read_state("seeded") is None:
        from ..sample import REALISTIC_ORDERS_PER_WEEK
        from ..workspace.seed import seed_workspace
        with st.status("First run: loading the sample business…", expanded=True) as box:
            st.caption("This happens once per workspace, so that you start with a working business (about "
                       f"{REALISTIC_ORDERS_PER_WEEK:,} orders a week over two years; it takes about a minute). "
                       "Replace it with your own files on Upload and Data health.")
            bar = st.progress(0.0, text="Writing the sample business's export files…")

            def progress(i, n, name):
                text = f"Reading {name} ({i + 1} of {n})" if name else "Building the model…"
                bar.progress(i / max(n, 1), text=text)
            msg = seed_workspace(ws, orders_per_week=REALISTIC_ORDERS_PER_WEEK, progress=progress)
            box.update(label=msg, state="complete", expanded=False)
        if ws.read_state("seeded") is None:  # it already had data: don't look again
            ws.write_state("seeded", {"files": [], "note": msg})
    if ws.snapshot_path() is None:
        ws.initialise()
    return ws


def auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file: local mode
        return False


def require_login() -> None:
    """With an [auth] section in secrets, nothing renders until the user has logged in."""
    if not auth_configured() or st.user.get("is_logged_in", False):
        return
    st.title("Opsdesk")
    st.write("This workspace is shared with your team. Log in to continue.")
    st.button("Log in", type="primary", on_click=st.login)
    st.stop()


def is_editor(email: str | None, editors) -> bool:
    """Whether the address `email` is on the editors list: an entry is an exact address ("ops@shop.com") or a
    domain starting with "@" ("@shop.com": every address of that domain, not of its subdomains); letters' case and
    surrounding spaces don't matter. No address, or no list, is no editor."""
    if not isinstance(email, str) or "@" not in email.strip():
        return False
    email = email.strip().lower()
    domain = "@" + email.rsplit("@", 1)[1]
    for entry in editors or ():
        entry = str(entry).strip().lower()
        if entry and entry in (email, domain):
            return True
    return False


def editors_list() -> list[str]:
    """`[auth] editors` in the secrets: the addresses and "@domains" that may change the workspace."""
    value = st.secrets["auth"].get("editors", [])
    return [value] if isinstance(value, str) else list(value)


def can_edit() -> bool:
    """Whether this session may change the workspace (upload, remove loads, change settings, pin reviews).
    Without login (one person on their own machine) everyone can; with login, only the logged-in editors listed in
    `[auth] editors` (no list: nobody, the workspace is read-only from the app and changes come from the CLI)."""
    if not auth_configured():
        return True
    if not st.user.get("is_logged_in", False):
        return False
    return is_editor(st.user.get("email"), editors_list())


def view_only(what: str) -> None:
    """The line that replaces a change a viewer may not make: `what` says the change ("upload files")."""
    st.info(f"View only: ask an editor of this workspace to {what}. You can look at everything and share links.",
            icon=":material/visibility:")
