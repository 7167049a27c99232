"""The Settings page's widgets: the editable tables of the settings, and the currency and paper choices
(Streamlit code; the settings themselves are lib.workspace.settings)."""
from __future__ import annotations

import streamlit as st

from ..workspace.settings import ORIENTATIONS, PAPERS, WEEKDAYS
from ..warehouse.fx import known_currencies

CFG = st.column_config
CURRENCY_HELP = ("Orders in other currencies are converted at the rate of their order date (your rates file first, then "
                 "the ECB reference rates built in); currencies without a rate are left out of totals and named. Files "
                 "that state no currency (templates without a currency column, ShipStation labels, 3PL invoices) and the "
                 "costs on this page are read as being in this currency.")
EDITORS = {  # table -> (title, caption, dynamic rows, column config or None for NUMBERS)
    "targets": ("KPI targets", "Rates in percent (96 = 96 %). The amber band is 10 % of the way to the target. The "
                "carriers' pickup SLA is held to the on-time ship rate.", False, {
        "kpi": None, "name": CFG.TextColumn("KPI", disabled=True), "unit": CFG.TextColumn("Unit", disabled=True),
        "target": CFG.NumberColumn("Target", format="%.1f", help="Rates in percent (96 = 96 %)"), "higher_is_better": CFG.CheckboxColumn("Higher is better")}),
    "costs": ("Cost assumptions", "Used for cost per order and returns cost; rates in percent.", False, {
        "key": None, "name": CFG.TextColumn("Cost", disabled=True), "value": CFG.NumberColumn("Value", format="%g")}),
    "planning": ("Samples and staffing", "A rate on fewer events than the minimum sample is shown with its n = in "
                 "grey, never red, and raises no alert. Staffed hours = people × shift hours on a normal day "
                 "(Peak capacity starts from it).", False, {
        "key": None, "name": CFG.TextColumn("Setting", disabled=True),
        "value": CFG.NumberColumn("Value", min_value=0.0, format="%g")}),
    "sla": ("SLA rules", "Orders placed before the cut-off hour (store time) ship the same business day; weekend days "
            "and the holiday country are below.", False, None),
    "holidays": ("Extra holidays", "Days your warehouse does not ship, on top of the country's public holidays.", True,
                 {"date": CFG.DateColumn("Date", format="YYYY-MM-DD")}),
    "transit_days": ("Transit days per carrier service", "Promised business days when the channel gives no "
                     "delivery date; service * = any service.", True, {
        "carrier": CFG.TextColumn("Carrier"), "service": CFG.TextColumn("Service"),
        "business_days": CFG.NumberColumn("Business days", min_value=1, step=1)}),
    "fee_cards": ("Marketplace fee rate cards", "Used when no settlement rows exist; type a rate as a share (0.15 = 15 %).", True, {
        "channel": CFG.TextColumn("Channel"),
        "referral_rate": CFG.NumberColumn("Referral rate", min_value=0.0, max_value=1.0, format="percent"),
        "fixed_per_unit": None}),  # labelled in the reporting currency by `_in_currency`
    "support": ("Support (help desk tickets)", "How a ticket names its order (its order-number field first, then a tag, "
                "then the subject) and what makes it a “where is my order” contact: regular expressions, case aside, "
                "the order number in parentheses. Targets in elapsed hours.", False, {
        "key": None, "name": CFG.TextColumn("Setting", disabled=True), "value": CFG.TextColumn("Value")}),
    "carrier_score_weights": ("Carrier score weights", "How much each component counts in the carriers' composite "
                              "score, in percent; they add up to 100.", False, None),
    "inventory": ("Inventory thresholds", "Where the Inventory page's excess and aged stock thresholds start, and the "
                  "ABC (share of revenue, in percent) and XYZ (variation of weekly demand) class cut-offs.", False, None),
    "fulfillment_paths": ("Shipping and fulfillment paths", "The dimensional weight divisor, and the assumptions of "
                          "Profitability's comparison of FBA, your own warehouse and a 3PL.", False, None),
    "fba_fee_card": ("FBA fee card", "Amazon's fulfillment fee per unit by size tier and shipping weight: the first row "
                     "of the tier up to the weight, base fee plus the per-lb fee above the weight shown; storage per "
                     "cubic foot and month. Fees in {currency}, weights in lb. The built-in card approximates Amazon's "
                     "US fees; change it when yours differ.", True, {
        # (short headings, units in the caption: the six columns fit at 1024 px)
        "size_tier": CFG.TextColumn("Size tier", width=110),
        "max_weight_lb": CFG.NumberColumn("Up to lb", min_value=0.0, format="%g", help="Shipping weight, lb", width=85),
        "base_fee": CFG.NumberColumn("Base fee", min_value=0.0, format="%.2f", help="Fee per unit", width=85),
        "per_lb_above": CFG.NumberColumn("Per lb", min_value=0.0, format="%.2f", width=85,
                                         help="Fee per lb of shipping weight above the next column's"),
        "above_lb": CFG.NumberColumn("Above lb", min_value=0.0, format="%g", width=85,
                                     help="The per-lb fee applies to the weight above this"),
        "storage_per_cuft_month": CFG.NumberColumn("Storage", min_value=0.0, format="%.2f", width=85,
                                                   help="Per cubic foot and month (January to September)")}),
    "limits": ("Limits", "The largest file an upload accepts, and the memory loads and rebuilds may use before they "
               "spill to disk.", False, None),
}
NUMBERS = {"key": None, "name": CFG.TextColumn("Setting", disabled=True), "value": CFG.NumberColumn("Value", format="%g")}

def editors(tables: dict, read_only: bool = False, currency: str = "USD") -> dict:
    """Every settings table in an editor under its title and explanation, the whole width of the page (at 1024 px
    two side by side cut their value columns off); shown but not editable when `read_only`.  Returns the edited
    frames by table name."""
    edited = {}
    for name, (title, caption, dynamic, config) in EDITORS.items():
        st.subheader(title)
        st.caption(caption.replace("{currency}", currency))
        edited[name] = st.data_editor(tables[name], key=f"settings_{name}", hide_index=True,
                                      column_config=_in_currency(config or NUMBERS, currency),
                                      num_rows="dynamic" if dynamic and not read_only else "fixed",
                                      height="auto" if dynamic else 35 * (len(tables[name]) + 1) + 3,
                                      disabled=read_only)
    return edited


def _in_currency(config: dict, currency: str) -> dict:
    """The column config with the fee cards' money column labelled in the reporting currency."""
    if "fixed_per_unit" not in config:
        return config
    return {**config, "fixed_per_unit": CFG.NumberColumn(f"Fixed per unit ({currency})", min_value=0.0, format="%.2f")}


def choices(current: dict, read_only: bool = False) -> dict:
    """The reporting currency, the paper and orientation of the weekly brief and pack, and the weekend days, as
    chosen (shown but not changeable when `read_only`)."""
    st.subheader("Currency, paper and calendar")
    left, mid, right = st.columns(3)
    codes = sorted({*known_currencies(), current["reporting_currency"]})
    chosen = {"reporting_currency": left.selectbox(
        "Reporting currency: every money total is in", codes, key="settings_currency", help=CURRENCY_HELP,
        disabled=read_only, index=codes.index(current["reporting_currency"]))}
    papers, sides = list(PAPERS), list(ORIENTATIONS)
    chosen["paper"] = mid.selectbox("Paper of the weekly brief and pack", papers, key="settings_paper", disabled=read_only,
                                    index=papers.index(current["paper"]) if current["paper"] in papers else 0)
    chosen["brief_orientation"] = right.selectbox(
        "Weekly brief orientation", sides, key="settings_orientation", format_func=str.capitalize, disabled=read_only,
        index=sides.index(current["brief_orientation"]) if current["brief_orientation"] in sides else 0,
        help="The Excel pack always prints landscape.")
    left, mid = st.columns([2, 1])
    chosen["weekend_days"] = left.multiselect(
        "Weekend days (no shipping)", range(7), default=current["sla"]["weekend_days"], format_func=WEEKDAYS.__getitem__,
        key="settings_weekend_days", disabled=read_only,
        help="Days the warehouse does not ship: the SLA counts business days without them.")
    chosen["holiday_country"] = mid.text_input(
        "Holiday country (two-letter code)", current["sla"]["holiday_country"], max_chars=2, key="settings_country",
        disabled=read_only, help="Its public holidays are not business days (US, GB, DE, FR, CA, AU…).")
    if chosen["reporting_currency"] != current["reporting_currency"]:
        st.warning(f"Amounts in files that state no currency, and the costs here, will be read as "
                   f"{chosen['reporting_currency']} (they are not converted): change them too if they are not.",
                   icon=":material/currency_exchange:")
    return chosen
