"""The equality harness: a mart built by Spark against the same mart built by DuckDB.

Equal means: the same columns, the same number of rows, and, after both are sorted the same way, the same values:
exactly for integers, text, booleans, dates and timestamps; within 1e-9 relative (1e-9 absolute near zero) for
floating and decimal numbers, whose last bits depend on the summation order. NULL equals NULL.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

REL_TOL = 1e-9
ABS_TOL = 1e-9


@dataclass(frozen=True)
class MartDiff:
    """How one mart compares: `equal`, else what differs first (columns, row count, or the columns whose values
    differ with a sample row)."""
    mart: str
    duckdb_rows: int
    spark_rows: int
    equal: bool
    detail: str = ""


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    out = {}
    for c in frame.columns:
        s = frame[c]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            s = s.astype("datetime64[us]")
        elif s.dtype == object and s.map(lambda v: v.__class__.__name__ == "Decimal").any():
            s = s.map(lambda v: float(v) if v is not None and not pd.isna(v) else np.nan)
        elif s.dtype == object and s.map(lambda v: type(v) is dt.date).any():
            # a DATE as Spark's toPandas gives it (datetime.date objects); DuckDB's fetchdf gives datetime64
            s = pd.to_datetime(s).astype("datetime64[us]")
        out[c] = s
    return pd.DataFrame(out)


def _is_float(s: pd.Series) -> bool:
    return pd.api.types.is_float_dtype(s.dtype)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order for both engines: by every column as text, floats rounded to 6 places first."""
    key = pd.DataFrame({c: (frame[c].round(6) if _is_float(frame[c]) else frame[c]).astype("string").fillna("\x00")
                        for c in frame.columns})
    order = key.sort_values(list(key.columns), kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def compare_frames(mart: str, duck: pd.DataFrame, spark: pd.DataFrame) -> MartDiff:
    duck, spark = _normalise(duck), _normalise(spark)
    if list(duck.columns) != list(spark.columns):
        return MartDiff(mart, len(duck), len(spark), False,
                        f"columns differ: duckdb {list(duck.columns)} vs spark {list(spark.columns)}")
    if len(duck) != len(spark):
        return MartDiff(mart, len(duck), len(spark), False, "row counts differ")
    a, b = _sorted(duck), _sorted(spark)
    bad = []
    for c in a.columns:
        x, y = a[c], b[c]
        if _is_float(x) or _is_float(y):
            xv = pd.to_numeric(x, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
            yv = pd.to_numeric(y, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
            same = np.isclose(xv, yv, rtol=REL_TOL, atol=ABS_TOL) | (np.isnan(xv) & np.isnan(yv))
        else:
            xn, yn = x.isna().to_numpy(), y.isna().to_numpy()
            eq = (x.astype("object") == y.astype("object")).to_numpy(dtype=bool, na_value=False)
            same = (xn & yn) | (~xn & ~yn & eq)
        if not same.all():
            i = int(np.argmin(same))
            bad.append(f"{c} ({int((~same).sum())} rows, e.g. duckdb {x.iloc[i]!r} vs spark {y.iloc[i]!r})")
    return MartDiff(mart, len(duck), len(spark), not bad, "; ".join(bad))


def compare_marts(duckdb_con, spark_out: str, marts) -> list[MartDiff]:
    """Each mart of the DuckDB connection (a workspace snapshot) against <spark_out>/<mart>/*.parquet."""
    diffs = []
    for mart in marts:
        duck = duckdb_con.table(mart).df()
        spark = duckdb_con.read_parquet(f"{spark_out.rstrip('/')}/{mart}/*.parquet").df()
        diffs.append(compare_frames(mart, duck, spark))
    return diffs
