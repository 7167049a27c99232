"""Reading an export file into a DuckDB temp table of text columns, whatever its encoding, delimiter or container.

`sniff` looks at the first bytes: container (CSV/TSV text, XLSX/XLS workbook, zip, binary), encoding (BOM,
UTF-8, else cp1252), then finds the header row (past preambles such as `sep=,` or Amazon's quoted notes) and
the delimiter by matching candidate rows against every known format.  `read_into` loads the data rows as text:
the fast path is DuckDB's own CSV reader; files it rejects (trailer rows, column shifts, stray quotes) go through
Python's csv module, which reports the rows with the wrong number of fields instead of failing the file.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .formats import FORMATS, FormatSpec, norm_header, signature_of
from .known_reports import identify

SAMPLE_BYTES = 256 * 1024
MAX_HEADER_SCAN = 40
DELIMITERS = (",", "\t", ";", "|")


class IngestError(Exception):
    """A file that cannot be read at all; the message says why and what to do."""


@dataclass(frozen=True)
class Match:
    spec: FormatSpec
    present: tuple[str, ...]  # snake names of spec columns found
    missing_signature: tuple[str, ...]  # header names of signature columns not found
    positions: dict = field(default_factory=dict)  # snake name -> column index in the file
    weak: str = ""  # why a template match is too weak to load the file as that template ("" = strong enough)

    @property
    def complete(self) -> bool:
        return not self.missing_signature and not self.weak


@dataclass(frozen=True)
class Sniffed:
    kind: str  # "text" or "workbook"
    encoding: str
    delimiter: str
    header_index: int  # 0-based record index of the header row (text) or row index (workbook)
    header: tuple[str, ...]
    match: Match | None
    sheet: str | None = None
    notes: tuple[str, ...] = ()


def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4:  # a multi-byte char cut by the sample boundary
            return "utf-8"
        return "cp1252"


TEMPLATE_MAX_UNKNOWN = 0.25  # at most a quarter of a template file's columns (or two) are not the template's ...
TEMPLATE_KNOWN_PER_UNKNOWN = 2  # ... and the template's own columns outnumber them two to one


def template_weakness(spec: FormatSpec, header: list[str]) -> str:
    """Why `header` is not clearly the Opsdesk template `spec` ("" when it is): a file is loaded as a template only
    when every required column is spelled as the template spells it (snake_case; case and padding aside) and few of
    its columns are foreign to the template (at most a quarter, or two, and the template's own outnumber them two to
    one). Another platform's report that happens to have an `order_id` and a `sku` is refused, never loaded as a
    template; the column mapper loads anything on purpose."""
    cells = [h.strip().lower() for h in header if h and h.strip()]
    names = {c.name for c in spec.columns}
    exact = names & set(cells)
    missing = [c.name for c in spec.columns if c.required and c.name not in exact]
    if missing:
        return f"the template's column(s) {', '.join(missing)} are not spelled as in the template"
    unknown = [h for h in cells if h not in names]
    if len(unknown) > max(2, int(TEMPLATE_MAX_UNKNOWN * len(cells))) or len(exact) < TEMPLATE_KNOWN_PER_UNKNOWN * len(unknown):
        return (f"{len(unknown)} of its {len(cells)} columns are not in the template (e.g. "
                f"{', '.join(repr(u) for u in unknown[:3])})")
    return ""


def match_header(header: list[str]) -> Match | None:
    """Best format for a header row: all signature columns present (a template only when clearly one), then most
    listed columns present."""
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        index.setdefault(norm_header(h), i)
    best, best_key = None, None
    for spec in FORMATS:
        positions = {}
        for c in spec.columns:
            for name in (c.header, *c.aliases):
                k = norm_header(name)
                if k in index:
                    positions[c.name] = index[k]
                    break
        sig = signature_of(spec)
        missing = tuple(c.header for c in sig if c.name not in positions)
        found_sig = len(sig) - len(missing)
        weak = template_weakness(spec, header) if spec.is_template and not missing else ""
        # a template the file is not clearly (weak) is a poorer "closest format" than a platform export with most of
        # its signature: its score is capped at one half
        sig_share = found_sig / max(len(sig), 1)
        key = (not missing and not weak, min(sig_share, 0.5) if weak else sig_share,
               len(positions) / max(len(spec.columns), 1))
        if best_key is None or key > best_key:
            best_key = key
            best = Match(spec, tuple(positions), missing, positions, weak)
    if best is None or best_key[1] == 0:
        return None
    return best


def _score(m: Match | None) -> tuple:
    if m is None:
        return (False, 0, 0)
    sig = signature_of(m.spec)
    return (m.complete, (len(sig) - len(m.missing_signature)) / max(len(sig), 1), len(m.present))


def _is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _is_xls(head: bytes) -> bool:
    return head.startswith(b"\xd0\xcf\x11\xe0")


def _workbook_kind(path: Path) -> str | None:
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
    except zipfile.BadZipFile:
        return None
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.endswith(".ods") or n == "content.xml" for n in names):
        return "ods"
    return "zip"


def sniff(path: Path) -> Sniffed:
    with open(path, "rb") as f:
        head = f.read(SAMPLE_BYTES)
    if not head.strip():
        raise IngestError("the file is empty. Export it again from your platform; nothing was loaded.")
    if _is_zip(head):
        kind = _workbook_kind(path)
        if kind == "zip":
            raise IngestError("this is a zip archive. Unzip it and upload the files inside; nothing was loaded.")
        return _sniff_workbook(path)
    if _is_xls(head):
        return _sniff_workbook(path)
    encoding = _detect_encoding(head)
    if encoding != "utf-16" and b"\x00" in head[:8192]:
        raise IngestError("this is not a text or Excel file (it contains binary data). "
                          "Upload the CSV, TSV or XLSX export itself; nothing was loaded.")
    text = head.decode(encoding, errors="replace")
    if len(head) == SAMPLE_BYTES:  # drop the probably cut last line
        text = text[: text.rfind("\n") + 1] or text
    return _sniff_text(text, encoding)


def _records(text: str, delim: str, limit: int) -> list[list[str]]:
    out = []
    try:
        for rec in csv.reader(io.StringIO(text), delimiter=delim):
            out.append(rec)
            if len(out) >= limit:
                break
    except csv.Error:
        pass
    return out


def _refuse_known(best, known) -> None:
    """A report of a platform Opsdesk does not read is refused by name, unless the file is fully a format we read."""
    if known is not None and not (best is not None and best[4] is not None and best[4].complete
                                  and not best[4].spec.is_template):
        raise IngestError(known.message())


def _sniff_text(text: str, encoding: str) -> Sniffed:
    best, known = None, None
    for delim in DELIMITERS:
        recs = _records(text, delim, MAX_HEADER_SCAN)
        for i, rec in enumerate(recs):
            if len(rec) < 2:
                continue
            m = match_header(rec)
            s = _score(m)
            if best is None or s > best[0]:
                best = (s, delim, i, rec, m)
            known = known or identify(rec)
    _refuse_known(best, known)
    if best is None or best[4] is None:
        first = text.splitlines()[0][:120] if text.splitlines() else ""
        raise IngestError(f"no known header found in the first {MAX_HEADER_SCAN} rows (first row: {first!r}). "
                          "Use one of the Opsdesk templates, or map the columns on the Upload page.")
    _, delim, idx, rec, m = best
    notes = []
    if idx:
        notes.append(f"header found on row {idx + 1}; {idx} preamble row(s) skipped")
    dups = {h.strip() for h in rec if h.strip() and [norm_header(x) for x in rec].count(norm_header(h)) > 1}
    if dups:
        notes.append("duplicated header(s) " + ", ".join(sorted(dups)) + ": the first occurrence is read")
    return Sniffed("text", encoding, delim, idx, tuple(h.strip() for h in rec), m, None, tuple(notes))


def _cell_text(v) -> str | None:
    import datetime as dt
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        return str(v)
    return str(v)


def _open_workbook(path: Path):
    from python_calamine import CalamineWorkbook
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as e:  # calamine raises its own error types
        raise IngestError(f"this workbook cannot be opened ({type(e).__name__}: {str(e)[:120]}). "
                          "Save it again as .xlsx or export CSV; nothing was loaded.") from e


def _sniff_workbook(path: Path) -> Sniffed:
    wb = _open_workbook(path)
    best, known = None, None
    for name in wb.sheet_names:
        try:
            rows = wb.get_sheet_by_name(name).to_python(nrows=MAX_HEADER_SCAN)
        except Exception:
            continue
        for i, row in enumerate(rows):
            rec = [(_cell_text(v) or "") for v in row]
            if sum(1 for x in rec if x) < 2:
                continue
            m = match_header(rec)
            s = _score(m)
            if best is None or s > best[0]:
                best = (s, name, i, rec, m)
            known = known or identify(rec)
    _refuse_known(best, known)
    if best is None or best[4] is None:
        raise IngestError(f"no sheet of this workbook ({len(wb.sheet_names)} sheet(s)) has a known header. "
                          "Use one of the Opsdesk templates, or map the columns on the Upload page.")
    _, sheet, idx, rec, m = best
    notes = [f"sheet {sheet!r} read"] + ([f"header found on row {idx + 1}"] if idx else [])
    return Sniffed("workbook", "xlsx", "", idx, tuple(h.strip() for h in rec), m, sheet, tuple(notes))


# ------------------------------------------------------------------------------------------- loading rows


@dataclass(frozen=True)
class ReadResult:
    table: str  # temp table with text columns c0..c{n-1}
    rows: int
    bad_shape: list  # (row, reason, raw text) rows refused before parsing (wrong number of fields)
    path_used: str  # "duckdb", "python" or "workbook"
    row_expr: str  # SQL giving each row's number in the file


def read_into(con, path: Path, sn: Sniffed, table: str, keep: list[int] | None = None) -> ReadResult:
    """Rows of `path` into temp table `table` (text columns c<i>, with `keep` only those column indexes: a Shopify
    export has 79 columns, the registry reads 36).

    DuckDB's reader takes the file when it can; note rows after the data ("83 record(s) downloaded", "Seller ID :
    x", as eBay writes them) are cut off a temporary copy first so that it still can.  Files it rejects anyway
    (shifted columns, an unquoted delimiter) go through Python's csv module, which quarantines the odd rows."""
    n = len(sn.header)
    cols_sql = ", ".join(f"c{i} VARCHAR" for i in range(n))
    if sn.kind == "workbook":
        return _read_workbook(con, path, sn, table, cols_sql)
    src = path
    tmp = None
    try:
        if sn.encoding not in ("utf-8", "utf-8-sig"):
            fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="opsdesk-transcode-")
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out, \
                    open(path, "r", encoding=sn.encoding, errors="replace", newline="") as inp:
                while chunk := inp.read(1 << 20):
                    out.write(chunk)
            src = Path(tmp)
        cut = trailer_start(src, n, sn.delimiter)
        if cut is not None:
            if tmp:
                os.truncate(tmp, cut)
            else:
                fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="opsdesk-trimmed-")
                with os.fdopen(fd, "wb") as out, open(path, "rb") as inp:
                    left = cut
                    while left > 0 and (chunk := inp.read(min(left, 1 << 20))):
                        out.write(chunk)
                        left -= len(chunk)
                src = Path(tmp)
        try:
            return _read_duckdb(con, src, sn, table, cols_sql, keep)
        except Exception:
            con.execute(f"DROP TABLE IF EXISTS {table}")
            return _read_python(con, src, sn, table, keep)
    finally:
        if tmp:
            os.unlink(tmp)


def trailer_start(src: Path, n: int, delimiter: str, tail_bytes: int = 1 << 16) -> int | None:
    """Byte offset where note rows after the data begin, or None.

    Walking back from the end of a UTF-8 file, blank lines and lines holding at most one value, no quote character
    and not `n` fields are notes; the first line that is anything else ends the walk.  A line inside a multi-line
    quoted value can never be reached, because the walk would first meet the line closing that value, which holds a
    quote.  Only a block of notes at the very end counts, and never the whole tail (a one-column file has no notes)."""
    size = src.stat().st_size
    with open(src, "rb") as f:
        f.seek(max(0, size - tail_bytes))
        tail = f.read()
    base = size - len(tail)
    lines = tail.split(b"\n")
    if base > 0:
        base += len(lines[0]) + 1  # the first piece may start mid-line
        lines = lines[1:]
    offsets, pos = [], base
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    cut, notes = None, 0
    for off, line in zip(reversed(offsets), reversed(lines)):
        text = line.rstrip(b"\r")
        if not text.strip():
            cut = off if notes else cut
            continue
        if b'"' in text:
            break
        fields = text.decode("utf-8", "replace").split(delimiter)
        if len(fields) == n or sum(1 for x in fields if x.strip()) > 1:
            break
        cut, notes = off, notes + 1
    else:
        return None  # nothing but notes and blank lines: not a trailer
    if not notes or cut is None or cut >= size:
        return None
    return cut


def _skip_lines(src: Path, sn: Sniffed) -> int:
    """Physical lines before the first data row (the header may itself follow multi-line preamble records)."""
    if sn.header_index == 0:
        return 1
    with open(src, "r", encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=sn.delimiter)
        for _ in range(sn.header_index + 1):
            next(reader)
        return reader.line_num


def _read_duckdb(con, src: Path, sn: Sniffed, table: str, cols_sql: str, keep: list[int] | None = None) -> ReadResult:
    n = len(sn.header)
    skip = _skip_lines(src, sn)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n)) + "}"
    wanted = ", ".join(f"c{i}" for i in keep) if keep else "*"
    con.execute(
        f"CREATE TEMP TABLE {table} AS SELECT {wanted} FROM read_csv($path, header=false, skip=$skip, "
        f"delim=$delim, quote='\"', escape='\"', columns={columns}, all_varchar=true, auto_detect=false, "
        f"max_line_size=20000000)",
        {"path": str(src), "skip": skip, "delim": sn.delimiter},
    )
    first_row = sn.header_index + 2  # 1-based record number of the first data row
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    return ReadResult(table, rows, [], "duckdb", f"(CAST(rowid AS BIGINT) + {first_row})")


PYTHON_CHUNK_ROWS = 100_000


def _read_python(con, src: Path, sn: Sniffed, table: str, keep: list[int] | None = None) -> ReadResult:
    """The tolerant reader: Python's csv module, rows inserted in chunks of PYTHON_CHUNK_ROWS (memory stays flat
    whatever the file size), only the `keep` columns kept."""
    import pandas as pd
    n = len(sn.header)
    cols = list(keep) if keep else list(range(n))
    con.execute(f"CREATE TEMP TABLE {table} ({', '.join(f'c{i} VARCHAR' for i in cols)}, _row BIGINT)")
    bad = []
    data: list[list] = [[] for _ in cols]
    rownums: list[int] = []
    total = 0

    def flush():
        nonlocal total
        if not rownums:
            return
        df = pd.DataFrame({f"c{i}": pd.Series(data[k], dtype="object") for k, i in enumerate(cols)})
        df["_row"] = pd.Series(rownums, dtype="int64")
        con.register(f"{table}_df", df)
        con.execute(f"INSERT INTO {table} SELECT {', '.join(f'CAST(c{i} AS VARCHAR)' for i in cols)}, _row FROM {table}_df")
        con.unregister(f"{table}_df")
        total += len(rownums)
        for d in data:
            d.clear()
        rownums.clear()

    with open(src, "r", encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.reader(f, delimiter=sn.delimiter, strict=False)
        recno = 0
        try:
            for rec in reader:
                recno += 1
                if recno <= sn.header_index + 1:
                    continue
                nonempty = sum(1 for x in rec if x.strip())
                if nonempty == 0:
                    continue
                if len(rec) != n:
                    if nonempty <= 1:  # trailer/notes such as "83 record(s) downloaded", "Seller ID : x"
                        continue
                    if len(rec) > n and not any(x.strip() for x in rec[n:]):
                        rec = rec[:n]
                    elif len(rec) < n:
                        rec = rec + [""] * (n - len(rec))
                    else:
                        bad.append((recno, f"row has {len(rec)} fields but the header has {n} (shifted columns or an unquoted delimiter)",
                                    sn.delimiter.join(rec)[:500]))
                        continue
                for k, i in enumerate(cols):
                    data[k].append(rec[i])
                rownums.append(recno)
                if len(rownums) >= PYTHON_CHUNK_ROWS:
                    flush()
        except csv.Error as e:
            bad.append((recno + 1, f"the file is malformed from here on ({e}); rows after it were not read", ""))
    flush()
    return ReadResult(table, total, bad, "python", "_row")


def _read_workbook(con, path: Path, sn: Sniffed, table: str, cols_sql: str) -> ReadResult:
    import pandas as pd
    wb = _open_workbook(path)
    rows = wb.get_sheet_by_name(sn.sheet).to_python()
    n = len(sn.header)
    data: list[list] = [[] for _ in range(n)]
    rownums = []
    for r, row in enumerate(rows[sn.header_index + 1:], start=sn.header_index + 2):
        vals = [_cell_text(v) for v in row[:n]] + [None] * max(0, n - len(row))
        if sum(1 for v in vals if v not in (None, "")) <= (0 if n < 2 else 1) and not any(
                _cell_text(v) for v in row[n:]):
            if sum(1 for v in vals if v not in (None, "")) == 0:
                continue
            continue  # a notes/trailer row
        for i in range(n):
            data[i].append(vals[i])
        rownums.append(r)
    df = pd.DataFrame({f"c{i}": pd.Series(data[i], dtype="object") for i in range(n)})
    df["_row"] = pd.Series(rownums, dtype="int64")
    con.register(f"{table}_df", df)
    con.execute(f"CREATE TEMP TABLE {table} AS SELECT {', '.join(f'CAST(c{i} AS VARCHAR) AS c{i}' for i in range(n))}, _row FROM {table}_df")
    con.unregister(f"{table}_df")
    return ReadResult(table, len(rownums), [], "workbook", "_row")
