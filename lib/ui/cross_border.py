"""Widgets of the Cross-border costs page (the figures come from lib.metrics.cross_border)."""
from __future__ import annotations

import streamlit as st

from . import components as ui


def money_columns(df, currency: str) -> dict:
    """Money headings with their currency: reporting amounts in the reporting currency, the duties' own amounts as
    plain numbers beside their currency column."""
    n = st.column_config.NumberColumn
    cfg = {c: n(heading(c.replace("_reporting_amount", "")) + f" ({currency})", format="localized")
           for c in df.columns if c.endswith("_reporting_amount")}
    cfg.update({c: n(heading(c.removesuffix("_amount")), format="%.2f") for c in df.columns
                if c.endswith("_amount") and c not in cfg})
    cfg.update({c: v for c, v in {"hs_codes": "HS codes", "is_paid_by_customer": st.column_config.CheckboxColumn(
        "Paid by the customer (DAP)"), "border_cost_share": n("Border costs / cross-border revenue", format="percent"),
        "orders_with_unconverted_duties": n("Orders with duties lacking a rate", format="localized"),
        "duty_orders_net_revenue_reporting_amount": n(f"Net revenue of orders with duties ({currency})",
                                                      format="localized")}.items()
        if c in df.columns})
    return cfg


WORDS = {"cogs": "COGS", "vat": "VAT", "hs": "HS"}


def heading(column: str) -> str:
    text = ui.label(column)
    return " ".join(WORDS.get(w.lower(), w) for w in text.split(" "))

