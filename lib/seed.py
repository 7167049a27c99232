"""Seeding a new workspace with the sample business from `sample_data/` (through the normal ingest path)."""
from __future__ import annotations

from pathlib import Path

from .workspace import REPO

SAMPLE_DIR = REPO / "sample_data"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE_DIR.iterdir() if p.suffix in (".csv", ".txt", ".tsv", ".xlsx") and p.is_file())


def seed_workspace(ws, force: bool = False, progress=None) -> str:
    """Load the sample files if the workspace has never loaded anything; returns a one-line summary."""
    from .ingest import ingest_files
    if force:
        ws.reset()
    if ws.read_state("seeded") is not None or _has_loads(ws):
        return "workspace already has data; nothing loaded"
    reports = ingest_files(ws, sample_files(), loaded_by="sample", progress=progress)
    ws.write_state("seeded", {"files": [r.file_name for r in reports]})
    bad = [r.message for r in reports if not r.ok]
    if bad:
        return "sample loaded with problems: " + " | ".join(bad)
    return f"sample business loaded: {len(reports)} files, {sum(r.rows_loaded for r in reports):,} rows"


def _has_loads(ws) -> bool:
    if ws.snapshot_path() is None:
        return False
    con = ws.reader()
    try:
        return con.execute("SELECT count(*) FROM load_log").fetchall()[0][0] > 0
    finally:
        con.close()
