"""The Weekly review (the default page, `/`) in a real browser, on a copy of the sample workspace:

- the tiles, the top movers and the bullets show what `lib.metrics.review` computes for the same week;
- "Pin this review" gives a link that shows exactly the same numbers after a new load, while the live review moves;
- the weekly pack downloads as a workbook with the expected sheets, frozen headers, numeric cells with number formats,
  native charts, and no formula anywhere (text from the data that looks like one is written as text).

Each test computes what it expects from the workspace as it is when the test runs, so they do not depend on their
order (two of them load a file into the server's workspace)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness import no_exception, save_screenshot, settle
from lib.ui.review import DIMS

pytestmark = pytest.mark.browser
WAIT = 120_000  # ms, for anything that waits on the server: the machine is shared and a run can take long
PACK = "Download the weekly pack (Excel)"
def mover_headers(dimension: str) -> list[str]:
    """The movers table's headings: the slices under their dimension's name ("Channel"), then the numbers."""
    from lib.metrics import names
    return [names.title(dimension), "Measured (prev)", "Measured (this)", "Share (prev)", "Share (this)",
            "Value (prev)", "Value (this)", "Mix effect", "Rate effect", "Contribution"]
SHEETS = ["Summary", "Trends", "Movers", "Alerts", "Fulfillment", "Marketplace", "Customer"]
CHARTED = {"Trends", "Movers", "Fulfillment", "Customer"}  # the sheets weekly_pack draws native charts on
FORMULA_SKU = '=HYPERLINK("http://example.invalid/x","click")'  # a SKU a spreadsheet would run as a formula
ORDER_COLUMNS = ["order_id", "channel", "ordered_at", "sku", "product_name", "category", "quantity", "unit_price",
                 "currency", "status", "cancelled_at", "warehouse"]


# ------------------------------------------------------------------------------------------------ helpers


def workspace(server):
    from lib.workspace import Workspace
    return Workspace.open(server.workspace)


def live_review(ws):
    """What the page shows by default: the latest complete week, no dimension filter, the settings' targets."""
    from lib.metrics import review
    con = ws.reader()
    try:
        return review.weekly_review(con, review.default_week(con), {}, ws.settings()["targets"])
    finally:
        con.close()


def expected_tiles(rv) -> dict[str, str]:
    from lib.metrics.registry import format_value, metric
    return {t.name: format_value(metric(t.key), t.value) for t in rv.tiles}


def ready(page) -> None:
    """The script run is over (harness.settle) and the lazily loaded elements (tiles with their sparklines,
    charts, tables) have replaced their skeletons: they render a moment after the run."""
    settle(page)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=WAIT)


def open_review(page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("button", name=PACK)).to_be_visible(timeout=WAIT)  # the review has rendered to its end
    ready(page)
    assert page.locator("h1").first.inner_text() == "Weekly review"
    assert no_exception(page)


def tiles(page) -> dict[str, str]:
    """Tile label -> the value shown."""
    main = page.locator('[data-testid="stMain"]')
    labels = main.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = main.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert len(labels) == len(values)
    return {label.strip(): value.strip() for label, value in zip(labels, values)}


def expect_tiles(page, expected: dict[str, str]) -> dict[str, str]:
    """Wait until the tiles show `expected` (label -> value, in order: a rerun may still be drawing them), then
    return what they show."""
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[data-testid="stMetricLabel"]')).to_have_text(list(expected), timeout=WAIT)
    expect(main.locator('[data-testid="stMetricValue"]')).to_have_text(list(expected.values()), timeout=WAIT)
    return tiles(page)


def movers_table(page):
    """The top movers table (the first table of the page): its header cells and first-column cells, from the grid's
    accessible table (the grid itself draws on a canvas)."""
    grid = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    return grid.locator('th[role="columnheader"]'), grid.locator('td[aria-colindex="1"]')


def load_orders(ws, path: Path, week_start: dt.date, rows: list[dict]) -> None:
    """Write `rows` as an Opsdesk orders template file, ordered on the Wednesday of the week, and load it."""
    from lib.ingest import ingest_files
    day = week_start + dt.timedelta(days=2)
    buf = io.StringIO()
    w = csv.DictWriter(buf, ORDER_COLUMNS, lineterminator="\n")
    w.writeheader()
    for i, r in enumerate(rows):
        at = f"{day.isoformat()} {9 + i % 8:02d}:{i % 60:02d}"
        w.writerow({"channel": "shopify", "ordered_at": at, "quantity": 1, "unit_price": "20.00", "currency": "USD",
                    "warehouse": "WH-East", **r, **({"cancelled_at": at} if r.get("status") == "cancelled" else {})})
    path.write_text(buf.getvalue(), encoding="utf-8")
    report = ingest_files(ws, [path], loaded_by="browser test")[0]
    assert report.status == "loaded" and not report.rows_quarantined, report.message


def download_pack(page, tmp_path: Path) -> tuple[str, Path]:
    with page.expect_download(timeout=WAIT) as info:
        page.get_by_role("button", name=PACK).click()
    d = info.value
    out = tmp_path / d.suggested_filename
    d.save_as(out)
    return d.suggested_filename, out


def charts_by_sheet(path: Path) -> dict[str, list[str]]:
    """Sheet name -> the chart parts of its drawing, followed through the package relationships (openpyxl drops
    charts when it reads a workbook); each must be a native line or bar chart with a data series."""
    from xml.etree import ElementTree as ET
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships",
          "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

    def part(source: str, target: str) -> str:  # a relationship's target, absolute or relative to its source
        return target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(posixpath.dirname(source), target))

    def rels(z, source: str) -> dict[str, tuple[str, str]]:  # rId -> (kind, part)
        name = posixpath.join(posixpath.dirname(source), "_rels", posixpath.basename(source) + ".rels")
        if name not in z.namelist():
            return {}
        return {r.get("Id"): (r.get("Type").rsplit("/", 1)[-1], part(source, r.get("Target")))
                for r in ET.fromstring(z.read(name)).findall("p:Relationship", ns)}

    with zipfile.ZipFile(path) as z:
        sheets = rels(z, "xl/workbook.xml")
        out = {}
        for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns):
            drawings = [p for kind, p in rels(z, sheets[s.get(rid)][1]).values() if kind == "drawing"]
            out[s.get("name")] = sorted(p for d in drawings for kind, p in rels(z, d).values() if kind == "chart")
        for chart in (c for charts in out.values() for c in charts):
            plot = ET.fromstring(z.read(chart)).find("c:chart/c:plotArea", ns)
            kinds = [e for e in plot if e.tag in (f"{{{ns['c']}}}lineChart", f"{{{ns['c']}}}barChart")]
            assert kinds and all(k.findall("c:ser", ns) for k in kinds), chart
        return out


def sheet_xml(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]


# ------------------------------------------------------------------------------------------------ tests


def test_the_review_shows_the_tiles_movers_and_bullets_the_lib_computes(server, page):
    from lib.metrics.registry import format_value, metric
    rv = live_review(workspace(server))
    open_review(page, f"{server.url}/")
    main = page.locator('[data-testid="stMain"]')
    assert rv.week in main.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    shown = expect_tiles(page, expected_tiles(rv))
    assert shown == expected_tiles(rv)  # every tile, label and value with its unit
    assert {"On-time ship rate", "OTIF", "Order cycle time (p90)", "Cost per order", "CSAT"} <= set(shown)
    assert re.fullmatch(r"\d+\.\d %", shown["On-time ship rate"])
    assert re.fullmatch(r"\$[\d,]+\.\d\d", shown["Cost per order"])
    assert re.fullmatch(r"[\d,]+\.\d h", shown["Order cycle time (p90)"])
    t = rv.tile("on_time_ship_rate")
    from lib.reports.words import status_text
    judged = status_text(t)  # the brief's words; "Too few to judge" below the minimum sample
    assert f"{judged} · target {format_value(metric(t.key), t.target)}" in main.inner_text()  # its RAG badge

    # the bullets: exactly the sentences of the lib, numbers included
    bullets = [b.strip() for b in main.locator('[data-testid="stMarkdownContainer"] li').all_inner_texts()]
    assert bullets == list(rv.bullets)
    assert bullets[0].startswith(f"{rv.orders:,} orders were placed in {rv.week}")
    moved = next(t for t in rv.tiles if bullets[1].startswith(f"{t.name} {'rose' if t.change > 0 else 'fell'} "))
    m = metric(moved.key)  # the tile that moved most: its value and last week's, as the tile and its help say
    assert f"to {format_value(m, moved.value)} " in bullets[1]
    assert f"than {format_value(m, moved.previous)})" in bullets[1]
    assert shown[moved.name] == format_value(m, moved.value)

    # the top movers: the first KPI that moved, by channel; switching the dimension redraws the chart
    choices = rv.mover_choices()
    assert choices, "the sample's latest week has no movers"
    assert main.get_by_role("heading", name="Top movers").is_visible()
    kpi = list(choices)[0]
    assert main.locator('[data-testid="stSelectbox"]').filter(has_text="KPI").locator("input").input_value() == \
        rv.tile(kpi).name
    chart = main.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart).to_be_visible(timeout=WAIT)
    from lib.metrics import names
    dim = choices[kpi][0]
    shown = [names.display(dim, x) for x in rv.movers_of(kpi, dim)["slice"]]  # "Amazon", never "amazon"
    expect(chart).to_contain_text(shown[0], timeout=WAIT)
    headers, slices = movers_table(page)
    expect(headers).to_have_text(mover_headers(dim), timeout=WAIT)
    expect(slices).to_have_text(shown, timeout=WAIT)
    dim = "carrier" if "carrier" in choices[kpi] else choices[kpi][-1]
    main.locator('[data-testid="stRadio"]').get_by_text(DIMS[dim], exact=True).click()
    ready(page)
    assert no_exception(page)
    expect(slices).to_have_text(list(rv.movers_of(kpi, dim)["slice"]), timeout=WAIT)
    for s in rv.movers_of(kpi, dim)["slice"]:
        expect(main.locator('[data-testid="stVegaLiteChart"]').first).to_contain_text(str(s), timeout=WAIT)
    assert main.get_by_text(f"They add up to the change of {rv.tile(kpi).name}.").is_visible()
    save_screenshot(page, "review")


def test_a_pinned_review_keeps_its_numbers_after_a_new_load(server, browser, page, tmp_path):
    from lib.metrics.review import parse_week
    ws = workspace(server)
    open_review(page, f"{server.url}/")
    rv0 = live_review(ws)
    before = expect_tiles(page, expected_tiles(rv0))
    assert before == expected_tiles(rv0)
    page.get_by_role("button", name="Pin this review").click()
    message = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="Pinned. Share this link:")
    message.wait_for(timeout=WAIT)
    ready(page)
    link = re.search(r"(\S+/\?pin=[0-9a-f]{12})\b", message.inner_text()).group(1)
    assert link.startswith(f"{server.url}/?pin=")

    # ten orders cancelled before shipping, in the reviewed week
    start, _ = parse_week(rv0.week)
    load_orders(ws, tmp_path / "cancelled_orders.csv", start,
                [{"order_id": f"RVB-{i:03d}", "sku": "RVB-SKU", "product_name": "Browser test item",
                  "category": "Accessories", "status": "cancelled"} for i in range(10)])
    rv1 = live_review(ws)
    assert rv1.week == rv0.week and rv1.data_version > rv0.data_version
    cancelled = rv1.tile("cancellation_rate")
    assert cancelled.measured == rv0.tile("cancellation_rate").measured + 10 and cancelled.value > 0
    after = expected_tiles(rv1)
    assert after["Cancellation rate"] != before["Cancellation rate"]  # the load really moved the live numbers

    pinned = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    try:
        open_review(pinned, link)
        info = pinned.locator('[data-testid="stAlertContentInfo"]').first.inner_text()
        assert "Pinned review" in info and f"v{rv0.data_version}" in info
        assert expect_tiles(pinned, before) == before  # exactly the numbers of the pin
        caption = pinned.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
        assert f"{rv0.orders:,} orders" in caption
        first_dim = next(iter(rv0.mover_choices().values()))[0]
        expect(movers_table(pinned)[0]).to_have_text(mover_headers(first_dim), timeout=WAIT)  # as the live table
        # its pack holds the pinned numbers too
        name, pack = download_pack(pinned, tmp_path)
        assert name == f"weekly_review_{rv0.week}_pin_{link.rsplit('=', 1)[1]}.xlsx"
        from openpyxl import load_workbook
        summary = load_workbook(pack)["Summary"]
        values = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(5, 5 + len(rv0.tiles))}
        assert values == {t.name: pytest.approx(t.value) if t.value is not None else None for t in rv0.tiles}
        # back to the live review: the new numbers
        pinned.get_by_role("button", name="Back to the live review").click()
        expect(pinned).not_to_have_url(re.compile(r"[?&]pin="), timeout=WAIT)
        assert expect_tiles(pinned, after) == after
        ready(pinned)
        assert no_exception(pinned)
    finally:
        pinned.context.close()
    open_review(page, f"{server.url}/")  # a new session of the first browser: the live review moved
    assert expect_tiles(page, after) == after != before


def test_the_weekly_pack_downloads_as_a_formatted_workbook(server, page, tmp_path):
    from openpyxl import load_workbook

    from lib.metrics.registry import all_metrics
    from lib.metrics.review import parse_week
    from lib.reports.weekly_pack import NUMBER_FORMATS
    ws = workspace(server)
    start, _ = parse_week(live_review(ws).week)
    # orders of a SKU that looks like a formula, cancelled, so it leads the movers of the week's cancellation rate
    load_orders(ws, tmp_path / "formula_names.csv", start,
                [{"order_id": f"RVF-{i:03d}", "sku": FORMULA_SKU, "product_name": "@SUM(1+1)",
                  "status": "cancelled"} for i in range(12)])
    rv = live_review(ws)
    open_review(page, f"{server.url}/")
    assert expect_tiles(page, expected_tiles(rv)) == expected_tiles(rv)
    name, path = download_pack(page, tmp_path)
    assert name == f"weekly_review_{rv.week}.xlsx"

    wb = load_workbook(path)
    assert wb.sheetnames == SHEETS
    for sheet in SHEETS:  # the header row stays in view
        assert wb[sheet].freeze_panes == ("A5" if sheet == "Summary" else "A2"), sheet
    units = {m.name: m.unit for m in all_metrics()}

    summary = wb["Summary"]
    assert [c.value for c in summary[4]][:4] == ["KPI", "This week", "Previous week", "Change"]
    rows = {summary.cell(r, 1).value: r for r in range(5, 5 + len(rv.tiles))}
    assert set(rows) == {t.name for t in rv.tiles}
    for t in rv.tiles:
        cell = summary.cell(rows[t.name], 2)
        if t.value is not None:
            assert cell.data_type == "n" and cell.value == pytest.approx(t.value), t.name
            assert cell.number_format == NUMBER_FORMATS[units[t.name]], t.name
    assert summary.cell(rows["Cost per order"], 2).number_format == '"$"#,##0.00'
    assert summary.cell(rows["On-time ship rate"], 2).number_format == "0.0%"

    trends = wb["Trends"]
    assert trends.max_row == 13  # the header and 12 weeks
    numeric = [c for row in trends.iter_rows(min_row=2, min_col=2) for c in row if c.value is not None]
    assert numeric and all(c.data_type == "n" and c.number_format != "General" for c in numeric)
    assert all(c.is_date and c.number_format == "yyyy-mm-dd" for c in trends["A"][1:])
    for sheet in ("Movers", "Fulfillment", "Marketplace", "Customer"):
        header = [c.value for c in wb[sheet][1]]
        numbers = [c for row in wb[sheet].iter_rows(min_row=2, max_row=wb[sheet].max_row) for c in row
                   if isinstance(c.value, (int, float)) and header[c.column - 1] not in ("Window (days)",)]
        assert numbers and all(c.number_format != "General" for c in numbers), sheet

    # native charts on the sheets that have them, and only there
    charts = charts_by_sheet(path)
    assert {s for s, c in charts.items() if c} == CHARTED
    assert len(charts["Trends"]) == 3 and len(charts["Fulfillment"]) == 2
    with zipfile.ZipFile(path) as z:
        assert sorted(c for cs in charts.values() for c in cs) == \
            sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))

    # no formula anywhere; the names that look like one are there, as text
    assert not any(re.search(rb"<f[ >]", x) for x in sheet_xml(path))
    texts = [c.value for s in wb for row in s.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]
    skus = [r[2] for r in wb["Movers"].iter_rows(min_row=2, values_only=True) if r[1] == "SKU"]
    assert "'" + FORMULA_SKU in skus
