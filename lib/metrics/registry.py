"""The metric registry: one definition per KPI (METRICS.md), shown by the glossary and used to label pages.

Each domain module (`lib/metrics/<domain>.py`) declares `METRICS = (Metric(...), ...)`; `all_metrics()` collects them.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from . import is_missing

DOMAINS = ("fulfillment", "inventory", "returns", "carriers", "profitability", "customer", "marketplace", "forecast")


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


def format_value(m: Metric, value) -> str:
    """Human format with unit: 93.4 %, 26.5 h, $8.75, 12.0 days."""
    if is_missing(value):
        return "–"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if m.unit == "%":
        return f"{v * 100:.1f} %"
    if m.unit == "$":
        return f"${v:,.2f}"
    if m.unit == "hours":
        return f"{v:,.1f} h"
    if m.unit == "days":
        return f"{v:,.1f} days"
    if m.unit == "x":
        return f"{v:,.2f}×"
    return f"{v:,.2f}"
