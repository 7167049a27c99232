"""The readers: note rows after the data are cut so DuckDB's reader keeps the file; the tolerant Python reader
inserts in chunks and keeps the row numbers of the file."""
from __future__ import annotations

import duckdb
import pytest

import lib.ingest.reader as R

HEADER = "Order Number,Buyer,Amount"


def _read(path, keep=None):
    sn = R.sniff(path)
    con = duckdb.connect()
    rr = R.read_into(con, path, sn, "t", keep=keep)
    cols = [r[0] for r in con.execute("SELECT column_name FROM (DESCRIBE t)").fetchall()]
    rows = con.execute(f"SELECT *, {rr.row_expr} FROM t ORDER BY {rr.row_expr}").fetchall()
    return rr, cols, rows


def test_trailer_rows_are_cut_and_duckdb_reads_the_rest(tmp_path):
    p = tmp_path / "ebay.csv"
    p.write_text(f"{HEADER}\n1,ann,5.00\n2,bob,6.00\n\n2 record(s) downloaded\nSeller ID : acme\n")
    assert R.trailer_start(p, 3, ",") == len(f"{HEADER}\n1,ann,5.00\n2,bob,6.00\n")
    rr, _, rows = _read(p)
    assert rr.path_used == "duckdb" and rr.rows == 2
    assert [(r[0], r[-1]) for r in rows] == [("1", 2), ("2", 3)]  # file row numbers (header is row 1)


@pytest.mark.parametrize("body", [
    "1,ann,5.00\n2,bob,6.00\n",                                # no notes
    '1,ann,5.00\n2,"bob\nsmith\njr",6.00\n',                   # the last value spans lines: never cut into
    "1,ann,5.00\n2,bob,\"6\n00\"\n",
])
def test_files_without_notes_are_not_cut(tmp_path, body):
    p = tmp_path / "f.csv"
    p.write_text(f"{HEADER}\n{body}")
    assert R.trailer_start(p, 3, ",") is None


def test_a_one_column_file_is_never_all_notes(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("sku\nA\nB\n")
    assert R.trailer_start(p, 1, ",") is None


def test_python_reader_inserts_in_chunks_keeping_row_numbers_and_only_wanted_columns(tmp_path, monkeypatch):
    monkeypatch.setattr(R, "PYTHON_CHUNK_ROWS", 2)
    p = tmp_path / "shifted.csv"
    # row 4 has an extra field: DuckDB's reader refuses the file, the Python reader quarantines that row
    p.write_text(f"{HEADER}\n1,ann,5.00\n2,bob,6.00\n3,cy,7.00,oops\n4,di,8.00\n5,ed,9.00\n")
    rr, cols, rows = _read(p, keep=[0, 2])
    assert rr.path_used == "python" and rr.rows == 4
    assert cols == ["c0", "c2", "_row"]
    assert [(r[0], r[1], r[-1]) for r in rows] == [("1", "5.00", 2), ("2", "6.00", 3), ("4", "8.00", 5), ("5", "9.00", 6)]
    assert [b[0] for b in rr.bad_shape] == [4]
