"""The planted stories of lib/sample/ hold at the scale `make run` loads (~1,500 orders a week over two years),
not only in the small committed sample the rest of the suite uses.

The assertions are the sample-story tests of the suite itself, run again here on the large business (this folder's
conftest overrides `sample_ws_master`), so the two scales are held to the same findings: the returns root-cause
summary finds the Trail Runner sizing story, WH-West's mis-picks and DHL eCommerce's far-zone damage on its own;
DHL eCommerce ranks last of the carriers; 3PL-Central misses its pickups at peak; Amazon-FBA cast iron sits at the
bottom of the margin ranking; the review, pages and pack show the same figures. Plus the chargeback story (g), whose
suite test runs on a hand-made fixture: on the sample, high-risk Shopify orders are disputed far more often.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from lib.metrics import disputes

SLOW = os.environ.get("OPSDESK_SLOW") == "1" or bool(os.environ.get("OPSDESK_SCALE_WS"))
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SLOW, reason="seeds the realistic scale: OPSDESK_SLOW=1")]

TESTS = Path(__file__).resolve().parents[1]


def _suite(rel: str):
    """A test module of the suite, loaded under a private name (its own copy is collected where it lives)."""
    spec = importlib.util.spec_from_file_location("scale__" + rel.replace("/", "__")[:-3], TESTS / rel)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_returns = _suite("metrics/test_returns.py")
_carriers = _suite("metrics/test_carriers.py")
_profit = _suite("metrics/test_profitability_real.py")
_review = _suite("metrics/test_review.py")
_same = _suite("test_same_figures.py")

# a: Trail Runner runs small; b: WH-West mis-picks; c: DHL eCommerce crushes parcels in zones 7-8
test_returns_summary_finds_the_three_stories = _returns.test_sample_business_summary_surfaces_the_planted_stories
test_returns_maturity_and_reconciliation = _returns.test_sample_business_maturity_and_reconciliation
# c again, on the carrier scorecard; d: 3PL-Central's late first scans at peak
test_dhl_ecommerce_ranks_last = _carriers.test_sample_ranks_dhl_ecommerce_bottom_on_damage
test_3pl_central_misses_peak_pickups = _carriers.test_sample_puts_3pl_central_bottom_of_the_peak_sla_audit
test_rate_shopping_and_dim_weight = _carriers.test_sample_what_if_and_dim_weight_are_consistent
# e: cast iron on Amazon FBA loses money
test_cast_iron_on_amazon_sits_at_the_bottom = _profit.test_sample_money_losing_pairs_sit_at_the_bottom
test_revenue_reconciliation = _profit.test_sample_reconciliation_is_explained
# the same figures on every page, the review's tiles and alerts
week, scope = _same.week, _same.scope
test_pages_agree = _same.test_orders_units_revenue_and_on_time_agree
test_review_shows_the_pages_numbers = _same.test_the_weekly_review_shows_the_pages_numbers
test_review_tiles_match_the_pages = _review.test_sample_review_tiles_match_the_pages
test_alert_and_bullet_name_the_same_slice = _review.test_an_alert_and_its_bullet_name_the_same_slice


def test_scale_is_realistic(sample_con):
    n, weeks, channels = sample_con.execute(
        "SELECT count(*), count(DISTINCT date_trunc('week', order_date)), count(DISTINCT channel) FROM fct_orders"
    ).fetchall()[0]
    # the run path's business also sells on its WooCommerce store and Etsy shop (lib.workspace.seed: more_channels), whose
    # orders moved from Shopify: the same 156,429 orders over six channels
    assert n == 156_429 and weeks >= 104 and channels == 6
    assert 1_200 <= n / weeks <= 1_600  # about 1,500 a week on average (weeks cut at both ends count as weeks)


def test_high_risk_orders_are_disputed_far_more_often(sample_params, sample_con):
    """g: ~45 % of shipped high-risk Shopify orders come back as fraud chargebacks, ~5 % medium, ~0.3 % low (plus
    "not received" disputes on lost parcels, at any risk level)."""
    mix = disputes.risk_mix(sample_con, sample_params).set_index("risk_level")
    rate = (mix["disputed_orders"] / mix["shipped_orders"]).astype(float)
    assert mix.loc["high", "shipped_orders"] >= 100  # enough to be a fact (a handful in the small sample)
    assert 0.3 < rate["high"] < 0.6 and 0.02 < rate["medium"] < 0.1 and rate["low"] < 0.02
    assert rate["high"] > 5 * rate["medium"] > 5 * rate["low"]
    s = disputes.summary(sample_con, sample_params)
    assert s.lost > s.won and s.loss_amount > 0
