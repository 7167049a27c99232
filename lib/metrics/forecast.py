"""The forecast and replenishment quantities of METRICS.md "Forecast and replenishment", declared for the glossary.

They are computed in `lib.forecast` (backtest, replenishment, capacity) from the `forecast__*` SQL files of this
folder; this module only states their definitions once.
"""
from __future__ import annotations

from .registry import Metric

_BT = ("fct_order_lines", "fct_inventory_daily")
_PO = ("fct_purchase_orders", "dim_products", "fct_inventory_daily")
METRICS = (
    Metric("forecast_wape", "Forecast accuracy (WAPE)", "Σ|actual − forecast| / Σ actual over a rolling-origin backtest "
           "(three origins, each forecasting the horizon from the history before it); shown per series and pooled "
           "over all series, always next to seasonal naive's. A forecast is never shown without it.",
           "Σ|y − ŷ| / Σy", "order date", _BT, "%", False),
    Metric("forecast_bias", "Forecast bias", "Σ(forecast − actual) / Σ actual over the backtest: above 0 over-forecasts.",
           "Σ(ŷ − y) / Σy", "order date", _BT, "%", False),
    Metric("forecast_mase", "MASE", "Mean absolute backtest error / the in-sample mean absolute error of seasonal naive "
           "(below 1 beats seasonal naive).", "MAE / MAE of seasonal naive in sample", "order date", _BT, "x", False),
    Metric("demand_class", "Demand class", "Syntetos–Boylan: ADI (average interval between non-zero demands) and CV² of "
           "non-zero sizes — smooth (ADI < 1.32, CV² < 0.49), erratic, intermittent, lumpy. Routes the models tried.",
           "ADI, CV²", "order date", _BT, "class"),
    Metric("lead_time_days", "Lead time", "Received date − order date of purchase orders: mean and standard deviation per "
           "supplier (at least two received lines), else the SKU's catalog default.", "received − ordered",
           "PO date", _PO, "days", False),
    Metric("safety_stock", "Safety stock", "z · √(LT · σ_d² + d² · σ_LT²); z from the cycle service level (90 % 1.2816, "
           "95 % 1.6449, 98 % 2.0537, 99 % 2.3263); σ_d from the forecast's backtest errors, not raw demand.",
           "z · √(LT·σ_d² + d²·σ_LT²)", "snapshot date", _PO, "units"),
    Metric("reorder_point", "Reorder point", "Forecast daily demand × lead time + safety stock.", "d · LT + SS",
           "snapshot date", _PO, "units"),
    Metric("order_quantity", "Order quantity", "max(0, forecast demand over lead time + review period + safety stock − "
           "on hand − on order), rounded up to the case pack, at least the MOQ. Order-by date = projected stock-out − "
           "lead time.", "max(0, D(LT + R) + SS − on hand − on order) → cases, ≥ MOQ", "snapshot date", _PO, "units"),
    Metric("days_of_cover", "Days of cover (forecast)", "On hand / forecast daily demand.", "on hand / forecast per day",
           "snapshot date", _PO, "days"),
)
