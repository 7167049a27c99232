"""The two scales of the sample business: the committed small sample (what the tests load) and the realistic scale
the run path generates (`python -m lib seed`, `make run`, the app's first run)."""
from __future__ import annotations

import tempfile

import pytest

from lib import sample
from lib.__main__ import main
from lib.workspace.seed import seed_workspace
from lib.workspace import Workspace


def test_orders_for_a_weekly_volume():
    # 730 days = 104 2/7 weeks: 7 a week is 730 orders, 1,500 a week is 156,428.57… -> 156,429
    assert sample.orders_for(7) == 730
    assert sample.orders_for(sample.REALISTIC_ORDERS_PER_WEEK) == 156_429
    for bad in (0, -5):
        with pytest.raises(ValueError):
            sample.orders_for(bad)


def test_a_weekly_volume_writes_the_same_bytes_as_its_total(tmp_path):
    a = sample.generate(tmp_path / "a", orders_per_week=7, seed=3)
    b = sample.generate(tmp_path / "b", orders=730, seed=3)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    c = sample.generate(tmp_path / "c", orders_per_week=8, seed=3)
    assert c[0].read_bytes() != a[0].read_bytes()


def test_seeding_at_a_scale_generates_and_loads_that_many_orders(tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    ws = Workspace.open(tmp_path / "ws")
    msg = seed_workspace(ws, orders_per_week=20, seed=3)  # 20 x 730 / 7 = 2,085.7: 2,086 orders
    # 20 files of the four-channel business + the WooCommerce export and Etsy's two files (more_channels)
    assert msg.startswith("sample business loaded: 23 files, 2,086 orders,"), msg
    assert ws.read_state("seeded")["orders"] == 2086 and ws.read_state("seeded")["seed"] == 3
    con = ws.reader()
    try:
        n, weeks = con.execute("SELECT count(*), count(DISTINCT date_trunc('week', order_date)) FROM fct_orders"
                               ).fetchall()[0]
        channels = {r[0] for r in con.execute("SELECT DISTINCT channel FROM fct_orders").fetchall()}
    finally:
        con.close()
    assert n == 2086 and weeks >= 104  # two years of weeks
    assert channels == {"shopify", "amazon", "walmart", "ebay", "woocommerce", "etsy"}
    assert not list(scratch.iterdir())  # the generated files were removed: the workspace's archive keeps them
    assert seed_workspace(ws, orders_per_week=20) == "workspace already has data; nothing loaded"


def test_the_seed_command_loads_the_realistic_scale_unless_told_small(tmp_path, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr("lib.workspace.seed.seed_workspace", lambda ws, **kw: calls.append(kw) or "ok")
    assert main(["seed", "--workspace", str(tmp_path / "a")]) == 0
    assert main(["seed", "--workspace", str(tmp_path / "b"), "--small"]) == 0
    assert main(["seed", "--workspace", str(tmp_path / "c"), "--orders-per-week", "40", "--seed", "9"]) == 0
    assert [(c["orders_per_week"], c["seed"]) for c in calls] == [(1500, 7), (None, 7), (40, 9)]


def test_the_sample_command_takes_a_weekly_volume(tmp_path, capsys):
    assert main(["sample", "--out", str(tmp_path), "--orders-per-week", "7", "--seed", "3"]) == 0
    shopify = (tmp_path / "shopify_orders_export.csv").read_bytes()
    assert shopify == sample.generate(tmp_path / "ref", orders=730, seed=3)[0].read_bytes()
    with pytest.raises(SystemExit):  # a total and a weekly volume together are refused
        main(["sample", "--out", str(tmp_path), "--orders", "10", "--orders-per-week", "7"])


def test_the_sample_command_writes_the_more_channels_on_request(tmp_path, capsys):
    assert main(["sample", "--out", str(tmp_path / "four"), "--orders", "400", "--seed", "3"]) == 0
    assert not (tmp_path / "four" / "woocommerce_orders.csv").exists()
    assert main(["sample", "--out", str(tmp_path / "six"), "--orders", "400", "--seed", "3", "--more-channels"]) == 0
    ref = sample.generate(tmp_path / "ref", orders=400, seed=3, more_channels=True)
    for p in ref[-3:]:
        assert p.name in sample.MORE_CHANNEL_FILES
        assert (tmp_path / "six" / p.name).read_bytes() == p.read_bytes()
