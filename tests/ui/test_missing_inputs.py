"""A page with missing inputs says what is missing, which export fills it and links to Upload, and shows what it
can (issue #24). Workspaces hold one or two sample exports, as a new user's first uploads do."""
from __future__ import annotations

import pytest

from appdriver import assert_no_exception, goto, open_app


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A fresh workspace holding only these sample exports (file names of sample_data/)."""
    from lib.ingest import ingest_files
    from lib.workspace.seed import sample_files
    from lib.workspace import Workspace
    made = {}

    def make(*names):
        if names not in made:
            ws = Workspace.open(tmp_path_factory.mktemp("missing") / "ws")
            ws.write_state("seeded", {"files": []})
            files = [p for p in sample_files() if p.name in names]
            if len(files) != len(names):
                pytest.skip("sample_data/ is incomplete: run `make sample`")
            assert all(r.ok for r in ingest_files(ws, files))
            made[names] = ws
        return made[names]
    return make


@pytest.fixture
def app_on(loaded, monkeypatch):
    def on(*names):
        monkeypatch.setenv("OPSDESK_WORKSPACE", str(loaded(*names).root))
        return open_app(timeout=60)
    return on


def info(at) -> str:
    return " ".join(i.value for i in at.info)


def links(at) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_data_health_after_one_orders_export_shows_freshness_with_no_data(app_on):
    at = goto(app_on("walmart_orders.csv"), "data_health")
    assert_no_exception(at)
    tiles = {m.label: (m.value, m.delta) for m in at.metric}
    assert tiles["Last inventory snapshot"] == ("–", "no data") and tiles["Last order"][0] != "–"


def test_returns_without_returns_says_which_exports_fill_them_and_shows_no_zero_rate(app_on):
    at = goto(app_on("walmart_orders.csv"), "returns")
    assert_no_exception(at)
    text = info(at)
    assert "Not loaded yet: returns" in text and "Opsdesk returns / RMA template" in text
    assert "Amazon FBA customer returns" in text and "Loaded so far: orders" in text
    assert "Go to Upload" in links(at)
    assert not at.metric  # no 0 % return rate for returns that were never loaded


def test_carriers_without_shipments_names_the_shipment_exports(app_on):
    at = goto(app_on("shopify_orders_export.csv"), "carriers")
    assert_no_exception(at)
    assert "Not loaded yet: shipments" in info(at) and "ShipStation shipments export" in info(at)
    assert "Go to Upload" in links(at)


def test_inventory_alone_asks_for_orders_not_for_the_inventory_it_has(app_on):
    at = goto(app_on("opsdesk_inventory.csv"), "inventory")
    assert_no_exception(at)
    text = info(at)
    assert "Not loaded yet: orders" in text and "Loaded so far: inventory snapshots" in text
    assert "inventory template" not in text.split("Loaded so far")[0].replace("orders template", "")


def test_a_page_shows_what_it_can_and_notes_what_it_lacks(app_on):
    at = goto(app_on("walmart_orders.csv"), "profitability")
    assert_no_exception(at)
    assert at.metric  # margins computed from the orders …
    notes = [e.label for e in at.expander]
    assert any("Not loaded: product costs" in n for n in notes)  # … with a note that costs are missing
    body = " ".join(m.value for m in at.markdown)
    assert "Opsdesk cost history template" in body and "counts as 0" in body


@pytest.mark.parametrize("noun", ["review", "overview", "fulfillment", "forecast", "capacity", "carriers", "returns",
                                  "profitability", "inventory"])
def test_every_guarded_page_names_its_missing_input_on_a_workspace_with_only_a_catalog(app_on, noun):
    at = goto(app_on("opsdesk_products.csv"), noun)
    assert_no_exception(at)
    assert "Not loaded yet: " in info(at) and "Loaded so far: a product catalog" in info(at)
    assert "Go to Upload" in links(at)
