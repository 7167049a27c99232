"""The weekly brief read as its reader reads it (poppler's pdfinfo and pdftotext) on the sample business: at most two
pages on A4 and Letter, every bullet whole, the page's numbers with their units, alerts that link to the pinned
review and their drill-down, a footer naming the snapshot, the scope and the definitions; the CLI names it by week."""
from __future__ import annotations

import re
import shutil

import pytest

from lib.metrics import review
from lib.metrics.registry import metric
from lib.reports import words
from lib.reports.brief import brief_pdf
from lib.workspace.settings import DEFAULTS

from .readers import flat, page_size, pages, save_pages, text

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
APP = "http://opsdesk.example:8501"
PIN = "0123456789ab"


@pytest.fixture(scope="module")
def rv(sample_con, sample_params):
    return review.weekly_review(sample_con, review.default_week(sample_con), sample_params, DEFAULTS["targets"])


@pytest.fixture(scope="module", params=[("A4", "portrait"), ("Letter", "portrait"), ("A4", "landscape")],
                ids=lambda p: "-".join(p))
def brief(request, rv, tmp_path_factory):
    paper, orientation = request.param
    path = tmp_path_factory.mktemp("brief") / f"brief_{paper}_{orientation}.pdf"
    path.write_bytes(brief_pdf(rv, pin_id=PIN, paper=paper, app_url=APP, orientation=orientation))
    return request.param, path


def test_at_most_two_pages_on_the_paper_of_the_settings(brief):
    (paper, orientation), path = brief
    assert 1 <= pages(path) <= 2
    w, h = page_size(path)
    size = {"A4": (595, 842), "Letter": (612, 792)}[paper]  # portrait, in points
    assert (round(w), round(h)) == (size if orientation == "portrait" else size[::-1])


def test_every_bullet_and_note_is_in_it_whole(rv, brief):
    shown = text(brief[1])
    assert len(rv.bullets) >= 3
    for b in (*rv.bullets, *rv.notes):
        assert flat(b) in shown, b


def test_the_kpi_table_has_the_pages_numbers_with_units(rv, brief):
    shown = text(brief[1])
    for t in rv.tiles:  # the same WeeklyReview as the page: each value as the tile writes it
        m = metric(t.key)
        row = " ".join([t.name, words.value_text(m, t.value), words.value_text(m, t.previous),
                        words.change_text(m, t.change)])
        assert row in shown, row
        if t.target is not None:
            assert f"{words.change_text(m, t.change)} {words.value_text(m, t.target)} {words.status_text(t)}" in shown
    assert "pts" in shown and "$" in shown and " h " in shown


def test_no_raw_numbers_codes_or_none(brief):
    shown = text(brief[1])
    assert not re.search(r"\bNone\b|\bnan\b", shown)
    assert not re.findall(r"\d\.\d{4,}", shown)  # raw floats
    prose = re.sub(r"https?://\S+", "", shown)
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", prose)  # snake_case
    assert not re.search(r"\b(?:channel|carrier|warehouse) (?:amazon|shopify|walmart|ebay)\b", prose)


def test_alerts_link_to_the_pinned_review_and_their_drill_down(rv, brief):
    raw, shown = brief[1].read_bytes(), text(brief[1])
    assert rv.alerts, "the sample's latest week has no alerts"
    assert f"/URI ({APP}/?pin={PIN})".encode() in raw
    for a in rv.alerts:
        assert flat(a.message) in shown, a.message
        assert f"/URI ({words.drill_url(APP, a)})".encode() in raw
    assert shown.count("Open the pinned review") == len(rv.alerts)


def test_footer_names_snapshot_scope_and_definitions(rv, brief):
    shown = text(brief[1])
    n = pages(brief[1])
    assert shown.count(f"Data snapshot v{rv.data_version}") == n
    assert shown.count("Scope: all channels, warehouses, carriers and categories") >= n
    assert shown.count("Definitions of every KPI") == n and f"{APP}/glossary" in shown
    assert f"Page {n} of {n}" in shown


def test_charts_come_from_the_review_specs(rv):
    from lib.reports.brief import _charts
    charts = _charts(rv)
    assert 3 <= len(charts) <= 4
    assert [k for k, _, _ in charts].count("movers") == 1
    assert all(png.startswith(b"\x89PNG") for _, _, png in charts)


def test_a_pinned_review_gives_the_same_brief_numbers(rv, tmp_path):
    again = review.WeeklyReview.from_dict(rv.to_dict())
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(brief_pdf(rv, PIN, "A4", APP))
    b.write_bytes(brief_pdf(again, PIN, "A4", APP))
    assert text(a) == text(b)


def test_cli_writes_the_brief_named_by_week_and_pins_the_review(sample_ws_copy, tmp_path, capsys):
    from lib.__main__ import main
    ws = sample_ws_copy
    assert main(["report", "brief", "--workspace", str(ws.root), "--out", str(tmp_path), "--app-url", APP]) == 0
    con = ws.reader()
    week = review.default_week(con)
    con.close()
    path = tmp_path / f"weekly_brief_{week}.pdf"
    assert path.exists() and str(path) in capsys.readouterr().out
    assert pages(path) <= 2
    pinned = review.pins(ws)
    assert pinned["week"].tolist() == [week]
    assert f"{APP}/?pin={pinned['id'].iloc[0]}" in text(path)
    assert main(["report", "brief", "--workspace", str(ws.root), "--week", "2026-13", "--out", str(tmp_path)]) == 2


def test_pictures_of_the_brief_for_the_readme(rv, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is not installed")
    path = tmp_path / "weekly_brief.pdf"
    path.write_bytes(brief_pdf(rv, PIN, "A4", APP))
    saved = save_pages(path, "weekly_brief", 1, pages(path), dpi=80)
    assert len(saved) == pages(path) and all(p.stat().st_size > 10_000 for p in saved)


def test_a_quiet_week_without_movers_alerts_or_values(rv, tmp_path):
    """No alerts, nothing moved, a KPI without a value: the brief still reads (no "None", nothing left blank)."""
    body = rv.to_dict()
    body.update(movers=[], alerts=[], bullets=body["bullets"][:1])
    body["tiles"] = [{**t, "value": None, "change": None, "rag": "none"} if i == 0 else {**t, "change": 0.0}
                     for i, t in enumerate(body["tiles"])]
    path = tmp_path / "quiet.pdf"
    path.write_bytes(brief_pdf(review.WeeklyReview.from_dict(body), None, "A4", ""))
    shown = text(path)
    first = review.WeeklyReview.from_dict(body).tiles[0]  # not judged: no target, or too few to judge it on
    assert pages(path) <= 2 and "No alerts" in shown and words.status_text(first) in shown
    assert words.status_text(first) in ("No target", "Too few to judge")
    assert not re.search(r"\bNone\b|\bnan\b", shown)
