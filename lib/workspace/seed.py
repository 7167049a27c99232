"""Seeding a new workspace with the sample business (through the normal ingest path).

Two scales. The committed `sample_data/` is the small business (6,000 orders over two years, ~60 a week): tests
build their workspaces from it, and it stays small so that the repository and CI stay light. The run path
(`python -m lib seed`, called by `make run`, and the app's own first run) loads the business at a realistic scale
instead, about 1,500 orders a week over the same two years (`lib.sample.REALISTIC_ORDERS_PER_WEEK`), generated
deterministically (fixed seed) into a temporary folder and ingested from there; the workspace's archive keeps the
files, as it does for every upload. Same planted stories at both scales (tests/scale). The run path's business also
sells on a WooCommerce store and an Etsy shop (`lib.sample.generate(more_channels=True)`); the committed sample keeps
its four channels, because most tests assert its figures (see lib/sample/).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from . import REPO

SAMPLE_DIR = REPO / "sample_data"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE_DIR.iterdir() if p.suffix in (".csv", ".txt", ".tsv", ".xlsx") and p.is_file())


def seed_workspace(ws, force: bool = False, progress=None, orders_per_week: float | None = None,
                   seed: int = 7) -> str:
    """Load the sample business if the workspace has never loaded anything; returns a one-line summary.

    `orders_per_week` None loads the committed small sample (`sample_data/`); a number generates the business at
    that average weekly volume (`lib.sample.generate`, with `seed`), selling also on its WooCommerce store and Etsy
    shop (`more_channels`), and loads it."""
    if force:
        ws.reset()
    if ws.read_state("seeded") is not None or _has_loads(ws):
        return "workspace already has data; nothing loaded"
    if orders_per_week is None:
        return _load(ws, sample_files(), progress, {})
    from ..sample import generate, orders_for
    with tempfile.TemporaryDirectory(prefix="opsdesk-sample-") as tmp:
        files = generate(tmp, orders_per_week=orders_per_week, seed=seed, more_channels=True)
        return _load(ws, files, progress, {"orders": orders_for(orders_per_week), "seed": seed})


def _load(ws, files: list[Path], progress, scale: dict) -> str:
    from ..ingest import ingest_files
    reports = ingest_files(ws, files, loaded_by="sample", progress=progress)
    ws.write_state("seeded", {"files": [r.file_name for r in reports], **scale})
    bad = [r.message for r in reports if not r.ok]
    if bad:
        return "sample loaded with problems: " + " | ".join(bad)
    size = f", {scale['orders']:,} orders" if scale else ""
    return f"sample business loaded: {len(reports)} files{size}, {sum(r.rows_loaded for r in reports):,} rows"


def _has_loads(ws) -> bool:
    if ws.snapshot_path() is None:
        return False
    con = ws.reader()
    try:
        return con.execute("SELECT count(*) FROM load_log").fetchall()[0][0] > 0
    finally:
        con.close()
