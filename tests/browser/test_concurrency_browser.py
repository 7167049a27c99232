"""Several browser sessions reading while another uploads a file through the Upload page (issue #10).

One chromium, READERS contexts (each its own Streamlit session) that keep reloading the Weekly review (`/`),
Fulfillment and Overview, and one more context that uploads an orders file on the Upload page meanwhile.  Every
settled page must show no exception box and no lock / IO error text, the upload's report must say the file loaded,
and every view must be exactly the page as it was before the upload or as it is after it — never a mix (the sidebar's
data line of one snapshot with the numbers of the other, or half the tiles of each).

READERS is 4 (five contexts in all): the server, the upload and chromium share the 2 cores of the CI machine, and
each context renders the heavy review page; six readers took 168 s for 54 loads on a busy machine, four take about
a minute there.  The server-side version with eight sessions (and four loads) is
tests/reliability/test_app_concurrency.py.
Playwright's sync API cannot drive several pages at the same time from one thread, so this test uses the async API
(with the harness's server, chromium and READY selector).
"""
from __future__ import annotations

import asyncio
import re
import time

import pytest

from harness import CHROMIUM, CHROMIUM_ARGS, READY

pytestmark = pytest.mark.browser
READERS = 4
PAGES = {"review": "/", "fulfillment": "/fulfillment", "overview": "/overview"}
QUERY = "?period=all%20time"  # the new orders change the all-time numbers of every page
LOCK_TEXT = re.compile(r"\block\b|\blocked\b|conflicting lock|IO Error|IOException", re.I)
# what a reader compares: the numbers and texts of the page, and the sidebar's data line (files, snapshot version)
DRAWN_JS = """ready => !!document.querySelector(ready)
  && [...document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]')]
       .some(e => e.innerText.includes('snapshot v'))
  && !document.querySelector('[data-testid="stSkeleton"]')"""
VIEW_JS = """() => {
  const texts = (root, sel) => root ? [...root.querySelectorAll(sel)].map(e => e.innerText.trim()) : [];
  const main = document.querySelector('[data-testid="stMain"]');
  const side = document.querySelector('[data-testid="stSidebar"]');
  return {
    main: texts(main, '[data-testid="stHeading"], [data-testid="stMetricLabel"], [data-testid="stMetricValue"], ' +
                      '[data-testid="stMarkdownContainer"], [data-testid="stAlertContainer"]'),
    sidebar: texts(side, '[data-testid="stCaptionContainer"]').filter(t => t.includes('snapshot v')),
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    body: document.body.innerText,
  };
}"""


def orders_csv(path, n: int = 40):
    """`n` open orders of the Opsdesk orders template in the sample's last complete week (2026-W47)."""
    rows = ["order_id,channel,ordered_at,sku,quantity,unit_price,status,ship_by"]
    rows += [f"BR-{i},web,2026-11-{16 + i % 7:02d} 10:00,SKU-BR{i % 3},2,19.50,open,2026-11-{17 + i % 7:02d} 23:00"
             for i in range(n)]
    path.write_text("\n".join(rows) + "\n")
    return path


async def settle(page, timeout: float = 120_000) -> None:
    """harness.settle for the async API, for a freshly loaded page: wait until the session is connected, its run
    has drawn the sidebar's data line and finished (a fresh page is briefly connected and idle before its first
    run starts), and no element is still a loading skeleton."""
    await page.wait_for_timeout(300)
    await page.wait_for_function(DRAWN_JS, arg=READY, timeout=timeout, polling=100)


async def view(page, url: str) -> tuple:
    """Load `url`, wait for the run to finish, check the page, and return its view (sidebar line, main texts)."""
    await page.goto(url)
    await settle(page)
    got = await page.evaluate(VIEW_JS)
    assert not got["exceptions"], f"{url}: exception box: {got['body'][:2000]}"
    bad = LOCK_TEXT.search(got["body"])
    assert not bad, f"{url}: {bad.group(0)!r} shown: {got['body'][max(bad.start() - 200, 0):bad.end() + 200]}"
    assert got["sidebar"] and got["main"], f"{url}: no data line or no content"
    return tuple(got["sidebar"]), tuple(got["main"])


async def scenario(server, csv, log: list) -> dict:
    from playwright.async_api import async_playwright
    url = {name: f"{server.url}{path}{QUERY}" for name, path in PAGES.items()}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            uploaded = asyncio.Event()
            reading = asyncio.Semaphore(0)  # released by each reader once it has loaded a page
            seen = []  # (reader, page, view, load began after the upload had finished)
            before = {}  # page -> its view in the readers' first loads, all done before the upload begins

            async def reader(i: int) -> None:
                page = await (await browser.new_context(viewport={"width": 1440, "height": 1000})).new_page()
                names, k = list(url), i
                while True:  # until a load that began after the upload (each reader starts on another page)
                    name = names[k % len(names)]
                    k += 1
                    began_after = uploaded.is_set()
                    shown = await view(page, url[name])
                    seen.append((i, name, shown, began_after))
                    if k == i + 1:  # the first load: READERS >= 3 first loads cover the three pages
                        assert before.setdefault(name, shown) == shown, f"{name}: two loads of one snapshot differ"
                        reading.release()
                    if began_after:
                        return

            async def uploader() -> str:
                for _ in range(READERS):  # every reader is reloading by now
                    await reading.acquire()
                page = await (await browser.new_context(viewport={"width": 1440, "height": 1000})).new_page()
                await page.goto(f"{server.url}/upload")
                await settle(page)
                t = time.monotonic()
                await page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(csv))
                await page.get_by_role("button", name="Load 1 file(s)").click()
                await page.get_by_text("40 row(s) loaded").first.wait_for(timeout=120_000)
                await settle(page)
                log.append(f"upload took {time.monotonic() - t:.1f} s")
                uploaded.set()
                body = await page.locator('[data-testid="stMain"]').inner_text()
                assert not await page.locator('[data-testid="stException"]').count() and not LOCK_TEXT.search(body)
                return body

            t0 = time.monotonic()
            *_, report = await asyncio.gather(*(reader(i) for i in range(READERS)), uploader())
            log.append(f"{len(seen)} page loads by {READERS} contexts in {time.monotonic() - t0:.1f} s")
            fresh = await (await browser.new_context(viewport={"width": 1440, "height": 1000})).new_page()
            after = {name: await view(fresh, u) for name, u in url.items()}
            return {"before": before, "after": after, "seen": seen, "report": report}
        finally:
            await browser.close()


def test_readers_see_before_or_after_while_another_context_uploads(server, tmp_path):
    log = []
    got = asyncio.run(scenario(server, orders_csv(tmp_path / "new_orders.csv"), log))
    print("; ".join(log))
    before, after = got["before"], got["after"]
    assert "new_orders.csv" in got["report"] and "Opsdesk orders template, 40 row(s) loaded" in got["report"]
    for name in PAGES:
        assert before[name] != after[name], f"{name}: the upload should change the page"
        assert before[name][0] != after[name][0], f"{name}: the data line should name the new snapshot"
    wrong = [(i, name, "after the upload" if late else "during the upload", shown)
             for i, name, shown, late in got["seen"]
             if shown != after[name] and (late or shown != before[name])]
    assert not wrong, f"{len(wrong)} view(s) neither before nor after the upload (half-loaded): {wrong[:2]}"
    assert {i for i, *_ in got["seen"]} == set(range(READERS)) and set(before) == set(PAGES)
