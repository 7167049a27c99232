"""Demand forecasting, replenishment and peak capacity planning (no Streamlit here; `lib.ui` wraps it).

Modules, one job each:
    demand         stock-out-censored demand history from the marts, per SKU or rolled up (daily / weekly)
    classify       Syntetos–Boylan demand classes (ADI, CV²) and XYZ
    models         seasonal naive, SES, ETS (AICc form; shrunk weekly seasonality), Theta, Croston, SBA, TSB,
                   Prophet (with holidays, peaks and promotions)
    global_model   one LightGBM model across all series (a candidate like the others)
    backtest       rolling-origin backtest (WAPE, bias, MASE vs seasonal naive), the model choice per series
                   (tied candidates averaged) and conformal calibration of the intervals
    reconcile      coherent roll-ups: bottom-up / OLS / WLS / MinT-shrink, chosen by backtest
    words          the forecast in a manager's words (sentences, display tables) for the page
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
