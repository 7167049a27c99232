"""The shared filters (date range, channel, warehouse, carrier, category): one definition for pages, URLs and SQL.

`Filters` is plain data: pages keep it in session state and mirror it into the URL (`to_query`/`from_query`);
metrics receive `as_params()` and filter with `$start`, `$end`, `$channels`, … (an empty list means "all").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

DIMENSIONS = ("channels", "warehouses", "carriers", "categories")
QUICK_PICKS = ("last week", "last 4 weeks", "last quarter", "last 12 months", "all time", "custom")


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    channels: tuple[str, ...] = ()
    warehouses: tuple[str, ...] = ()
    carriers: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    period: str = "last 4 weeks"

    def as_params(self) -> dict:
        return {"start": self.start, "end": self.end, "channels": list(self.channels),
                "warehouses": list(self.warehouses), "carriers": list(self.carriers),
                "categories": list(self.categories)}

    def to_query(self) -> dict:
        q = {"period": self.period, "start": self.start.isoformat(), "end": self.end.isoformat()}
        for d in DIMENSIONS:
            if getattr(self, d):
                q[d] = ",".join(getattr(self, d))
        return q

    @classmethod
    def from_query(cls, q: dict, default: "Filters") -> "Filters":
        def one(k):
            v = q.get(k)
            return v[-1] if isinstance(v, list) else v
        f = default
        try:
            if one("start") and one("end"):
                s, e = dt.date.fromisoformat(one("start")), dt.date.fromisoformat(one("end"))
                if s <= e:
                    f = replace(f, start=s, end=e)
        except ValueError:
            pass
        if one("period") in QUICK_PICKS:
            f = replace(f, period=one("period"))
        for d in DIMENSIONS:
            v = one(d)
            if v:
                f = replace(f, **{d: tuple(x for x in v.split(",") if x)})
        return f


def quick_range(pick: str, last_day: dt.date, first_day: dt.date) -> tuple[dt.date, dt.date]:
    """Date range of a quick pick, anchored on the last day with data (weeks are Monday–Sunday)."""
    week_end = last_day - dt.timedelta(days=(last_day.weekday() + 1) % 7)  # last complete Sunday
    if pick == "last week":
        return week_end - dt.timedelta(days=6), week_end
    if pick == "last 4 weeks":
        return week_end - dt.timedelta(days=27), week_end
    if pick == "last quarter":
        q = (last_day.month - 1) // 3
        start_this = dt.date(last_day.year, 3 * q + 1, 1)
        end_prev = start_this - dt.timedelta(days=1)
        return dt.date(end_prev.year, 3 * ((end_prev.month - 1) // 3) + 1, 1), end_prev
    if pick == "last 12 months":
        return last_day - dt.timedelta(days=364), last_day
    return first_day, last_day
