"""Data health: what is loaded, how fresh it is, where entities do not meet, whether revenue reconciles with the
source files, and the load history (every function reads the current snapshot; none uses the shared filters)."""
from __future__ import annotations

from . import query


def checks(con):
    """Rows and date range per entity, and counts of the gaps between entities (grain: one row per check)."""
    return query(con, "data_health__checks")


def freshness(con):
    """Latest order, shipment, delivery, return, inventory snapshot and file load, with days ago (grain: event kind)."""
    return query(con, "data_health__freshness")


def skus_missing_catalog(con):
    """SKUs sold but missing from the product catalog (grain: SKU)."""
    return query(con, "data_health__skus_missing_catalog")


def skus_without_cost(con):
    """SKUs sold without a landed cost (grain: SKU)."""
    return query(con, "data_health__skus_without_cost")


def orders_without_shipment(con):
    """Orders not cancelled and not shipped (grain: order)."""
    return query(con, "data_health__orders_without_shipment")


def shipments_without_delivery(con):
    """Packages without a delivery scan (grain: package)."""
    return query(con, "data_health__shipments_without_delivery")


def reconciliation(con):
    """Source-file order totals vs the marts, with the gap (grain: orders source and currency)."""
    return query(con, "data_health__reconciliation")


def load_history(con):
    """Every file load, newest first (grain: load)."""
    return query(con, "data_health__load_history")


def quarantined_rows(con, load_id: int):
    """Rows of one load kept out of the tables, with the column and reason (grain: row and problem)."""
    return query(con, "data_health__quarantined_rows", {"load_id": int(load_id)})


def fx_rates(con):
    """Per currency the data uses: where its rates come from, the newest rate, orders without a rate (grain: currency)."""
    return query(con, "data_health__fx_rates")
