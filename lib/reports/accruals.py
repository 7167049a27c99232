"""The month-end accruals workbook: `lib.metrics.accruals.Accruals` in finance's layout (text never a formula)."""
from __future__ import annotations

import pandas as pd

from .exports import frame_to_xlsx


def workbook(a) -> bytes:
    """The accruals as finance asks for them: a Summary sheet (vendor, kind, basis, currency, amount, orders,
    packages) and one sheet of lines per kind; text never becomes a formula."""
    head = pd.DataFrame({"vendor": [f"Accruals {a.month} ({a.start:%d %b %Y} – {a.end:%d %b %Y})"],
                         "kind": [f"carrier and 3PL amounts in {a.currency}"]})
    summary = pd.concat([head, a.summary], ignore_index=True) if len(a.summary) else head
    return frame_to_xlsx({"Summary": summary, "Carrier labels": a.carrier, "3PL fulfillment": a.tpl,
                          "POs not costed": a.purchase_orders})
