"""lib.metrics.data_health: what is loaded, gaps, reconciliation and the load history of the sample workspace."""
from __future__ import annotations

from lib.metrics import data_health as dh


def test_checks_and_freshness_describe_every_entity(app_con):
    checks = dh.checks(app_con)
    rows = dict(zip(checks.loc[checks["check_name"] == "rows", "entity"], checks.loc[checks["check_name"] == "rows", "value"]))
    assert rows["orders"] == app_con.execute("SELECT count(*) FROM fct_orders").fetchall()[0][0] > 0
    fresh = dh.freshness(app_con)
    assert list(fresh["event"]) == ["last order", "last shipment", "last delivery", "last return",
                                    "last inventory snapshot", "last file load"]
    assert (fresh["days_ago"].dropna() >= 0).all()


def test_gap_lists_agree_with_the_counts(app_con):
    checks = dh.checks(app_con).set_index("check_name")["value"]
    assert len(dh.orders_without_shipment(app_con)) == checks["orders not cancelled without a shipment"]
    assert len(dh.shipments_without_delivery(app_con)) == checks["shipments without delivery"]
    assert len(dh.skus_missing_catalog(app_con)) <= checks["SKUs sold but missing from the catalog"]
    assert len(dh.skus_without_cost(app_con)) <= checks["SKUs without cost"]


def test_reconciliation_and_load_history(app_con):
    rec = dh.reconciliation(app_con)
    assert {"source", "source_total_amount", "mart_total_amount", "gap_amount", "gap_rate"} <= set(rec.columns)
    assert (rec["gap_amount"] == 0).all()  # the sample reconciles to the cent
    history = dh.load_history(app_con)
    assert (history["sha256_short"].str.len() == 12).all() and history["load_id"].is_monotonic_decreasing
    for load_id, quarantined in zip(history["load_id"], history["rows_quarantined"]):
        rows = dh.quarantined_rows(app_con, load_id)
        assert list(rows.columns) == ["row", "column", "reason", "value"]
        assert rows["row"].nunique() <= quarantined
