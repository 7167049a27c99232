"""The Settings page: the settings that were not editable before (carrier targets, carrier score weights, inventory
thresholds, fulfillment-path assumptions, limits, weekend days, the FBA fee card) are edited, checked by lib.workspace.settings' typed model,
saved to state/settings.json and shown again as saved."""
from __future__ import annotations

import json

from appdriver import assert_clean, goto, open_app


def _edit(at, table: str, rows: dict) -> None:
    at.session_state[f"settings_{table}"] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def _row(at, table: str, key: str, column: str = "key"):
    df = at.data_editor(key=f"settings_{table}").value
    return df.loc[df[column] == key].iloc[0]


def test_newly_editable_settings_round_trip_through_the_settings_file(app_empty_ws):
    at = open_app(page="settings")
    assert_clean(at)
    assert _row(at, "inventory", "inventory.excess_days")["name"] == "Excess beyond (days of supply)"
    assert _row(at, "inventory", "inventory.a_cut")["value"] == 80.0  # a share shown in percent
    targets = at.data_editor(key="settings_targets").value
    damage = int(targets.index[targets["kpi"] == "damage_rate"][0])
    _edit(at, "inventory", {0: {"value": 120}, 2: {"value": 70}})  # excess days; the A class cut in percent
    _edit(at, "carrier_score_weights", {0: {"value": 30}, 3: {"value": 30}})  # on time, cost: 30 + 20 + 20 + 30
    _edit(at, "limits", {1: {"value": 2048}})  # memory, MB
    _edit(at, "fulfillment_paths", {0: {"value": 166}, 2: {"value": 0.5}})  # dim divisor; 3PL storage per ft³
    _edit(at, "targets", {damage: {"target": 2}})  # percent
    at.session_state["settings_fba_fee_card"] = {"edited_rows": {0: {"base_fee": 3.5}}, "added_rows": [],
                                                 "deleted_rows": []}
    at.run()
    at.multiselect(key="settings_weekend_days").set_value([4, 5]).run()  # Friday and Saturday
    assert_clean(at)
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert_clean(at)
    saved = json.loads((app_empty_ws.root / "state" / "settings.json").read_text())
    assert saved["inventory"]["excess_days"] == 120 and saved["inventory"]["a_cut"] == 0.7
    assert saved["carrier_score_weights"] == {"on_time": 0.3, "transit_p90": 0.2, "damage": 0.2, "cost": 0.3}
    assert saved["limits"]["memory_limit_mb"] == 2048 and isinstance(saved["limits"]["memory_limit_mb"], int)
    assert saved["dim_divisor_in3_per_lb"] == 166 and saved["fulfillment_paths"]["tpl_storage_per_cuft_month"] == 0.5
    assert saved["targets"]["damage_rate"] == {"target": 0.02, "higher_is_better": False}
    assert saved["sla"]["weekend_days"] == [4, 5]
    assert saved["fba_fee_card"][0]["base_fee"] == 3.5 and len(saved["fba_fee_card"]) == 18
    assert saved["sla"]["cutoff_hour"] == 14  # untouched settings keep their values
    again = open_app(page="settings")  # a new session reads the file back
    assert _row(again, "inventory", "inventory.excess_days")["value"] == 120
    assert _row(again, "limits", "limits.memory_limit_mb")["value"] == 2048
    assert _row(again, "targets", "damage_rate", "kpi")["target"] == 2.0
    assert again.multiselect(key="settings_weekend_days").value == [4, 5]
    assert again.data_editor(key="settings_fba_fee_card").value["base_fee"].iloc[0] == 3.5
    assert not [b for b in again.button if b.label == "Save settings" and not b.disabled]  # nothing changed yet


def test_the_typed_model_refuses_and_names_the_setting(app_empty_ws):
    at = open_app(page="settings")
    _edit(at, "carrier_score_weights", {0: {"value": 50}})
    _edit(at, "inventory", {3: {"value": 60}})  # B class below the A class
    at.run()
    errors = [e.value for e in at.error]
    assert "Carrier score weights (carrier_score_weights) must add up to 100 %, not 110 %" in errors
    assert any("inventory.a_cut" in e and "inventory.b_cut" in e for e in errors), errors
    assert next(b for b in at.button if b.label == "Save settings").disabled
    assert json.loads((app_empty_ws.root / "state" / "settings.json").read_text() if
                      (app_empty_ws.root / "state" / "settings.json").exists() else "{}").get("carrier_score_weights") is None


def test_settings_save_rebuilds_with_the_new_rules(app_ws):
    at = goto(open_app(), "settings")
    assert_clean(at)
    assert len(at.data_editor) == 13
    at.session_state["settings_sla"] = {"edited_rows": {0: {"value": 11}}, "added_rows": [], "deleted_rows": []}
    at.run()
    save = next(b for b in at.button if b.label == "Save settings")
    before = app_ws.version()
    save.click().run()
    assert_clean(at)
    assert app_ws.settings()["sla"]["cutoff_hour"] == 11 and app_ws.version() == before + 1
