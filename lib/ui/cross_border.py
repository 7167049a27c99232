"""Widgets of the Cross-border costs page (the figures come from lib.metrics.cross_border)."""
from __future__ import annotations

import streamlit as st

from . import components as ui


def money_columns(df, currency: str) -> dict:
    """Money headings with their currency: reporting amounts in the reporting currency, the duties' own amounts as
    plain numbers beside their currency column."""
    n = st.column_config.NumberColumn
    cfg = {c: n(ui.label(c.replace("_reporting_amount", "")) + f" ({currency})", format="%.2f")
           for c in df.columns if c.endswith("_reporting_amount")}
    cfg.update({c: n(ui.label(c), format="%.2f") for c in df.columns if c.endswith("_amount") and c not in cfg})
    return cfg

