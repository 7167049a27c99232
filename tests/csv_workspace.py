"""Hand-computed fixtures: template/export CSV texts loaded through the real ingest into a fresh workspace."""
from __future__ import annotations

from pathlib import Path

from lib.ingest import ingest_files
from lib.workspace import Workspace


def load_csv_workspace(root: Path, files) -> Workspace:
    """Write each (file name, CSV text) under `root`, ingest them all into `root/ws`, and insist every row loaded."""
    ws = Workspace.open(root / "ws")
    paths = []
    for name, text in files:
        p = root / name
        p.write_text(text)
        paths.append(p)
    reports = ingest_files(ws, paths)
    assert all(r.status == "loaded" and r.rows_quarantined == 0 for r in reports), [r.message for r in reports]
    return ws
