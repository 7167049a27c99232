"""The weekly brief downloaded from the Weekly review in a real browser, on a copy of the sample workspace: named by
week, at most two pages with the bullets whole, and its links go to the review it pinned on download, at the
address the browser used; opened, that link shows the same numbers."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from harness import no_exception
from test_review_browser import WAIT, expect_tiles, expected_tiles, live_review, open_review, workspace

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")]
BRIEF = "Download the weekly brief (PDF)"


def test_the_weekly_brief_downloads_and_links_to_the_review_it_pinned(server, page, tmp_path):
    from lib.metrics import review
    from lib.reports import words
    ws = workspace(server)
    rv = live_review(ws)
    before = set(review.pins(ws)["id"])
    open_review(page, f"{server.url}/")
    with page.expect_download(timeout=WAIT) as info:
        page.get_by_role("button", name=BRIEF).click()
    d = info.value
    assert d.suggested_filename == f"weekly_brief_{rv.week}.pdf"
    path = tmp_path / d.suggested_filename
    d.save_as(path)

    info_out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert 1 <= int(re.search(r"^Pages:\s+(\d+)", info_out, re.M).group(1)) <= 2
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for b in rv.bullets:
        assert " ".join(b.split()) in text, b

    new = set(review.pins(ws)["id"]) - before  # the download pinned the review it shows
    assert len(new) == 1
    pin_id = new.pop()
    link = re.search(r"(https?://\S+/\?pin=" + pin_id + ")", text).group(1)
    raw = path.read_bytes()
    assert f"/URI ({link})".encode() in raw
    page.goto(link)
    expect_tiles(page, expected_tiles(rv))
    assert "Pinned review" in page.locator('[data-testid="stMain"]').inner_text()
    assert no_exception(page)
