"""Files for download: CSV and Excel that are safe to open (no formula injection)."""
from __future__ import annotations

import io

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(df):
    """Copy of `df` with every text cell neutralised (numbers stay numbers)."""
    import pandas as pd
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):  # pandas 3 text is "str"
            out[c] = out[c].map(neutralise)
    return out


def frame_to_csv(df) -> str:
    """RFC 4180 CSV (CRLF rows, so a field holding a bare CR or LF is quoted) with formula cells neutralised."""
    return safe_frame(df).to_csv(index=False, lineterminator="\r\n")


def frame_to_xlsx(sheets: dict) -> bytes:
    """Workbook bytes, one sheet per frame; text cells are written as text, never as formulas."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(title=str(name)[:31])
        ws.append([str(c) for c in df.columns])
        for row in df.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
        for i, c in enumerate(df.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(max(len(str(c)) + 2, 10), 40)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(v):
    import pandas as pd
    if v is None or (not isinstance(v, (str, bytes, list, tuple, dict)) and pd.isna(v)):
        return None
    if hasattr(v, "to_pydatetime"):
        return v.to_pydatetime()
    if isinstance(v, str):
        return neutralise(v)
    return v


EXCEL_MAX_ROWS = 1_048_575


def export_table(ws, table: str, fmt: str, out=None):
    """Write a published table of the current snapshot to `out` as csv (formula-safe), parquet or xlsx.

    `table` must name a table of the snapshot (checked against its catalog, never formatted from user text
    otherwise). Returns (path, rows).
    """
    from pathlib import Path
    con = ws.reader()
    try:
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_catalog = current_database()").fetchall()}
        if table not in tables:
            raise ValueError(f"unknown table {table!r}; choose one of: {', '.join(sorted(tables))}")
        path = Path(out) if out else Path(f"{table}.{fmt}")
        rel = con.table(table)
        if fmt == "parquet":
            rel.write_parquet(str(path))
            rows = con.execute("SELECT count(*) FROM read_parquet($p)", {"p": str(path)}).fetchall()[0][0]
        else:
            df = rel.df()
            if fmt == "xlsx":
                if len(df) > EXCEL_MAX_ROWS:
                    raise ValueError(f"{table} has {len(df):,} rows, more than Excel holds; export csv or parquet")
                path.write_bytes(frame_to_xlsx({table: df}))
            else:
                path.write_text(frame_to_csv(df))
            rows = len(df)
        return path, rows
    finally:
        con.close()
