"""Demand forecasting, replenishment and peak capacity planning (no Streamlit here; `lib.ui` wraps it).

Modules, one job each:
    demand         stock-out-censored demand history from the marts, per SKU or rolled up (daily / weekly)
    classify       Syntetos–Boylan demand classes (ADI, CV²) and XYZ
    models         seasonal naive, SES, Croston, SBA, TSB, Prophet (with holidays, peaks and promotions)
    backtest       rolling-origin backtest (WAPE, bias, MASE vs seasonal naive) and the model choice per series
    parallel       fan-out over processes (spawn), progress, on-disk cache → `ForecastResult`
    replenishment  lead times from POs, safety stock, reorder point, order quantity, order-by and stock-out dates
    capacity       peak window → volume → labor hours → headcount; backlog simulation and what-ifs
    cli            `python -m lib forecast`

The names below are imported lazily, so `import lib.forecast.cli` stays cheap.
"""
from __future__ import annotations

_EXPORTS = {"ForecastConfig": "backtest", "ForecastResult": "parallel", "Accuracy": "parallel",
            "run_forecasts": "parallel"}


def __getattr__(name):
    if name in _EXPORTS:
        import importlib
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)
