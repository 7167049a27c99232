"""The Support notebook shows the Support page's numbers: run on a copy of the sample workspace with the parity
parameters, its `headline` equals the page's tiles and caption for the same filters."""
from __future__ import annotations

from nbrun import PARAMS, QUERY, assert_shows, execute, open_page


def test_support(app_ws):
    h = execute("07_support.ipynb", {**PARAMS, "WORKSPACE": str(app_ws.root)}).headline
    at = open_page("support", QUERY)
    tiles = {m.label: m.value for m in at.metric}
    assert_shows("Contacts per 100 orders", tiles["Contacts per 100 orders"], h["contacts_per_100_orders"])
    for label, key in [("WISMO contacts caused by late or lost shipments", "wismo_late_or_lost_share"),
                       ("First reply within target", "first_reply_within_target_rate"),
                       ("Resolved within target", "resolved_within_target_rate"),
                       ("Ticket satisfaction", "ticket_satisfaction")]:
        assert_shows(label, tiles[label], h[key])
    caption = next(c.value for c in at.caption if "tickets and" in c.value)
    assert caption.startswith(f"{h['tickets']:,} tickets and {h['orders']:,} orders")
    assert h["tickets"] > 0 and h["wismo_tickets"] > 0
