"""Month-end accruals (METRICS.md "Month-end and incidents"): fulfillment and logistics costs incurred in a month that
no vendor has invoiced yet, for the close.

* Carrier labels: packages shipped in the month whose tracking number is on no carrier invoice line loaded (the
  carrier invoice template), valued at the label quote, else the label cost, else the rate card (median label cost of
  the carrier and service over the 90 days to the month's end, else of the carrier). Amazon-fulfilled packages are
  Amazon's and left out.
* 3PL fulfillment: orders shipped in the month from a 3PL's warehouse (a warehouse its invoices name) that no 3PL
  invoice line names yet, valued at the 3PL's average invoiced order-level charge per order over the 12 months to the
  month's end.
* Received purchase orders not yet costed: PO lines received in the month without a unit cost, valued at the SKU's
  cost history in force on the received date, listed apart (inventory, not an expense).
Label and 3PL costs are in the reporting currency, like every fulfillment cost Opsdesk shows; PO values in the cost's
own currency.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from . import query
from .registry import Metric

KINDS = {"carrier": "Carrier labels", "tpl": "3PL fulfillment", "purchase_orders": "Purchase orders received, not costed"}
SUMMARY_COLUMNS = ["vendor", "kind", "basis", "currency", "accrual_amount", "orders", "packages"]

METRICS = (
    Metric("logistics_accrual", "Logistics accrual", "Packages shipped in the month that are on no carrier invoice "
           "loaded, valued at the label quote (else the label cost, else the carrier's rate card), plus 3PL orders "
           "shipped in the month that no 3PL invoice names, valued at the 3PL's average charge per order; by vendor. "
           "Received purchase orders without a cost are listed apart.",
           "Σ label quote of uninvoiced packages + Σ 3PL rate × uninvoiced orders", "ship date (month)",
           ("fct_shipments", "fct_carrier_invoice_lines", "fct_orders", "fct_fulfillment_charges"), "$", False),
)


@dataclass(frozen=True)
class Accruals:
    month: str  # YYYY-MM
    start: dt.date
    end: dt.date
    currency: str  # the reporting currency of carrier and 3PL amounts
    summary: pd.DataFrame  # grain: vendor × kind × basis × currency (SUMMARY_COLUMNS)
    carrier: pd.DataFrame  # grain: package not yet invoiced
    tpl: pd.DataFrame  # grain: order not yet invoiced by its 3PL
    purchase_orders: pd.DataFrame  # grain: PO line received without a cost
    total_amount: float  # carrier + 3PL, reporting currency
    packages_without_basis: int


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """'2026-10' -> (1 Oct 2026, 31 Oct 2026); ValueError for anything else."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(month).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"month must be YYYY-MM, got {month!r}")
    y, mo = int(m.group(1)), int(m.group(2))
    return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])


def months(con, last_order_date: dt.date | None = None) -> tuple[list[str], str | None]:
    """The months one can close (YYYY-MM, newest first) and the default: the last complete month before the data's
    last order date (its own month when that date is a month's last day)."""
    got = [f"{m:%Y-%m}" for m in query(con, "accruals__months")["month"]]
    if not got:
        return [], None
    default = got[0]
    if last_order_date is not None:
        last = last_order_date if (last_order_date + dt.timedelta(days=1)).day == 1 else \
            last_order_date.replace(day=1) - dt.timedelta(days=1)
        default = f"{last:%Y-%m}" if f"{last:%Y-%m}" in got else got[0]
    return got, default


def _group(df: pd.DataFrame, kind: str, currency, count_col: str, pkg: bool) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    d = df.assign(currency=currency if isinstance(currency, str) else df["currency"].fillna("–"))
    g = d.groupby(["vendor", "basis", "currency"], as_index=False, dropna=False).agg(
        accrual_amount=("accrual_amount", lambda s: float(s.sum(min_count=1)) if s.notna().any() else pd.NA),
        orders=(count_col, "nunique"), packages=("vendor", "size"))
    g["packages"] = g["packages"] if pkg else pd.NA
    g.insert(1, "kind", KINDS[kind])
    return g[SUMMARY_COLUMNS]


def accruals(con, month: str, currency: str = "USD") -> Accruals:
    """The accruals of `month` (YYYY-MM) from what is loaded now."""
    start, end = month_bounds(month)
    p = {"start": start, "end": end}
    carrier = query(con, "accruals__carrier", p)
    tpl = query(con, "accruals__tpl", p)
    pos = query(con, "accruals__purchase_orders", p)
    parts = [_group(carrier.assign(order_key=carrier["order_id"].fillna(carrier["shipment_id"])), "carrier", currency,
                    "order_key", True),
             _group(tpl, "tpl", currency, "order_id", False),
             _group(pos, "purchase_orders", None, "po_id", False)]
    parts = [x for x in parts if len(x)]
    summary = (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SUMMARY_COLUMNS))
    total = float(pd.concat([carrier["accrual_amount"], tpl["accrual_amount"]]).sum()) if len(carrier) + len(tpl) else 0.0
    return Accruals(month=f"{start:%Y-%m}", start=start, end=end, currency=currency, summary=summary, carrier=carrier,
                    tpl=tpl, purchase_orders=pos, total_amount=total,
                    packages_without_basis=int((carrier["basis"] == "no basis").sum() + (tpl["basis"] == "no basis").sum()))
