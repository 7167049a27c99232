"""The metric registry: one definition per KPI (METRICS.md), shown by the glossary and used to label pages.

Each domain module (`lib/metrics/<domain>.py`) declares `METRICS = (Metric(...), ...)`; `all_metrics()` collects them.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from . import is_missing

DOMAINS = ("fulfillment", "inventory", "returns", "carriers", "profitability", "customer", "marketplace", "forecast",
           "support", "cross_border", "customers", "disputes", "accruals", "incidents")


@dataclass(frozen=True)
class Metric:
    key: str  # e.g. "on_time_ship_rate"; also the key of its target in settings["targets"]
    name: str  # shown to users
    definition: str  # the METRICS.md default, in words
    formula: str  # numerator / denominator
    date_basis: str  # "order date", "event date", "snapshot date", …
    sources: tuple[str, ...]  # marts it reads
    unit: str  # "%", "hours", "$", "days", "x", "score"
    higher_is_better: bool = True
    domain: str = ""
    alternative: str = ""  # a well-known alternative definition, offered as a labelled option


def all_metrics() -> list[Metric]:
    out = []
    for d in DOMAINS:
        try:
            mod = importlib.import_module(f"lib.metrics.{d}")
        except ModuleNotFoundError:
            continue
        out += [m if m.domain else Metric(**{**m.__dict__, "domain": d}) for m in getattr(mod, "METRICS", ())]
    return out


def metric(key: str) -> Metric:
    for m in all_metrics():
        if m.key == key:
            return m
    raise KeyError(key)


# symbols every font of the app, the brief and the pack draws; other currencies are written with their ISO code
CURRENCY_SYMBOLS = {"USD": "$", "CAD": "CA$", "AUD": "A$", "GBP": "£", "EUR": "€", "NZD": "NZ$", "HKD": "HK$",
                    "SGD": "S$", "MXN": "MX$", "JPY": "¥", "BRL": "R$"}


def format_money(v: float, currency: str = "USD", decimals: int = 2) -> str:
    """$8.75, £1,204.00, 1,204.00 CHF: the reporting currency's symbol, else its code after the amount."""
    sym = CURRENCY_SYMBOLS.get(currency)
    s = f"{abs(v):,.{decimals}f}"
    sign = "−" if v < 0 and round(v, decimals) != 0 else ""  # never "−$0.00"
    return f"{sign}{sym}{s}" if sym else f"{sign}{s} {currency}"


def _no_negative_zero(v: float, half_step: float) -> float:
    """0 for a value that rounds to zero at the shown precision, so nothing reads "-0.0 %" or "−$0.00"."""
    return 0.0 if abs(v) < half_step else v


def format_value(m: Metric, value, currency: str = "USD") -> str:
    """Human format with unit: 93.4 %, 26.5 h, $8.75 (money in `currency`, the reporting currency), 12.0 days."""
    if is_missing(value):
        return "–"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if v != v:  # NaN
        return "–"
    v = _no_negative_zero(v, 0.0005 if m.unit == "%" else 0.005)
    if m.unit == "%":
        return f"{v * 100:.1f} %"
    if m.unit == "$":
        return format_money(v, currency)
    if m.unit == "hours":
        return f"{v:,.1f} h"
    if m.unit == "days":
        return f"{v:,.1f} days"
    if m.unit == "x":
        return f"{v:,.2f}×"
    return f"{v:,.2f}"
