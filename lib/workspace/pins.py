"""Pins: immutable JSON snapshots of a weekly review in the workspace's state (`state/pins/<id>.json`, id = hash
of the numbers), so `?pin=<id>` shows exactly those numbers later, whatever was loaded since.  The review turns its
WeeklyReview into the body and back (lib.metrics.review.pin / load_pin)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pandas as pd

PIN_ID = re.compile(r"[0-9a-f]{12}")


def _pin_dir(ws):
    d = ws.state_dir / "pins"
    d.mkdir(parents=True, exist_ok=True)
    return d


def pin(ws, body: dict) -> str:
    """Store `body` (a review as JSON) as an immutable snapshot; returns its id (the same numbers give the same id,
    and an existing pin is never overwritten)."""
    numbers = {k: v for k, v in body.items() if k != "generated_at"}
    pin_id = hashlib.sha256(json.dumps(numbers, sort_keys=True).encode()).hexdigest()[:12]
    _pin_dir(ws)
    if ws.read_state(f"pins/{pin_id}") is None:
        ws.write_state(f"pins/{pin_id}", {"id": pin_id, "pinned_at": dt.datetime.now().isoformat(timespec="seconds"),
                                          "review": body})
    return pin_id


def load_pin(ws, pin_id: str) -> tuple[dict, str] | None:
    """(the pinned body, when it was pinned), or None for an unknown or malformed id."""
    if not isinstance(pin_id, str) or not PIN_ID.fullmatch(pin_id):
        return None
    stored = ws.read_state(f"pins/{pin_id}")
    if not stored:
        return None
    return stored["review"], stored.get("pinned_at", "")


def pins(ws) -> pd.DataFrame:
    """The stored pins, newest first (grain: pin; columns id, week, pinned_at, data_version)."""
    rows = []
    for p in _pin_dir(ws).glob("*.json"):
        if PIN_ID.fullmatch(p.stem):
            s = ws.read_state(f"pins/{p.stem}") or {}
            r = s.get("review", {})
            rows.append({"id": p.stem, "week": r.get("week"), "pinned_at": s.get("pinned_at"),
                         "data_version": r.get("data_version")})
    df = pd.DataFrame(rows, columns=["id", "week", "pinned_at", "data_version"])
    return df.sort_values("pinned_at", ascending=False).reset_index(drop=True)
