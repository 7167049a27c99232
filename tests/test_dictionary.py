"""lib.warehouse.dictionary: every published mart is documented, and docs/data_dictionary.md is current."""
from __future__ import annotations

from pathlib import Path

from lib.warehouse.dictionary import markdown, table_docs
from lib.metrics.explorer import schema
from lib.warehouse import MARTS


def test_every_mart_states_its_grain_and_upstream():
    docs = table_docs()
    for name in MARTS:
        assert docs[name].description and docs[name].grain and docs[name].upstream, name


def test_the_committed_dictionary_is_current(app_empty_ws_master):
    con = app_empty_ws_master.reader()
    try:
        text = markdown(schema(con))
    finally:
        con.close()
    committed = (Path(__file__).resolve().parents[1] / "docs" / "data_dictionary.md").read_text()
    assert committed == text, "run: python -m lib.warehouse.dictionary > docs/data_dictionary.md"


def test_the_committed_templates_doc_is_current():
    from lib.ingest.templates import template_markdown
    doc = Path(__file__).resolve().parents[1] / "docs" / "templates.md"
    assert doc.read_text() == template_markdown(), "run: python -m lib.ingest.templates > docs/templates.md"


def test_the_committed_metric_definitions_are_current():
    """docs/metrics.md is the project's own metric definitions page (the README links to it), from the registry."""
    from lib.metrics.registry import all_metrics, markdown
    doc = Path(__file__).resolve().parents[1] / "docs" / "metrics.md"
    assert doc.read_text() == markdown(), "run: python -m lib.metrics.registry > docs/metrics.md"
    assert all(f"`{m.key}`" in doc.read_text() for m in all_metrics())
