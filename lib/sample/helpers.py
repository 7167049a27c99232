"""Small pieces the simulator and the writers share: seeded random streams, unique ids, the text forms of money,
timestamps and numbers the exports use, and the CSV writer.
"""
from __future__ import annotations

import csv
import math
import zlib
from pathlib import Path

import numpy as np


# ---------------------------------------------------------------- helpers


def _rng(seed: int, name: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def _unique_ids(rng: np.random.Generator, n: int, digits: int) -> np.ndarray:
    """n distinct pseudo-random integers with exactly `digits` digits (an affine bijection mod 9*10^(d-1))."""
    span = 9 * 10 ** (digits - 1)
    mult = int(rng.integers(span // 3, span // 2)) | 1
    while math.gcd(mult, span) != 1:
        mult += 2
    off = int(rng.integers(0, span))
    idx = np.arange(n, dtype=object)
    return np.array([(int(i) * mult + off) % span + 10 ** (digits - 1) for i in idx], dtype=np.int64)


def _choice_idx(rng, n, p):
    p = np.asarray(p, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _cents_str(c) -> list[str]:
    """Money from integer cents, `1400.00`; each distinct value is formatted once."""
    c = np.asarray(c)
    if len(c) < 2000:
        return [f"{x / 100:.2f}" for x in c.tolist()]
    u, inv = np.unique(c, return_inverse=True)
    return np.array([f"{x / 100:.2f}" for x in u.tolist()], dtype=object)[inv].tolist()


def _amz_money(c) -> list[str]:
    """Amazon style: 14.9, 30.0, -6.5, 29.99."""
    out = []
    for x in np.asarray(c).tolist():
        s = f"{x / 100:.2f}"
        out.append(s[:-1] if s.endswith("0") else s)
    return out


def _usd(c) -> list[str]:
    """eBay style: $45.99, $1,433.66."""
    return [f"${x / 100:,.2f}" for x in np.asarray(c).tolist()]


def _dt64(sec) -> np.ndarray:
    return np.asarray(sec, dtype=np.int64).astype("datetime64[s]")


def _ts_local(sec) -> list[str]:
    """Store-local naive timestamp `YYYY-MM-DD HH:MM:SS`."""
    return [s.replace("T", " ") for s in np.datetime_as_string(_dt64(sec), unit="s").tolist()]


def _ymd(days) -> list[str]:
    return np.datetime_as_string(np.asarray(days, dtype=np.int64).astype("datetime64[D]")).tolist()


def _num1(x) -> list[str]:
    return [f"{v:.1f}" for v in np.asarray(x, dtype=float).tolist()]


def _numg(x) -> list[str]:
    return [f"{v:g}" for v in np.asarray(x, dtype=float).tolist()]


def _seg_starts(counts: np.ndarray) -> np.ndarray:
    return np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)


def _write(path: Path, header, cols, delimiter=",") -> None:
    """Write a delimited file from equally long columns (lists of str)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        w.writerow(header)
        w.writerows(zip(*cols))


def _merge_masked(base: list[str], vals: list[str], mask) -> list[str]:
    """`base` with the positions where `mask` is true replaced, in order, by `vals`."""
    out = np.array(base, dtype=object)
    out[np.asarray(mask)] = vals
    return out.tolist()


def _mask_strings(vals: list[str], keep) -> list[str]:
    return [v if k else "" for v, k in zip(vals, np.asarray(keep).tolist())]
