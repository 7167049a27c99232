"""A link reopens the same view: every control that changes what a page shows is bound to the URL, so opening the
page with the parameters the browser wrote reopens it with the same choices (AppTest reads query parameters into
bound widgets as the browser does; the browser test test_links_browser.py checks the writing side)."""
from __future__ import annotations

import pytest

from appdriver import assert_no_exception, open_app

# page, the link's parameters (as the browser writes them: a choice by its label), the widget state they give
LINKS = [
    ("data_health", {"data_health_tab": "Orders without a shipment"}, {"data_health_tab": "Orders without a shipment"}),
    ("capacity", {"capacity_growth": "25", "capacity_staffed": "40.0", "capacity_cutoff": "12",
                  "capacity_shifts": "Two (60 % / 40 %)", "capacity_people": "2.0"},
     {"capacity_growth": 25, "capacity_staffed": 40.0, "capacity_cutoff": 12, "capacity_shifts": 2,
      "capacity_people": 2.0}),
    ("carriers", {"carriers_zones": "5", "carriers_tab": "Trend"}, {"carriers_zones": ["5"], "carriers_tab": "Trend"}),
    ("glossary", {"glossary_search": "return"}, {"glossary_search": "return"}),
    ("profitability", {"profitability_tab": "Landed cost", "landed_vat_mode": "EU IOSS (VAT charged at checkout)",
                       "landed_vat": "20.0"}, {"landed_vat_mode": "ioss", "landed_vat": 20.0}),
    ("review", {"review_mover_dim": "Carrier"}, {"review_mover_dim": "carrier"}),
    ("returns", {"returns_tab": "Comments", "returns_phrase_column": "Reason"},
     {"returns_tab": "Comments", "returns_phrase_column": "reason_group"}),
    ("fulfillment", {"fulfillment_tab": "Rates & drill-down", "ff_dim": "Carrier", "ff_slice": "UPS"},
     {"ff_dim": "carrier", "ff_slice": "UPS"}),
]


@pytest.mark.parametrize("page, query, state", LINKS, ids=[f"{p}:{','.join(q)}" for p, q, _ in LINKS])
def test_a_link_reopens_the_same_view(app_ws, page, query, state):
    at = open_app({"period": "last 12 months", **query}, page=page)
    assert_no_exception(at)
    for key, value in state.items():
        assert at.session_state[key] == value, key
        assert at.query_params[key] == query[key]  # the link keeps its parameter
