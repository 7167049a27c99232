"""Workspace settings: KPI targets, SLA rules, transit days, cost assumptions, fee cards, limits.

Stored as `state/settings.json` in the workspace (edited on the Settings page).  The typed model below (`Settings`, one
dataclass per section) is the one place every default, unit and allowed range is written; `DEFAULTS` is its plain
dict (`Settings().to_dict()`), so a missing or partial file always yields a complete settings dict and modules read
`settings["sla"]["cutoff_hour"]` style.  `Settings.from_dict` checks a dict and names the key of every problem.  The
warehouse build turns the parts that SQL needs into `cfg_*` tables; metrics receive the rest as parameters.
"""
from __future__ import annotations

import copy
import dataclasses as dc
import datetime as dt
import functools
import re


def _f(default, label: str, unit: str = "", lo=None, hi=None, *, above=None, choices=None, help: str = ""):
    """A setting: its default, its display name and unit, and its allowed range (`lo`/`hi` inclusive, `above`
    exclusive) or choices."""
    meta = {"label": label, "unit": unit, "lo": lo, "hi": hi, "above": above, "choices": choices, "help": help}
    if isinstance(default, (list, dict)):
        return dc.field(default_factory=lambda: copy.deepcopy(default), metadata=meta)
    return dc.field(default=default, metadata=meta)


@dc.dataclass
class Target:
    target: float = _f(0.0, "Target", lo=0.0)
    higher_is_better: bool = _f(True, "Higher is better")


@dc.dataclass
class TransitDay:
    carrier: str = _f("", "Carrier")
    service: str = _f("*", "Service", help="* = any service")
    business_days: int = _f(5, "Business days", "business days", 1, 60)


@dc.dataclass
class FeeCard:
    channel: str = _f("", "Channel")
    referral_rate: float = _f(0.0, "Referral rate", "%", 0.0, 1.0)
    fixed_per_unit: float = _f(0.0, "Fixed per unit", "$", 0.0)


@dc.dataclass
class Sla:
    cutoff_hour: int = _f(14, "Cut-off hour", "hour of day, store time", 0, 23,
                          help="orders before this local hour ship the same business day")
    handling_business_days: int = _f(0, "Handling time", "business days", 0, 30,
                                     help="extra business days allowed after the cut-off rule")
    weekend_days: list = _f([5, 6], "Weekend days", help="days of the week the warehouse does not ship; Monday = 0")
    holiday_country: str = _f("US", "Holiday country", "two-letter code")
    extra_holidays: list = _f([], "Extra holidays", help="ISO dates the warehouse does not ship")
    default_transit_business_days: int = _f(5, "Default transit time", "business days", 1, 60,
                                            help="when neither the channel nor the carrier service gives a promise")


@dc.dataclass
class Costs:
    packaging_per_order: float = _f(0.85, "Packaging per order", "$", 0.0)
    labor_cost_per_hour: float = _f(19.0, "Warehouse labor per hour", "$", 0.0)
    units_picked_per_hour: float = _f(60.0, "Units picked per hour", "units", above=0.0)
    payment_fee_rate: float = _f(0.029, "Payment fee rate", "% of revenue", 0.0, 1.0)
    payment_fee_fixed: float = _f(0.30, "Payment fee per order", "$", 0.0)
    return_processing_per_unit: float = _f(2.50, "Return processing per unit", "$", 0.0)


@dc.dataclass
class Planning:
    # below min_sample events (orders, responses, packages) a rate is shown with its "n =" in grey, never red, and
    # raises no alert; staffed_hours_per_day: paid warehouse hours on a normal day (people × shift hours), the peak
    # capacity page's starting staffing
    min_sample: int = _f(30, "Minimum sample for a rate", "events", 0, 100000)
    staffed_hours_per_day: float = _f(16.0, "Staffed warehouse hours per day", "hours", 0.0, 24.0 * 1000)


@dc.dataclass
class CarrierScoreWeights:  # the carrier composite score: weight of each component (shares, summing to 100 %)
    on_time: float = _f(0.4, "On-time delivery weight", "%", 0.0, 1.0)
    transit_p90: float = _f(0.2, "Transit time (p90) weight", "%", 0.0, 1.0)
    damage: float = _f(0.2, "Damage / loss weight", "%", 0.0, 1.0)
    cost: float = _f(0.2, "Cost per package weight", "%", 0.0, 1.0)


@dc.dataclass
class Limits:
    # max_file_mb: per-file upload limit; memory_limit_mb: DuckDB's memory limit for every write (loads, rebuilds,
    # removals): past it DuckDB spills to opsdesk.duckdb.tmp in the workspace instead of growing
    max_file_mb: int = _f(250, "Largest file to upload", "MB", 1, 100000)
    memory_limit_mb: int = _f(1024, "Memory for loads and rebuilds", "MB", 128, 1048576)


@dc.dataclass
class Support:
    # help desk tickets (Zendesk, Gorgias): how a ticket names its order and what makes it a "where is my order"
    # contact (RE2 regular expressions, case-insensitive; the first group is the order number), and the service
    # targets its first reply and its resolution are held to (elapsed hours)
    order_tag_pattern: str = _f(r"^(?:order|ord)[_#-]*([a-z0-9-]*[0-9][a-z0-9-]*)$", "Order number in a tag",
                                "pattern")
    order_subject_pattern: str = _f(
        r"(?:order|commande|bestellung|pedido)\s*(?:no\.?|number|nr\.?)?\s*#?\s*([a-z0-9-]*[0-9][a-z0-9-]*)",
        "Order number in the subject", "pattern")
    wismo_tag_pattern: str = _f(
        r"^(?:wismo|where_?is_?my_?order|order_status|tracking|delivery_status|late_delivery|lost_package)$",
        "“Where is my order” tag", "pattern")
    wismo_subject_pattern: str = _f(
        r"where.{0,4}s? my (?:order|package|parcel)|wismo|not (?:yet )?(?:arrived|received|delivered)|hasn.?t "
        r"(?:arrived|been delivered)|tracking|delivery status|lost (?:package|parcel)",
        "“Where is my order” subject", "pattern")
    first_reply_target_hours: float = _f(8.0, "First reply target", "hours", above=0.0)
    resolution_target_hours: float = _f(48.0, "Resolution target", "hours", above=0.0)


@dc.dataclass
class Inventory:  # the Inventory page's thresholds (the page's two day thresholds start from these)
    excess_days: int = _f(90, "Excess beyond", "days of supply", 7, 730)
    aged_days: int = _f(180, "Aged after", "days since received", 30, 1095)
    a_cut: float = _f(0.80, "A class: first share of revenue", "%", 0.0, 1.0)
    b_cut: float = _f(0.95, "B class: up to share of revenue", "%", 0.0, 1.0)
    x_cut: float = _f(0.5, "X class: weekly demand variation below", "ratio", 0.0, 10.0)
    z_cut: float = _f(1.0, "Z class: weekly demand variation from", "ratio", 0.0, 10.0)


@dc.dataclass
class FulfillmentPaths:  # the assumptions of Profitability's fulfillment path comparison (FBA, own warehouse, 3PL)
    own_storage_per_cuft_month: float = _f(0.35, "Own warehouse storage per ft³ per month", "$", 0.0)
    tpl_storage_per_cuft_month: float = _f(0.45, "3PL storage per ft³ per month", "$", 0.0,
                                           help="for a 3PL without storage lines on its invoices")
    default_months_in_storage: float = _f(1.0, "Months in storage without snapshots", "months", 0.0, 60.0)
    mcf_fee_multiplier: float = _f(1.6, "Multi-Channel Fulfillment fee vs FBA fee", "×", 0.0, 10.0)
    fba_inbound_per_lb: float = _f(0.30, "Sending stock to Amazon per lb", "$", 0.0)
    min_label_orders_for_model: int = _f(10, "Orders to fit label cost by weight", "orders", 2, 100000)


def _targets() -> dict:
    t = {  # KPI key -> target and direction; the amber band is 10 % of the way to the target
        "on_time_ship_rate": (0.96, True), "on_time_delivery_rate": (0.93, True), "otif_rate": (0.90, True),
        "perfect_order_rate": (0.88, True), "fulfillment_accuracy": (0.995, True), "unit_return_rate": (0.08, False),
        "cost_per_order": (9.0, False), "cycle_time_p90_hours": (48.0, False), "csat": (0.85, True),
        "cancellation_rate": (0.02, False),
        # carriers (the pickup SLA is held to on_time_ship_rate)
        "transit_p90_business_days": (5.0, False), "first_scan_lag_p90_hours": (24.0, False),
        "damage_rate": (0.01, False), "billed_above_quote_rate": (0.05, False),
    }
    return {k: Target(v, hib) for k, (v, hib) in t.items()}


_TRANSIT = (("UPS", 4), ("FedEx", 4), ("USPS", 5), ("DHL eCommerce", 6), ("Amazon Logistics", 3))
_FEES = (("amazon", 0.15, 0.0), ("walmart", 0.15, 0.0), ("ebay", 0.1325, 0.30), ("shopify", 0.0, 0.0))
PAPERS, ORIENTATIONS = ("A4", "Letter"), ("portrait", "landscape")


@dc.dataclass
class Settings:
    # every money figure summed across orders is converted to this currency (ISO code) at the order date's rate
    reporting_currency: str = _f("USD", "Reporting currency", "ISO code")
    sla: Sla = dc.field(default_factory=Sla, metadata={"label": "SLA rules"})
    # promised transit business days per carrier service (service "*" = any)
    transit_days: list = dc.field(default_factory=lambda: [TransitDay(c, "*", d) for c, d in _TRANSIT],
                                  metadata={"label": "Transit days", "item": TransitDay})
    targets: dict = dc.field(default_factory=_targets, metadata={"label": "KPI targets", "item": Target})
    costs: Costs = dc.field(default_factory=Costs, metadata={"label": "Costs"})
    # marketplace referral fee rates used when no settlement rows exist
    fee_cards: list = dc.field(default_factory=lambda: [FeeCard(*r) for r in _FEES],
                               metadata={"label": "Fee cards", "item": FeeCard})
    planning: Planning = dc.field(default_factory=Planning, metadata={"label": "Planning"})
    dim_divisor_in3_per_lb: int = _f(139, "Dimensional weight divisor", "in³ per lb", 1, 1000)
    carrier_score_weights: CarrierScoreWeights = dc.field(default_factory=CarrierScoreWeights,
                                                          metadata={"label": "Carrier score weights"})
    limits: Limits = dc.field(default_factory=Limits, metadata={"label": "Limits"})
    support: Support = dc.field(default_factory=Support, metadata={"label": "Support"})
    inventory: Inventory = dc.field(default_factory=Inventory, metadata={"label": "Inventory"})
    fulfillment_paths: FulfillmentPaths = dc.field(default_factory=FulfillmentPaths,
                                                   metadata={"label": "Fulfillment paths"})
    paper: str = _f("A4", "Paper of the brief and pack", choices=PAPERS)
    brief_orientation: str = _f("portrait", "Brief orientation", choices=ORIENTATIONS,
                                help="the pack always prints landscape")
    # the FBA fee card (rows of the seed lib/warehouse/seeds/fba_fee_card.csv's columns); None = the seed
    fba_fee_card: list | None = dc.field(default=None, metadata={"label": "FBA fee card"})

    @classmethod
    def from_dict(cls, d: dict) -> "Settings":
        """The typed settings of a (complete or partial) dict, missing keys taking their defaults; raises
        `SettingsError` listing every problem, each naming its key."""
        settings, errors = _parse(cls, d or {}, "")
        if errors:
            raise SettingsError(errors)
        return settings

    def to_dict(self) -> dict:
        """The plain dict modules read (`DEFAULTS` is `Settings().to_dict()`)."""
        out = dc.asdict(self)
        if out["fba_fee_card"] is None:
            del out["fba_fee_card"]
        return out


class SettingsError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = list(errors)


def meta(section: str, key: str | None = None) -> dict:
    """A setting's label, unit, range and help (`section` alone for a top-level setting)."""
    cls = Settings if key is None else _section_class(section)
    name = section if key is None else key
    return dict(next(f for f in dc.fields(cls) if f.name == name).metadata)


def _section_class(section: str):
    return {"sla": Sla, "costs": Costs, "planning": Planning, "carrier_score_weights": CarrierScoreWeights,
            "limits": Limits, "support": Support, "inventory": Inventory, "fulfillment_paths": FulfillmentPaths}[section]


def label(section: str, key: str | None = None) -> str:
    """'Cut-off hour (hour of day)': a setting's display name with its unit."""
    m = meta(section, key)
    return f"{m['label']} ({m['unit']})" if m.get("unit") else m["label"]


# ---------------------------------------------------------------- checking a dict against the model

def _default(f: dc.Field):
    return f.default_factory() if f.default_factory is not dc.MISSING else f.default


def _num(x: float, unit: str) -> str:
    return f"{x * 100:g} %" if unit.startswith("%") else f"{x:g}"


def _scalar(v, default, m: dict, where: str):
    """(value, problem): `v` as the type of `default`, within the setting's range or choices."""
    name = f"{m['label']} ({where})"
    if isinstance(default, bool):
        return (v, "") if isinstance(v, bool) else (default, f"{name} is yes or no (true / false)")
    if isinstance(default, (int, float)):
        try:
            if isinstance(v, bool) or v is None:
                raise ValueError
            x = float(str(v).strip()) if isinstance(v, str) else float(v)
            if x != x or x in (float("inf"), float("-inf")):
                raise ValueError
        except (TypeError, ValueError):
            return default, f"{name} is a number" + (f" ({m['unit']})" if m.get("unit") not in (None, "", "$") else "")
        if isinstance(default, int):
            if x != int(x):
                return default, f"{name} is a whole number, not {x:g}"
            x = int(x)
        unit, lo, hi, above = m.get("unit") or "", m.get("lo"), m.get("hi"), m.get("above")
        if above is not None and not x > above:
            return default, f"{name} must be more than {_num(above, unit)}, not {_num(x, unit)}"
        if (lo is not None and x < lo) or (hi is not None and x > hi):
            rng = (f"from {_num(lo, unit)} to {_num(hi, unit)}" if hi is not None else f"at least {_num(lo, unit)}")
            return default, f"{name} must be {rng}, not {_num(x, unit)}"
        return x, ""
    if not isinstance(v, str):
        return default, f"{name} is text"
    if m.get("choices") and v not in m["choices"]:
        return default, f"{name} is one of {', '.join(m['choices'])}, not {v!r}"
    return v, ""


def _join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _parse(cls, d, path: str):
    """(instance of `cls`, problems) from the dict `d`; keys `d` lacks keep their defaults."""
    if isinstance(d, cls):
        d = dc.asdict(d)
    if not isinstance(d, dict):
        return cls(), [f"{path or 'The settings'} is a set of named values, not {type(d).__name__}"]
    fields = {f.name: f for f in dc.fields(cls)}
    errors = [f"Unknown setting {_join(path, k)}" for k in d if k not in fields]
    values = {}
    for name, f in fields.items():
        if name not in d:
            continue
        where, v, m, default = _join(path, name), d[name], dict(f.metadata), _default(f)
        if name == "fba_fee_card":
            values[name], errs = _fba_card(v, where)
        elif dc.is_dataclass(default):
            values[name], errs = _parse(type(default), v, where)
        elif "item" in m:
            values[name], errs = _items(m["item"], v, where, keyed=isinstance(default, dict))
        elif isinstance(default, list):
            values[name], errs = _list(name, v, where, m)
        else:
            values[name], err = _scalar(v, default, m, where)
            errs = [err] if err else []
        errors += errs
    obj = cls(**values)
    return obj, errors + _rules(obj, path)


def _items(cls, v, where: str, keyed: bool):
    """A list (or, `keyed`, a dict by key) of `cls` rows."""
    if keyed and isinstance(v, dict):
        out, errors = {}, []
        for k, row in v.items():
            out[str(k)], errs = _parse(cls, row, f"{where}.{k}")
            errors += errs
        return out, errors
    if not keyed and isinstance(v, (list, tuple)):
        out, errors = [], []
        for i, row in enumerate(v):
            label_ = (row.get("carrier") or row.get("channel")) if isinstance(row, dict) else None
            item, errs = _parse(cls, row, f"{where}[{label_ or i}]")
            out.append(item)
            errors += errs
        return out, errors
    return ({} if keyed else []), [f"{where} is a {'set of named rows' if keyed else 'list of rows'}"]


def _list(name: str, v, where: str, m: dict):
    if not isinstance(v, (list, tuple)):
        return [], [f"{m['label']} ({where}) is a list"]
    if name == "weekend_days":
        ok = all(isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= 6 for x in v)
        if not ok or len(set(v)) != len(v) or len(v) > 6:
            return [5, 6], [f"{m['label']} ({where}) are distinct days of the week 0–6 (Monday = 0), at most 6 of them"]
        return list(v), []
    bad = []
    for x in v:
        try:
            dt.date.fromisoformat(str(x))
        except ValueError:
            bad.append(str(x))
    if bad:
        return [], [f"{m['label']} ({where}) are dates such as 2026-12-24, not {', '.join(bad)}"]
    return [str(x) for x in v], []


FBA_COLUMNS = ("size_tier", "max_weight_lb", "base_fee", "per_lb_above", "above_lb", "storage_per_cuft_month")


def _fba_card(v, where: str):
    import math
    if v is None:
        return None, []
    if not isinstance(v, (list, tuple)) or not v:
        return None, [f"FBA fee card ({where}) is a list of rows: size tier, up to weight, base fee, per lb above, "
                      f"above weight, storage"]
    rows, errors = [], []
    for i, row in enumerate(v):
        try:
            r = {"size_tier": str(row["size_tier"]).strip().lower(), **{c: float(row[c]) for c in FBA_COLUMNS[1:]}}
            if not r["size_tier"] or any(math.isnan(r[c]) or r[c] < 0 for c in FBA_COLUMNS[1:]):
                raise ValueError
            rows.append(r)
        except (KeyError, TypeError, ValueError):
            errors.append(f"FBA fee card ({where}[{i}]): every row needs a size tier and its weights and fees as "
                          f"numbers, none negative")
    return rows, errors


def _rules(obj, path: str) -> list[str]:
    """The checks that span a setting's value beyond its range: codes, patterns, orders of cut-offs."""
    errors = []
    if isinstance(obj, Settings):
        obj.reporting_currency = obj.reporting_currency.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", obj.reporting_currency):
            errors.append(f"Reporting currency (reporting_currency) is a three-letter code such as USD or EUR, "
                          f"not {obj.reporting_currency!r}")
        for key, t in obj.targets.items():
            if kpi_unit(key) == "%" and not 0 <= t.target <= 1:
                errors.append(f"Target (targets.{key}.target) is a rate from 0 % to 100 %, not {t.target * 100:g} %")
    elif isinstance(obj, Sla):
        obj.holiday_country = obj.holiday_country.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", obj.holiday_country):
            errors.append(f"Holiday country ({_join(path, 'holiday_country')}) is a two-letter code such as US, GB "
                          f"or DE, not {obj.holiday_country!r}")
        elif not holiday_country_known(obj.holiday_country):
            errors.append(f"Holiday country ({_join(path, 'holiday_country')}) is a two-letter code of a country "
                          f"whose public holidays Opsdesk knows (such as US, GB or DE): {obj.holiday_country!r} is "
                          f"not one")
    elif isinstance(obj, TransitDay):
        obj.carrier, obj.service = obj.carrier.strip(), obj.service.strip() or "*"
        if not obj.carrier:
            errors.append(f"Carrier ({_join(path, 'carrier')}) is missing")
    elif isinstance(obj, FeeCard):
        obj.channel = obj.channel.strip().lower()
        if not obj.channel:
            errors.append(f"Channel ({_join(path, 'channel')}) is missing")
    elif isinstance(obj, Support):
        for f in dc.fields(Support):
            problem = support_problem(f.name, getattr(obj, f.name)) if f.name.endswith("_pattern") else ""
            if problem:
                errors.append(f"{f.metadata['label']} ({_join(path, f.name)}) {problem}")
    elif isinstance(obj, Inventory):
        if obj.a_cut >= obj.b_cut:
            errors.append(f"A class share ({_join(path, 'a_cut')}) must be below the B class share ({_join(path, 'b_cut')})")
        if obj.x_cut >= obj.z_cut:
            errors.append(f"X class variation ({_join(path, 'x_cut')}) must be below the Z class one ({_join(path, 'z_cut')})")
    elif isinstance(obj, CarrierScoreWeights):
        total = sum(dc.astuple(obj))
        if abs(total - 1) > 1e-6:
            errors.append(f"Carrier score weights ({path}) must add up to 100 %, not {total * 100:g} %")
    return errors


DEFAULTS: dict = Settings().to_dict()


@functools.lru_cache(maxsize=None)
def holiday_country_known(code: str) -> bool:
    """Whether the `holidays` library has public holidays for the country `code` (the warehouse's dim_calendar reads
    them: lib.warehouse.country_holidays)."""
    import holidays
    try:
        holidays.country_holidays(code)
    except NotImplementedError:  # what holidays raises for a country it does not have
        return False
    return True


def kpi_unit(key: str) -> str:
    """The unit of a KPI target: the metric registry's ("%" for rates), else "%" for a key ending in _rate."""
    try:
        from ..metrics.registry import metric
        return metric(key).unit
    except (ImportError, KeyError, TypeError):
        return "%" if key.endswith("_rate") else ""


def validate(settings: dict) -> list[str]:
    """The problems of a settings dict (empty when it is valid), each naming its key."""
    return _parse(Settings, settings, "")[1]


def normalised(settings: dict) -> dict:
    """A settings dict checked and completed by the typed model; raises `SettingsError`."""
    return Settings.from_dict(settings).to_dict()


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
    """Persist settings (checked by the typed model: `SettingsError` names every problem) and rebuild the marts
    that depend on them (promises, SLA), unless only settings that no mart reads changed (the limits)."""
    from ..warehouse import rebuild
    ws.write_state("settings", normalised(_merge(DEFAULTS, settings)))
    rebuild(ws, unless_built_with_these_settings=True)


# ---------------------------------------------------------------- the Settings page's editable tables

UNIT_HINTS = {"%": "%", "hours": "hours", "days": "days"}  # "$": the reporting currency
# the tables of numbers: table -> its settings, as (section, key) ("" = a top-level setting)
NUMBER_TABLES = {
    "sla": [("sla", k) for k in ("cutoff_hour", "handling_business_days", "default_transit_business_days")],
    "costs": [("costs", f.name) for f in dc.fields(Costs)],
    "planning": [("planning", f.name) for f in dc.fields(Planning)],
    "carrier_score_weights": [("carrier_score_weights", f.name) for f in dc.fields(CarrierScoreWeights)],
    "inventory": [("inventory", f.name) for f in dc.fields(Inventory)],
    "fulfillment_paths": [("", "dim_divisor_in3_per_lb")] + [("fulfillment_paths", f.name)
                                                             for f in dc.fields(FulfillmentPaths)],
    "limits": [("limits", f.name) for f in dc.fields(Limits)],
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _pct(v: float) -> float:
    """A share as the percentage typed in Settings (0.96 -> 96.0), and back with `_share`."""
    return round(float(v) * 100, 6)


def _share(v: float) -> float:
    return round(float(v) / 100, 8)


def _meta_at(section: str, key: str) -> dict:
    return meta(key) if not section else meta(section, key)


def _label(section: str, key: str, currency: str) -> str:
    m = _meta_at(section, key)
    unit = str(m.get("unit") or "").replace("$", currency)
    return f"{m['label']} ({unit})" if unit else m["label"]


def as_tables(settings: dict) -> dict:
    """The editable parts of the settings as frames: targets, sla, holidays, transit_days, fee_cards, support and
    the tables of numbers (`NUMBER_TABLES`); rates are shown in percent, money in the reporting currency."""
    import pandas as pd
    try:
        from ..metrics.registry import metric
    except ImportError:  # pragma: no cover
        metric = None

    def kpi(key):
        try:
            name = metric(key).name
        except (KeyError, TypeError):
            name = key.replace("_", " ").capitalize()
        unit = kpi_unit(key)
        return name, currency if unit == "$" else UNIT_HINTS.get(unit, unit)

    sla, currency = settings["sla"], settings["reporting_currency"]

    def numbers(rows):
        out = []
        for section, key in rows:
            value = settings[section][key] if section else settings[key]
            pct = str(_meta_at(section, key).get("unit") or "").startswith("%")
            out.append({"key": _join(section, key), "name": _label(section, key, currency),
                        "value": _pct(value) if pct else float(value)})
        return pd.DataFrame(out, columns=["key", "name", "value"])

    return {
        "targets": pd.DataFrame([{"kpi": k, "name": kpi(k)[0], "unit": kpi(k)[1],
                                  "target": _pct(v["target"]) if kpi(k)[1] == "%" else float(v["target"]),
                                  "higher_is_better": bool(v["higher_is_better"])}
                                 for k, v in settings["targets"].items()]),
        "holidays": pd.DataFrame({"date": pd.to_datetime(pd.Series(sla.get("extra_holidays", []), dtype="object")).dt.date}),
        "transit_days": pd.DataFrame(settings["transit_days"], columns=["carrier", "service", "business_days"]),
        "fee_cards": pd.DataFrame(settings["fee_cards"], columns=["channel", "referral_rate", "fixed_per_unit"]),
        "fba_fee_card": pd.DataFrame(fba_card(settings), columns=list(FBA_COLUMNS)),
        "support": pd.DataFrame([{"key": k, "name": _label("support", k, currency),
                                  "value": f"{v:g}" if isinstance(v, float) else str(v)}
                                 for k, v in settings["support"].items()]),
        **{name: numbers(rows) for name, rows in NUMBER_TABLES.items()},
    }


def _present(v) -> bool:
    import pandas as pd
    return v is not None and not (pd.api.types.is_scalar(v) and pd.isna(v)) and str(v).strip() != ""


def _number(v):
    """A table cell as a plain Python number when it is one (numpy scalars, pandas' nullable values), else as is."""
    try:
        return v.item() if hasattr(v, "item") else v
    except (ValueError, TypeError):
        return v


def from_tables(settings: dict, tables: dict, choices: dict | None = None) -> tuple[dict, list[str]]:
    """Settings updated from edited frames (see `as_tables`) and `choices` (reporting_currency, paper,
    brief_orientation, weekend_days, holiday_country), and the problems the typed model finds (empty when valid: then the settings
    are also normalised by it)."""
    import pandas as pd
    new = copy.deepcopy(settings)
    for key, value in (choices or {}).items():
        if key == "weekend_days":
            new["sla"]["weekend_days"] = sorted(int(d) for d in value)
        elif key == "holiday_country":
            new["sla"]["holiday_country"] = str(value or "")
        else:
            new[key] = value
    for row in tables["targets"].to_dict("records"):
        if row["kpi"] in new["targets"] and _present(row["target"]):
            target = _number(row["target"])
            if row.get("unit") == "%" and isinstance(target, (int, float)):
                target = _share(target)
            new["targets"][row["kpi"]] = {"target": target, "higher_is_better": bool(row["higher_is_better"])}
    new["sla"]["extra_holidays"] = sorted({v.isoformat() if hasattr(v, "isoformat") else str(v)
                                           for v in tables["holidays"]["date"] if _present(v)})
    new["transit_days"] = [{"carrier": str(r["carrier"]), "service": str(r["service"]) if _present(r.get("service")) else "*",
                            "business_days": _number(r["business_days"]) if _present(r.get("business_days")) else None}
                           for r in tables["transit_days"].to_dict("records") if _present(r.get("carrier"))]
    new["fee_cards"] = [{"channel": str(r["channel"]),
                         **{c: _number(r[c]) if _present(r.get(c)) else 0.0 for c in ("referral_rate", "fixed_per_unit")}}
                        for r in tables["fee_cards"].to_dict("records") if _present(r.get("channel"))]
    for name, rows in NUMBER_TABLES.items():
        edited = {r["key"]: r["value"] for r in tables.get(name, pd.DataFrame(columns=["key", "value"])).to_dict("records")}
        for section, key in rows:
            value = edited.get(_join(section, key))
            if not _present(value):
                continue
            value = _number(value)
            if str(_meta_at(section, key).get("unit") or "").startswith("%") and isinstance(value, (int, float)):
                value = _share(value)
            (new[section] if section else new)[key] = value
    if "fba_fee_card" in tables:  # kept only when it differs from the seed (a later seed then applies)
        card = [{c: (str(r[c]) if c == "size_tier" else _number(r[c])) if _present(r.get(c)) else None
                 for c in FBA_COLUMNS} for r in tables["fba_fee_card"].to_dict("records") if _present(r.get("size_tier"))]
        new["fba_fee_card"] = card
        if card == fba_card(None):
            del new["fba_fee_card"]
    for row in tables.get("support", pd.DataFrame(columns=["key", "value"])).to_dict("records"):
        if row["key"] in new["support"] and _present(row["value"]):
            new["support"][row["key"]] = str(row["value"]).strip()
    errors = validate(new)
    return (new if errors else normalised(new)), errors


def fba_card(settings: dict | None) -> list[dict]:
    """The FBA fee card in force: the settings' `fba_fee_card`, else the seed lib/warehouse/seeds/fba_fee_card.csv."""
    from ..warehouse import seed_rows
    return [dict(r) for r in ((settings or {}).get("fba_fee_card") or seed_rows("fba_fee_card"))]


def support_problem(key: str, value: str) -> str:
    """Why a Support pattern is not usable ("" when it is): a regular expression DuckDB (RE2) compiles, and an
    order-number pattern has a group around the number."""
    try:
        groups = re.compile(value).groups
        import duckdb
        duckdb.connect().execute("SELECT regexp_matches('x', $p)", {"p": "(?i)" + value}).fetchall()
    except Exception:
        return "is not a regular expression Opsdesk can use (RE2 syntax, no look-arounds)"
    if key.startswith("order_") and groups < 1:
        return "needs a group in parentheses around the order number, e.g. order_([0-9]+)"
    return ""
