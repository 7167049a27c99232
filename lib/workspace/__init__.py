"""The workspace: one DuckDB file, the archive of loaded files, and published read-only snapshots.

Concurrency model (see README "Workspace and concurrency"):

* **Writers** (an upload in the app, `python -m lib ingest`, a settings change) take an OS file lock
  (`.write.lock`, `fcntl.flock`), open `opsdesk.duckdb` read-write, do their work in one transaction, rebuild the
  marts that the write touched, and **publish** a snapshot: a manifest `snapshots/v000042.json` listing immutable
  parts (DuckDB files) of every published table (only the parts whose rows changed are written: `lib.warehouse.publish`),
  made current by an atomic rename of the `CURRENT` pointer.  The lock serialises writers across processes; the
  database file is never held open between writes.
* **Readers** (pages, notebooks, `python -m lib sql`, exports) open an in-memory DuckDB that attaches the current
  snapshot's parts read-only, with one view per table.  Parts are never modified and are removed only when no kept snapshot lists
  them, so the app, a notebook and the CLI never meet a lock error, and a reader always sees the data as of the
  last completed load.

This differs from ARCHITECTURE.md's "the app owns the database" in one respect: no process owns it, so writers
in the CLI do not need to hand files to the app.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
SNAPSHOT_KEEP = 4  # older snapshots are removed once newer ones exist (readers reopen the current one)


def default_root() -> Path:
    return Path(os.environ.get("OPSDESK_WORKSPACE") or REPO / "workspace")


class WorkspaceBusy(Exception):
    """Another writer held the workspace longer than we were willing to wait."""


class WorkspaceMissing(FileNotFoundError):
    """A read-only command was pointed at a folder that holds no workspace."""


class SnapshotGone(FileNotFoundError):
    """The snapshot version asked for has been removed (more than SNAPSHOT_KEEP newer ones were published)."""


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def open(cls, root: str | Path | None = None) -> "Workspace":
        ws = cls(Path(root) if root else default_root())
        for d in (ws.root, ws.archive_dir, ws.snapshot_dir, ws.state_dir):
            d.mkdir(parents=True, exist_ok=True)
        return ws

    @classmethod
    def existing(cls, root: str | Path | None = None) -> "Workspace":
        """The workspace at `root` for a read-only command: it must exist already (nothing is created)."""
        path = Path(root) if root else default_root()
        if not (path / "opsdesk.duckdb").is_file():
            what = "does not exist" if not path.exists() else "is not an Opsdesk workspace (no opsdesk.duckdb in it)"
            raise WorkspaceMissing(f"{path} {what}. Give the folder of an existing workspace with --workspace, or load "
                                   "files into a new one first: python -m lib ingest --workspace FOLDER FILE…")
        return cls(path)

    @property
    def db_path(self) -> Path:
        return self.root / "opsdesk.duckdb"

    @property
    def archive_dir(self) -> Path:
        return self.root / "archive"

    @property
    def snapshot_dir(self) -> Path:
        return self.root / "snapshots"

    @property
    def state_dir(self) -> Path:
        return self.root / "state"

    @property
    def pointer(self) -> Path:
        return self.root / "CURRENT"

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def writer(self, timeout: float = 600.0):
        """Exclusive read-write connection; blocks (up to `timeout` s) while another process writes."""
        lock_path = self.root / ".write.lock"
        with open(lock_path, "a+") as lock:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise WorkspaceBusy("another load is still running on this workspace; try again in a minute")
                    time.sleep(0.1)
            try:
                con = duckdb.connect(str(self.db_path))
                try:
                    # every writer (load, rebuild, removal) spills past the configured limit instead of growing
                    # towards DuckDB's default of 80 % of RAM; temp files go next to the database
                    mb = int(self.settings()["limits"]["memory_limit_mb"])
                    con.execute(f"SET memory_limit = '{max(mb, 128)}MB'")
                    from ..warehouse import ensure_schema
                    ensure_schema(con)
                    yield con
                finally:
                    con.close()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def publish(self, con, changed: set[str] | None = None, parts_changed: dict[str, set[str]] | None = None) -> int:
        """Publish the marts as a new snapshot and make it current (caller holds the writer lock): a manifest of
        parts, writing only the parts whose rows changed (`lib.warehouse.publish`). `changed`: the tables this
        write rebuilt or wrote (None: look at every table); `parts_changed`: for tables a build changed by key, the only
        parts (years) whose rows may differ."""
        from ..warehouse import published_tables
        from ..warehouse import publish as parts
        version = self.version() + 1
        previous = self._manifest(self.version())
        tables, written, looked_at = {}, [], []
        for t in published_tables(con):
            old = previous["tables"].get(t) if previous else None
            if old and changed is not None and t not in changed and all((self.snapshot_dir / p).exists() for p in old):
                tables[t] = old
            else:
                only = (parts_changed or {}).get(t) if changed is not None else None
                if only is not None and not (old and all((self.snapshot_dir / p).exists() for p in old)):
                    only = None
                tables[t], new = parts.write_table(con, self.snapshot_dir, t, old if only is not None else None, only)
                written += new
                looked_at.append(t)
        published_at = con.execute("SELECT strftime(now()::TIMESTAMP, '%Y-%m-%d %H:%M:%S.%f')").fetchone()[0]
        final = parts.write_manifest(self.snapshot_dir, version, published_at, tables)
        ptr_tmp = self.root / "CURRENT.tmp"
        ptr_tmp.write_text(final.name)
        os.replace(ptr_tmp, self.pointer)
        self._gc(version)
        self.write_state("last_publish", {
            "version": version, "tables_compared": looked_at, "parts_written": len(written),
            "mb_written": round(sum((self.snapshot_dir / p).stat().st_size for p in written) / 1e6, 3),
            "parts_listed": sum(len(v) for v in tables.values())})
        return version

    def _manifest(self, version: int) -> dict | None:
        from ..warehouse import publish as parts
        if not version:
            return None
        try:
            return parts.read_manifest(self.snapshot_file(version))
        except FileNotFoundError:
            return None

    def _gc(self, version: int) -> None:
        """Keep the last SNAPSHOT_KEEP snapshots and the parts they list; remove the rest (and the whole-file
        snapshots of earlier versions of Opsdesk)."""
        from ..warehouse import publish as parts
        kept = []
        for p in list(self.snapshot_dir.glob("v*.json")) + list(self.snapshot_dir.glob("v*.duckdb")):
            try:
                v = int(p.stem[1:])
            except ValueError:
                continue
            if v <= version - SNAPSHOT_KEEP or p.suffix == ".duckdb":
                with contextlib.suppress(OSError):
                    p.unlink()
            else:
                kept.append(p)
        parts.gc(self.snapshot_dir, kept)

    # ------------------------------------------------------------------ reading

    def version(self) -> int:
        """Version of the current snapshot (0 when nothing was published yet)."""
        try:
            name = self.pointer.read_text().strip()
        except FileNotFoundError:
            return 0
        if not name.endswith(".json"):  # a whole-file snapshot of an earlier Opsdesk: republished on first use
            return 0
        try:
            return int(name[1:].split(".")[0])
        except ValueError:
            return 0

    def snapshot_file(self, version: int) -> Path:
        """The manifest of snapshot `version`."""
        return self.snapshot_dir / f"v{version:06d}.json"

    def snapshot_path(self) -> Path | None:
        """The current snapshot's manifest (None when nothing was published yet)."""
        v = self.version()
        p = self.snapshot_file(v) if v else None
        return p if p is not None and p.exists() else None

    def attach(self, con, version: int | None = None) -> int:
        """Create the views of snapshot `version` (default: the current one) in `con`, an in-memory DuckDB; returns
        the version. SnapshotGone when that version, or one of its parts, was removed."""
        from ..warehouse import publish as parts
        for _ in range(5):
            v = version or self.version()
            if not v:
                self.initialise()
                continue
            try:
                manifest = parts.read_manifest(self.snapshot_file(v))
                parts.attach(con, self.snapshot_dir, manifest)
                return v
            except (FileNotFoundError, duckdb.IOException):
                if version:
                    raise SnapshotGone(f"snapshot v{version} is no longer kept") from None
                time.sleep(0.05)  # removed between reading the pointer and opening it: read the pointer again
        raise RuntimeError("could not open the workspace snapshot")

    def reader(self, version: int | None = None) -> duckdb.DuckDBPyConnection:
        """A connection to the current snapshot (publishing an empty one first if there is none), or to snapshot
        `version` exactly: a caller that read `version()` and then opens the snapshot must not get a newer one
        published in between under the older number (SnapshotGone when that version was removed)."""
        con = duckdb.connect(":memory:")
        try:
            self.attach(con, version)
        except BaseException:
            con.close()
            raise
        return con

    def initialise(self) -> None:
        """Create the database and publish a first (possibly empty) snapshot."""
        with self.writer() as con:
            if self.snapshot_path() is None:
                from ..warehouse import build
                build(con, self.settings())
                self.publish(con)

    def is_empty(self) -> bool:
        return self.snapshot_path() is None

    # ------------------------------------------------------------------ small JSON state (settings, pins, …)

    def read_state(self, name: str, default=None):
        p = self.state_dir / f"{name}.json"
        try:
            return json.loads(p.read_text())
        except FileNotFoundError:
            return default

    def write_state(self, name: str, value) -> None:
        p = self.state_dir / f"{name}.json"
        # a temporary file of this writer's own: two sessions (or processes) saving the same state at once must not
        # write into one file and rename it from under each other (FileNotFoundError, or a torn JSON file)
        tmp = p.with_name(f".{p.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(value, indent=1, sort_keys=True, default=str))
        os.replace(tmp, p)

    def settings(self) -> dict:
        from .settings import load_settings
        return load_settings(self)

    def reset(self) -> None:
        """Delete everything in the workspace (used by tests and `make sample`)."""
        if self.root.exists():
            shutil.rmtree(self.root)
        Workspace.open(self.root)
