"""Workspace settings: KPI targets, SLA rules, transit days, cost assumptions, fee cards, limits.

Stored as `state/settings.json` in the workspace (edited on the Settings page); every key has a default here, so
a missing or partial file always yields a complete settings dict.  The warehouse build turns the parts that SQL
needs into `cfg_*` tables; metrics receive the rest as parameters.
"""
from __future__ import annotations

import copy

DEFAULTS: dict = {
    "sla": {
        "cutoff_hour": 14,  # orders before this local hour ship the same business day
        "handling_business_days": 0,  # extra business days allowed after the cut-off rule
        "weekend_days": [5, 6],  # Monday = 0
        "holiday_country": "US",
        "extra_holidays": [],  # ISO dates
        "default_transit_business_days": 5,
    },
    "transit_days": [  # promised transit business days per carrier service (service "*" = any)
        {"carrier": "UPS", "service": "*", "business_days": 4},
        {"carrier": "FedEx", "service": "*", "business_days": 4},
        {"carrier": "USPS", "service": "*", "business_days": 5},
        {"carrier": "DHL eCommerce", "service": "*", "business_days": 6},
        {"carrier": "Amazon Logistics", "service": "*", "business_days": 3},
    ],
    "targets": {  # KPI key -> target value and direction; amber band is 10 % of the way to the target
        "on_time_ship_rate": {"target": 0.96, "higher_is_better": True},
        "on_time_delivery_rate": {"target": 0.93, "higher_is_better": True},
        "otif_rate": {"target": 0.90, "higher_is_better": True},
        "perfect_order_rate": {"target": 0.88, "higher_is_better": True},
        "fulfillment_accuracy": {"target": 0.995, "higher_is_better": True},
        "unit_return_rate": {"target": 0.08, "higher_is_better": False},
        "cost_per_order": {"target": 9.0, "higher_is_better": False},
        "cycle_time_p90_hours": {"target": 48.0, "higher_is_better": False},
        "csat": {"target": 0.85, "higher_is_better": True},
        "cancellation_rate": {"target": 0.02, "higher_is_better": False},
    },
    "costs": {
        "packaging_per_order": 0.85,
        "labor_cost_per_hour": 19.0,
        "units_picked_per_hour": 60.0,
        "payment_fee_rate": 0.029,
        "payment_fee_fixed": 0.30,
        "return_processing_per_unit": 2.50,
    },
    "fee_cards": [  # marketplace referral fee rates used when no settlement rows exist
        {"channel": "amazon", "referral_rate": 0.15, "fixed_per_unit": 0.0},
        {"channel": "walmart", "referral_rate": 0.15, "fixed_per_unit": 0.0},
        {"channel": "ebay", "referral_rate": 0.1325, "fixed_per_unit": 0.30},
        {"channel": "shopify", "referral_rate": 0.0, "fixed_per_unit": 0.0},
    ],
    "dim_divisor_in3_per_lb": 139,
    "carrier_score_weights": {"on_time": 0.4, "transit_p90": 0.2, "damage": 0.2, "cost": 0.2},
    "limits": {"max_file_mb": 250},
}


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in (over or {}).items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def load_settings(ws) -> dict:
    return _merge(DEFAULTS, ws.read_state("settings", {}))


def save_settings(ws, settings: dict) -> None:
    """Persist settings and rebuild the marts that depend on them (promises, SLA)."""
    ws.write_state("settings", _merge(DEFAULTS, settings))
    from .warehouse import rebuild
    rebuild(ws)
