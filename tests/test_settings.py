"""lib.settings: the Settings page's tables convert back to the same settings, and bad values are refused."""
from __future__ import annotations

from lib.settings import DEFAULTS, as_tables, from_tables


def test_tables_round_trip_to_the_same_settings():
    new, errors = from_tables(DEFAULTS, as_tables(DEFAULTS))
    assert errors == [] and new == DEFAULTS


def test_edits_are_applied_and_checked():
    t = as_tables(DEFAULTS)
    t["sla"].loc[0, "cutoff_hour"] = 11
    t["holidays"].loc[0] = ["2026-12-24"]
    t["fee_cards"].loc[len(t["fee_cards"])] = ["Etsy", 0.065, 0.2]
    new, errors = from_tables(DEFAULTS, t)
    assert errors == [] and new["sla"]["cutoff_hour"] == 11 and new["sla"]["extra_holidays"] == ["2026-12-24"]
    assert new["fee_cards"][-1] == {"channel": "etsy", "referral_rate": 0.065, "fixed_per_unit": 0.2}
    t["sla"].loc[0, "cutoff_hour"] = 25
    t["sla"].loc[0, "holiday_country"] = "USA"
    t["fee_cards"].loc[0, "referral_rate"] = 15
    _, errors = from_tables(DEFAULTS, t)
    assert len(errors) == 3


def test_support_settings_round_trip_and_refuse_unusable_patterns():
    from lib.settings import DEFAULTS, as_tables, from_tables
    tables = as_tables(DEFAULTS)
    same, errors = from_tables(DEFAULTS, tables)
    assert not errors and same["support"] == DEFAULTS["support"]
    t = tables["support"].set_index("key")
    t.loc["first_reply_target_hours", "value"] = "4"
    t.loc["order_tag_pattern", "value"] = "^ord-([0-9]+)$"
    new, errors = from_tables(DEFAULTS, {**tables, "support": t.reset_index()})
    assert not errors
    assert new["support"]["first_reply_target_hours"] == 4.0 and new["support"]["order_tag_pattern"] == "^ord-([0-9]+)$"
    for key, value, why in (("order_tag_pattern", "^ord-[0-9]+$", "group"), ("wismo_subject_pattern", "(?=late)", "regular"),
                            ("resolution_target_hours", "0", "more than 0"), ("resolution_target_hours", "two", "number")):
        bad = tables["support"].set_index("key")
        bad.loc[key, "value"] = value
        _, errors = from_tables(DEFAULTS, {**tables, "support": bad.reset_index()})
        assert len(errors) == 1 and why in errors[0], (key, errors)
