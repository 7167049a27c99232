"""The marts for BI tools (Power BI, Tableau, Looker…): every published mart of one snapshot written to a folder as
Parquet (values as stored, types kept) and CSV (formula-safe: a text cell starting with = + - @ gets a leading
apostrophe, numbers untouched), with the data dictionary beside them as `data_dictionary.csv` (one row per column)
and `data_dictionary.json` (tables, grain, upstream, columns, row counts, the snapshot version and the reporting
currency). All files come from one snapshot, so a dashboard reads the same numbers as the app; each file is written
under a temporary name and renamed into place, so a tool refreshing mid-export reads whole files.

    python -m lib export --all --out DIR [--format parquet|csv|both]
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("parquet", "csv", "both")


@dataclass(frozen=True)
class BiExport:
    out_dir: Path
    snapshot_version: int
    rows: dict = field(default_factory=dict)  # mart -> rows written
    files: tuple[Path, ...] = ()


def _replace(tmp: Path, final: Path) -> Path:
    os.replace(tmp, final)
    return final


def export_marts(ws, out_dir, fmt: str = "both") -> BiExport:
    """Write every mart of the current snapshot into `out_dir` (see the module doc); returns what was written."""
    from ..warehouse.dictionary import table_docs
    from .exports import frame_to_csv
    from ..metrics.explorer import schema
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    con = ws.reader()
    try:
        version, published_at = con.execute("SELECT version, published_at FROM snapshot_info").fetchall()[0]
        cols = schema(con)
        present = set(cols["table_name"])
        docs = {name: d for name, d in table_docs().items() if name in present and name.startswith(("fct_", "dim_", "rpt_"))}
        rows, files, tables = {}, [], []
        for name, doc in docs.items():  # names from our own registry (MARTS), checked against the snapshot's catalog
            rel = con.table(name)
            if fmt in ("parquet", "both"):
                tmp = out / f".{name}.parquet.tmp"
                rel.write_parquet(str(tmp))
                files.append(_replace(tmp, out / f"{name}.parquet"))
            df = rel.df() if fmt in ("csv", "both") else None
            if df is not None:
                tmp = out / f".{name}.csv.tmp"
                tmp.write_text(frame_to_csv(df), encoding="utf-8")
                files.append(_replace(tmp, out / f"{name}.csv"))
            rows[name] = len(df) if df is not None else con.execute(
                "SELECT count(*) FROM read_parquet($p)", {"p": str(out / f"{name}.parquet")}).fetchall()[0][0]
            c = cols[cols["table_name"] == name]
            tables.append({"name": name, "description": doc.description, "grain": doc.grain, "upstream": doc.upstream,
                           "rows": int(rows[name]),
                           "columns": [{"name": n, "type": t} for n, t in zip(c["column_name"], c["data_type"])]})
        currency = ws.settings().get("reporting_currency", "USD")
        meta = {"snapshot_version": int(version), "published_at": str(published_at), "reporting_currency": currency,
                "formats": ["parquet", "csv"] if fmt == "both" else [fmt], "tables": tables}
        tmp = out / ".data_dictionary.json.tmp"
        tmp.write_text(json.dumps(meta, indent=1), encoding="utf-8")
        files.append(_replace(tmp, out / "data_dictionary.json"))
        import pandas as pd
        flat = pd.DataFrame([{"table": t["name"], "column": c["name"], "type": c["type"], "grain": t["grain"],
                              "table_description": t["description"]} for t in tables for c in t["columns"]])
        tmp = out / ".data_dictionary.csv.tmp"
        tmp.write_text(frame_to_csv(flat), encoding="utf-8")
        files.append(_replace(tmp, out / "data_dictionary.csv"))
        return BiExport(out, int(version), rows, tuple(files))
    finally:
        con.close()
