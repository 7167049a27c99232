"""The Month-end accruals page's widgets: the tiles, the summary in finance's layout, the lines behind it and the
workbook download (Streamlit code; the numbers come from lib.metrics.accruals)."""
from __future__ import annotations

import streamlit as st

from ..metrics import accruals as am
from ..metrics.registry import metric
from ..reports.accruals import workbook
from . import components as ui

PCT = st.column_config.NumberColumn(format="percent")


def money_column(currency: str):
    return st.column_config.NumberColumn(format="dollar" if currency == "USD" else "accounting")


def tiles(a: am.Accruals) -> None:
    po_value = a.purchase_orders["accrual_amount"].dropna()
    values = [(metric("logistics_accrual").name, ui.money(a.total_amount, a.currency, 2), metric("logistics_accrual").definition),
              ("Packages not on a carrier invoice", ui.count(len(a.carrier)),
               "Packages shipped in the month whose tracking number is on no carrier invoice line loaded."),
              ("3PL orders not invoiced", ui.count(len(a.tpl)),
               "Orders shipped in the month from a 3PL's warehouse that no 3PL invoice line names yet."),
              ("PO lines received, not costed", ui.count(len(a.purchase_orders)),
               "Purchase-order lines received in the month without a unit cost (valued at the cost history where "
               "there is one; inventory, not an expense).")]
    for col, (label, value, help_) in zip(st.columns(4), values):
        ui.metric(col, label, value, help=help_)
    st.caption(f"{a.start:%d %b %Y} – {a.end:%d %b %Y}, from the invoices loaded now. Carrier and 3PL amounts in "
               f"{a.currency}" + (f"; the POs not costed come to {po_value.sum():,.2f} at their cost history."
                                  if len(po_value) else ".")
               + (f" {a.packages_without_basis:,} lines have no basis to value them (no quote, cost or rate card) and "
                  "add nothing." if a.packages_without_basis else ""))


def summary(a: am.Accruals) -> None:
    ui.table(a.summary, f"accruals_summary_{a.month}", column_config={"accrual_amount": money_column(a.currency)},
             empty="Nothing to accrue for this month: every package and 3PL order shipped in it is on an invoice "
                   "loaded, and every PO received in it has a cost.",
             caption="Vendor, kind, basis, amount, orders and packages: the layout finance asks for.")
    st.download_button(f"Download the accruals workbook (Excel, {a.month})", data=lambda: workbook(a),
                       file_name=f"accruals_{a.month}.xlsx", icon=":material/download:", key="accruals_workbook",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def lines(a: am.Accruals, kind: str) -> None:
    df = {"carrier": a.carrier, "tpl": a.tpl, "purchase_orders": a.purchase_orders}[kind]
    df = df.drop(columns=[c for c in ("order_id",) if c in df.columns]).rename(columns={"source_order_ref": "order"})
    own = {"accrual_amount": money_column(a.currency)} if kind != "purchase_orders" else {
        "accrual_amount": st.column_config.NumberColumn(format="localized"),
        "cost_history_unit_amount": st.column_config.NumberColumn(format="localized")}
    ui.table(df, f"accruals_{kind}_{a.month}", column_config=own, empty=f"No {am.KINDS[kind].lower()} to accrue.")
