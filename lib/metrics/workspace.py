"""What the workspace holds: the data-status line and the values the shared filters offer (not a page of its own;
the frame in `app.py` shows both in the sidebar)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import query, sql_text


@dataclass(frozen=True)
class WorkspaceStatus:
    formats: tuple[str, ...]  # names of the formats with at least one loaded file (lib.ingest.formats)
    files_loaded: int
    last_loaded_at: dt.datetime | None
    orders: int
    first_order_date: dt.date | None
    last_order_date: dt.date | None
    currency: str  # the reporting currency: every money total is in it
    version: int

    @property
    def has_orders(self) -> bool:
        return self.orders > 0


def status(con) -> WorkspaceStatus:
    cur = con.execute(sql_text("workspace__status"))
    row = dict(zip([d[0] for d in cur.description], cur.fetchall()[0]))
    return WorkspaceStatus(
        formats=tuple(row["formats"] or ()),
        files_loaded=int(row["files_loaded"]),
        last_loaded_at=row["last_loaded_at"],
        orders=int(row["orders"]),
        first_order_date=row["first_order_date"],
        last_order_date=row["last_order_date"],
        currency=row["currency"] or "USD",
        version=int(row["version"] or 0),
    )


def filter_options(con) -> dict[str, list[str]]:
    """Values per shared-filter dimension (channels, warehouses, carriers, categories), sorted."""
    from .filters import DIMENSIONS
    df = query(con, "workspace__filter_options")
    return {d: df.loc[df["dimension"] == d, "value"].tolist() for d in DIMENSIONS}


@dataclass(frozen=True)
class UnratedCurrency:
    """Orders of one currency that have no exchange rate to the reporting currency: left out of money totals."""
    currency: str | None  # None: the export states no currency
    reporting_currency: str
    orders: int
    net_revenue_amount: float  # in `currency` (never converted)
    first_order_date: dt.date
    last_order_date: dt.date


def unrated_currencies(con, f) -> tuple[UnratedCurrency, ...]:
    """Currencies of the orders in the filter scope that are left out of money totals (no rate on their dates)."""
    df = query(con, "workspace__money_by_currency", f.as_params())
    df = df[df["orders_without_rate"] > 0].sort_values(["orders_without_rate", "currency"], ascending=[False, True])

    def day(v):
        return v.date() if hasattr(v, "date") else v
    return tuple(UnratedCurrency(r.currency if isinstance(r.currency, str) else None, str(r.reporting_currency),
                                 int(r.orders_without_rate), float(r.net_revenue_without_rate_amount),
                                 day(r.first_date_without_rate), day(r.last_date_without_rate))
                 for r in df.itertuples())


def inputs(con) -> dict[str, int]:
    """Rows per kind of input in the snapshot, keyed by the entities of `lib.ingest.formats` (orders, shipments,
    returns, inventory, products, product_costs, purchase_orders, fees, fulfillment_charges, csat, ad_spend,
    promotions, tickets, duties): what the pages' guards check before they compute."""
    cur = con.execute(sql_text("workspace__inputs"))
    return {d[0]: int(v or 0) for d, v in zip(cur.description, cur.fetchall()[0])}
