"""lib.workspace.settings: the Settings page's tables convert back to the same settings, and bad values are refused."""
from __future__ import annotations

from lib.workspace.settings import DEFAULTS, as_tables, from_tables


def test_tables_round_trip_to_the_same_settings():
    new, errors = from_tables(DEFAULTS, as_tables(DEFAULTS))
    assert errors == [] and new == DEFAULTS


def test_edits_are_applied_and_checked():
    t = as_tables(DEFAULTS)
    t["sla"].loc[0, "value"] = 11  # the cut-off hour
    t["holidays"].loc[0] = ["2026-12-24"]
    t["fee_cards"].loc[len(t["fee_cards"])] = ["Etsy", 0.065, 0.2]
    new, errors = from_tables(DEFAULTS, t)
    assert errors == [] and new["sla"]["cutoff_hour"] == 11 and new["sla"]["extra_holidays"] == ["2026-12-24"]
    assert new["fee_cards"][-1] == {"channel": "etsy", "referral_rate": 0.065, "fixed_per_unit": 0.2}
    t["sla"].loc[0, "value"] = 25
    t["fee_cards"].loc[0, "referral_rate"] = 15
    _, errors = from_tables(DEFAULTS, t, {"holiday_country": "USA"})
    assert errors == ["Cut-off hour (sla.cutoff_hour) must be from 0 to 23, not 25",
                      "Holiday country (sla.holiday_country) is a two-letter code such as US, GB or DE, not 'USA'",
                      "Referral rate (fee_cards[amazon].referral_rate) must be from 0 % to 100 %, not 1500 %"]


def test_support_settings_round_trip_and_refuse_unusable_patterns():
    from lib.workspace.settings import DEFAULTS, as_tables, from_tables
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


# ---------------------------------------------------------------- the typed model


def test_defaults_are_the_typed_models_and_hold_the_values_modules_used_to_repeat():
    from lib.workspace.settings import Settings
    assert Settings().to_dict() == DEFAULTS and Settings.from_dict(DEFAULTS) == Settings()
    assert Settings.from_dict({}).to_dict() == DEFAULTS  # a missing file: every default
    # the values the modules held before they read lib.workspace.settings (carriers, inventory, profitability)
    assert DEFAULTS["targets"]["transit_p90_business_days"] == {"target": 5.0, "higher_is_better": False}
    assert DEFAULTS["targets"]["first_scan_lag_p90_hours"] == {"target": 24.0, "higher_is_better": False}
    assert DEFAULTS["targets"]["damage_rate"] == {"target": 0.01, "higher_is_better": False}
    assert DEFAULTS["targets"]["billed_above_quote_rate"] == {"target": 0.05, "higher_is_better": False}
    assert DEFAULTS["inventory"] == {"excess_days": 90, "aged_days": 180, "a_cut": 0.80, "b_cut": 0.95, "x_cut": 0.5,
                                     "z_cut": 1.0}
    assert DEFAULTS["fulfillment_paths"] == {"own_storage_per_cuft_month": 0.35, "tpl_storage_per_cuft_month": 0.45,
                                             "default_months_in_storage": 1.0, "mcf_fee_multiplier": 1.6,
                                             "fba_inbound_per_lb": 0.30, "min_label_orders_for_model": 10}
    assert DEFAULTS["carrier_score_weights"] == {"on_time": 0.4, "transit_p90": 0.2, "damage": 0.2, "cost": 0.2}
    assert isinstance(DEFAULTS["sla"]["cutoff_hour"], int) and isinstance(DEFAULTS["costs"]["packaging_per_order"], float)


def test_modules_read_the_one_place():
    from lib.forecast.capacity import LaborSettings
    from lib.metrics import carriers, inventory, profitability, review
    assert carriers.targets_from(None)["transit_p90_business_days"]["target"] == 5.0
    assert carriers.targets_from({"targets": {"on_time_ship_rate": {"target": 0.9, "higher_is_better": True}}})[
        "pickup_sla_rate"]["target"] == 0.9  # held to the on-time ship rate
    assert carriers.weights_from({}) == DEFAULTS["carrier_score_weights"]
    assert inventory.DEFAULTS == DEFAULTS["inventory"]
    paths = profitability.path_settings({"fulfillment_paths": {"mcf_fee_multiplier": 2.0}, "dim_divisor_in3_per_lb": 166})
    assert paths["mcf_fee_multiplier"] == 2.0 and paths["dim_divisor_in3_per_lb"] == 166
    assert paths["fba_inbound_per_lb"] == 0.30
    assert review.MIN_SAMPLE == 30 and LaborSettings().units_per_hour == 60.0
    assert LaborSettings.from_settings({"costs": {"labor_cost_per_hour": 22}}).labor_cost_per_hour == 22.0


def test_from_dict_coerces_and_names_every_problem():
    import pytest

    from lib.workspace.settings import Settings, SettingsError, validate
    s = Settings.from_dict({"sla": {"cutoff_hour": 11.0, "holiday_country": " gb "}, "limits": {"memory_limit_mb": "2048"},
                            "fee_cards": [{"channel": " Etsy ", "referral_rate": 0.065}]})
    assert s.sla.cutoff_hour == 11 and isinstance(s.sla.cutoff_hour, int) and s.sla.holiday_country == "GB"
    assert s.limits.memory_limit_mb == 2048 and s.fee_cards[0].channel == "etsy" and s.fee_cards[0].fixed_per_unit == 0.0
    assert s.costs == Settings().costs  # untouched sections keep their defaults
    with pytest.raises(SettingsError) as e:
        Settings.from_dict({"sla": {"cutoff_hour": "noon", "weekend_days": [5, 7]}, "paper": "A3", "colour": "blue",
                            "limits": {"max_file_mb": 1.5}, "targets": {"otif_rate": {"target": 90}},
                            "inventory": {"a_cut": 0.96}, "carrier_score_weights": {"on_time": 0.5},
                            "support": {"first_reply_target_hours": 0}, "reporting_currency": "dollars"})
    assert sorted(e.value.errors) == sorted([
        "Unknown setting colour",
        "Reporting currency (reporting_currency) is a three-letter code such as USD or EUR, not 'DOLLARS'",
        "Cut-off hour (sla.cutoff_hour) is a number (hour of day, store time)",
        "Weekend days (sla.weekend_days) are distinct days of the week 0–6 (Monday = 0), at most 6 of them",
        "Target (targets.otif_rate.target) is a rate from 0 % to 100 %, not 9000 %",
        "Carrier score weights (carrier_score_weights) must add up to 100 %, not 110 %",
        "Largest file to upload (limits.max_file_mb) is a whole number, not 1.5",
        "First reply target (support.first_reply_target_hours) must be more than 0, not 0",
        "A class share (inventory.a_cut) must be below the B class share (inventory.b_cut)",
        "Paper of the brief and pack (paper) is one of A4, Letter, not 'A3'",
    ])
    assert validate(DEFAULTS) == []


def test_the_fba_fee_card_is_kept_only_when_it_differs_from_the_seed():
    from lib.metrics.profitability import fba_fee_card
    t = as_tables(DEFAULTS)
    assert len(t["fba_fee_card"]) == len(fba_fee_card(None)) and "fba_fee_card" not in DEFAULTS
    t["fba_fee_card"].loc[0, "base_fee"] = 3.5
    new, errors = from_tables(DEFAULTS, t)
    assert errors == [] and new["fba_fee_card"][0]["base_fee"] == 3.5 and new["fba_fee_card"][1:] == fba_fee_card(None)[1:]
    assert fba_fee_card(new)[0]["base_fee"] == 3.5  # profitability reads it
    t["fba_fee_card"].loc[1, "per_lb_above"] = -1
    _, errors = from_tables(DEFAULTS, t)
    assert errors == ["FBA fee card (fba_fee_card[1]): every row needs a size tier and its weights and fees as numbers, "
                      "none negative"]
    t["fba_fee_card"].loc[0, "base_fee"], t["fba_fee_card"].loc[1, "per_lb_above"] = 3.06, 0.0  # back to the seed
    new, errors = from_tables({**DEFAULTS, "fba_fee_card": new["fba_fee_card"]}, t)
    assert errors == [] and new == DEFAULTS


def test_an_unknown_holiday_country_is_refused_where_it_is_saved():
    """A two-letter code the holidays library does not know used to be accepted and then silently give no public
    holidays in dim_calendar; it is refused by the typed settings, naming the setting."""
    import pytest

    from lib.workspace.settings import Settings, SettingsError
    t = as_tables(DEFAULTS)
    _, errors = from_tables(DEFAULTS, t, {"holiday_country": "XX"})
    assert errors == ["Holiday country (sla.holiday_country) is a two-letter code of a country whose public holidays "
                      "Opsdesk knows (such as US, GB or DE): 'XX' is not one"]
    with pytest.raises(SettingsError, match=r"sla\.holiday_country"):
        Settings.from_dict({"sla": {"holiday_country": "xx"}})
    assert Settings.from_dict({"sla": {"holiday_country": "de"}}).sla.holiday_country == "DE"


def test_the_build_reads_only_a_known_country_and_says_so_otherwise(caplog):
    """A workspace saved before the check may hold an unknown code: the build logs it and applies no public holidays
    (only that error is caught: anything else the holidays library raises stops the build)."""
    import datetime as dt
    import logging

    from lib.warehouse import country_holidays
    us = dict(country_holidays("US"))
    assert us[dt.date(2026, 5, 25)] == "Memorial Day"
    with caplog.at_level(logging.WARNING, logger="lib.warehouse"):
        assert country_holidays("XX") == []
    assert "'XX' is not known" in caplog.text


def test_raising_the_memory_limit_rebuilds_nothing_and_a_real_change_rebuilds(sample_ws_copy):
    # the advice after a load ran out of memory is to raise limits.memory_limit_mb: that must not rebuild every mart
    # (at 10M order lines a full rebuild takes half an hour); a setting the marts read still rebuilds them
    import copy

    from lib.workspace.settings import save_settings
    ws = sample_ws_copy
    version = ws.read_state("last_publish")["version"]
    s = copy.deepcopy(ws.settings())
    s["limits"]["memory_limit_mb"] = s["limits"]["memory_limit_mb"] * 2
    save_settings(ws, s)
    assert ws.settings()["limits"]["memory_limit_mb"] == s["limits"]["memory_limit_mb"]
    assert ws.read_state("last_publish")["version"] == version
    s["sla"]["cutoff_hour"] = (s["sla"]["cutoff_hour"] + 1) % 24
    save_settings(ws, s)
    assert ws.read_state("last_publish")["version"] > version
