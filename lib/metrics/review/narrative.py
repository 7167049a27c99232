"""The weekly review in words: the bullets that say what moved, by how much, against which target and which slice
contributed most (display names from lib.metrics.names, values in each metric's unit)."""
from __future__ import annotations

import pandas as pd

from .. import names
from ..registry import Metric, format_value
from .movers import _nan, top_contributor

RAG_ORDER = {"red": 0, "amber": 1, "green": 2, "none": 3}


def _change_text(m: Metric, delta: float, currency: str = "USD") -> str:
    """The size of a change in the metric's unit; a rate moves in percentage points."""
    a = abs(delta)
    return f"{a * 100:.1f} pts" if m.unit == "%" else format_value(m, a, currency)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _share(v) -> str:
    return f"{v * 100:.0f} %"


def _bullets(review_week: str, prev_week: str, orders: int, prev_orders: int, tiles, movers: pd.DataFrame,
             alerts, metrics: dict, currency: str = "USD") -> list[str]:
    out = []
    # orders = placed and not cancelled before shipment (METRICS.md "orders"); the cancellation tile counts all
    if prev_orders and orders == prev_orders:
        out.append(f"{orders:,} orders were placed in {review_week} and not cancelled before shipment, as many as in {prev_week}.")
    elif prev_orders:
        out.append(f"{orders:,} orders were placed in {review_week} and not cancelled before shipment, "
                   f"{abs(orders / prev_orders - 1) * 100:.1f} % {'more' if orders > prev_orders else 'fewer'} than "
                   f"in {prev_week} ({prev_orders:,}).")
    else:
        out.append(f"{orders:,} orders were placed in {review_week} and not cancelled before shipment; {prev_week} had none.")
    moved = [t for t in tiles if t.change is not None and abs(t.change) > 1e-12]
    moved.sort(key=lambda t: (RAG_ORDER[t.rag], -abs(t.change / t.previous) if t.previous else 0))
    for t in moved[:6]:
        m = metrics[t.key]
        better = (t.change > 0) == t.higher_is_better
        text = (f"{t.name} {'rose' if t.change > 0 else 'fell'} {_change_text(m, t.change, currency)} to "
                f"{format_value(m, t.value, currency)} ({'better' if better else 'worse'} than {format_value(m, t.previous, currency)})")
        if t.target is not None:
            text += (f"; target {format_value(m, t.target, currency)}: " +
                     {"green": "met", "amber": "missed narrowly (amber)", "red": "missed (red)"}.get(
                         t.rag, f"not judged on n = {t.measured or 0:,.0f}"))
        text += "."
        top = top_contributor(movers, t.key, t.change)
        if top is not None:
            label = names.slice_label(top["dimension"], top["slice"])
            part = f" The largest contribution came from {label} ({_change_text(m, top['contribution'], currency)} of the change"
            if abs(top["rate_effect"]) >= abs(top["mix_effect"]) and top["value_prev"] is not None and not _nan(top["value_prev"]):
                part += (f": {label} itself went from {format_value(m, top['value_prev'], currency)} to "
                         f"{format_value(m, top['value_cur'], currency)})")
            else:
                part += (f": mostly its share of the {'responses' if t.key == 'csat' else 'units' if t.key == 'unit_return_rate' else 'orders'}, "
                         f"from {_share(top['share_prev'])} to {_share(top['share_cur'])})")
            text += part + "."
        out.append(text)
    steady = [t for t in tiles if t not in moved and t.value is not None]
    if steady:
        out.append(f"Unchanged: {', '.join(t.name for t in steady)}.")
    kinds = {k: sum(a.kind == k for a in alerts) for k in ("threshold", "anomaly", "marketplace")}
    if alerts:
        out.append(f"{_count(len(alerts), 'alert', 'alerts')}: {_count(kinds['threshold'], 'target breach', 'target breaches')}, "
                   f"{_count(kinds['anomaly'], 'anomaly', 'anomalies')}, "
                   f"{_count(kinds['marketplace'], 'marketplace threshold breach', 'marketplace threshold breaches')}.")
    else:
        out.append("No alerts: every KPI with a target is within its amber band, nothing is unusual against the last "
                   "8 weeks, and every marketplace threshold is met.")
    return out
