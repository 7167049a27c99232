"""Loading export files into the workspace: detect, read, validate, quarantine, archive, rebuild, publish.

A batch of files is one transaction: each file's raw rows, quarantined rows and load-log entry, then one rebuild
of the marts, are committed together; a file failing inside it is dropped and the batch replayed without it, so
each file is loaded completely or not at all.  A file already loaded (same sha256) changes nothing.  Overlapping
exports are all kept in the raw tables; staging keeps the latest load of each natural key.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .formats import BY_NAME, FORMATS, TEMPLATES, FormatSpec
from .parse import REASONS, SQL_TYPES, blank_expr, choose_date_formats, typed_expr
from .reader import IngestError, ReadResult, Sniffed, read_into, sniff

__all__ = ["IngestReport", "RowError", "ingest_files", "remove_load", "detect", "IngestError", "FORMATS", "TEMPLATES"]

MAX_ERRORS_IN_REPORT = 200
QUANTITY_LIMIT = 1_000_000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str
    value: str | None = None


@dataclass(frozen=True)
class IngestReport:
    file_name: str
    status: str  # loaded | duplicate | refused | failed
    message: str
    format: str | None = None
    format_label: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    errors: tuple[RowError, ...] = ()
    notes: tuple[str, ...] = ()
    load_id: int | None = None
    sha256: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("loaded", "duplicate")

    def as_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["errors"] = [e.__dict__ for e in self.errors]
        d["notes"] = list(self.notes)
        return d


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def detect(path: str | Path) -> Sniffed:
    """Sniff a file: container, encoding, header row, delimiter and best-matching format."""
    return sniff(Path(path))


def display_name(name: str) -> str:
    """A file name for messages and the load log: the last path component, printable, at most 200 chars."""
    base = os.path.basename(str(name).replace("\\", "/")) or "unnamed"
    base = "".join(ch if ch.isprintable() else "?" for ch in base)
    return base[:200]


def ingest_files(ws, paths, *, names=None, loaded_by: str = "cli", progress=None, mapping=None) -> list[IngestReport]:
    """Load a batch of files; returns one report per file, in order.

    The batch is one transaction: every accepted file's raw rows, quarantined rows and load-log entry, then one
    rebuild of the marts, are committed together, and one snapshot is published. A file that fails inside the
    transaction is dropped from the batch, which is replayed without it; a refused file never enters it. So each
    file is loaded completely or not at all, readers see the workspace before or after the whole batch, and the
    marts are rebuilt once per batch rather than once per file (18 rebuilds for the sample business before).

    `names` gives the user-facing file names (uploads live under temp names); `progress(i, n, name)` is called
    before each file is read and once more with i == n while the model is rebuilt; `mapping` maps template column
    names to this batch's headers (a column-mapping profile).
    """
    paths = [Path(p) for p in paths]
    names = list(names) if names else [p.name for p in paths]
    reports: list[IngestReport | None] = [None] * len(paths)
    pending: list[_Pending] = []
    for i, (p, name) in enumerate(zip(paths, names)):
        got = _prepare(ws, i, p, display_name(name), mapping)
        if isinstance(got, IngestReport):
            reports[i] = got
        else:
            pending.append(got)
    if pending:
        from ..workspace import WorkspaceBusy
        try:
            with ws.writer() as con:
                _load_batch(ws, con, pending, reports, loaded_by, progress, len(paths))
        except WorkspaceBusy as e:
            for f in pending:
                if reports[f.index] is None:
                    reports[f.index] = IngestReport(f.name, "failed", f"{f.name}: {e}. Nothing was loaded.",
                                                    f.spec.name, f.spec.label, sha256=f.sha)
    return reports


def _refused(name, message, sha=None, **kw) -> IngestReport:
    return IngestReport(name, "refused", message, sha256=sha, **kw)


@dataclass
class _Pending:
    """A file accepted by the checks outside the lock, on its way into the batch."""
    index: int
    path: Path
    name: str
    sha: str
    size: int
    sn: Sniffed
    spec: FormatSpec
    table: str = ""
    read: ReadResult | None = None


def _prepare(ws, index: int, path: Path, name: str, mapping) -> "IngestReport | _Pending":
    """Size limit, checksum, sniffing and format detection: everything that needs no database."""
    try:
        size = path.stat().st_size
    except OSError as e:
        return _refused(name, f"{name}: the file cannot be read ({e.strerror}).")
    limit = ws.settings()["limits"]["max_file_mb"] * 1024 * 1024
    if size > limit:
        return _refused(name, f"{name}: {size / 1e6:.0f} MB is over the {limit / 1e6:.0f} MB limit set in Settings. "
                              "Split the export by date range and load the parts.")
    sha = file_sha256(path)
    try:
        sn = sniff(path)
        if mapping is not None:
            sn = _apply_mapping(sn, mapping)
    except IngestError as e:
        return _refused(name, f"{name}: {e}", sha)
    except Exception as e:  # a file so broken that the sniffer itself fails
        return _refused(name, f"{name}: the file could not be read ({type(e).__name__}). Nothing was loaded.", sha)
    m = sn.match
    if m is not None and m.weak and not m.missing_signature:
        return _refused(
            name,
            f"{name}: not loaded as the {m.spec.label}: {m.weak}. Opsdesk loads a file as a template only when it "
            "clearly is one. Download the template from the Upload page, or map this file's columns onto it there.",
            sha, format=None, format_label=m.spec.label, notes=sn.notes)
    if m is None or not m.complete:
        closest = m.spec.label if m else "none"
        missing = ", ".join(m.missing_signature) if m else ""
        return _refused(
            name,
            f"{name}: unknown format. Closest known format: {closest}; missing column(s): {missing}. "
            "Check that this is the unmodified export, or map its columns onto an Opsdesk template on the Upload page.",
            sha, format=None, format_label=closest, notes=sn.notes)
    return _Pending(index, path, name, sha, size, sn, m.spec)


def _apply_mapping(sn: Sniffed, mapping: dict) -> Sniffed:
    """Rename this file's headers to template column names (mapping: template column -> file header)."""
    from .reader import match_header
    from dataclasses import replace
    inverse = {v: k for k, v in mapping.items() if v}
    header = tuple(inverse.get(h, h) for h in sn.header)
    return replace(sn, header=header, match=match_header(list(header)))


def _failed(f: _Pending, e: Exception, what: str = "loading failed") -> IngestReport:
    return IngestReport(f.name, "failed", f"{f.name}: {what} and nothing was changed ({type(e).__name__}: "
                        f"{str(e).splitlines()[0][:300] if str(e) else ''}).", f.spec.name, f.spec.label, sha256=f.sha)


def _load_batch(ws, con, pending: list[_Pending], reports: list, loaded_by: str, progress, total: int) -> None:
    known = {sha: (lid, at) for sha, lid, at in con.execute(
        "SELECT sha256, load_id, loaded_at FROM load_log WHERE status = 'loaded' AND sha256 IN (SELECT unnest($s))",
        {"s": [f.sha for f in pending]}).fetchall()}
    # Read every file before the transaction starts: when DuckDB's CSV reader rejects a file (trailer rows,
    # shifted columns), the failed statement would abort the transaction and the Python fallback could not run.
    batch, first_of = [], {}
    for f in pending:
        if progress:
            progress(f.index, total, f.name)
        if f.sha in known:
            lid, at = known[f.sha]
            reports[f.index] = IngestReport(f.name, "duplicate", f"{f.name}: already loaded on {at:%Y-%m-%d %H:%M} "
                                            f"(load {lid}); nothing changed.", f.spec.name, f.spec.label,
                                            load_id=lid, sha256=f.sha)
            continue
        if f.sha in first_of:  # the same file twice in one batch: settled once the first copy is loaded
            continue
        f.table = f"_in_{len(batch)}"
        try:
            f.read = read_into(con, f.path, f.sn, f.table, keep=sorted(set(f.sn.match.positions.values())))
        except Exception as e:
            con.execute(f"DROP TABLE IF EXISTS {f.table}")
            reports[f.index] = _failed(f, e)
            continue
        if f.read.rows == 0 and not f.read.bad_shape:
            con.execute(f"DROP TABLE IF EXISTS {f.table}")
            reports[f.index] = _refused(f.name, f"{f.name}: {f.spec.label} header found but no data rows; nothing was "
                                        "loaded. Check the export's date range.", f.sha, format=f.spec.name,
                                        format_label=f.spec.label)
            continue
        first_of[f.sha] = f
        batch.append(f)
    if progress:
        progress(total, total, "")
    try:
        while batch:
            done, archived, failed_at = [], [], None
            con.execute("BEGIN TRANSACTION")
            try:
                for f in batch:
                    failed_at = f
                    done.append((f, _insert(ws, con, f, loaded_by, archived)))
                failed_at = None
                from ..warehouse import build
                rebuilt = build(con, ws.settings(), changed={f.spec.table for f in batch} | {"load_log", "quarantine"},
                                loads={r.load_id for _, r in done if r.load_id is not None})
                con.execute("COMMIT")
            except Exception as e:
                con.execute("ROLLBACK")
                for a in archived:
                    a.unlink(missing_ok=True)
                if failed_at is None:  # the marts rebuild failed: no file of the batch can be loaded
                    for f in batch:
                        reports[f.index] = _failed(f, e)
                    return
                reports[failed_at.index] = _failed(failed_at, e)
                batch = [f for f in batch if f is not failed_at]
                continue
            from ..warehouse import publish_changes
            ws.publish(con, changed=publish_changes(rebuilt, {"load_log", "quarantine"}),
                       parts_changed=getattr(rebuilt, "parts", None))
            ws.write_state("last_build", {"marts": sorted(rebuilt), "keyed": getattr(rebuilt, "keyed", {}),
                                          "seconds": getattr(rebuilt, "seconds", {})})
            for f, r in done:
                reports[f.index] = r
            for f in pending:  # second copies of a file in the same batch
                if reports[f.index] is None and f.sha in first_of and reports[first_of[f.sha].index].status == "loaded":
                    r = reports[first_of[f.sha].index]
                    reports[f.index] = IngestReport(f.name, "duplicate", f"{f.name}: the same file as "
                                                    f"{r.file_name} (load {r.load_id}); nothing changed.",
                                                    f.spec.name, f.spec.label, load_id=r.load_id, sha256=f.sha)
            return
    finally:
        for f in pending:
            if f.table:
                con.execute(f"DROP TABLE IF EXISTS {f.table}")
        for f in pending:  # a second copy whose first copy failed
            if reports[f.index] is None:
                reports[f.index] = IngestReport(f.name, "failed", f"{f.name}: the same file as another file in this "
                                                "batch, which failed; nothing was loaded.", f.spec.name, f.spec.label,
                                                sha256=f.sha)


def _insert(ws, con, f: _Pending, loaded_by: str, archived: list) -> IngestReport:
    """Type, validate and insert one read file inside the batch transaction; returns its report."""
    spec, sn, rr, tmp, name, sha = f.spec, f.sn, f.read, f.table, f.name, f.sha
    archive = ws.archive_dir / sha[:2] / (sha + (".xlsx" if sn.kind == "workbook" else ".txt"))
    load_id = con.execute("SELECT coalesce(max(load_id), 0) + 1 FROM load_log").fetchall()[0][0]
    pos = sn.match.positions
    notes_skipped = 0
    if spec.note_row and spec.note_row[0] in pos:  # the export's explanatory row under the header is not data
        notes_skipped = con.execute(f"DELETE FROM {tmp} WHERE lower(trim(c{pos[spec.note_row[0]]})) LIKE $p",
                                    {"p": spec.note_row[1] + "%"}).fetchall()[0][0]
    needed = sorted(set(pos.values()))
    present = [c for c in spec.columns if c.name in pos]
    date_cols = [c for c in present if c.type in ("ts", "date")]
    fmts = choose_date_formats(con, tmp, [f"c{pos[c.name]}" for c in date_cols],
                               {f"c{pos[c.name]}" for c in date_cols if c.day_first})
    select, checks = [], []
    for c in spec.columns:
        if c.name in pos:
            src = f"c{pos[c.name]}"
            expr = typed_expr(src, c.type, fmts.get(src))
            select.append(f"{expr} AS {c.name}")
            label = c.header.replace("'", "''")
            if c.type not in ("text", "currency"):
                bad = f"{blank_expr(src)} IS NOT NULL AND {c.name} IS NULL"
                checks.append(f"CASE WHEN {bad} THEN '{label}' || chr(31) || '{REASONS[c.type]}' || chr(31) || {src} END")
            if c.type in ("ts", "date"):
                checks.append(f"CASE WHEN year({c.name}) NOT BETWEEN 1990 AND 2100 THEN '{label}' || chr(31) || "
                              f"'date outside 1990–2100' || chr(31) || {src} END")
            if c.type in ("int", "number") and ("quantity" in c.name or c.name in ("qty", "on_hand")) \
                    and spec.entity != "fees":
                checks.append(f"CASE WHEN {c.name} < 0 THEN '{label}' || chr(31) || 'negative quantity "
                              f"(load returns and cancellations with the returns template)' || chr(31) || {src} "
                              f"WHEN {c.name} > {QUANTITY_LIMIT} THEN '{label}' || chr(31) || 'implausible quantity "
                              f"(over {QUANTITY_LIMIT:,})' || chr(31) || {src} END")
            if c.required:
                checks.append(f"CASE WHEN NULLIF(trim({src}), '') IS NULL THEN '{label}' || chr(31) || "
                              f"'required value is empty' || chr(31) || '' END")
        else:
            select.append(f"CAST(NULL AS {SQL_TYPES[c.type]}) AS {c.name}")
    errs = "list_filter([" + ", ".join(checks) + "], lambda x: x IS NOT NULL)" if checks else "[]::VARCHAR[]"
    # typed values are computed once in the inner query; the checks read them by name (and the raw text)
    raw_text = ", ".join(f"c{i}" for i in needed)
    con.execute(f"CREATE TEMP TABLE {tmp}_typed AS SELECT {', '.join(c.name for c in spec.columns)}, _row, "
                f"{errs} AS _errors FROM (SELECT {', '.join(select)}, {raw_text}, {rr.row_expr} AS _row FROM {tmp})")
    raw_cols = [c.name for c in spec.columns]
    fill = _forward_fill_sql(spec, raw_cols).format(tbl=f"{tmp}_typed")
    key = [k for k in spec.key if k != "_line"] or ["_row"]
    seq_part = ", ".join(key)
    con.execute(
        f"INSERT INTO {spec.table} ({', '.join(raw_cols)}, _line, _seq, _row, _load_id) "
        f"SELECT {', '.join(raw_cols)}, _line, row_number() OVER (PARTITION BY {seq_part}, _line ORDER BY _row), _row, $lid "
        f"FROM ({fill}) WHERE len(_errors) = 0",
        {"lid": load_id})
    con.execute(
        "INSERT INTO quarantine SELECT $lid, _row, split_part(e, chr(31), 1), split_part(e, chr(31), 2), "
        f"left(split_part(e, chr(31), 3), 500) FROM (SELECT _row, unnest(_errors) AS e FROM {tmp}_typed WHERE len(_errors) > 0)",
        {"lid": load_id})
    for row, reason, raw in rr.bad_shape:
        con.execute("INSERT INTO quarantine VALUES ($lid, $r, '(row)', $why, $raw)",
                    {"lid": load_id, "r": row, "why": reason, "raw": raw})
    loaded = con.execute(f"SELECT count(*) FROM {tmp}_typed WHERE len(_errors) = 0").fetchall()[0][0]
    q_rows = con.execute(f"SELECT count(*) FROM {tmp}_typed WHERE len(_errors) > 0").fetchall()[0][0] + len(rr.bad_shape)
    errors = [RowError(r, c, why, v) for r, c, why, v in con.execute(
        "SELECT row_number, column_name, reason, value FROM quarantine WHERE load_id = $lid ORDER BY row_number LIMIT $n",
        {"lid": load_id, "n": MAX_ERRORS_IN_REPORT}).fetchall()]
    con.execute(f"DROP TABLE {tmp}")
    con.execute(f"DROP TABLE {tmp}_typed")
    rows_read = rr.rows - notes_skipped + len(rr.bad_shape)
    if not archive.exists():
        archive.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f.path, archive)
        archived.append(archive)
    con.execute(
        "INSERT INTO load_log VALUES ($lid, $name, $sha, $fmt, $size, $read, $loaded, $q, now()::TIMESTAMP, $by, "
        "'loaded', $arch, $enc, $notes)",
        {"lid": load_id, "name": name, "sha": sha, "fmt": spec.name, "size": f.size, "read": rows_read,
         "loaded": loaded, "q": q_rows, "by": loaded_by, "arch": str(archive.relative_to(ws.root)),
         "enc": sn.encoding, "notes": "; ".join(sn.notes)})
    msg = f"{name}: {spec.label}, {loaded:,} row(s) loaded"
    if q_rows:
        msg += f", {q_rows:,} quarantined (see the errors; fix them in the file and load it again)"
    return IngestReport(name, "loaded", msg + ".", spec.name, spec.label, rows_read, loaded, q_rows,
                        tuple(errors), sn.notes, load_id, sha)


def _forward_fill_sql(spec: FormatSpec, cols: list[str]) -> str:
    """Rows of the typed temp table with order-level values carried onto continuation rows, and line numbers."""
    if spec.fill_group:
        g = spec.fill_group
        parts = []
        for c in cols:
            if c in spec.forward_fill:
                parts.append(f"coalesce({c}, last_value({c} IGNORE NULLS) OVER (PARTITION BY {g} ORDER BY _row "
                             f"ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS {c}")
            else:
                parts.append(c)
        return (f"SELECT {', '.join(parts)}, row_number() OVER (PARTITION BY {g} ORDER BY _row) AS _line, _row, _errors "
                f"FROM {{tbl}}")
    return f"SELECT {', '.join(cols)}, 0 AS _line, _row, _errors FROM {{tbl}}"


def remove_load(ws, load_id: int) -> str:
    """Delete one file's rows, mark its load as removed, rebuild and publish. Returns a message."""
    with ws.writer() as con:
        row = con.execute("SELECT format, file_name, status FROM load_log WHERE load_id = $l", {"l": load_id}).fetchall()
        if not row:
            return f"load {load_id} does not exist"
        fmt, name, status = row[0]
        if status != "loaded":
            return f"{name} (load {load_id}) was already removed"
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(f"DELETE FROM {BY_NAME[fmt].table} WHERE _load_id = $l", {"l": load_id})
            con.execute("UPDATE load_log SET status = 'removed' WHERE load_id = $l", {"l": load_id})
            from ..warehouse import build
            rebuilt = build(con, ws.settings(), changed={BY_NAME[fmt].table, "load_log"})
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        from ..warehouse import publish_changes
        ws.publish(con, changed=publish_changes(rebuilt, {"load_log"}))
    return f"{name} (load {load_id}) removed; the marts were rebuilt without it"
