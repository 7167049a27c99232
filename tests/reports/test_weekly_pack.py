"""The weekly pack as it prints: the print set-up of every sheet, straight chart lines with legends inside, display
names, the movers that matter adding up to the change, no float dust; then the workbook printed to PDF by
LibreOffice headless (skipped without soffice) on at most 12 pages with every summary sentence whole."""
from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from lib.metrics import review
from lib.reports import words
from lib.reports.weekly_pack import MOVER_MAX, movers_that_matter, weekly_pack
from lib.workspace.settings import DEFAULTS

from .readers import flat, page_size, pages, print_workbook, save_pages, text

APP = "http://opsdesk.example:8501"
HOSTILE = ['=HYPERLINK("http://evil","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"]


@pytest.fixture(scope="module")
def rv(sample_con, sample_params):
    return review.weekly_review(sample_con, review.default_week(sample_con), sample_params, DEFAULTS["targets"])


@pytest.fixture(scope="module")
def pack(rv):
    return weekly_pack(rv, paper="Letter", app_url=APP)


@pytest.fixture(scope="module")
def wb(pack):
    return load_workbook(io.BytesIO(pack))


def test_every_sheet_prints_landscape_one_page_wide_with_header_and_footer(rv, wb):
    assert wb.sheetnames == ["Summary", "Trends", "Movers", "Alerts", "Fulfillment", "Marketplace", "Customer"]
    for ws in wb:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_LETTER)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, ws.title
        assert ws.print_title_rows, ws.title  # the header row repeats on every page
        assert rv.week in ws.oddHeader.left.text and "&P" in ws.oddHeader.right.text and "&N" in ws.oddHeader.right.text
        assert f"v{rv.data_version}" in ws.oddFooter.left.text and "Scope" in ws.oddFooter.right.text
    assert wb["Summary"].print_title_rows == "$4:$4"


def test_long_text_wraps_inside_the_table_width(rv, wb):
    s = wb["Summary"]
    merged = {str(r) for r in s.merged_cells.ranges}
    rows = [c.row for c in s["A"] if isinstance(c.value, str) and c.value.startswith("• ")]
    assert len(rows) == len(rv.bullets)
    for r in rows:
        assert f"A{r}:H{r}" in merged and s.cell(r, 1).alignment.wrap_text
        assert s.row_dimensions[r].height >= 15


def test_charts_draw_straight_lines_with_legends_inside(pack):
    with zipfile.ZipFile(io.BytesIO(pack)) as z:  # openpyxl does not read charts back: their XML
        charts = [z.read(n).decode() for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    lines = [c for c in charts if "<lineChart>" in c]  # (openpyxl writes the chart namespace as the default one)
    assert len(lines) >= 4
    for c in lines:
        assert c.count("<ser>") == c.count('<smooth val="0"') and '<smooth val="1"' not in c
        if c.count("<ser>") > 1:
            assert '<legendPos val="b"' in c and '<overlay val="0"' in c


def test_channels_carry_their_display_names(wb):
    for name in ("Movers", "Marketplace", "Customer", "Alerts"):
        cells = [c.value for row in wb[name].iter_rows() for c in row if isinstance(c.value, str)]
        assert not [v for v in cells if re.search(r"\b(amazon|shopify|walmart|ebay)\b", v)], name


def test_movers_that_matter_add_up_to_each_change(rv, wb):
    picked = movers_that_matter(rv)
    assert 0 < len(picked) < len(rv.movers) / 2
    for t in rv.tiles:
        rows = [r for r in picked if r["kpi"] == t.key]
        if not rows:
            continue
        assert len({r["dimension"] for r in rows}) == 1
        assert len([r for r in rows if not r["is_rest"]]) <= MOVER_MAX and sum(r["is_rest"] for r in rows) <= 1
        assert sum(r["contribution"] for r in rows) == pytest.approx(t.change, abs=1e-9)
    m = wb["Movers"]
    printed = int(re.search(r"\$(\d+)$", m.print_area).group(1))  # the printed part: the movers that matter
    assert 1 + len(picked) < printed < 1 + len(picked) + 25
    below = [r[2] for r in m.iter_rows(min_row=printed + 1, values_only=True) if r[1] in ("Channel", "SKU")]
    assert len(below) >= len([r for r in rv.movers if r["dimension"] in ("channel", "sku")])  # all, on screen
    shown = [r for r in m.iter_rows(min_row=2, max_row=1 + len(picked), values_only=True)]
    pts = [r for r in shown if "pts)" in r[0]]
    assert pts and all(m.cell(2 + shown.index(r), 12).number_format.endswith('" pts"') for r in pts)


def test_no_float_dust_and_no_none(wb):
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, float):
                    assert c.value == 0 or abs(c.value) >= 1e-9, (ws.title, c.coordinate, c.value)
                    assert str(c.value) != "-0.0", (ws.title, c.coordinate)
                if isinstance(c.value, str):
                    assert c.value not in ("None", "nan") and "None" not in c.value.split(), (ws.title, c.coordinate)


def test_text_from_the_data_never_becomes_a_formula(rv):
    body = rv.to_dict()
    for i, r in enumerate(body["movers"]):  # hostile slice names, in every dimension the pack may pick
        r["slice"] = HOSTILE[i % len(HOSTILE)]
    body["bullets"] = [*body["bullets"], *HOSTILE]
    body["alerts"] = [{**a, "message": HOSTILE[i % len(HOSTILE)]} for i, a in enumerate(body["alerts"])]
    body["marketplace"] = [{**r, "source": HOSTILE[0]} for r in body["marketplace"]]
    data = weekly_pack(review.WeeklyReview.from_dict(body))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(re.search(rb"<f[ >]", z.read(n)) for n in z.namelist() if n.startswith("xl/worksheets/"))
    wb = load_workbook(io.BytesIO(data))
    texts = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.value for c in texts if c.value.startswith(("=", "+", "-", "@"))]
    found = {h for h in HOSTILE for c in texts if c.value == "'" + h}
    assert found == set(HOSTILE)  # they are there, as text
    assert all(c.data_type == "s" for c in texts)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice headless (soffice) is not installed")
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_by_libreoffice_it_fits_twelve_pages_and_cuts_no_sentence(rv, tmp_path, paper):
    xlsx = tmp_path / words.file_name("pack", rv.week)
    xlsx.write_bytes(weekly_pack(rv, paper=paper, app_url=APP))
    pdf = print_workbook(xlsx, tmp_path)
    n = pages(pdf)
    assert n <= 12
    w, h = page_size(pdf)
    assert w > h  # landscape
    shown = text(pdf)
    for sentence in (*rv.bullets, *rv.notes):
        assert flat(sentence) in shown, sentence
    for t in rv.tiles:
        assert t.name in shown
    assert f"Page {n} of {n}" in shown and shown.count(f"Weekly review {rv.week}") >= n
    prose = re.sub(r"https?://\S+", "", shown)
    assert not re.search(r"\bNone\b|\bnan\b|\d\.\d{4,}|\de-\d\d", prose)  # no missing marker, no raw float
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", prose)  # no column names
    if paper == "A4":
        save_pages(pdf, "weekly_pack", 1, min(n, 4), dpi=70)


def test_a_quiet_week_without_movers_alerts_or_values(rv):
    body = rv.to_dict()
    body.update(movers=[], alerts=[])
    body["tiles"] = [{**t, "value": None, "change": None, "rag": "none"} if i == 0 else t
                     for i, t in enumerate(body["tiles"])]
    wb = load_workbook(io.BytesIO(weekly_pack(review.WeeklyReview.from_dict(body))))
    assert wb["Alerts"]["A2"].value == "No alerts"
    assert wb["Movers"]["A3"].value.startswith("No split of a change this week")
    first = review.WeeklyReview.from_dict(body).tiles[0]
    assert wb["Summary"]["F5"].value == ("Too few to judge" if first.target is not None else "No target")


def test_no_unwrapped_text_is_wider_than_its_column(wb):
    """A text cell that does not wrap prints cut at its column's edge (seen in session 10's printed pack: the status
    column read "issed narrowl" and "oo few to judg"). Every status the review can give fits its column."""
    statuses = set(words.STATUS.values()) | {words.TOO_FEW}
    assert {"Missed narrowly", "Too few to judge"} <= statuses
    summary = wb["Summary"]
    status_col = next(c.column_letter for c in summary[4] if c.value == "Status")
    assert summary.column_dimensions[status_col].width >= max(len(s) for s in statuses) + 1
    for ws in wb:
        merged = {c for r in ws.merged_cells.ranges for row in ws.iter_rows(min_row=r.min_row, max_row=r.max_row,
                                                                           min_col=r.min_col, max_col=r.max_col)
                  for c in (x.coordinate for x in row)}
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str) or c.coordinate in merged or (c.alignment and c.alignment.wrap_text):
                    continue
                # text spills into an empty cell beside it (a title); it is cut where the neighbour it would run
                # into holds a value (the right one, and the left one too when centred)
                centred = c.alignment is not None and c.alignment.horizontal == "center"
                beside = [ws.cell(c.row, c.column + 1)] + ([ws.cell(c.row, c.column - 1)] if centred and c.column > 1 else [])
                if any(n.value not in (None, "") for n in beside):
                    width = ws.column_dimensions[c.column_letter].width or 13
                    assert len(c.value) <= width + 1, (ws.title, c.coordinate, c.value, width)
