"""The revenue reconciliation: Σ net revenue in the marts against Σ order totals in the source files, the gap
explained line by line (load differences, cancellations, tax, shipping, refunds), per currency."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import one_row, query
from . import lines


BRIDGE = (  # label, column, sign, explanation
    ("Σ order totals in source files", "source_total_amount", 1, "as the exports state them (template: lines − discounts)"),
    ("Load difference", "load_difference_amount", 1, "marts − source files: rows quarantined or not loaded"),
    ("Cancelled orders", "cancelled_amount", -1, "cancelled before shipment: not revenue"),
    ("Tax", "tax_amount", -1, "collected for tax authorities: not revenue"),
    ("Shipping charged not in source totals", "shipping_added_amount", 1, "template totals exclude shipping; net revenue includes it"),
    ("Refunds", "refund_amount", -1, "order refunds (else refunds on returns), order-date basis"),
    ("Discounts", None, 0, "0 here: source totals are stated after discounts (Σ discounts shown for information)"),
)


@dataclass(frozen=True)
class Reconciliation:
    by_source: pd.DataFrame  # grain: source × currency, every component
    bridge: pd.DataFrame  # grain: bridge line × currency
    net_revenue_marts: float  # Σ net revenue of fct_orders (profitability scope) in the reporting currency
    net_revenue_lines: float  # Σ net revenue allocated to the SKU lines: equals the former
    unexplained: float  # Σ bridge residual


def revenue_reconciliation(con, settings: dict | None = None) -> Reconciliation:
    """Σ net revenue in the marts vs Σ order totals in the source files, the gap explained line by line (whole
    workspace: the source totals carry no dates)."""
    src = query(con, "profitability__reconciliation", {})
    comp = src["source_total_amount"] + src["load_difference_amount"] - src["cancelled_amount"] - src["tax_amount"] \
        + src["shipping_added_amount"] - src["refund_amount"]
    src["other_amount"] = src["net_revenue_amount"] - comp
    rows = []
    for cur, g in src.groupby("currency", dropna=False):
        for label, col, sign, why in BRIDGE:
            amount = sign * float(g[col].sum()) if col else 0.0
            note = why if col else f"{why}: {float(g['discount_amount'].sum()):,.2f}"
            rows.append({"currency": cur, "line": label, "amount": amount, "explanation": note})
        rows.append({"currency": cur, "line": "Other differences", "amount": float(g["other_amount"].sum()),
                     "explanation": "order totals ≠ lines − discounts + shipping + tax (tips, duties, rounding); should be ~0"})
        rows.append({"currency": cur, "line": "= Σ net revenue in the marts", "amount": float(g["net_revenue_amount"].sum()),
                     "explanation": "gross sales − discounts − refunds + shipping charged, without tax, orders not "
                                    "cancelled before shipment"})
    bridge = pd.DataFrame(rows, columns=["currency", "line", "amount", "explanation"])
    lo, hi = one_row(con, "profitability__order_dates")
    line_total = 0.0
    if lo is not None:
        all_params = {"start": lo, "end": hi, "channels": [], "warehouses": [], "carriers": [], "categories": []}
        line_total = float(lines(con, all_params, settings)["net_revenue_amount"].sum())
    return Reconciliation(src, bridge, float(src["net_revenue_reporting_amount"].sum()), line_total,
                          float(src["other_amount"].sum()))
