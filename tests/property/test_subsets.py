"""Every page survives whatever the operator has loaded (issue #24): subsets of the sample business's exports, each
in a fresh workspace, then every page of the app (and so every tab: Streamlit runs every tab's body) in AppTest with
no exception, no missing value printed as "nan" / "<NA>" / "None" and no chart without data that says nothing.

The shapes a new user produces: each export alone, one export of each pair of kinds (orders + returns, shipments +
costs, …), random larger subsets, and the same files uploaded one at a time in different orders (which must also
give the same marts).  Subsets are drawn with a fixed seed.  The CI sample: 31 fresh workspaces (18 single files,
8 pairs of kinds, 3 random larger subsets, one subset in 2 upload orders) × 14 pages, about 3 minutes on the shared
2-core machine.  The exhaustive version (every file alone, one file of every pair of kinds, every pair of files,
30 random subsets, each with the default period and with all time; 3 subsets in 3 orders: 567 workspaces) runs with
`OPSDESK_SLOW=1 pytest -m slow tests/property`: about 45 minutes there (every pair of files 7.5 min per period,
pairs of kinds 2–9 min, 30 random subsets 5–9 min, single files under 1 min, orders 3 min; the spread is the load).
"""
from __future__ import annotations

import itertools
import os
import random
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))  # tests/ui: the AppTest driver
import appdriver  # noqa: E402

SEED = 24
SLOW = os.environ.get("OPSDESK_SLOW") == "1"
needs_slow = pytest.mark.skipif(not SLOW, reason="exhaustive version: set OPSDESK_SLOW=1")
NA_TEXT = re.compile(r"(?<![\w<])(nan|NaN|<NA>|NaT|None)(?![\w>])")


def _sample_files() -> list[Path]:
    from lib.workspace.seed import sample_files
    return sample_files()


def _kind(path: Path) -> str:
    """The entity a file fills (orders, shipments, returns, inventory, …), from its detected format."""
    from lib.ingest import detect
    match = detect(path).match
    return match.spec.entity if match else "unknown"


def kinds() -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    for p in _sample_files():
        out.setdefault(_kind(p), []).append(p)
    return out


def page_nouns() -> list[str]:
    import app
    return [noun for items in app.SECTIONS.values() for noun, *_ in items]


# ---------------------------------------------------------------- building a workspace and walking the app


def load(root: Path, batches: list[list[Path]]):
    """A fresh workspace at `root` with these batches of files loaded, one upload (ingest_files call) per batch."""
    from lib.ingest import ingest_files
    from lib.workspace import Workspace
    ws = Workspace.open(root)
    ws.write_state("seeded", {"files": []})  # the app must not add the sample business
    for batch in batches:
        reports = ingest_files(ws, batch, loaded_by="test")
        assert all(r.ok for r in reports), [r.message for r in reports if not r.ok]
    ws.initialise()
    return ws


def shown_text(at) -> list[str]:
    """The words a user reads: metric values, markdown, captions, notices, headings, expander labels."""
    out = [m.value for m in at.metric]
    for kind in ("markdown", "caption", "info", "warning", "success", "error", "subheader", "header", "title"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [e.label for e in at.expander]
    return out


def chart_rows(chart) -> int:
    """Rows of data behind an Altair chart as Streamlit ships it (its datasets, Arrow IPC streams)."""
    import pyarrow as pa
    return sum(pa.ipc.open_stream(d.data.data).read_all().num_rows for d in chart.proto.datasets)


def walk(at, nouns, where: str) -> list[str]:
    """Every page in turn; returns the problems found: an exception, a missing value printed as text, or a chart
    with no data that says nothing (lib.viz.says_when_empty gives an empty chart its sentence)."""
    problems = []
    for noun in nouns:
        appdriver.goto(at, noun)
        if at.exception:
            problems.append(f"{where} · {noun}: {at.exception[0].message}")
            continue
        leaked = [t for t in shown_text(at) if NA_TEXT.search(t)]
        if leaked:
            problems.append(f"{where} · {noun}: missing value shown as text: {leaked[0][:160]!r}")
        blank = [c for c in at.get("vega_lite_chart") if chart_rows(c) == 0]
        if blank:
            problems.append(f"{where} · {noun}: {len(blank)} empty chart(s) without a word: {blank[0].proto.spec[:160]}")
    return problems


def check_subsets(subsets: dict[str, list[list[Path]]], tmp_path: Path, monkeypatch, query=None) -> None:
    """Load each subset into its own fresh workspace, then walk every page; all problems reported together."""
    nouns, problems = page_nouns(), []
    for i, (name, batches) in enumerate(subsets.items()):
        root = tmp_path / f"ws{i}"
        load(root, batches)
        monkeypatch.setenv("OPSDESK_WORKSPACE", str(root))
        at = appdriver.open_app(query, timeout=120)
        problems += walk(at, nouns, name)
    assert not problems, "\n".join(problems)


def _name(files) -> str:
    return "+".join(p.stem for p in files)


# ---------------------------------------------------------------- the subsets


def singles() -> dict[str, list[list[Path]]]:
    return {_name([p]): [[p]] for p in _sample_files()}


def pairs_of_kinds(rng: random.Random, how_many: int | None) -> dict[str, list[list[Path]]]:
    """One file of each kind for `how_many` pairs of kinds (all pairs when None), in one upload."""
    by_kind = kinds()
    pairs = list(itertools.combinations(sorted(by_kind), 2))
    if how_many is not None:
        pairs = rng.sample(pairs, min(how_many, len(pairs)))
    out = {}
    for a, b in pairs:
        files = [rng.choice(by_kind[a]), rng.choice(by_kind[b])]
        out[_name(files)] = [files]
    return out


def all_pairs() -> dict[str, list[list[Path]]]:
    return {_name(pair): [list(pair)] for pair in itertools.combinations(_sample_files(), 2)}


def random_subsets(rng: random.Random, how_many: int) -> dict[str, list[list[Path]]]:
    files, out = _sample_files(), {}
    for _ in range(how_many):
        subset = rng.sample(files, rng.randint(3, len(files) - 1))
        out[f"{len(subset)} files: {_name(subset)}"] = [subset]
    return out


def orders_of(rng: random.Random, how_many: int) -> list[list[Path]]:
    """A random subset with orders and shipments in it, in `how_many` different upload orders (one file per upload)."""
    files = _sample_files()
    subset = rng.sample(files, rng.randint(2, 5))
    for must in ("shopify_orders_export", "opsdesk_shipments", "opsdesk_returns"):
        subset += [p for p in files if p.stem == must and p not in subset]
    orders = [subset]
    while len(orders) < how_many:
        orders.append(rng.sample(subset, len(subset)))
    return orders


# Columns the marts fill with any_value() over values that differ between an order's lines (a Walmart order with
# one line cancelled and one delivered): which one wins is arbitrary, run to run. Reported to the lead (lib/warehouse
# is theirs); left out of the comparison until fct_orders picks one by a rule.
ARBITRARY = {"fct_orders": ("financial_status", "fulfillment_status")}


def mart_contents(ws) -> dict[str, list]:
    """Every mart's rows (sorted, load ids and load times left out, floats to 6 decimals: DOUBLE sums of the same
    lines in another physical order differ in the last digit), to compare workspaces built in other orders."""
    con = ws.reader()
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'fct_%' OR table_name LIKE 'dim_%' "
            "OR table_name LIKE 'rpt_%' ORDER BY 1").fetchall()]
        out = {}
        for t in tables:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [t]).fetchall() if not (r[0].startswith("_") or "load" in r[0] or r[0] in ARBITRARY.get(t, ()))]
            rows = con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM {t}').fetchall()
            out[t] = sorted((tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in rows), key=repr)
        return out
    finally:
        con.close()


def check_orders(orders: list[list[Path]], tmp_path: Path, monkeypatch) -> None:
    """Each order, one file per upload, into a fresh workspace: the same marts every time, and every page clean."""
    first, nouns, problems = None, page_nouns(), []
    for i, order in enumerate(orders):
        ws = load(tmp_path / f"order{i}", [[p] for p in order])
        marts = mart_contents(ws)
        if first is None:
            first = marts
        else:
            differ = [t for t in first if first[t] != marts.get(t)]
            assert not differ, f"upload order {[p.stem for p in order]} gives other rows in {differ}"
        monkeypatch.setenv("OPSDESK_WORKSPACE", str(ws.root))
        problems += walk(appdriver.open_app(timeout=120), nouns, f"order {i}: {_name(order)}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- CI sample (fixed seed) and the exhaustive version


@pytest.fixture(autouse=True)
def _needs_sample():
    if not _sample_files():
        pytest.skip("sample_data/ is empty: run `make sample`")


def test_each_export_alone(tmp_path, monkeypatch):
    """18 subsets: every sample export alone, as a new user's first upload."""
    check_subsets(singles(), tmp_path, monkeypatch)


def test_pairs_of_kinds_and_larger_subsets(tmp_path, monkeypatch):
    """A fixed-seed sample: 8 pairs of kinds, 3 random larger subsets (the period: all time)."""
    rng = random.Random(SEED)
    check_subsets({**pairs_of_kinds(rng, 8), **random_subsets(rng, 3)}, tmp_path, monkeypatch, {"period": "all time"})


def test_upload_order_changes_nothing(tmp_path, monkeypatch):
    """The same files uploaded one at a time in two orders: equal marts, every page clean both times."""
    check_orders(orders_of(random.Random(SEED), 2), tmp_path, monkeypatch)


@pytest.mark.slow
@needs_slow
@pytest.mark.parametrize("query", [None, {"period": "all time"}], ids=["default_period", "all_time"])
@pytest.mark.parametrize("part", ["singles", "pairs_of_kinds", "pairs_of_files", "random"])
def test_exhaustive(part, query, tmp_path, monkeypatch):
    """Every file alone (18), one file of every pair of kinds (78), every pair of files (153), 30 random subsets of
    3–17 files; each with the default period and with all time."""
    rng = random.Random(SEED)
    subsets = {"singles": singles, "pairs_of_kinds": lambda: pairs_of_kinds(rng, None), "pairs_of_files": all_pairs,
               "random": lambda: random_subsets(rng, 30)}[part]()
    check_subsets(subsets, tmp_path, monkeypatch, query)


@pytest.mark.slow
@needs_slow
def test_exhaustive_orders(tmp_path, monkeypatch):
    """Three random subsets, each uploaded one file at a time in three orders."""
    for i in range(3):
        check_orders(orders_of(random.Random(SEED + i), 3), tmp_path / str(i), monkeypatch)
