"""The Glossary page through Streamlit's AppTest: every metric with its target, searchable."""
from __future__ import annotations

from appdriver import goto, open_app
from lib.metrics.registry import all_metrics


def test_glossary_lists_every_metric_with_its_target(app_ws):
    at = goto(open_app(), "glossary")
    assert not at.exception
    assert [t.value for t in at.title] == ["Glossary"]
    assert len(at.expander) == len(all_metrics())
    labels = [e.label for e in at.expander]
    assert any(label.startswith("**On-time ship rate** · target 96.0 %") for label in labels)
    at.text_input(key="glossary_search").input("CSAT").run()
    assert 1 <= len(at.expander) < len(all_metrics())
