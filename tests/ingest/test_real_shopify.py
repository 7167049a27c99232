"""The real (redacted) Shopify exports in ../shared/datasets/exports: every file loads, the marts hold exactly the
distinct orders with the stated totals (computed independently with the csv module), and loading everything a
second time changes no mart row."""
from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from tests.ingest import fixtures as F
from lib.ingest import ingest_files
from lib.workspace import Workspace

DATASETS = (Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets").resolve()

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def exports() -> list[Path]:
    files = sorted((DATASETS / "exports").glob("*/*.csv"))
    if not files:
        pytest.skip(f"{DATASETS} is absent (real exports are not part of the repository)")
    return files


def expected_orders(files: list[Path]) -> dict[str, tuple[str, Decimal]]:
    """Id -> (currency, Total) from the order rows (the rows carrying an Id); a later file wins, like a later load."""
    out: dict[str, tuple[str, Decimal]] = {}
    for f in files:
        with open(f, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                oid = (row.get("Id") or "").strip()
                if oid:
                    out[oid] = (row["Currency"].strip(), Decimal(row["Total"].strip()))
    return out


@pytest.fixture(scope="module")
def loaded(exports, tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("real") / "ws")
    reports = ingest_files(ws, exports, names=[f"{p.parent.name}/{p.name}" for p in exports])
    return ws, reports


def test_every_real_export_loads_without_quarantine(loaded, exports):
    ws, reports = loaded
    assert len(reports) == len(exports)
    for r in reports:
        assert r.status == "loaded" and r.format == "shopify_orders", r.message
        assert r.rows_quarantined == 0, (r.file_name, r.errors[:5])
    counts = []
    for f in exports:
        with open(f, encoding="utf-8-sig", newline="") as fh:
            counts.append(sum(1 for _ in csv.DictReader(fh)))  # records, multi-line Notes included
    assert [r.rows_loaded for r in reports] == counts


def test_orders_are_the_distinct_ids_with_their_totals_per_currency(loaded, exports):
    ws, _ = loaded
    want = expected_orders(exports)
    got = F.query(ws, "SELECT source_order_ref, order_id, currency, order_total_amount FROM fct_orders "
                      "WHERE channel = 'shopify'")
    assert sorted(r[1] for r in got) == sorted(f"shopify:{i}" for i in want)
    per_currency_want: dict[str, Decimal] = defaultdict(Decimal)
    for cur, total in want.values():
        per_currency_want[cur] += total
    per_currency_got = dict(F.query(ws, "SELECT currency, sum(order_total_amount) FROM fct_orders GROUP BY currency"))
    assert per_currency_got == dict(per_currency_want)  # Decimal, exact
    assert set(per_currency_got) == {"BDT", "GBP", "ZAR"}
    by_id = {r[1]: (r[2], r[3]) for r in got}
    assert all(by_id[f"shopify:{i}"] == v for i, v in want.items())
    # the reconciliation report agrees: no gap in any currency
    gaps = F.query(ws, "SELECT currency, source_orders, mart_orders, gap_amount FROM rpt_source_totals")
    assert all(r[1] == r[2] and r[3] == 0 for r in gaps), gaps


def test_loading_everything_again_changes_no_mart_row(loaded, exports, tmp_path):
    ws, _ = loaded
    before = F.marts_only(F.dump_snapshot(ws))
    version = ws.version()
    # 1) the same files: all duplicates, nothing published
    again = ingest_files(ws, exports)
    assert {r.status for r in again} == {"duplicate"}
    assert ws.version() == version
    # 2) the same exports re-saved (a UTF-8 BOM added, so new files by checksum): every row goes through the
    #    merge again, and the latest load of each order is identical to the previous one
    resaved = []
    for i, f in enumerate(exports):
        p = tmp_path / f"{i:02d}-{f.name}"
        p.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
        resaved.append(p)
    reports = ingest_files(ws, resaved)
    assert {r.status for r in reports} == {"loaded"}, [r.message for r in reports if r.status != "loaded"]
    after = F.marts_only(F.dump_snapshot(ws))
    assert F.diff_tables(before, after) == []
    assert ws.version() == version + 1  # one batch, one published snapshot
