"""`python -m lib forecast`: long CSV in, forecast CSV out, with the app's model choice."""
import numpy as np
import pandas as pd

from lib.__main__ import main


def test_forecast_cli(tmp_path, capsys):
    rng = np.random.default_rng(0)
    ds = pd.date_range("2025-01-06", periods=30, freq="7D")
    df = pd.concat([pd.DataFrame({"series_id": "sparse", "ds": ds, "y": rng.binomial(1, 0.3, 30) * 2.0}),
                    pd.DataFrame({"series_id": "steady", "ds": ds, "y": 20.0 + rng.poisson(3, 30)})])
    df = df[~((df["series_id"] == "sparse") & (df["y"] == 0))]  # missing weeks mean zero demand
    src, out, bt = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "bt.csv"
    df.to_csv(src, index=False)
    assert main(["forecast", "--input", str(src), "--horizon", "6", "--freq", "W", "--out", str(out),
                 "--backtest", str(bt), "--country", "none"]) == 0
    fc = pd.read_csv(out)
    assert list(fc.columns) == ["series_id", "ds", "yhat", "yhat_lower", "yhat_upper", "model"]
    assert fc.groupby("series_id").size().to_dict() == {"sparse": 6, "steady": 6}
    assert (fc["yhat_lower"] <= fc["yhat"] + 1e-9).all() and (fc["yhat"] >= 0).all()
    sel = pd.read_csv(bt).set_index("series_id")
    assert sel.loc["sparse", "demand_class"] in ("intermittent", "lumpy")
    assert sel.loc["steady", "demand_class"] == "smooth"
    assert fc.loc[fc["series_id"] == "sparse", "model"].iloc[0] == sel.loc["sparse", "model"]
    assert "backtest WAPE" in capsys.readouterr().err


def test_forecast_cli_refuses_a_bad_file(tmp_path, capsys):
    src = tmp_path / "bad.csv"
    src.write_text("sku,date,units\nA,2026-01-05,3\n")
    assert main(["forecast", "--input", str(src), "--horizon", "4", "--out", str(tmp_path / "o.csv")]) == 2
    assert "series_id" in capsys.readouterr().err


def test_forecast_cli_reconciles_roll_ups(tmp_path, capsys):
    rng = np.random.default_rng(1)
    ds = pd.date_range("2025-01-06", periods=30, freq="7D")
    df = pd.concat([pd.DataFrame({"series_id": s, "ds": ds, "y": rng.poisson(mu, 30).astype(float)})
                    for s, mu in (("A1", 12), ("A2", 5), ("B1", 20))])
    src, groups, out = tmp_path / "in.csv", tmp_path / "groups.csv", tmp_path / "out.csv"
    df.to_csv(src, index=False)
    pd.DataFrame({"series_id": ["A1", "A2", "B1"], "category": ["A", "A", "B"]}).to_csv(groups, index=False)
    assert main(["forecast", "--input", str(src), "--horizon", "4", "--freq", "W", "--out", str(out),
                 "--country", "none", "--hierarchy", str(groups)]) == 0
    wide = pd.read_csv(out).pivot(index="ds", columns="series_id", values="yhat")
    assert set(wide.columns) == {"Total", "category: A", "category: B", "A1", "A2", "B1"}
    assert np.allclose(wide["Total"], wide["A1"] + wide["A2"] + wide["B1"], atol=1e-6)
    assert np.allclose(wide["category: A"], wide["A1"] + wide["A2"], atol=1e-6)
    assert "roll-ups reconciled by" in capsys.readouterr().err
