"""The carrier / 3PL QBR workbook: `lib.metrics.carriers.QbrData` as one formatted workbook (openpyxl): number
formats per KPI, a native line chart, RAG fills.  Column titles, kinds and fills are the carriers page's
(lib.viz.carriers), so the workbook reads like the page.  Text cells go through lib.reports.exports.neutralise and are
typed as strings, so nothing in it is ever a formula.
"""
from __future__ import annotations

import io
import math

import pandas as pd

from ..viz.carriers import LABELS, RAG_FILLS, kind_of, title
from .exports import neutralise

QBR_KINDS = {"carrier": "Carrier", "warehouse": "Warehouse / 3PL"}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"pct": "0.0%", "lb": "#,##0.0", "days": "0.0", "hours": "0.0", "money": "$#,##0.00", "int": "#,##0", "num": "0.00",
           "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm"}


def qbr_file_name(kind: str, subject: str | None) -> str:
    """A download name made of letters, digits and underscores only (subjects come from the data)."""
    return "".join(ch if ch.isalnum() else "_" for ch in f"qbr_{kind}_{subject or ''}") + ".xlsx"



def qbr_workbook(data) -> bytes:
    """One formatted workbook from `lib.metrics.carriers.QbrData`: Scorecard, Weekly trend (with a native line
    chart), Worst lanes, Exceptions. Frozen headers, number formats per KPI, RAG fills; text cells never formulas."""
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    what = "Carrier" if data.kind == "carrier" else "Warehouse / 3PL"
    heading = f"{what} quarterly business review: {data.subject}"

    def sheet(name: str, df: pd.DataFrame, note: str):
        ws = wb.create_sheet(name)
        _text(ws.cell(row=1, column=1), heading).font = Font(bold=True, size=13)
        _text(ws.cell(row=2, column=1), f"{note} Period {data.period}.").font = Font(italic=True, color="555555")
        rag_cols = {c for c in df.columns if c.startswith("rag_")}
        cols = [c for c in df.columns if c not in rag_cols]
        header_row = 4
        for j, c in enumerate(cols, start=1):
            cell = _text(ws.cell(row=header_row, column=j), title(c))
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="37474F")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, row in enumerate(df.itertuples(index=False), start=header_row + 1):
            rec = dict(zip(df.columns, row))
            for j, c in enumerate(cols, start=1):
                cell = ws.cell(row=i, column=j)
                v = _value(rec[c])
                if isinstance(v, str):
                    _text(cell, v)
                else:
                    cell.value = v
                    kind = LABELS.get(c, ("", kind_of(c)))[1]
                    if kind in FORMATS and v is not None:
                        cell.number_format = FORMATS[kind]
                r = rec.get(f"rag_{c}")
                if r in RAG_FILLS:
                    cell.fill = PatternFill("solid", fgColor=RAG_FILLS[r])
        ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
        for j, c in enumerate(cols, start=1):
            ws.column_dimensions[get_column_letter(j)].width = min(max(len(title(c)) * 0.9 + 2, 11), 34)
        ws.row_dimensions[header_row].height = 30
        return ws, header_row, cols

    sc_note = ("KPIs per service, the carrier overall (composite score and rank among all carriers) and the whole "
               "fleet; cells coloured against the targets in settings." if data.kind == "carrier" else
               "Orders picked up by the carrier within the ship SLA (cut-off aware, business days), at carrier pickup "
               "vs by label print, peak vs normal, against all warehouses.")
    sheet("Scorecard", data.scorecard, sc_note)
    metric = "on_time_delivery_rate" if data.kind == "carrier" else "pickup_sla_rate"
    wk_cols = [c for c in data.weekly.columns if c not in ("carrier", "warehouse")]
    ws, hr, cols = sheet("Weekly trend", data.weekly[wk_cols], "Week by week (Monday starts).")
    if len(data.weekly) and metric in cols:
        chart = LineChart()
        chart.title = title(metric)
        chart.y_axis.title = title(metric)
        chart.y_axis.number_format = "0%"
        chart.x_axis.title = "Week"
        chart.x_axis.number_format = "yyyy-mm-dd"
        series = [metric] + (["label_sla_rate"] if metric == "pickup_sla_rate" and "label_sla_rate" in cols else [])
        for m in series:
            jj = cols.index(m) + 1
            chart.add_data(Reference(ws, min_col=jj, min_row=hr, max_row=hr + len(data.weekly)), titles_from_data=True)
        weeks = cols.index("week_start") + 1
        chart.set_categories(Reference(ws, min_col=weeks, min_row=hr + 1, max_row=hr + len(data.weekly)))
        chart.height, chart.width = 8, 18
        ws.add_chart(chart, ws.cell(row=hr, column=len(cols) + 2).coordinate)
    sheet("Worst lanes", data.worst_lanes, "Lanes (zone × weight band × service level) with the lowest on-time "
          "rate, at least the minimum volume.")
    sheet("Exceptions", data.exceptions, "Every package (or order) that went wrong, with each reason.")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

def _text(cell, value: str):
    cell.value = neutralise(value)
    cell.data_type = "s"
    return cell


def _value(v):
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, bool):
        return "yes" if v else "no"
    return v
