"""Every hostile file gets a clear answer naming the file; nothing escapes; a refused file changes nothing."""
import pytest

from lib.ingest import ingest_files
from lib.workspace.settings import DEFAULTS
from lib.workspace import Workspace

from .corpus import build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    w = Workspace.open(tmp_path_factory.mktemp("hostile") / "ws")
    w.write_state("settings", {"limits": {"max_file_mb": 100}})
    w.initialise()
    return w


def _state(ws):
    con = ws.reader()
    try:
        return (ws.version(), con.execute("SELECT count(*), coalesce(sum(rows_loaded), 0) FROM load_log").fetchall()[0],
                con.execute("SELECT count(*) FROM fct_orders").fetchall()[0])
    finally:
        con.close()


def test_corpus_is_large_enough(corpus):
    assert len(corpus) >= 40
    assert len({c.key for c in corpus}) == len(corpus)


def test_every_hostile_file_gets_a_clear_answer(ws, corpus):
    failures = []
    for case in corpus:
        before = _state(ws)
        [report] = ingest_files(ws, [case.path], names=[case.upload_name])  # never raises
        shown = report.file_name
        if report.status not in case.expect:
            failures.append(f"{case.key}: {report.status} not in {set(case.expect)}: {report.message}")
            continue
        if shown not in report.message or "/" in shown or "\x00" in shown or "\n" in shown:
            failures.append(f"{case.key}: message does not name the file safely: {report.message!r}")
        if report.status == "refused":
            if _state(ws) != before:
                failures.append(f"{case.key}: refused but the workspace changed")
            if len(report.message) < 40:
                failures.append(f"{case.key}: message too terse: {report.message!r}")
        if report.status == "loaded":
            if report.rows_loaded < case.min_loaded:
                failures.append(f"{case.key}: loaded {report.rows_loaded} < {case.min_loaded}: {report.message}")
            cols = {e.column for e in report.errors}
            if not case.quarantined_columns <= cols:
                failures.append(f"{case.key}: quarantine lacks {set(case.quarantined_columns) - cols}: {report.errors[:3]}")
            for e in report.errors:
                if e.row < 2 or not e.reason:
                    failures.append(f"{case.key}: error without row/reason: {e}")
    assert not failures, "\n".join(failures)


def test_archive_never_uses_the_uploaded_name(ws, corpus):
    names = {p.name for p in ws.archive_dir.rglob("*") if p.is_file()}
    assert names and all(len(n.split(".")[0]) == 64 for n in names)
    assert not any("passwd" in str(p) for p in ws.root.rglob("*"))


def test_values_survive_as_text_and_marts_are_intact(ws):
    con = ws.reader()
    try:
        refs = {r[0] for r in con.execute("SELECT source_order_ref FROM fct_orders").fetchall()}
        assert "O'); DROP TABLE fct_orders;--" in refs
        assert '=HYPERLINK("http://x","y")' in refs
        prices = dict(con.execute("SELECT source_order_ref, unit_price_amount FROM fct_order_lines "
                                  "WHERE source_order_ref IS NULL").fetchall()) if False else None
        amounts = dict(con.execute("SELECT o.source_order_ref, l.unit_price_amount FROM fct_order_lines l "
                                   "JOIN fct_orders o USING (order_id) WHERE o.source_order_ref LIKE 'M_'").fetchall())
        assert amounts == {"M1": pytest.approx(1433.66), "M2": pytest.approx(95.0), "M3": pytest.approx(-12.5),
                           "M4": pytest.approx(7.5)}
        days = dict(con.execute("SELECT o.source_order_ref, o.ordered_at::VARCHAR FROM fct_orders o "
                                "WHERE source_order_ref LIKE 'D_' OR source_order_ref LIKE 'E_'").fetchall())
        assert days["D1"] == "2026-03-02 10:00:00" and days["D3"] == "2025-07-21 00:00:00"
        assert days["D4"] == "2017-12-01 00:38:23" and days["E1"] == "2025-12-25 00:00:00"
        assert days["E2"] == "2026-01-03 00:00:00"  # the column is day-first because 25/12 proves it
    finally:
        con.close()
