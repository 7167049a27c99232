"""The sample's calendar: the two years it covers, peak events (Prime Day, BFCM, …), time zones and daylight saving,
business days, and each day's demand multiplier.
"""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace as NS

import numpy as np

from .business import AMAZON, EBAY, SAMPLE_DAYS, SHOPIFY, WALMART, _DOW, _MONTH
from .helpers import _dt64


# ---------------------------------------------------------------- calendar


def _nth_weekday(y, m, wd, n):
    if n > 0:
        d = date(y, m, 1)
        return d + timedelta(days=(wd - d.weekday()) % 7 + 7 * (n - 1))
    d = (date(y, m + 1, 1) if m < 12 else date(y + 1, 1, 1)) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() - wd) % 7)


_PRIME_DAY = {2024: (date(2024, 7, 16), 2), 2025: (date(2025, 7, 8), 4)}
_PRIME_FALL = {2024: (date(2024, 10, 8), 2), 2025: (date(2025, 10, 7), 2)}


def _calendar(end_date: date) -> NS:
    ndays = SAMPLE_DAYS
    start = end_date - timedelta(days=ndays - 1)
    epoch = date(1970, 1, 1)
    day0 = (start - epoch).days
    dnum = day0 + np.arange(ndays)  # epoch day numbers
    dts = dnum.astype("datetime64[D]")
    years = range(start.year, end_date.year + 1)
    hol = []
    for y in range(start.year, end_date.year + 2):
        hol += [date(y, 1, 1), _nth_weekday(y, 5, 0, -1), date(y, 7, 4), _nth_weekday(y, 9, 0, 1),
                _nth_weekday(y, 11, 3, 4), date(y, 12, 25)]
    holidays = np.array(sorted(hol), dtype="datetime64[D]")
    month = (dts.astype("datetime64[M]").astype(int) % 12)
    dow = (dnum + 3) % 7  # Monday = 0
    # daylight saving (US): 2nd Sunday of March 02:00 .. 1st Sunday of November 02:00 (local)
    dst = {}
    for y in range(start.year - 1, end_date.year + 2):
        a = (_nth_weekday(y, 3, 6, 2) - epoch).days * 86400 + 7200
        b = (_nth_weekday(y, 11, 6, 1) - epoch).days * 86400 + 7200
        dst[y] = (a, b)
    events = _events(start, end_date, years)
    mon0 = day0 - int(dow[0])  # Monday on/before start (epoch day)
    return NS(start=start, end=end_date, ndays=ndays, day0=day0, dnum=dnum, dts=dts, month=month, dow=dow,
              holidays=holidays, dst=dst, events=events, mon0=mon0, now=(day0 + ndays) * 86400,
              week=(dnum - mon0) // 7, nweeks=int((dnum[-1] - mon0) // 7 + 1))


def _events(start: date, end: date, years) -> list[dict]:
    ev = []

    def add(name, a, b, kind, channel, rate, code="", category="", promo_id=""):
        if b < start or a > end:
            return
        ev.append(dict(name=name, start=max(a, start), end=min(b, end), kind=kind, channel=channel, rate=rate,
                       code=code, category=category, promo_id=promo_id))

    for y in years:
        pd_ = _nth_weekday(y, 2, 0, 3)
        add(f"Presidents Day Sale {y}", pd_ - timedelta(days=3), pd_, "promotion", "shopify", .15, "PRESIDENTS15")
        sp = _nth_weekday(y, 4, 3, 2)
        add(f"Spring Sale {y}", sp, sp + timedelta(days=4), "promotion", "shopify", .15, "SPRING15")
        md = _nth_weekday(y, 5, 0, -1)
        add(f"Memorial Day Sale {y}", md - timedelta(days=3), md, "promotion", "shopify", .20, "MEMORIAL20")
        tw = _nth_weekday(y, 6, 0, 2)
        add(f"Trail Week {y}", tw, tw + timedelta(days=6), "promotion", "shopify", .20, "TRAIL20", "Outdoor")
        p0, n = _PRIME_DAY.get(y, (_nth_weekday(y, 7, 1, 2), 2))
        add(f"Prime Day {y}", p0, p0 + timedelta(days=n - 1), "peak", "amazon", .20, promo_id="Prime Day Deal")
        ld = _nth_weekday(y, 9, 0, 1)
        add(f"Labor Day Sale {y}", ld - timedelta(days=3), ld, "promotion", "shopify", .20, "LABORDAY20")
        f0, n = _PRIME_FALL.get(y, (_nth_weekday(y, 10, 1, 2), 2))
        add(f"Prime Big Deal Days {y}", f0, f0 + timedelta(days=n - 1), "peak", "amazon", .15,
            promo_id="Prime Big Deal Days Deal")
        bf = _nth_weekday(y, 11, 3, 4) + timedelta(days=1)
        add(f"Black Friday / Cyber Monday {y}", bf, bf + timedelta(days=3), "peak", "", .25, "BFCM25",
            promo_id="Black Friday Deal")
        add(f"Holiday Gift Sale {y}", date(y, 12, 5), date(y, 12, 14), "promotion", "shopify", .15, "GIFT15")
    ev.sort(key=lambda e: (e["start"], e["name"]))
    return ev


def _dst_offset_hours(cal, sec) -> np.ndarray:
    """UTC offset (hours, negative) of store-local seconds."""
    sec = np.asarray(sec, dtype=np.int64)
    yrs = sec.astype("datetime64[s]").astype("datetime64[Y]").astype(int) + 1970
    a = np.zeros_like(sec)
    b = np.zeros_like(sec)
    for y, (s0, s1) in cal.dst.items():
        m = yrs == y
        a[m], b[m] = s0, s1
    return np.where((sec >= a) & (sec < b), -4, -5)


def _ts_shopify(cal, sec) -> list[str]:
    off = _dst_offset_hours(cal, sec).tolist()
    base = np.datetime_as_string(_dt64(sec), unit="s").tolist()
    return [s.replace("T", " ") + (" -0400" if o == -4 else " -0500") for s, o in zip(base, off)]


def _utc(cal, sec) -> np.ndarray:
    return np.asarray(sec, dtype=np.int64) - _dst_offset_hours(cal, sec) * 3600


def _ts_iso_utc(cal, local_sec) -> list[str]:
    return [s + "+00:00" for s in np.datetime_as_string(_dt64(_utc(cal, local_sec)), unit="s").tolist()]


def _busday(days, n, cal, weekmask="1111100"):
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    return np.busday_offset(d, n, roll="forward", weekmask=weekmask, holidays=cal.holidays).astype(np.int64)


def _day_multipliers(cal) -> np.ndarray:
    """Order-volume multipliers per channel and day (4 x ndays)."""
    d = np.arange(cal.ndays)
    base = np.exp(np.log(1.25) * d / 365.0) * np.take(_DOW, cal.dow) * np.take(_MONTH, cal.month)
    mult = np.ones((4, cal.ndays))
    md = cal.dts.astype("datetime64[D]")
    mm = cal.month + 1
    dom = (md - md.astype("datetime64[M]")).astype(int) + 1
    dec = mm == 12
    mult[:, dec & (dom >= 3) & (dom <= 18)] *= 1.25
    mult[:, dec & (dom >= 19) & (dom <= 23)] *= .85
    mult[:, dec & (dom >= 24) & (dom <= 26)] *= .5
    mult[:, (mm == 1) & (dom <= 10)] *= .9
    bfcm = {SHOPIFY: (4.5, 2.7, 2.4, 3.6, 1.8, 1.5), AMAZON: (3.2, 2.2, 2.0, 2.8, 1.6, 1.4),
            WALMART: (3.2, 2.0, 1.8, 2.4, 1.5, 1.3), EBAY: (2.0, 1.6, 1.5, 1.8, 1.3, 1.2)}
    for e in cal.events:
        a = (e["start"] - cal.start).days
        b = (e["end"] - cal.start).days
        if e["name"].startswith("Black Friday"):
            for c, f in bfcm.items():
                for k in range(-7, 9):
                    i = a + k
                    if 0 <= i < cal.ndays:
                        mult[c, i] *= f[k] if 0 <= k < len(f) else 1.25
        elif e["name"].startswith("Prime Day"):
            mult[AMAZON, a:b + 1] *= 3.5
            mult[WALMART, a:b + 1] *= 1.6
            mult[SHOPIFY, a:b + 1] *= 1.1
        elif e["name"].startswith("Prime Big Deal"):
            mult[AMAZON, a:b + 1] *= 2.0
        elif e["channel"] == "shopify":
            mult[SHOPIFY, a:b + 1] *= 1.3 if e["category"] else (1.5 + (e["rate"] - .15) * 4)
    return base[None, :] * mult
