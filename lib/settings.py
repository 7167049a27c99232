"""Workspace settings: KPI targets, SLA rules, transit days, cost assumptions, fee cards, limits.

Stored as `state/settings.json` in the workspace (edited on the Settings page); every key has a default here, so
a missing or partial file always yields a complete settings dict.  The warehouse build turns the parts that SQL
needs into `cfg_*` tables; metrics receive the rest as parameters.
"""
from __future__ import annotations

import copy

DEFAULTS: dict = {
    # every money figure summed across orders is converted to this currency (ISO code) at the order date's rate
    "reporting_currency": "USD",
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
    # min_sample: below this many events (orders, responses, packages) a rate is shown with its "n =" in grey, never
    # red, and raises no alert; staffed_hours_per_day: the paid warehouse hours on a normal day (people × shift
    # hours), the peak capacity page's starting staffing
    "planning": {"min_sample": 30, "staffed_hours_per_day": 16.0},
    "dim_divisor_in3_per_lb": 139,
    "carrier_score_weights": {"on_time": 0.4, "transit_p90": 0.2, "damage": 0.2, "cost": 0.2},
    # max_file_mb: per-file upload limit; memory_limit_mb: DuckDB's memory limit for every write (loads, rebuilds,
    # removals): past it DuckDB spills to opsdesk.duckdb.tmp in the workspace instead of growing
    "limits": {"max_file_mb": 250, "memory_limit_mb": 1024},
    # help desk tickets (Zendesk, Gorgias): how a ticket names its order and what makes it a "where is my order"
    # contact (RE2 regular expressions, case-insensitive; the first group is the order number), and the service
    # targets its first reply and its resolution are held to (elapsed hours)
    "support": {
        "order_tag_pattern": r"^(?:order|ord)[_#-]*([a-z0-9-]*[0-9][a-z0-9-]*)$",
        "order_subject_pattern": r"(?:order|commande|bestellung|pedido)\s*(?:no\.?|number|nr\.?)?\s*#?\s*([a-z0-9-]*[0-9][a-z0-9-]*)",
        "wismo_tag_pattern": r"^(?:wismo|where_?is_?my_?order|order_status|tracking|delivery_status|late_delivery|lost_package)$",
        "wismo_subject_pattern": r"where.{0,4}s? my (?:order|package|parcel)|wismo|not (?:yet )?(?:arrived|received|delivered)|hasn.?t (?:arrived|been delivered)|tracking|delivery status|lost (?:package|parcel)",
        "first_reply_target_hours": 8.0,
        "resolution_target_hours": 48.0,
    },
    "paper": "A4",  # paper of the PDF brief and the printed weekly pack: "A4" or "Letter"
    "brief_orientation": "portrait",  # of the PDF brief: "portrait" or "landscape" (the pack always prints landscape)
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


# ---------------------------------------------------------------- the Settings page's editable tables

COST_LABELS = {
    "packaging_per_order": "Packaging per order ($)", "labor_cost_per_hour": "Warehouse labor per hour ($)",
    "units_picked_per_hour": "Units picked per hour", "payment_fee_rate": "Payment fee rate (share of revenue)",
    "payment_fee_fixed": "Payment fee per order ($)", "return_processing_per_unit": "Return processing per unit ($)",
}
UNIT_HINTS = {"%": "%", "$": "$ per order", "hours": "hours", "days": "days"}
PLANNING_LABELS = {"min_sample": "Minimum sample for a rate (events)",
                   "staffed_hours_per_day": "Staffed warehouse hours per day"}
SUPPORT_LABELS = {"order_tag_pattern": "Order number in a tag (pattern)",
                  "order_subject_pattern": "Order number in the subject (pattern)",
                  "wismo_tag_pattern": "“Where is my order” tag (pattern)",
                  "wismo_subject_pattern": "“Where is my order” subject (pattern)",
                  "first_reply_target_hours": "First reply target (hours)",
                  "resolution_target_hours": "Resolution target (hours)"}


def _pct(v: float) -> float:
    """A share as the percentage typed in Settings (0.96 -> 96.0), and back with `_share`."""
    return round(float(v) * 100, 6)


def _share(v: float) -> float:
    return round(float(v) / 100, 8)
SLA_COLUMNS = ("cutoff_hour", "handling_business_days", "default_transit_business_days", "holiday_country")


def as_tables(settings: dict) -> dict:
    """The editable parts of the settings as frames: targets, sla, holidays, transit_days, costs, fee_cards."""
    import pandas as pd
    try:
        from .metrics.registry import metric
    except ImportError:  # pragma: no cover
        metric = None

    def kpi(key):
        try:
            m = metric(key)
            return m.name, UNIT_HINTS.get(m.unit, m.unit)
        except (KeyError, TypeError):
            return key.replace("_", " "), ""

    sla = settings["sla"]
    return {
        "targets": pd.DataFrame([{"kpi": k, "name": kpi(k)[0], "unit": kpi(k)[1], "target": _pct(v["target"]) if kpi(k)[1] == "%" else float(v["target"]),
                                  "higher_is_better": bool(v["higher_is_better"])}
                                 for k, v in settings["targets"].items()]),
        "sla": pd.DataFrame([{c: sla[c] for c in SLA_COLUMNS}]),
        "holidays": pd.DataFrame({"date": pd.to_datetime(pd.Series(sla.get("extra_holidays", []), dtype="object")).dt.date}),
        "transit_days": pd.DataFrame(settings["transit_days"], columns=["carrier", "service", "business_days"]),
        "costs": pd.DataFrame([{"cost": k, "name": COST_LABELS.get(k, k), "value": float(v)}
                               for k, v in settings["costs"].items()]),
        "fee_cards": pd.DataFrame(settings["fee_cards"], columns=["channel", "referral_rate", "fixed_per_unit"]),
        "planning": pd.DataFrame([{"key": k, "name": PLANNING_LABELS.get(k, k), "value": float(v)}
                                  for k, v in settings["planning"].items()]),
        "support": pd.DataFrame([{"key": k, "name": SUPPORT_LABELS.get(k, k), "value": f"{v:g}" if isinstance(v, float) else str(v)}
                                 for k, v in settings["support"].items()]),
    }


def _present(v) -> bool:
    return v is not None and v == v and str(v).strip() != ""


def from_tables(settings: dict, tables: dict) -> tuple[dict, list[str]]:
    """Settings updated from edited frames (see `as_tables`), and the problems found (empty when valid)."""
    import datetime as dt

    import pandas as pd
    new, errors = copy.deepcopy(settings), []
    for row in tables["targets"].to_dict("records"):
        if row["kpi"] in new["targets"] and _present(row["target"]):
            target = _share(row["target"]) if row.get("unit") == "%" else float(row["target"])
            new["targets"][row["kpi"]] = {"target": target, "higher_is_better": bool(row["higher_is_better"])}
    sla = tables["sla"].to_dict("records")[0]
    try:
        cutoff, handling, transit = (int(sla[c]) for c in SLA_COLUMNS[:3])
    except (TypeError, ValueError):
        errors.append("SLA: cut-off hour and business days must be whole numbers")
    else:
        if not 0 <= cutoff <= 23:
            errors.append("SLA: the cut-off hour is between 0 and 23")
        if handling < 0 or transit < 1:
            errors.append("SLA: handling days cannot be negative and default transit is at least 1 day")
        new["sla"].update(cutoff_hour=cutoff, handling_business_days=handling, default_transit_business_days=transit)
    country = str(sla["holiday_country"] or "").strip().upper()
    if len(country) != 2:
        errors.append("SLA: the holiday country is a two-letter code such as US, GB or DE")
    new["sla"]["holiday_country"] = country
    days = []
    for v in tables["holidays"]["date"]:
        if _present(v):
            days.append(v.isoformat() if isinstance(v, dt.date) else str(v))
    new["sla"]["extra_holidays"] = sorted(set(days))
    transit_rows = []
    for row in tables["transit_days"].to_dict("records"):
        if not _present(row.get("carrier")):
            continue
        if not _present(row.get("business_days")) or int(row["business_days"]) < 1:
            errors.append(f"Transit days: {row['carrier']} needs at least 1 business day")
            continue
        transit_rows.append({"carrier": str(row["carrier"]).strip(), "service": str(row.get("service") or "*").strip() or "*",
                             "business_days": int(row["business_days"])})
    new["transit_days"] = transit_rows
    for row in tables["costs"].to_dict("records"):
        if row["cost"] in new["costs"] and _present(row["value"]):
            if float(row["value"]) < 0:
                errors.append(f"Costs: {row['name']} cannot be negative")
            new["costs"][row["cost"]] = float(row["value"])
    cards = []
    for row in tables["fee_cards"].to_dict("records"):
        if not _present(row.get("channel")):
            continue
        rate = float(row["referral_rate"]) if _present(row.get("referral_rate")) else 0.0
        if not 0 <= rate <= 1:
            errors.append(f"Fee cards: the {row['channel']} referral rate is a share between 0 and 1 (0.15 = 15 %)")
        cards.append({"channel": str(row["channel"]).strip().lower(), "referral_rate": rate,
                      "fixed_per_unit": float(row["fixed_per_unit"]) if _present(row.get("fixed_per_unit")) else 0.0})
    new["fee_cards"] = cards
    for row in tables.get("planning", pd.DataFrame()).to_dict("records"):
        if row["key"] in new["planning"] and _present(row["value"]):
            if float(row["value"]) < 0:
                errors.append(f"Planning: {row['name']} cannot be negative")
            value = float(row["value"])
            new["planning"][row["key"]] = int(value) if row["key"] == "min_sample" else value
    for row in tables.get("support", pd.DataFrame()).to_dict("records"):
        if row["key"] in new["support"] and _present(row["value"]):
            problem = support_problem(row["key"], str(row["value"]).strip())
            if problem:
                errors.append(f"Support: {row['name']} {problem}")
                continue
            value = str(row["value"]).strip()
            new["support"][row["key"]] = float(value) if row["key"].endswith("_hours") else value
    return new, errors


def support_problem(key: str, value: str) -> str:
    """Why a Support setting is not usable ("" when it is): targets are positive hours; patterns are regular
    expressions DuckDB (RE2) compiles, and an order-number pattern has a group around the number."""
    import re

    if key.endswith("_hours"):
        try:
            return "" if float(value) > 0 else "must be more than 0 hours"
        except ValueError:
            return "is a number of hours"
    try:
        groups = re.compile(value).groups
        import duckdb
        duckdb.connect().execute("SELECT regexp_matches('x', $p)", {"p": "(?i)" + value}).fetchall()
    except Exception:
        return "is not a regular expression Opsdesk can use (RE2 syntax, no look-arounds)"
    if key.startswith("order_") and groups < 1:
        return "needs a group in parentheses around the order number, e.g. order_([0-9]+)"
    return ""
