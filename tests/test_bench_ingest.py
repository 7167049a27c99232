"""bench/ingest.py runs end to end on a small export: its child processes patch lib functions to time the stages,
so a changed signature there (Workspace.publish gained keyword arguments) broke the benchmark silently until it was
next run (session 10)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_ingest_benchmark_runs_and_reports_its_ratios(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "bench" / "ingest.py"), "--orders", "1500", "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=600, cwd=REPO)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    out = run.stdout
    assert "child failed" not in out
    for line in ("bare DuckDB read_csv", "Opsdesk ingest (detect..publish)", "marts build", "publish snapshot",
                 "Opsdesk ÷ bare DuckDB read_csv", "pandas ÷ Opsdesk (reference, no target)"):
        assert line in out, line
    assert "target ≥ 5" not in out
