"""Light snapshots: the published tables as immutable Parquet parts that a snapshot's manifest lists.

Publishing used to copy every mart into a new DuckDB file (1.6 GB a snapshot at 10M order lines, whatever the load
changed). Now each published table is stored as Parquet *parts*, and a snapshot is a small JSON manifest naming the
parts of each table:

* the large facts are split by month of a date column (`PARTITIONS`), the other tables are one part each;
* a part's file name carries a fingerprint of its content (schema, row count and the sum of its rows' hashes), so
  a part is written once and reused by every later snapshot whose rows for that month are the same: a daily load
  writes the months it changed, not the whole history;
* only the tables the build rebuilt (and the load log) are fingerprinted again: the others keep their parts;
* parts are never modified; one is deleted only when no kept snapshot lists it (`gc`).

A reader opens an in-memory DuckDB and creates one view per table over its parts (`attach`): every query of a page
run sees exactly one snapshot, and any number of processes read while a writer publishes the next one.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

# table → the date column whose month splits it into parts (the tables that grow with the order history)
PARTITIONS = {
    "fct_order_lines": "order_date", "fct_orders": "order_date", "fct_shipments": "shipped_at",
    "fct_returns": "ordered_at", "fct_inventory_daily": "day",
}
PARTS = "parts"
NO_DATE = "none"


def literal(text: str) -> str:
    """A string as an SQL literal (file paths: a workspace folder may hold a quote)."""
    return "'" + str(text).replace("'", "''") + "'"


def _files(paths) -> str:
    return "[" + ", ".join(literal(p) for p in paths) + "]"


def _month(col: str) -> str:
    return f"coalesce(strftime({col}::DATE, '%Y-%m'), '{NO_DATE}')"


def _schema(con, table: str) -> str:
    rows = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
                       "AND table_name = $t ORDER BY ordinal_position", {"t": table}).fetchall()
    return ",".join(f"{n} {t}" for n, t in rows)


def fingerprints(con, table: str) -> dict[str, str]:
    """part name → fingerprint of its rows (a table with no rows has one empty part, for its schema)."""
    col = PARTITIONS.get(table)
    key = _month(col) if col else "'all'"
    schema = _schema(con, table)
    rows = con.execute(f"SELECT {key} AS part, count(*) AS n, sum(hash(t)::HUGEINT)::VARCHAR AS h FROM {table} AS t "
                       "GROUP BY ALL ORDER BY part").fetchall()
    if not rows:
        return {"empty": hashlib.sha256(f"{schema}|empty".encode()).hexdigest()[:20]}
    return {p: hashlib.sha256(f"{schema}|{n}|{h}".encode()).hexdigest()[:20] for p, n, h in rows}


def write_table(con, root: Path, table: str) -> tuple[list[str], list[str]]:
    """The parts of `table` as it is now (paths relative to the snapshot folder), and those of them written now (the
    others an earlier snapshot already holds)."""
    fps = fingerprints(con, table)
    folder = root / PARTS / table
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {p: f"{PARTS}/{table}/{p}-{fp}.parquet" for p, fp in fps.items()}
    missing = [p for p, rel in wanted.items() if not (root / rel).exists()]
    col = PARTITIONS.get(table)
    if missing == ["empty"] or (missing and not col):
        _copy(con, f"SELECT * FROM {table}" + (" LIMIT 0" if missing == ["empty"] else ""), root / wanted[missing[0]])
    elif missing:
        # one pass over the table for every changed month: DuckDB writes a file per partition into a scratch folder
        scratch = folder / f".tmp-{uuid.uuid4().hex}"
        con.execute(f"COPY (SELECT *, {_month(col)} AS _part FROM {table} WHERE {_month(col)} IN "
                    f"(SELECT unnest($parts::VARCHAR[]))) TO {literal(scratch)} (FORMAT parquet, PARTITION_BY (_part))",
                    {"parts": missing})
        try:
            for p in missing:
                files = sorted((scratch / f"_part={p}").glob("*.parquet"))
                if len(files) == 1:
                    os.replace(files[0], root / wanted[p])
                else:  # several files for one month: merge them into the one immutable part
                    _copy(con, f"SELECT * FROM read_parquet({_files(files)})", root / wanted[p])
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return sorted(wanted.values()), sorted(wanted[p] for p in missing)


def _copy(con, select: str, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    con.execute(f"COPY ({select}) TO {literal(tmp)} (FORMAT parquet)")
    os.replace(tmp, target)


def write_manifest(root: Path, version: int, published_at: str, tables: dict[str, list[str]]) -> Path:
    path = root / f"v{version:06d}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"version": version, "published_at": published_at, "tables": tables}, indent=1))
    os.replace(tmp, path)
    return path


def read_manifest(path: Path) -> dict:
    return json.loads(path.read_text())


IN_MEMORY_MB = 4.0  # tables whose parts are smaller are read into the reader's memory once, not from Parquet per query


def attach(con, root: Path, manifest: dict) -> None:
    """The published tables in `con` (an in-memory DuckDB): small ones (dimensions, settings, seeds, the load log)
    read into memory once, the large facts as views over their parts; and `snapshot_info`."""
    for table, parts in manifest["tables"].items():
        files = [root / p for p in parts]
        small = sum(f.stat().st_size for f in files) <= IN_MEMORY_MB * 1e6
        con.execute(f"CREATE OR REPLACE {'TABLE' if small else 'VIEW'} {table} AS "
                    f"SELECT * FROM read_parquet({_files(files)})")
    define_macros(con)
    con.execute(f"CREATE OR REPLACE VIEW snapshot_info AS SELECT {int(manifest['version'])}::INTEGER AS version, "
                f"{literal(manifest['published_at'])}::TIMESTAMP AS published_at")


def define_macros(con) -> None:
    """The shared filters' macros (`lib/warehouse/macros.sql`) in `con`'s database, so its cursors have them too."""
    con.execute((Path(__file__).parent / "macros.sql").read_text())


def gc(root: Path, keep: list[Path]) -> None:
    """Delete the parts that none of the kept manifests lists (and scratch files left by a crash)."""
    listed = set()
    for m in keep:
        try:
            listed |= {p for parts in read_manifest(m)["tables"].values() for p in parts}
        except FileNotFoundError:
            continue
    for f in (root / PARTS).glob("*/*"):
        rel = f"{PARTS}/{f.parent.name}/{f.name}"
        if rel not in listed:
            if f.is_dir():
                shutil.rmtree(f, ignore_errors=True)
            else:
                f.unlink(missing_ok=True)
