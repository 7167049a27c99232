"""dim_fx_rates, given rows → expected rows: the rate of each currency to the reporting currency on each calendar day:
the latest stated rate on or before the day, a re-loaded day's latest load, a current rate (≤ 31 days old) beating a
stale one, a crossed rate through the euro, never a rate over 366 days old, none at all rather than a guess.

The reporting currency is the naira (NGN), which the ECB history shipped with Opsdesk does not quote, and every other
currency here but the euro is one it does not quote either: every rate below is one of the given rows.
Given orders: 2026-01-01 in NGN (the calendar starts 60 days earlier, 2025-11-02); 2026-05-01 in GHS, KES, EUR, XAF.
Given rates (your exchange-rates template):
  GHS → NGN  2026-04-01: 100 (load 1), re-loaded as 110 (load 2); 2026-05-10: 120
  KES → NGN  2025-12-01: 12;  KES → EUR 2026-04-20: 0.007;  EUR → NGN 2026-04-20: 1600
  XAF → NGN  2024-12-01: 2.5
  NGN → ZMW  2026-04-25: 0.02 (stated the other way round)
Expected, by hand:
  EUR 2026-04-19  none yet                         EUR 2026-05-01  1600 (of 2026-04-20)
  GHS 2026-04-01  110 (the later load)             GHS 2026-05-09  110: 38 days old, not current, but the only one
  GHS 2026-05-10  120
  KES 2025-12-10  12 (direct, 9 days old)          KES 2026-05-01  0.007 × 1600 = 11.2 through the euro: a current
                                                                   crossed rate beats a direct one 151 days old
  NGN 2026-05-01  1 (same currency)
  XAF 2025-12-02  2.5 (366 days old: still used)   XAF 2025-12-03  none (367 days old: never used)
  ZMW 2026-05-01  1 / 0.02 = 50

A second workspace, reporting in USD, tells the sources apart: an ECB history file loaded (rank 2) against your
template (rank 1) and the ECB history shipped with Opsdesk (rank 3, whose rates this test never depends on: a current
rate of a better-ranked source always beats it). Orders on 2026-05-10 in CHF, EUR and GBP.
  your template:  GBP → USD 1.30 on 2026-03-01 (70 days old on 10 May); CHF → USD 1.20 and EUR → USD 1.05 on 2026-05-01
  your ECB file:  2026-05-04: 1 EUR = 1.10 USD = 0.80 GBP = 0.95 CHF
Expected on 2026-05-10, by hand:
  EUR  1.05: both current, your template first (though the ECB file's rate is fresher)
  GBP  through the euro, each leg by the same rule: GBP → EUR 1 / 0.80 = 1.25 (the ECB file: rank 2 before the
       built-in history) × EUR → USD 1.05 (your template, as for EUR) = 1.3125, dated by its
       older leg (2026-05-01): current, it beats your stale direct 1.30
  CHF  1.20: your current direct rate beats the current crossed one (1 / 0.95 × 1.05 = 1.1053)
"""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from lib.workspace.settings import DEFAULTS
from tests.warehouse.given import build_given

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    def order(order_id, day, currency):
        return {"order_id": order_id, "channel": "web", "ordered_at": dt.datetime.fromisoformat(day + " 10:00"),
                "currency": currency, "sku": "A", "quantity": 1, "unit_price": 10.0}

    def rate(day, src, dst, value, load=1):
        return {"date": D(day), "from_currency": src, "to_currency": dst, "rate": value, "_load_id": load}

    return build_given(tmp_path_factory.mktemp("dim_fx_rates"), {
        "raw_opsdesk_orders": [order("1", "2026-01-01", "NGN"), order("2", "2026-05-01", "GHS"),
                               order("3", "2026-05-01", "KES"), order("4", "2026-05-01", "EUR"),
                               order("5", "2026-05-01", "XAF"), order("6", "2026-05-01", "ZMW")],
        "raw_opsdesk_fx_rates": [
            rate("2026-04-01", "GHS", "NGN", 100.0, load=1), rate("2026-04-01", "GHS", "NGN", 110.0, load=2),
            rate("2026-05-10", "GHS", "NGN", 120.0),
            rate("2025-12-01", "KES", "NGN", 12.0), rate("2026-04-20", "KES", "EUR", 0.007),
            rate("2026-04-20", "EUR", "NGN", 1600.0),
            rate("2024-12-01", "XAF", "NGN", 2.5), rate("2026-04-25", "NGN", "ZMW", 0.02),
        ]}, settings=copy.deepcopy(DEFAULTS) | {"reporting_currency": "NGN"})


def test_the_rate_on_each_day(marts):
    days = ("('EUR', DATE '2026-04-19'), ('EUR', DATE '2026-05-01'), ('GHS', DATE '2026-04-01'), "
            "('GHS', DATE '2026-05-09'), ('GHS', DATE '2026-05-10'), ('KES', DATE '2025-12-10'), "
            "('KES', DATE '2026-05-01'), ('NGN', DATE '2026-05-01'), ('XAF', DATE '2025-12-02'), "
            "('XAF', DATE '2025-12-03'), ('ZMW', DATE '2026-05-01')")
    rows = marts("dim_fx_rates", "currency, day, reporting_currency, round(fx_rate, 9), fx_rate_date, has_fx_rate",
                 f"(currency, day) IN ({days})")
    assert rows == [
        ("EUR", D("2026-04-19"), "NGN", None, None, False),
        ("EUR", D("2026-05-01"), "NGN", 1600.0, D("2026-04-20"), True),
        ("GHS", D("2026-04-01"), "NGN", 110.0, D("2026-04-01"), True),
        ("GHS", D("2026-05-09"), "NGN", 110.0, D("2026-04-01"), True),
        ("GHS", D("2026-05-10"), "NGN", 120.0, D("2026-05-10"), True),
        ("KES", D("2025-12-10"), "NGN", 12.0, D("2025-12-01"), True),
        ("KES", D("2026-05-01"), "NGN", 11.2, D("2026-04-20"), True),
        ("NGN", D("2026-05-01"), "NGN", 1.0, D("2026-05-01"), True),
        ("XAF", D("2025-12-02"), "NGN", 2.5, D("2024-12-01"), True),
        ("XAF", D("2025-12-03"), "NGN", None, None, False),
        ("ZMW", D("2026-05-01"), "NGN", 50.0, D("2026-04-25"), True),
    ]


def test_one_row_per_currency_and_calendar_day(marts):
    # the six currencies of the data over the calendar 2025-11-02 … 2027-05-06 (last order + 370 days): 551 days
    assert marts("dim_fx_rates", "currency, count(*), min(day), max(day)", "TRUE GROUP BY currency") == [
        (c, 551, D("2025-11-02"), D("2027-05-06")) for c in ("EUR", "GHS", "KES", "NGN", "XAF", "ZMW")]


def test_sources_say_where_a_rate_came_from(marts):
    assert marts("dim_fx_rates", "DISTINCT currency, fx_rate_source",
                 "day = DATE '2026-05-01' AND currency IN ('KES', 'NGN')") == [
        ("KES", "your exchange rates"), ("NGN", "same currency")]


@pytest.fixture(scope="module")
def usd_marts(tmp_path_factory):
    def order(order_id, currency):
        return {"order_id": order_id, "channel": "web", "ordered_at": dt.datetime(2026, 5, 10, 10),
                "currency": currency, "sku": "A", "quantity": 1, "unit_price": 10.0}

    return build_given(tmp_path_factory.mktemp("dim_fx_rates_usd"), {
        "raw_opsdesk_orders": [order("1", "CHF"), order("2", "EUR"), order("3", "GBP")],
        "raw_opsdesk_fx_rates": [
            {"date": D("2026-03-01"), "from_currency": "GBP", "to_currency": "USD", "rate": 1.30},
            {"date": D("2026-05-01"), "from_currency": "CHF", "to_currency": "USD", "rate": 1.20},
            {"date": D("2026-05-01"), "from_currency": "EUR", "to_currency": "USD", "rate": 1.05}],
        "raw_ecb_fx_rates": [{"date": D("2026-05-04"), "usd": 1.10, "gbp": 0.80, "chf": 0.95}],
    })


def test_current_rates_by_source_precedence_then_direct_before_crossed(usd_marts):
    assert usd_marts("dim_fx_rates", "currency, round(fx_rate, 9), fx_rate_date, fx_rate_source",
                     "day = DATE '2026-05-10' AND currency <> 'USD'") == [
        ("CHF", 1.2, D("2026-05-01"), "your exchange rates"),
        ("EUR", 1.05, D("2026-05-01"), "your exchange rates"),
        ("GBP", 1.3125, D("2026-05-01"), "your ECB rates file + your exchange rates"),
    ]
