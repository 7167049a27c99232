"""`python -m lib forecast … --engine spark`: the per-series backtest, model choice and forecast fanned out
through Spark, one group per series (`groupBy("series_id").applyInPandas`).

Only the fan-out changes. Each group calls the function a local worker process calls
(`lib.forecast.parallel._evaluate_batch_1t`, one BLAS thread, on a batch of that one series); everything that
looks at all series at once stays on the driver exactly as in the local run: the batch-wide candidates (global
LightGBM model, pooled share of the total) before, handed to the executors as a broadcast variable, and the
pooled choice and interval calibration after. So the chosen models and the numbers equal the local run's.

Executors need the app's Python packages (requirements.txt): on a cluster every worker runs the same Python
environment (`spark.pyspark.python`, default: the interpreter running this command), and the `lib` package is
shipped to them as a zip (`addPyFile`) unless the master is local.
"""
from __future__ import annotations

import os
import pickle
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

def forecast_session(master: str = "local[*]", conf: dict | None = None):
    """A Spark session whose Python workers run this interpreter (its packages: pandas, statsmodels, Prophet…),
    unless `spark.pyspark.python` or $PYSPARK_PYTHON names another (PySpark reads the worker interpreter from
    $PYSPARK_PYTHON when the session starts), with the `lib` package shipped to a cluster's executors."""
    from .spark import session
    conf = dict(conf or {})
    os.environ["PYSPARK_PYTHON"] = conf.get("spark.pyspark.python") or os.environ.get("PYSPARK_PYTHON") \
        or sys.executable
    # PySpark 4.3 warns on every pandas UDF that it does not yet fully support pandas 3; the equality test
    # (tests/scaleout/test_spark_forecast.py) checks what this module passes through it
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    spark = session(master, {"spark.sql.execution.arrow.pyspark.enabled": "true", **conf}, app_name="opsdesk-forecast")
    ship_code(spark)
    return spark


def ship_code(spark) -> None:
    """Send the `lib` package to the executors of a cluster (a local master imports it from the driver's path)."""
    master = spark.sparkContext.master
    if master.startswith("local"):
        return
    root = Path(__file__).resolve().parents[1]  # …/lib
    path = Path(tempfile.mkdtemp(prefix="opsdesk-code-")) / "opsdesk_lib.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in root.rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                z.write(f, f.relative_to(root.parent).as_posix())
    spark.sparkContext.addPyFile(str(path))


def _series_frame(history: pd.DataFrame) -> tuple[pd.DataFrame, np.dtype]:
    """The history as Spark carries it: ds as int64 in its own unit (no time zone and no unit change on the way
    through Arrow; the unit is given back on the executor, so the arrays equal the local run's to the dtype), y as
    float64 with NaN for censored periods."""
    h = history[["series_id", "ds", "y"]]
    ds = pd.to_datetime(h["ds"]).to_numpy()
    return pd.DataFrame({"series_id": h["series_id"].astype(str).to_numpy(dtype=object),
                         "ds_int": ds.view(np.int64),
                         "y": h["y"].to_numpy(dtype=float, na_value=np.nan)}), ds.dtype


def evaluator(spark):
    """An `evaluate(history, cfg, events, glob)` for `run_forecasts`: every series evaluated in its own Spark
    group; returns the SeriesOutcome of every series (in no particular order)."""
    def evaluate(history: pd.DataFrame, cfg, events, glob: dict) -> list:
        from pyspark.sql.types import BinaryType, DoubleType, LongType, StringType, StructField, StructType
        frame, ds_dtype = _series_frame(history)
        schema = StructType([StructField("series_id", StringType(), False), StructField("ds_int", LongType(), False),
                             StructField("y", DoubleType(), True)])
        sdf = spark.createDataFrame(frame, schema)  # censored periods travel as NaN
        shared = spark.sparkContext.broadcast(glob or {})

        def one_series(pdf: pd.DataFrame) -> pd.DataFrame:
            from lib.forecast.parallel import _evaluate_batch_1t
            pdf = pdf.sort_values("ds_int", kind="stable")
            sid = str(pdf["series_id"].iloc[0])
            ds = pdf["ds_int"].to_numpy(dtype=np.int64).view(ds_dtype)
            y = pdf["y"].to_numpy(dtype=float, na_value=np.nan)
            g = shared.value
            out = _evaluate_batch_1t([(sid, ds, y)], cfg, events, {sid: g[sid]} if sid in g else {})
            return pd.DataFrame({"series_id": [sid], "outcome": [pickle.dumps(out[0], protocol=5)]})

        out_schema = StructType([StructField("series_id", StringType(), False),
                                 StructField("outcome", BinaryType(), False)])
        result = sdf.groupBy("series_id").applyInPandas(one_series, out_schema).collect()
        shared.unpersist()
        return [pickle.loads(bytes(r["outcome"])) for r in result]
    return evaluate
