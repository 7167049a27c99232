"""Files uploaded in the app: stored under random names, loaded through `lib.ingest`, and — for a CSV in no known
format — mapped onto an Opsdesk template.  A mapping is saved as a profile keyed by the file's header row, so the
next file with the same header loads without asking again.
"""
from __future__ import annotations

import csv
import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from . import IngestError, IngestReport, detect, ingest_files
from .formats import BY_NAME, TEMPLATES, FormatSpec, norm_header

KNOWN_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xls")
PROFILES = "mapping_profiles"
PREVIEW_ROWS = 5


@dataclass(frozen=True)
class Layout:
    """Where a file's header is: found by `lib.ingest.detect`, or — for a header no known format shares a column
    with — read here from the first row (`detected` False)."""
    kind: str  # "text" or "workbook"
    encoding: str
    delimiter: str
    header_index: int
    header: tuple[str, ...]
    sheet: str | None = None
    detected: bool = True
    known: bool = False  # the header is a complete known format


@dataclass(frozen=True)
class UploadResult:
    report: IngestReport
    path: Path  # the stored copy (random name); kept only while the file awaits its mapping
    layout: Layout | None = None  # None when the file cannot be read at all
    profile_template: str | None = None  # template applied from a saved mapping profile
    preset_label: str | None = None  # the mapping preset the file was loaded with

    @property
    def header(self) -> tuple[str, ...]:
        return self.layout.header if self.layout else ()

    @property
    def needs_mapping(self) -> bool:
        """Unknown format but a readable header: the user can map it onto a template."""
        return self.report.status == "refused" and self.report.format is None and bool(self.header)


def save_upload(data: bytes, name: str, folder: Path) -> Path:
    """Write an upload under a random name (the uploaded name never becomes a path); keeps a known suffix only."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(str(name)).suffix.lower()
    path = folder / (secrets.token_hex(12) + (suffix if suffix in KNOWN_SUFFIXES else ""))
    path.write_bytes(data)
    return path


def header_key(header) -> str:
    """Profile key: the header row, normalised (case, spacing and punctuation-insensitive)."""
    return "|".join(norm_header(h) for h in header)


def profile_for(ws, header) -> dict | None:
    """The saved mapping profile for this header: {"template", "mapping", "saved_at"}, or None."""
    p = ws.read_state(PROFILES, {}).get(header_key(header))
    return p if p and p.get("template") in BY_NAME else None


def save_profile(ws, header, template: str, mapping: dict) -> None:
    profiles = ws.read_state(PROFILES, {})
    profiles[header_key(header)] = {"template": template, "mapping": {k: v for k, v in mapping.items() if v},
                                    "header": list(header), "saved_at": dt.datetime.now().isoformat(timespec="seconds")}
    ws.write_state(PROFILES, profiles)


def guess_mapping(spec: FormatSpec, header) -> dict[str, str | None]:
    """Template column -> file header with the same normalised name (None where nothing matches)."""
    by_norm = {norm_header(h): h for h in header}
    return {c.name: by_norm.get(norm_header(c.header)) for c in spec.columns}


def missing_required(spec: FormatSpec, mapping: dict) -> list[str]:
    return [c.header for c in spec.columns if c.required and not mapping.get(c.name)]


def template_options() -> dict[str, str]:
    """Template name -> label, for choosing the template a file maps onto."""
    return {t.name: t.label for t in TEMPLATES}


def layout(path: Path) -> Layout | None:
    """The file's header row and how to read it; None for empty, binary or unreadable files."""
    try:
        sn = detect(path)
        return Layout(sn.kind, sn.encoding, sn.delimiter, sn.header_index, tuple(sn.header), sn.sheet,
                      known=sn.match is not None and sn.match.complete)
    except IngestError:
        pass
    with open(path, "rb") as f:
        head = f.read(64 * 1024)
    if head.startswith(b"PK\x03\x04"):
        return _workbook_layout(path)
    if not head.strip() or b"\x00" in head[:8192]:
        return None
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = head.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "cp1252", head.decode("cp1252", errors="replace")
    lines = text.splitlines()
    index = next((i for i, line in enumerate(lines) if line.strip()), 0)
    delimiter = max((",", "\t", ";", "|"), key=lines[index].count)
    header = tuple(h.strip() for h in next(csv.reader([lines[index]], delimiter=delimiter)))
    return Layout("text", encoding, delimiter, index, header, detected=False) if len(header) >= 2 else None


def _workbook_layout(path: Path) -> Layout | None:
    from python_calamine import CalamineWorkbook
    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheet = wb.sheet_names[0]
        rows = wb.get_sheet_by_name(sheet).to_python(nrows=40)
    except Exception:
        return None
    for i, row in enumerate(rows):
        header = tuple(str(v).strip() for v in row if str(v).strip())
        if len(header) >= 2:
            return Layout("workbook", "xlsx", "", i, tuple(str(v).strip() for v in row), sheet, detected=False)
    return None


def preview(path: Path, lay: Layout, n: int = PREVIEW_ROWS):
    """The first `n` data rows of a file as text (grain: one row per data row)."""
    import pandas as pd
    if lay.kind == "workbook":
        return pd.read_excel(path, sheet_name=lay.sheet or 0, header=lay.header_index, nrows=n, dtype=str,
                             engine="calamine")
    return pd.read_csv(path, sep=lay.delimiter, encoding=lay.encoding, skiprows=lay.header_index, nrows=n, dtype=str,
                       keep_default_na=False, on_bad_lines="skip")


def _renamed_copy(path: Path, lay: Layout, mapping: dict, preset=None, out: Path | None = None) -> Path:
    """A CSV copy whose header row carries the template's column names (see `_load_mapped`); with a mapping
    preset, its value rules rewrite the cells (a marketplace's site name -> the channel) and its constants fill the
    columns the export does not carry."""
    inverse = {v: k for k, v in mapping.items() if v}
    out = out or path.with_name(path.stem + "-mapped.csv")
    if lay.kind == "workbook":
        from python_calamine import CalamineWorkbook
        from .reader import _cell_text  # 112233 stays 112233 (calamine gives 112233.0), dates ISO
        rows = [[_cell_text(v) or "" for v in r]
                for r in CalamineWorkbook.from_path(str(path)).get_sheet_by_name(lay.sheet).to_python()[lay.header_index + 1:]]
    else:
        with open(path, encoding=lay.encoding, newline="") as f:
            rows = list(csv.reader(f, delimiter=lay.delimiter))[lay.header_index + 1:]
    keep = [i for i, h in enumerate(lay.header) if h in inverse]  # only the mapped columns: the copy is the template
    names = [inverse[lay.header[i]] for i in keep]
    constants = dict(preset.constants) if preset else {}
    if preset and preset.values:
        from .presets import rewrite
        cells = [[rewrite(preset, n, r[i] if i < len(r) else "") for n, i in zip(names, keep)] for r in rows]
    else:
        cells = [[(r[i] if i < len(r) else "") for i in keep] for r in rows]
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(names + list(constants))
        w.writerows([c + list(constants.values()) for c in cells if not constants or any(v.strip() for v in c)])
    return out


def _load_mapped(ws, path: Path, name: str, lay: Layout, mapping: dict, template: str,
                 preset=None) -> UploadResult:
    mapping = {k: v for k, v in mapping.items() if v}
    # a copy holding only the mapped columns under the template's names: a clear template header, whatever the
    # file was (a report of another platform is loaded on purpose this way)
    source = _renamed_copy(path, lay, mapping, preset)
    try:
        report = ingest_files(ws, [source], names=[name], loaded_by="app")[0]
    finally:
        source.unlink(missing_ok=True)
    return _settled(UploadResult(report, path, lay, template, preset.label if preset else None))


def _settled(result: UploadResult) -> UploadResult:
    """Drop the stored copy once no mapping step needs it (ingest archived what it loaded)."""
    if not result.needs_mapping:
        result.path.unlink(missing_ok=True)
    return result


BUILDING = "(rebuilding the model)"  # progress name while the batch's marts are rebuilt


def load_files(ws, files: list[tuple[Path, str]], progress=None) -> list[UploadResult]:
    """Load stored uploads [(path, original name)], applying saved mapping profiles; `progress(i, n, name)`.

    Files in a known format go in as one batch (one transaction, one rebuild of the model); files loaded through
    a saved column mapping go in one by one after it."""
    out: list[UploadResult | None] = [None] * len(files)
    plain, mapped = [], []
    for i, (path, name) in enumerate(files):
        lay = layout(path)
        profile = profile_for(ws, lay.header) if lay and not lay.known else None
        (mapped if profile else plain).append((i, path, name, lay, profile))
    if plain:
        def batch_progress(k, n, name):
            if progress:
                progress(min(k, n - 1), len(files), name or BUILDING)
        reports = ingest_files(ws, [p for _, p, _, _, _ in plain], names=[n for _, _, n, _, _ in plain],
                               loaded_by="app", progress=batch_progress)
        for (i, path, _, lay, _), report in zip(plain, reports):
            out[i] = _settled(UploadResult(report, path, lay))
    for i, path, name, lay, profile in mapped:
        if progress:
            progress(i, len(files), name)
        out[i] = _load_mapped(ws, path, name, lay, profile["mapping"], profile["template"])
    if progress:
        progress(len(files), len(files), "")
    return out


def load_mapped(ws, result: UploadResult, template: str, mapping: dict) -> UploadResult:
    """Save the mapping as the profile for this header, then load the file with it."""
    missing = missing_required(BY_NAME[template], mapping)
    if missing:
        raise ValueError("map every required column first: " + ", ".join(missing))
    save_profile(ws, result.header, template, mapping)
    return _load_mapped(ws, result.path, result.report.file_name, result.layout, mapping, template)


def load_with_preset(ws, result: UploadResult, preset) -> UploadResult:
    """Load a file in no known format with a mapping preset; a file lacking a heading the preset maps (or, for a
    preset that refuses unknown values, holding one) is refused with a PresetError naming it, nothing loaded."""
    from .presets import check, resolve
    check(preset, result.header)
    return _load_mapped(ws, result.path, result.report.file_name, result.layout, resolve(preset, result.header),
                        preset.template, preset)


def ingest_with_preset(ws, path: Path, preset, *, name: str | None = None, loaded_by: str = "cli") -> IngestReport:
    """Load a file from disk with a mapping preset (the command line's `ingest --preset`); the file itself is left
    as it is. A file that cannot be read as a table, or lacks a heading the preset maps, raises a PresetError."""
    import tempfile
    from .presets import PresetError, check, resolve
    path = Path(path)
    lay = layout(path)
    if lay is None:
        raise PresetError(f"{path.name}: not a table Opsdesk can read (CSV, TSV, TXT or XLSX with a header row)")
    check(preset, lay.header)
    with tempfile.TemporaryDirectory(prefix="opsdesk-preset-") as tmp:
        source = _renamed_copy(path, lay, resolve(preset, lay.header), preset, out=Path(tmp) / "mapped.csv")
        return ingest_files(ws, [source], names=[name or path.name], loaded_by=loaded_by)[0]
