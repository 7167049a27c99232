"""The metric registry: one definition per KPI (METRICS.md), shown by the glossary and used to label pages.

Each domain module (`lib/metrics/<domain>.py`) declares `METRICS = (Metric(...), ...)`; `all_metrics()` collects them.
`docs/metrics.md`, the project's metric definitions page, is generated from it: `python -m lib.metrics.registry >
docs/metrics.md` (tests/test_dictionary.py checks the committed page is current).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from . import is_missing

DOMAINS = ("fulfillment", "inventory", "returns", "carriers", "profitability", "customer", "marketplace", "forecast",
           "support", "cross_border", "customers", "disputes", "accruals", "incidents")


DOMAIN_TITLES = {"fulfillment": "Fulfillment and delivery", "marketplace": "Marketplace health", "customer": "Customer",
                 "carriers": "Carriers and 3PL", "returns": "Returns", "inventory": "Inventory and demand",
                 "profitability": "Profitability", "forecast": "Forecast and replenishment",
                 "support": "Support (help desk)", "cross_border": "Cross-border costs",
                 "customers": "Customers and retention", "disputes": "Disputes and risk", "accruals": "Month-end",
                 "incidents": "Incidents"}


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


UNIT_WORDS = {"%": "rate (shown as %)", "$": "money, in the reporting currency", "x": "ratio (×)"}


def markdown() -> str:
    """docs/metrics.md: every KPI of the registry by domain, with its key, definition, formula, date basis, sources,
    unit and direction (targets are workspace settings: the app's Glossary shows them)."""
    def text(s: str) -> str:  # a lone "$" pair would render as math on GitHub
        return s.replace("$", "\\$")

    lines = ["# Metric definitions", "",
             "Every KPI Opsdesk shows, one definition each: the same one every page, notebook and export uses. "
             "Generated from the metric registry (`lib.metrics.registry.all_metrics()`, each domain module's `METRICS`) "
             "by `python -m lib.metrics.registry > docs/metrics.md`; `tests/test_dictionary.py` checks it is current. "
             "Targets are workspace settings (Settings page) and are shown with each KPI in the app's Glossary.", ""]
    metrics = all_metrics()
    for domain in dict.fromkeys(m.domain for m in metrics):
        lines += [f"## {DOMAIN_TITLES.get(domain, domain)}", ""]
        for m in (m for m in metrics if m.domain == domain):
            better = "higher is better" if m.higher_is_better else "lower is better"
            lines += [f"### {text(m.name)}", "", f"`{m.key}` · {UNIT_WORDS.get(m.unit, m.unit)} · {better}", "",
                      text(m.definition), "",
                      f"- **Formula:** {text(m.formula)}",
                      f"- **Date basis:** {m.date_basis}",
                      f"- **Sources:** {', '.join(f'`{s}`' for s in m.sources)}"]
            if m.alternative:
                lines.append(f"- **Alternative:** {text(m.alternative)}")
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
