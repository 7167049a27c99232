"""Light snapshots: the published tables as immutable DuckDB part files that a snapshot's manifest lists.

Publishing used to copy every mart into one new DuckDB file (1.6 GB a snapshot at 10M order lines, whatever the load
changed). Now each published table is stored as *parts*, and a snapshot is a small JSON manifest naming the parts
of each table:

* the large facts are split by year of a date column (`PARTITIONS`), the other tables are one part each;
* a part is a DuckDB file holding one table `t`; its name carries a fingerprint of its content (schema, row count and
  the sum of its rows' hashes), so a part is written once and reused by every later snapshot whose rows for that year
  are the same: a daily load writes this year's facts and the tables it changed, not the whole history;
* only the tables the build rebuilt (and the load log) are fingerprinted again: the others keep their parts;
* parts are never modified; one is deleted only when no kept snapshot lists it (`gc`).

A reader opens an in-memory DuckDB, attaches the parts read-only and creates one view per table over them (`attach`):
every query of a page run sees exactly one snapshot, any number of processes read while a writer publishes the next
one, and reads are DuckDB's native storage (Parquet parts, tried first, made every page's queries 1.9× slower at
490k order lines: bench/daily.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from pathlib import Path

# table → the date column whose period splits it into parts (the tables that grow with the order history): a year up
# to MONTHLY_ABOVE rows, a month above (every part is one more file a reader attaches: ~55 files for the sample, ~50 ms
# once per snapshot; but at 10M order lines a year part is ~1 GB, rewritten by every daily load of that year).
MONTHLY_ABOVE = 1_000_000
PARTITIONS = {
    "fct_order_lines": "order_date", "fct_orders": "order_date", "fct_shipments": "shipped_at",
    "fct_returns": "ordered_at", "fct_inventory_daily": "day", "fct_order_landed_costs": "order_date",
    "fct_customer_orders": "order_date", "fct_support_tickets": "created_date",
}
PARTS = "parts"
NO_DATE = "none"


def literal(text: str) -> str:
    """A string as an SQL literal (file paths: a workspace folder may hold a quote)."""
    return "'" + str(text).replace("'", "''") + "'"


def period(con, table: str) -> str:
    """How `table` is split now: by year ('%Y') or, past MONTHLY_ABOVE rows, by month ('%Y-%m'); '' if not split."""
    if table not in PARTITIONS:
        return ""
    n = con.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
    return "%Y-%m" if n > MONTHLY_ABOVE else "%Y"


def _same_period(names, fmt: str) -> bool:
    """Every part name is of the period `fmt` (a table that crossed MONTHLY_ABOVE is split again, whole)."""
    pattern = re.compile(r"\d{4}-\d{2}" if fmt == "%Y-%m" else r"\d{4}")
    return all(n in (NO_DATE, "empty") or pattern.fullmatch(n) for n in names)


def _month(col: str, fmt: str = "%Y") -> str:
    """The part key of a row: the year or month of `col` (`fmt`, from `period`)."""
    return f"coalesce(strftime({col}::DATE, '{'%Y-%m' if fmt == '%Y-%m' else '%Y'}'), '{NO_DATE}')"


def _schema(con, table: str) -> str:
    rows = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
                       "AND table_name = $t ORDER BY ordinal_position", {"t": table}).fetchall()
    return ",".join(f"{n} {t}" for n, t in rows)


def _row_hash(con, table: str) -> str:
    """A row's hash with its floating-point values at 9 decimals. The same data built again can sum floats in another
    order (a parallel aggregate: 153.98 one build, 153.98000000000002 the next); that must not count as a change, or
    an unchanged year would be written again and readers would see the last bits move from one snapshot to the next."""
    rows = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
                       "AND table_name = $t ORDER BY ordinal_position", {"t": table}).fetchall()
    cols = [f'round(t."{n}", 9)' if kind in ("DOUBLE", "FLOAT", "REAL") else f't."{n}"' for n, kind in rows]
    return f"hash({', '.join(cols)})" if cols else "hash(t)"


def part_key(table: str, fmt: str = "%Y") -> str:
    """SQL: the part a row of `table` belongs to (alias `t`), split by `fmt` (`period`)."""
    col = PARTITIONS.get(table)
    return _month(f"t.{col}", fmt) if col else "'all'"


def part_of(path: str) -> str:
    """The part name of a part file path (`parts/<table>/<part>-<fingerprint>.duckdb`)."""
    return Path(path).name.rsplit("-", 1)[0]


def fingerprints(con, table: str, only: set[str] | None = None, fmt: str | None = None) -> dict[str, str]:
    """part name → fingerprint of its rows (a table with no rows has one empty part, for its schema); `only`: just
    those parts (the others are not read); `fmt`: the period the parts split by (default: `period`)."""
    key = part_key(table, period(con, table) if fmt is None else fmt)
    schema = _schema(con, table)
    where = f"WHERE {key} IN (SELECT unnest($only::VARCHAR[]))" if only is not None else ""
    rows = con.execute(f"SELECT {key} AS part, count(*) AS n, sum({_row_hash(con, table)}::HUGEINT)::VARCHAR AS h "
                       f"FROM {table} AS t {where} GROUP BY ALL ORDER BY part",
                       {"only": sorted(only)} if only is not None else {}).fetchall()
    if not rows and only is None:
        return {"empty": hashlib.sha256(f"{schema}|empty".encode()).hexdigest()[:20]}
    return {p: hashlib.sha256(f"{schema}|{n}|{h}".encode()).hexdigest()[:20] for p, n, h in rows}


def write_table(con, root: Path, table: str, previous: list[str] | None = None,
                parts: set[str] | None = None) -> tuple[list[str], list[str]]:
    """The parts of `table` as it is now (paths relative to the snapshot folder), and those of them written now (the
    others an earlier snapshot already holds). `previous` and `parts`: the table's parts in the last snapshot and the
    only parts whose rows a keyed build may have changed (the build deleted and inserted rows of those years): the
    other parts of `previous` are kept without reading their rows."""
    folder = root / PARTS / table
    folder.mkdir(parents=True, exist_ok=True)
    fmt = period(con, table)
    if previous is not None and parts is not None and table in PARTITIONS \
            and not any(part_of(p) == "empty" for p in previous) \
            and _same_period({part_of(p) for p in previous} | set(parts), fmt):
        kept = {part_of(p): p for p in previous if part_of(p) not in parts}
        fps = fingerprints(con, table, only=set(parts), fmt=fmt)
        wanted = {p: f"{PARTS}/{table}/{p}-{fp}.duckdb" for p, fp in fps.items()}
        if not wanted and not kept:  # every row gone: the schema's empty part
            return write_table(con, root, table)
    else:
        kept = {}
        fps = fingerprints(con, table, fmt=fmt)
        wanted = {p: f"{PARTS}/{table}/{p}-{fp}.duckdb" for p, fp in fps.items()}
    col = PARTITIONS.get(table)
    written = []
    for p, rel in wanted.items():
        if (root / rel).exists():
            continue
        where = "FALSE" if p == "empty" else f"{_month(col, fmt)} = $p" if col else "TRUE"
        _copy(con, table, where, {"p": p} if col and p != "empty" else {}, root / rel)
        written.append(rel)
    return sorted(list(wanted.values()) + list(kept.values())), sorted(written)


def _copy(con, table: str, where: str, params: dict, target: Path) -> None:
    """The rows of `table` matching `where` as table `t` of a new DuckDB file, renamed into place when complete."""
    tmp = target.with_name(f".{target.stem}.{uuid.uuid4().hex}.tmp")
    con.execute(f"ATTACH {literal(tmp)} AS publish_part")
    try:
        con.execute(f"CREATE TABLE publish_part.t AS SELECT * FROM main.{table} WHERE {where}", params)
    finally:
        con.execute("DETACH publish_part")
    Path(str(tmp) + ".wal").unlink(missing_ok=True)  # detached: checkpointed, nothing left in a WAL
    os.replace(tmp, target)


def write_manifest(root: Path, version: int, published_at: str, tables: dict[str, list[str]]) -> Path:
    path = root / f"v{version:06d}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps({"version": version, "published_at": published_at, "tables": tables}, indent=1))
    os.replace(tmp, path)
    return path


def read_manifest(path: Path) -> dict:
    return json.loads(path.read_text())


def attach(con, root: Path, manifest: dict) -> None:
    """The published tables in `con` (an in-memory DuckDB): each part attached read-only, one view per table over
    its parts; the shared filters' macros; and `snapshot_info`."""
    n = 0
    for table, parts in manifest["tables"].items():
        selects = []
        for part in parts:
            n += 1
            con.execute(f"ATTACH {literal(root / part)} AS part_{n} (READ_ONLY)")
            selects.append(f"SELECT * FROM part_{n}.t")
        con.execute(f"CREATE OR REPLACE VIEW {table} AS {' UNION ALL '.join(selects)}")
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
