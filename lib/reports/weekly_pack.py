"""The weekly pack: a `WeeklyReview` as a formatted Excel workbook that also prints (Summary, Trends, Movers,
Alerts, Fulfillment, Marketplace, Customer).

Written for the screen and the printer alike: frozen headers, number formats with units (rates move in percentage
points), native charts with straight lines between the weekly points and the legend below the plot; every sheet
landscape on the workspace's paper (A4 or Letter), fitted to one page wide, its header row repeated, a header and
footer naming the week, the data snapshot and the page.  Long text is wrapped inside the printable width and its
row made tall enough.  Text is always written as text (a string starting with = + - @ never becomes a formula).
"""
from __future__ import annotations

import io

import pandas as pd

from ..metrics import customer
from ..metrics.review import COST_COLUMNS, STAGE_COLUMNS, WeeklyReview, _metrics
from ..metrics import names
from . import words
from ..metrics.registry import CURRENCY_SYMBOLS

PAPERS = ("A4", "Letter")
NUMBER_FORMATS = {"%": "0.0%", "$": '"$"#,##0.00', "hours": '0.0" h"', "score": "0.00", "x": '0.00"×"',
                  "days": '0.0" days"'}
PTS = '+0.0" pts";-0.0" pts";0.0" pts"'  # a rate's change, written ×100
SIGNED = {"$": '+"$"#,##0.00;-"$"#,##0.00;"$"0.00', "hours": '+0.0" h";-0.0" h";0.0" h"', "score": "+0.00;-0.00;0.00",
          "x": '+0.00"×";-0.00"×";0.00"×"', "days": '+0.0" days";-0.0" days";0.0" days"'}
FILLS = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE", "none": "EDEDED"}
MOVER_SHARE = 0.10  # a slice matters when its contribution is at least this share of the KPI's change
MOVER_MAX = 4  # and at most this many slices per KPI; the rest are summed in one row
LINE_HEIGHT = 15.0  # points per line of wrapped text (Calibri 11)
STAGE_NAMES = {"processing_hours": "Processing", "dock_hours": "At the dock", "transit_hours": "In transit",
               "cycle_hours": "Order cycle", "click_to_door_hours": "Click to door"}
COST_NAMES = {"label_cost_per_order": "Label", "tpl_cost_per_order": "3PL fees",
              "packaging_cost_per_order": "Packaging",
              "labor_cost_per_order": "Labor", "cost_per_order": "Cost per order",
              "shipping_charged_per_order": "Shipping charged", "net_shipping_cost_per_order": "Net shipping cost"}


# ------------------------------------------------------------------------------------------------ movers that matter


def movers_that_matter(rv: WeeklyReview, share: float = MOVER_SHARE, most: int = MOVER_MAX) -> list[dict]:
    """Per KPI that moved, its change split by one dimension: the one holding the largest contribution in the
    direction of the change (the slice the bullets name), else the largest one.  The slices contributing at least
    `share` of the change (at most `most`), then one row summing the rest, so a KPI's rows add up to its change.
    Rows: the movers' records plus `label` (display name) and `is_rest`; in tile order."""
    mv = rv.frame("movers")
    if mv.empty:
        return []
    out = []
    for t in rv.tiles:
        rows = mv[mv["kpi"] == t.key]
        if rows.empty or not t.change:
            continue
        real = rows[~rows["is_other"].astype(bool)]
        same_way = real[real["contribution"] * t.change > 0]
        pick = same_way if len(same_way) else real if len(real) else rows
        dim = pick.loc[pick["contribution"].abs().idxmax(), "dimension"]
        part = rows[rows["dimension"] == dim].to_dict("records")
        keep = [r for r in part if not r["is_other"] and abs(r["contribution"]) >= share * abs(t.change)]
        keep = sorted(keep, key=lambda r: -abs(r["contribution"]))[:most]
        if not keep:  # always name the largest one
            keep = [max((r for r in part if not r["is_other"]), key=lambda r: abs(r["contribution"]))]
        rest = [r for r in part if r not in keep]
        for r in keep:
            out.append({**r, "label": names.display(dim, r["slice"]), "is_rest": False})
        if rest:
            n = sum(_slices_in(r) for r in rest)
            summed = {c: sum(float(r[c] or 0) for r in rest) for c in
                      ("measured_prev", "measured_cur", "share_prev", "share_cur", "mix_effect", "rate_effect",
                       "contribution")}
            word = names.NOUNS[dim] if n == 1 else names.PLURALS[dim]
            out.append({"kpi": t.key, "dimension": dim, "slice": None, "label": f"{n} other {word}",
                        "value_prev": None, "value_cur": None, "is_other": True, "is_rest": True, **summed})
    return out


def _slices_in(record: dict) -> int:
    if not record["is_other"]:
        return 1
    import re
    m = re.search(r"\((\d+) slices?\)", str(record["slice"]))
    return int(m.group(1)) if m else 1


# ------------------------------------------------------------------------------------------------ the workbook


def weekly_pack(review: WeeklyReview, pinned_id: str | None = None, paper: str = "A4", app_url: str = "") -> bytes:
    """The review as a workbook that reads on screen and prints (see the module docstring); `paper` 'A4' or
    'Letter'; `app_url` (the app's address) makes the alerts' links clickable."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from .exports import neutralise

    bold = Font(name="Calibri", bold=True)
    wrap, top_wrap = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    metrics = _metrics()
    rv = review
    span = words.week_span(rv)
    scope = names.scope_text(rv.filters)
    symbol = CURRENCY_SYMBOLS.get(rv.currency, f"{rv.currency} ")

    def money_fmt(fmt):
        """A number format with the reporting currency's symbol (the formats above are written with "$")."""
        return fmt.replace('"$"', f'"{symbol}"') if fmt else fmt

    def put(ws, row, col, value, fmt=None):
        fmt = money_fmt(fmt)
        if isinstance(value, float):
            value = words.clean(value)
        if isinstance(value, str):
            value = neutralise(value)
        cell = ws.cell(row=row, column=col, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        if fmt and isinstance(value, (int, float)):
            cell.number_format = fmt
        return cell

    def widths(ws, sizes: dict):
        for j, w in sizes.items():
            ws.column_dimensions[get_column_letter(j)].width = w

    def header(ws, row, heads, height_lines=None):
        """Bold headings wrapped in their columns (set the widths first), the row as tall as the longest needs."""
        for j, h in enumerate(heads, start=1):
            c = put(ws, row, j, h)
            c.font, c.alignment = bold, Alignment(wrap_text=True, vertical="bottom")
        if height_lines is None:
            height_lines = max(_lines(h, ws.column_dimensions[get_column_letter(j)].width or 13)
                               for j, h in enumerate(heads, start=1))
        if height_lines > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * height_lines + 2

    def fit_height(ws, row, texts_and_widths):
        """Row tall enough for its wrapped texts: (text, width in characters) pairs."""
        lines = max([_lines(t, w) for t, w in texts_and_widths] or [1])
        ws.row_dimensions[row].height = max(LINE_HEIGHT, LINE_HEIGHT * lines + 2)

    def table(ws, top, heads, rows, formats=None, wrap_cols=None, sizes=None):
        widths(ws, sizes or {})
        header(ws, top, heads)
        for i, row in enumerate(rows, start=top + 1):
            for j, v in enumerate(row, start=1):
                c = put(ws, i, j, v, (formats or {}).get(j))
                c.alignment = wrap if j in (wrap_cols or ()) else top_wrap
            if wrap_cols:
                fit_height(ws, i, [(str(row[j - 1] or ""), (sizes or {}).get(j, 12)) for j in wrap_cols])
        ws.freeze_panes = ws.cell(row=top + 1, column=1)
        widths(ws, sizes or {})
        return top + len(rows)

    def chart_title(text):
        """A title in 11 pt (the default is large enough to squeeze the plot)."""
        from openpyxl.chart.text import RichText, Text
        from openpyxl.chart.title import Title
        from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
        cp = CharacterProperties(sz=1100, b=True)
        return Title(tx=Text(rich=RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=cp),
                                                          r=[RegularTextRun(rPr=cp, t=text)])])), overlay=False)

    def line_chart(ws, title, y_title, cols, header_row, last_row, anchor, fmt="0%", size=(8.6, 7.5)):
        ch = LineChart()
        ch.title, ch.y_axis.title, ch.x_axis.title = chart_title(title), y_title, None
        if fmt.endswith("%"):
            ch.y_axis.scaling.max = 1.0  # a rate never passes 100 %
        ch.y_axis.number_format, ch.width, ch.height = money_fmt(fmt), *size
        ch.x_axis.number_format = "d mmm"
        ch.y_axis.delete = ch.x_axis.delete = False  # LibreOffice and new Excel hide the axes otherwise
        for col in cols:
            ch.add_data(Reference(ws, min_col=col, min_row=header_row, max_row=last_row), titles_from_data=True)
        ch.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
        for s in ch.series:  # straight segments between the weekly points, each week marked
            s.smooth = False
            s.marker.symbol = "circle"
            s.marker.size = 5
        ch.legend.position = "b"  # below the plot, inside the chart area
        ch.legend.overlay = False
        if len(cols) == 1:
            ch.legend = None
        ws.add_chart(ch, anchor)

    def print_setup(ws, title_rows: str | None, one_page: bool = False):
        """Landscape, one page wide (`one_page`: and one page tall, for the sheets laid out as one page)."""
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_LETTER if paper == "Letter" else ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 1 if one_page else 0
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3
        if title_rows:
            ws.print_title_rows = title_rows
        amp = lambda s: s.replace("&", "&&")  # noqa: E731 — & starts a code in headers and footers
        ws.oddHeader.left.text = amp(f"Weekly review {rv.week} ({span})")
        ws.oddHeader.center.text = "&A"
        ws.oddHeader.right.text = "Page &P of &N"
        ws.oddFooter.left.text = amp(f"Data snapshot v{rv.data_version}, generated {rv.generated_at.replace('T', ' ')}"
                                     + (f", pinned review {pinned_id}" if pinned_id else ""))
        ws.oddFooter.right.text = amp(f"Scope: {scope}")
        for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
            part.size = 9

    wb = Workbook()

    # Summary: the KPI table, what happened, the notes
    ws = wb.active
    ws.title = "Summary"
    sizes = {1: 30, 2: 13, 3: 13, 4: 13, 5: 13, 6: 17, 7: 13, 8: 13}  # 6: "Too few to judge" whole
    full = sum(sizes.values())
    title = put(ws, 1, 1, f"Weekly review {rv.week} ({rv.week_start} – {rv.week_end})")
    title.font = Font(name="Calibri", bold=True, size=14)
    line2 = (f"Scope: {scope} · data snapshot v{rv.data_version} · generated {rv.generated_at.replace('T', ' ')}"
             + (f" · pinned review {pinned_id}" if pinned_id else ""))
    put(ws, 2, 1, line2).alignment = wrap
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(sizes))
    fit_height(ws, 2, [(line2, full)])
    heads = ["KPI", "This week", "Previous week", "Change", "Target", "Status", "Measured on",
             "z-score vs 8 weeks before"]
    top = 4
    widths(ws, sizes)
    header(ws, top, heads)
    for i, t in enumerate(rv.tiles, start=top + 1):
        fmt = NUMBER_FORMATS.get(t.unit)
        change = None if t.change is None else words.clean(t.change * 100 if t.unit == "%" else t.change, 9)
        row = [t.name, t.value, t.previous, change, t.target, words.status_text(t), t.measured,
               None if t.z is None else round(t.z, 2)]
        for j, v in enumerate(row, start=1):
            put(ws, i, j, v, {2: fmt, 3: fmt, 4: PTS if t.unit == "%" else SIGNED.get(t.unit, fmt), 5: fmt,
                              7: "#,##0", 8: "+0.0;-0.0;0.0"}.get(j))
        ws.cell(row=i, column=6).fill = PatternFill("solid", fgColor=FILLS[t.rag])
        ws.cell(row=i, column=6).alignment = Alignment(horizontal="center")
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    widths(ws, sizes)
    row = top + len(rv.tiles) + 1
    put(ws, row, 1, "Status: Met = target reached; Missed narrowly = short of it by at most 10 % of the target; Missed "
                    "= by more; Too few to judge = measured on fewer than the minimum sample of the settings. Changes of "
                    "rates are in percentage points (pts).").font = Font(name="Calibri", italic=True, size=9)
    row += 2
    put(ws, row, 1, "What happened").font = Font(name="Calibri", bold=True, size=12)
    for b in rv.bullets:
        row += 1
        text = "• " + b
        put(ws, row, 1, text).alignment = wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(sizes))
        fit_height(ws, row, [(text, full)])
    row += 1
    for n in rv.notes:
        row += 1
        c = put(ws, row, 1, "Note: " + n)
        c.alignment, c.font = wrap, Font(name="Calibri", italic=True, size=9)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(sizes))
        fit_height(ws, row, [(c.value, full * 1.15)])
    print_setup(ws, f"{top}:{top}", one_page=True)

    # Trends: one column per tile KPI, one row per week, four charts below
    ws = wb.create_sheet("Trends")
    weekly = rv.frame("weekly")
    tiles = sorted(rv.tiles, key=lambda t: t.unit != "%")  # rates side by side
    keys = [t.key for t in tiles]
    rows = [[pd.Timestamp(r["week_start"]).date(), *[r.get(k) for k in keys]] for r in rv.weekly]
    formats = {1: "yyyy-mm-dd", **{j: NUMBER_FORMATS.get(t.unit) for j, t in enumerate(tiles, start=2)}}
    last = table(ws, 1, ["Week of", *[t.name for t in tiles]], rows, formats,
                 sizes={j: 12 for j in range(1, len(tiles) + 2)})
    col_of = {k: j for j, k in enumerate(keys, start=2)}
    service = [col_of[k] for k in ("on_time_ship_rate", "on_time_delivery_rate", "otif_rate", "perfect_order_rate",
                                   "fulfillment_accuracy") if k in col_of]
    other_rates = [col_of[k] for k in ("csat", "cancellation_rate", "unit_return_rate") if k in col_of]
    if len(rows):  # three charts side by side below the table: the sheet is one page
        below = last + 2
        if service:
            line_chart(ws, "Service rates by week", "rate", service, 1, last, f"A{below}", "0%")
        if other_rates:
            line_chart(ws, "CSAT, cancellations and returns", "rate", other_rates, 1, last, f"E{below}", "0%")
        if "cost_per_order" in col_of:
            line_chart(ws, metrics["cost_per_order"].name + " by week", "$ per order", [col_of["cost_per_order"]], 1,
                       last, f"I{below}", '"$"0.00')
    print_setup(ws, "1:1", one_page=True)

    # Movers: per KPI, the slices that matter and the rest in one row
    ws = wb.create_sheet("Movers")
    sizes = {1: 32, 2: 10, 3: 22, 4: 11, 5: 11, 6: 10, 7: 10, 8: 12, 9: 12, 10: 12, 11: 12, 12: 13}
    heads = ["KPI (change)", "Split by", "Slice", "Measured, previous week", "Measured, this week",
             "Share, previous week", "Share, this week", "Value, previous week", "Value, this week", "Mix effect",
             "Rate effect", "Contribution"]
    picked = movers_that_matter(rv)

    def mover_row(r, label):
        """A mover as a row of the sheet, and its number formats (effects in pts for a rate, in its unit else)."""
        t, m = rv.tile(r["kpi"]), metrics[r["kpi"]]
        unit = NUMBER_FORMATS.get(m.unit)
        delta = PTS if m.unit == "%" else SIGNED.get(m.unit, unit)
        return ([f"{t.name} ({words.change_text(m, t.change, rv.currency)})", names.title(r["dimension"]), label,
                 r["measured_prev"], r["measured_cur"], r["share_prev"], r["share_cur"], r["value_prev"],
                 r["value_cur"], *[_shown(r[c] * (100 if m.unit == "%" else 1), m.unit)
                                   for c in ("mix_effect", "rate_effect", "contribution")]],
                {4: "#,##0", 5: "#,##0", 6: "0%", 7: "0%", 8: unit, 9: unit, 10: delta, 11: delta, 12: delta})

    rows, fmts = [], []
    for r in picked:
        row, fmt = mover_row(r, r["label"] if r["is_rest"] else names.display(r["dimension"], r["slice"]))
        rows.append(row)
        fmts.append(fmt)
    last = table(ws, 1, heads, rows, sizes=sizes, wrap_cols=(1, 3))
    thin = Side(style="thin", color="999999")
    for i, (f, r) in enumerate(zip(fmts, picked), start=2):
        for j, fmt in f.items():
            if isinstance(ws.cell(row=i, column=j).value, (int, float)):
                ws.cell(row=i, column=j).number_format = fmt
        if r["is_rest"]:
            ws.cell(row=i, column=3).font = Font(name="Calibri", italic=True)
        if i == 2 or picked[i - 3]["kpi"] != r["kpi"]:  # a line above each KPI's rows
            for j in range(1, len(heads) + 1):
                ws.cell(row=i, column=j).border = Border(top=thin)
    note = ("Each KPI's week-on-week change split by the dimension holding its largest contribution (the one the "
            "bullets name): the slices contributing at least a tenth of the change, the rest summed in one row, so "
            "a KPI's contributions add up to its change. Rates move in percentage points (pts). Every split of the "
            "Weekly review page (channel, warehouse, carrier, category and SKU) follows below, on screen only." if rows
            else
            "No split of a change this week: no KPI moved, or every dimension had a single slice.")
    c = put(ws, last + 2, 1, note)
    c.alignment, c.font = wrap, Font(name="Calibri", italic=True, size=9)
    ws.merge_cells(start_row=last + 2, start_column=1, end_row=last + 2, end_column=len(sizes))
    fit_height(ws, last + 2, [(note, sum(sizes.values()) * 1.15)])
    if picked:
        biggest = max(rv.tiles, key=lambda t: abs(t.change / t.previous) if t.change and t.previous else 0).key
        idx = [i for i, r in enumerate(picked, start=2) if r["kpi"] == biggest] or \
              [i for i, r in enumerate(picked, start=2) if r["kpi"] == picked[0]["kpi"]]
        kpi = picked[idx[0] - 2]["kpi"]
        ch = BarChart()
        ch.type = "bar"
        title_text = (f"{metrics[kpi].name}: contributions to the change"
                      + (" (pts)" if metrics[kpi].unit == "%" else ""))
        ch.width, ch.height = 16, 7
        ch.y_axis.delete = ch.x_axis.delete = False
        ch.y_axis.number_format = "0.0" if metrics[kpi].unit == "%" else NUMBER_FORMATS.get(metrics[kpi].unit, "0.0")
        ch.add_data(Reference(ws, min_col=12, min_row=idx[0], max_row=idx[-1]), titles_from_data=False)
        ch.set_categories(Reference(ws, min_col=3, min_row=idx[0], max_row=idx[-1]))
        ch.x_axis.scaling.orientation = "maxMin"  # the largest mover on top, as in the table
        ch.x_axis.tickLblPos = "low"  # slice names left of the plot, clear of bars that go below zero
        ch.title = chart_title(title_text)
        ch.legend = None
        ws.add_chart(ch, f"A{last + 4}")
    # below the print area, for the screen: every mover the page shows (each dimension, its top slices and the rest)
    detail = last + (4 + 16 if picked else 4)
    ws.print_area = f"A1:{get_column_letter(len(heads))}{detail - 2}"
    if rv.movers:
        c = put(ws, detail, 1, "Every mover, as on the Weekly review page: each KPI split by channel, warehouse, "
                               "carrier, category and SKU (the top five slices and the rest). Not printed: the "
                               "printed pack stops above.")
        c.font = Font(name="Calibri", bold=True)
        header(ws, detail + 1, heads)
        for i, r in enumerate(rv.movers, start=detail + 2):
            row, fmt = mover_row(r, words.other_label(r["dimension"], r["slice"]) if r["is_other"]
                                 else names.display(r["dimension"], r["slice"]))
            for j, v in enumerate(row, start=1):
                put(ws, i, j, v, fmt.get(j))
    print_setup(ws, "1:1")

    # Alerts
    ws = wb.create_sheet("Alerts")
    sizes = {1: 20, 2: 22, 3: 9, 4: 70, 5: 32}
    rows, links = [], []
    for a in rv.alerts:
        rows.append([words.ALERT_KINDS.get(a.kind, a.kind), words.kpi_name(a.kpi, metrics),
                     a.severity.capitalize(), a.message, words.drill_text(a)])
        links.append(words.drill_url(app_url, a) if app_url else None)
    table(ws, 1, ["Kind", "KPI", "Severity", "Message", "Drill-down" + (" (a link)" if app_url else "")],
          rows or [["No alerts", "", "", "Every KPI with a target is within its amber band, nothing is unusual "
                    "against the last 8 weeks, and every marketplace threshold is met.", ""]],
          sizes=sizes, wrap_cols=(2, 4, 5))
    for i, link in enumerate(links, start=2):
        if link:
            c = ws.cell(row=i, column=5)
            c.hyperlink = link
            c.font, c.alignment = Font(name="Calibri", color="0563C1", underline="single"), wrap
    if pinned_id and app_url:
        r = len(rows or [0]) + 3
        c = put(ws, r, 1, f"These numbers, pinned: {words.pin_url(app_url, pinned_id)}")
        c.hyperlink = words.pin_url(app_url, pinned_id)
    print_setup(ws, "1:1")

    # Fulfillment: cycle-time stages and the cost stack by week (two tables), two charts
    ws = wb.create_sheet("Fulfillment")
    stages = [c for c in STAGE_COLUMNS if c in weekly.columns]
    costs = [c for c in ("orders", *COST_COLUMNS) if c in weekly.columns]

    def stage_name(c):
        base, stat = c.rsplit("_", 1)
        name = STAGE_NAMES.get(base, base.replace("_", " ").capitalize())
        return f"{name} ({'median' if stat == 'median' else 'p90'}, h)"

    rows = [[pd.Timestamp(r["week_start"]).date(), *[r.get(c) for c in stages]] for r in rv.weekly]
    last = table(ws, 1, ["Week of", *[stage_name(c) for c in stages]], rows,
                 {1: "yyyy-mm-dd", **{j: '0.0' for j in range(2, len(stages) + 2)}},
                 sizes={j: 12 for j in range(1, len(stages) + 2)})
    top2 = last + 2
    widths(ws, {j: 12 for j in range(1, max(len(stages), len(costs)) + 2)})
    rows2 = [[pd.Timestamp(r["week_start"]).date(), *[r.get(c) for c in costs]] for r in rv.weekly]
    header(ws, top2, ["Week of", *["Orders" if c == "orders" else COST_NAMES.get(c, c.replace("_", " ")) + " ($)"
                                   for c in costs]])
    for i, row in enumerate(rows2, start=top2 + 1):
        for j, v in enumerate(row, start=1):
            put(ws, i, j, v, "yyyy-mm-dd" if j == 1 else "#,##0" if costs[j - 2] == "orders" else '"$"#,##0.00')
    last2 = top2 + len(rows2)
    ws.freeze_panes = "A2"
    if len(rows):
        medians = [j for j, c in enumerate(stages, start=2)
                   if c.endswith("_median") and not c.startswith(("cycle", "click"))]
        medians += [j for j, c in enumerate(stages, start=2) if c == "cycle_hours_p90"]
        charts_at = last2 + 2
        if medians:
            line_chart(ws, "Cycle time: stages (median) and order cycle (p90)", "hours", medians, 1, last,
                       f"A{charts_at}", "0", size=(12.5, 7.5))
        stack = [j for j, c in enumerate(costs, start=2) if c in COST_COLUMNS[:4]]
        if stack:
            ch = BarChart()
            ch.type, ch.grouping, ch.overlap = "col", "stacked", 100
            ch.title = chart_title("Cost per shipped order, by part")
            ch.y_axis.number_format, ch.width, ch.height = money_fmt('"$"0'), 12.5, 7.5
            ch.y_axis.delete = ch.x_axis.delete = False
            ch.x_axis.number_format = "d mmm"
            ch.add_data(Reference(ws, min_col=min(stack), max_col=max(stack), min_row=top2, max_row=last2),
                        titles_from_data=True)
            ch.set_categories(Reference(ws, min_col=1, min_row=top2 + 1, max_row=last2))
            ch.legend.position = "b"
            ws.add_chart(ch, f"G{charts_at}")
    print_setup(ws, "1:1", one_page=True)

    # Marketplace health
    ws = wb.create_sheet("Marketplace")
    sizes = {1: 11, 2: 30, 3: 9, 4: 11, 5: 11, 6: 10, 7: 11, 8: 9, 9: 10, 10: 12, 11: 48}
    rows = [[names.display("channel", r["channel"]), r["metric_name"], r["window_days"], _date(r["window_start"]),
             _date(r["window_end"]), r["numerator"], r["denominator"], r["rate"], r["threshold"],
             names.display("status", r["status"]),
             r["source"] or ""] for r in rv.marketplace]
    table(ws, 1, ["Channel", "Metric", "Window (days)", "From", "To", "Count", "Of", "Rate", "Threshold", "Status",
                  "Threshold source"], rows,
          {3: "0", 4: "yyyy-mm-dd", 5: "yyyy-mm-dd", 6: "#,##0", 7: "#,##0", 8: "0.0%", 9: "0.0%"}, wrap_cols=(2, 11),
          sizes=sizes)
    for i, r in enumerate(rv.marketplace, start=2):
        ws.cell(row=i, column=10).alignment = Alignment(horizontal="center", vertical="top")
        ws.cell(row=i, column=10).fill = PatternFill("solid", fgColor=FILLS["red" if r["status"] == "breach" else
                                                                          "green" if r["status"] == "ok" else "none"])
    print_setup(ws, "1:1")

    # Customer: CSAT by week, order defect rate by channel
    ws = wb.create_sheet("Customer")
    rows = [[pd.Timestamp(r["week_start"]).date(), r.get("csat_responses"), r.get("csat"), r.get("csat_mean_score")]
            for r in rv.weekly]
    last = table(ws, 1, ["Week of", "Responses", "CSAT", "Mean score (1–5)"], rows,
                 {1: "yyyy-mm-dd", 2: "#,##0", 3: "0.0%", 4: "0.00"}, sizes={1: 13, 2: 12, 3: 12, 4: 12, 5: 12})
    if len(rows):
        line_chart(ws, "CSAT by week", "CSAT", [3], 1, last, "G2", "0%", size=(12.5, 7.5))
    top = last + 3
    put(ws, top - 1, 1, f"Order defect rate, {customer.ODR_WINDOW_DAYS} days to {rv.week_end}").font = bold
    header(ws, top, ["Channel", "Orders", "Orders with feedback", "Defective orders", "Order defect rate"])
    for i, r in enumerate(rv.order_defects, start=top + 1):
        row = [names.display("channel", r["channel"]), r["orders"], r["orders_with_feedback"], r["defective_orders"],
               r["order_defect_rate"]]
        for j, v in enumerate(row, start=1):
            put(ws, i, j, v, {2: "#,##0", 3: "#,##0", 4: "#,##0", 5: "0.00%"}.get(j))
    ws.freeze_panes = "A2"
    print_setup(ws, "1:1", one_page=True)

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _shown(v, unit: str):
    """An effect rounded to what its format shows (0.1 pt, 1 cent, 0.1 h), so a tiny one reads 0.0, never -0.0."""
    v = words.clean(v, 9)
    return None if v is None else round(v, 2 if unit in ("$", "score", "x") else 1) + 0.0


def _date(v):
    import datetime as dt
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return v


def _lines(text: str, width_chars: float) -> int:
    """Lines a wrapped text takes in a cell `width_chars` wide (Excel's width unit, the width of a '0'): words are
    kept whole, as the spreadsheet wraps them; a little slack for wider letters."""
    room = max(4.0, width_chars * 1.05 - 2)
    lines, used = 1, 0.0
    for word in str(text).split():
        size = sum(1.25 if ch.isupper() or ch in "mwMW@%" else 0.55 if ch in "iljtfr.,:;'|! " else 1.0 for ch in word)
        if used and used + 1 + size > room:
            lines, used = lines + 1, size
        else:
            used = used + (1 if used else 0) + size
        while used > room:  # a word longer than the cell
            lines, used = lines + 1, used - room
    return lines


def paper_of(settings: dict) -> str:
    p = str((settings or {}).get("paper", "A4")).strip().capitalize()
    return "A4" if p.upper() == "A4" else "Letter" if p == "Letter" else "A4"


def orientation_of(settings: dict) -> str:
    """The PDF brief's orientation from the settings: 'portrait' (default) or 'landscape'."""
    o = str((settings or {}).get("brief_orientation", "portrait")).strip().lower()
    return "landscape" if o == "landscape" else "portrait"


def review_for(ws, week: str | None, params: dict | None = None):
    """The review of `week` (default: the latest complete week) for the workspace, as the page computes it."""
    from ..metrics.review import default_week, weekly_review
    con = ws.reader()
    try:
        week = week or default_week(con)
        if week is None:
            raise ValueError("the workspace holds no orders yet")
        settings = ws.settings()
        return weekly_review(con, week, params or {}, settings["targets"],
                             min_sample=int(settings["planning"]["min_sample"]))
    finally:
        con.close()


def out_path(out, kind: str, week: str):
    """`out` as given, or the week's file name inside it when it is a folder (or missing: the current folder)."""
    from pathlib import Path
    if out is None:
        return Path(words.file_name(kind, week))
    out = Path(out)
    return out / words.file_name(kind, week) if out.is_dir() else out


def write_pack(ws, week: str | None, out=None, params: dict | None = None) -> tuple[str, int]:
    """Build the weekly pack of `week` (default: the latest complete week) into `out` (a file, or a folder where it
    is named by week); returns (week, bytes written).  Used by `python -m lib report weekly`."""
    review = review_for(ws, week, params)
    data = weekly_pack(review, paper=paper_of(ws.settings()))
    path = out_path(out, "pack", review.week)
    path.write_bytes(data)
    return review.week, len(data)

