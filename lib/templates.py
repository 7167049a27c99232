"""The Opsdesk templates: files for what platforms don't export cleanly, generated from the format registry."""
from __future__ import annotations

import io
from pathlib import Path

from .ingest.formats import TEMPLATES, FormatSpec

TYPE_HELP = {"text": "text", "money": "amount, e.g. 12.50", "number": "number", "int": "whole number",
             "ts": "date and time, e.g. 2026-04-05 14:30", "date": "date, e.g. 2026-04-05", "bool": "true/false"}


def template_csv(spec: FormatSpec) -> bytes:
    return (",".join(c.header for c in spec.columns) + "\n").encode()


def template_xlsx(spec: FormatSpec) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    wb = Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append([c.header for c in spec.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    doc = wb.create_sheet("columns")
    doc.append(["column", "type", "required", "description"])
    for c in spec.columns:
        doc.append([c.header, TYPE_HELP[c.type], "yes" if c.required else "", c.doc])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_markdown() -> str:
    out = ["# Opsdesk templates", "",
           "Upload these for data that platforms don't export cleanly. Column names are matched case-insensitively;",
           "extra columns are ignored; required columns must hold a value on every row.", ""]
    for spec in TEMPLATES:
        out += [f"## {spec.label} (`{spec.name}`)", "", spec.doc, "", "| column | type | required | description |",
                "|---|---|---|---|"]
        out += [f"| `{c.header}` | {TYPE_HELP[c.type]} | {'yes' if c.required else ''} | {c.doc} |" for c in spec.columns]
        out.append("")
    return "\n".join(out)


def write_templates(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec in TEMPLATES:
        for ext, fn in ((".csv", template_csv), (".xlsx", template_xlsx)):
            p = out / f"{spec.name}{ext}"
            p.write_bytes(fn(spec))
            paths.append(p)
    return paths
