"""Every chart axis of numbers says how to write them (a d3 format, or explicit values): without one Vega picks a
format from the tick step and a series of zeros or float dust reads "0.000000".  Walks the Vega-Lite specs of every
chart each page draws on the sample business (AppTest), default view and 12 months."""
from __future__ import annotations

import json

import pytest

from appdriver import assert_no_exception, open_app

PAGES = ("review", "overview", "fulfillment", "inventory", "capacity", "carriers", "returns", "profitability",
         "data_health")


def _axes(spec) -> dict:
    """channel -> [(field, formatted)] of the quantitative x/y encodings drawn with an axis in one (unit) spec."""
    out = {}
    for channel in ("x", "y"):
        e = (spec.get("encoding") or {}).get(channel)
        if isinstance(e, dict) and e.get("type") == "quantitative" and e.get("axis", {}) is not None:
            axis = e.get("axis") or {}
            formatted = bool(axis.get("format") or axis.get("values") or axis.get("labelExpr"))
            out.setdefault(channel, []).append((e.get("field") or e.get("aggregate"), formatted))
    return out


def unformatted_axes(spec, path="") -> list[str]:
    """Axes of numbers without a format.  Layers sharing a scale share one axis: it is formatted when one of
    them formats it (Vega-Lite merges their axis properties); an independent scale needs its own."""
    out = []
    if isinstance(spec, list):
        for i, v in enumerate(spec):
            out += unformatted_axes(v, f"{path}[{i}]")
        return out
    if not isinstance(spec, dict):
        return out
    if isinstance(spec.get("layer"), list):
        independent = {c for c, how in ((spec.get("resolve") or {}).get("scale") or {}).items() if how == "independent"}
        merged = {}
        for i, layer in enumerate(spec["layer"]):
            if isinstance(layer, dict) and "layer" not in layer:
                for channel, fields in _axes(layer).items():
                    if channel in independent:
                        out += [f"{path}/layer[{i}]/{channel}: {f}" for f, ok in fields if not ok]
                    else:
                        merged.setdefault(channel, []).extend(fields)
            else:
                out += unformatted_axes(layer, f"{path}/layer[{i}]")
        for channel, fields in merged.items():
            if not any(ok for _, ok in fields):
                out.append(f"{path}/layer/{channel}: {', '.join(str(f) for f, _ in fields)}")
        return out
    for channel, fields in _axes(spec).items():
        out += [f"{path}/{channel}: {f}" for f, ok in fields if not ok]
    for k in ("vconcat", "hconcat", "concat", "spec"):
        if k in spec:
            out += unformatted_axes(spec[k], f"{path}/{k}")
    return out


RETURNS_TABS = ("Cohort maturity", "Reasons", "Warehouses & carriers", "Cost")  # drawn only when open
VIEWS = [(p, {}) for p in PAGES] + [("returns", {"returns_tab": t}) for t in RETURNS_TABS]


@pytest.mark.parametrize("page, query", VIEWS, ids=[p + "".join(f":{v}" for v in q.values()) for p, q in VIEWS])
def test_every_axis_of_numbers_has_a_format(app_ws, page, query):
    at = open_app({"period": "last 12 months", **query}, page=page)
    assert_no_exception(at)
    missing = []
    for chart in at.get("vega_lite_chart"):
        missing += unformatted_axes(json.loads(chart.proto.spec))
    assert not missing, missing
