"""The workspace: one DuckDB file, the archive of loaded files, and published read-only snapshots.

Concurrency model (see README "Workspace and concurrency"):

* **Writers** (an upload in the app, `python -m lib ingest`, a settings change) take an OS file lock
  (`.write.lock`, `fcntl.flock`), open `opsdesk.duckdb` read-write, do their work in one transaction, rebuild the
  marts, and **publish** a snapshot: the marts copied into a new immutable DuckDB file
  `snapshots/v000042.duckdb`, made current by an atomic rename of the `CURRENT` pointer.  The lock serialises
  writers across processes; the database file is never held open between writes.
* **Readers** (pages, notebooks, `python -m lib sql`, exports) open the current snapshot read-only.  DuckDB lets
  any number of processes share a read-only file that no one writes, so the app, a notebook and the CLI never
  meet a lock error, and a reader always sees the data as of the last completed load.

This differs from ARCHITECTURE.md's "the app owns the database" in one respect: no process owns it, so writers
in the CLI do not need to hand files to the app, and readers in notebooks need no Parquet layer.
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

REPO = Path(__file__).resolve().parent.parent
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
                    from .warehouse import ensure_schema
                    ensure_schema(con)
                    yield con
                finally:
                    con.close()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def publish(self, con) -> int:
        """Copy the marts into a new snapshot file and make it current. Caller holds the writer lock."""
        from .warehouse import published_tables
        version = self.version() + 1
        final = self.snapshot_file(version)
        tmp = final.with_suffix(".tmp")
        for p in (tmp, Path(str(tmp) + ".wal")):
            if p.exists():
                p.unlink()
        con.execute("ATTACH $p AS snap", {"p": str(tmp)})
        try:
            for t in published_tables(con):
                con.execute(f"CREATE TABLE snap.{t} AS SELECT * FROM main.{t}")
            con.execute("CREATE TABLE snap.snapshot_info AS SELECT $v::INTEGER AS version, now()::TIMESTAMP AS published_at",
                        {"v": version})
        finally:
            con.execute("DETACH snap")
        os.replace(tmp, final)
        ptr_tmp = self.root / "CURRENT.tmp"
        ptr_tmp.write_text(final.name)
        os.replace(ptr_tmp, self.pointer)
        self._gc(version)
        return version

    def _gc(self, version: int) -> None:
        for p in self.snapshot_dir.glob("v*.duckdb"):
            try:
                v = int(p.stem[1:])
            except ValueError:
                continue
            if v <= version - SNAPSHOT_KEEP:
                with contextlib.suppress(OSError):
                    p.unlink()

    # ------------------------------------------------------------------ reading

    def version(self) -> int:
        """Version of the current snapshot (0 when nothing was published yet)."""
        try:
            name = self.pointer.read_text().strip()
            return int(name[1:].split(".")[0])
        except (FileNotFoundError, ValueError):
            return 0

    def snapshot_file(self, version: int) -> Path:
        return self.snapshot_dir / f"v{version:06d}.duckdb"

    def snapshot_path(self) -> Path | None:
        try:
            p = self.snapshot_dir / self.pointer.read_text().strip()
        except FileNotFoundError:
            return None
        return p if p.exists() else None

    def reader(self, version: int | None = None) -> duckdb.DuckDBPyConnection:
        """Read-only connection to the current snapshot (publishing an empty one first if there is none), or to
        snapshot `version` exactly: a caller that read `version()` and then opens the snapshot must not get a newer
        one published in between under the older number (SnapshotGone when that version was removed)."""
        if version:  # 0 = nothing published yet: the current path below publishes an empty snapshot
            p = self.snapshot_file(version)
            try:
                return duckdb.connect(str(p), read_only=True)
            except duckdb.IOException:
                if p.exists():
                    raise
                raise SnapshotGone(f"snapshot v{version} is no longer kept") from None
        for _ in range(5):
            p = self.snapshot_path()
            if p is None:
                self.initialise()
                continue
            try:
                return duckdb.connect(str(p), read_only=True)
            except duckdb.IOException:  # removed by GC between pointer read and open: read the pointer again
                time.sleep(0.05)
        raise RuntimeError("could not open the workspace snapshot")

    def initialise(self) -> None:
        """Create the database and publish a first (possibly empty) snapshot."""
        with self.writer() as con:
            if self.snapshot_path() is None:
                from .warehouse import build
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
