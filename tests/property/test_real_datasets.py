"""Every page survives each real dataset of ../shared/datasets loaded alone into a fresh workspace (issue #24):
the files of one dataset folder in one upload, as a new user would drop them; files Opsdesk refuses stay out, as
they would on Upload.  Skipped when ../shared/datasets is absent.  Every file alone: OPSDESK_SLOW=1."""
from __future__ import annotations

import pytest

from test_subsets import SLOW, needs_slow, page_nouns, walk

import appdriver

pytestmark = pytest.mark.shared
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls")


def dataset_folders(root) -> list:
    """Folders holding data files (the exports folder holds one folder per store)."""
    return sorted({p.parent for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES})


def check_loaded_alone(files, root, monkeypatch, where: str) -> int:
    """Load `files` in one upload into a fresh workspace at `root`, walk every page; returns the files loaded."""
    from lib.ingest import ingest_files
    from lib.workspace import Workspace
    ws = Workspace.open(root)
    ws.write_state("seeded", {"files": []})
    reports = ingest_files(ws, files, loaded_by="test")
    ws.initialise()
    monkeypatch.setenv("OPSDESK_WORKSPACE", str(root))
    problems = walk(appdriver.open_app({"period": "all time"}, timeout=120), page_nouns(), where)
    assert not problems, "\n".join(problems)
    return sum(r.ok for r in reports)


def test_each_real_dataset_alone(shared_datasets, tmp_path, monkeypatch):
    loaded = {}
    for i, folder in enumerate(dataset_folders(shared_datasets)):
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        name = str(folder.relative_to(shared_datasets))
        loaded[name] = check_loaded_alone(files, tmp_path / f"ws{i}", monkeypatch, name)
    assert any(loaded.values()), f"no real dataset file was loaded: {loaded}"


@pytest.mark.slow
@needs_slow
def test_each_real_file_alone(shared_datasets, tmp_path, monkeypatch):
    assert SLOW
    files = sorted(p for p in shared_datasets.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    for i, path in enumerate(files):
        check_loaded_alone([path], tmp_path / f"ws{i}", monkeypatch, str(path.relative_to(shared_datasets)))
