"""Mapping presets: a saved, shareable column mapping for an export Opsdesk has no format for (a NetSuite saved
search, a WMS stock report, ChannelAdvisor's orders), chosen in the upload flow.

A preset is data, never code: a JSON file naming the Opsdesk template the rows go to, the file heading that holds
each template column (`columns`), optional fixed values for columns the export does not carry (`constants`) and
optional value rules (`values`: e.g. ChannelAdvisor's site name "Amazon Seller Central - US" -> channel "amazon").
Built-in presets ship in lib/ingest/presets/; the operator's own live in the workspace's presets/ folder, where an
imported file lands and from which any preset can be downloaded again.

A preset never guesses: a file that lacks a heading the preset maps is refused, naming the heading; headings are
compared case- and punctuation-insensitively (``Site Name`` = ``site_name``), nothing looser.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import BY_NAME, TEMPLATES, norm_header

BUILTIN_DIR = Path(__file__).parent  # the built-in presets are this package's JSON files
FOLDER = "presets"  # under the workspace root
NAME = re.compile(r"[a-z0-9][a-z0-9_]{0,59}")
KEYS = {"name", "label", "template", "doc", "source", "columns", "constants", "values"}


class PresetError(ValueError):
    """A preset file that cannot be used, or a file that does not fit the preset; the message says why."""


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    template: str
    columns: dict  # template column -> the file's heading
    constants: dict = field(default_factory=dict)  # template column -> a fixed value for every row
    values: dict = field(default_factory=dict)  # template column -> {"rules": [...], "otherwise": "keep"}
    doc: str = ""
    source: str = ""
    builtin: bool = False

    @property
    def template_label(self) -> str:
        return BY_NAME[self.template].label

    def as_dict(self) -> dict:
        d = {"name": self.name, "label": self.label, "template": self.template, "doc": self.doc,
             "source": self.source, "columns": dict(self.columns)}
        if self.constants:
            d["constants"] = dict(self.constants)
        if self.values:
            d["values"] = json.loads(json.dumps(self.values))
        return d

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"


def parse(data, *, builtin: bool = False) -> Preset:
    """A preset from its JSON (text, bytes or an already-read dict), checked against the template it names."""
    if isinstance(data, (bytes, bytearray)):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PresetError("a preset file is UTF-8 JSON text; this file is not text") from None
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as e:
            raise PresetError(f"a preset file is JSON; this one cannot be read ({e.msg}, line {e.lineno})") from None
    if not isinstance(data, dict):
        raise PresetError("a preset file is a JSON object with name, label, template and columns")
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise PresetError(f"unknown key(s) in the preset: {', '.join(unknown)} (allowed: {', '.join(sorted(KEYS))})")
    for key in ("name", "label", "template"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise PresetError(f"the preset needs a '{key}' (text)")
    name = data["name"].strip()
    if not NAME.fullmatch(name):
        raise PresetError(f"the preset's name '{name}' must be lower-case letters, digits and _ (at most 60)")
    template = data["template"].strip()
    if template not in BY_NAME or not BY_NAME[template].is_template:
        raise PresetError(f"the preset's template '{template}' is not an Opsdesk template "
                          f"(one of: {', '.join(t.name for t in TEMPLATES)})")
    spec = BY_NAME[template]
    known = {c.name for c in spec.columns}
    columns = _text_map(data.get("columns"), "columns")
    constants = _text_map(data.get("constants", {}), "constants")
    values = data.get("values", {})
    for part, names in (("columns", columns), ("constants", constants), ("values", values)):
        bad = sorted(set(names) - known)
        if bad:
            raise PresetError(f"'{part}' names column(s) the {spec.label} does not have: {', '.join(bad)}")
    seen: dict[str, str] = {}
    for col, head in columns.items():  # one heading feeds one column: a second would silently be dropped
        if norm_header(head) in seen:
            raise PresetError(f"the heading '{head}' is mapped to both {seen[norm_header(head)]} and {col}: "
                              "a heading feeds one column")
        seen[norm_header(head)] = col
    both = sorted(set(columns) & set(constants))
    if both:
        raise PresetError(f"column(s) both mapped and fixed: {', '.join(both)}")
    missing = [c.name for c in spec.columns if c.required and c.name not in columns and c.name not in constants]
    if missing:
        raise PresetError(f"the preset maps no heading to the required column(s) of the {spec.label}: "
                          + ", ".join(missing))
    for col, rule in values.items():
        _check_rules(col, rule, columns)
    return Preset(name, data["label"].strip(), template, columns, constants, values, str(data.get("doc", "")),
                  str(data.get("source", "")), builtin)


def _text_map(value, part: str) -> dict:
    if not isinstance(value, dict) or (part == "columns" and not value):
        raise PresetError(f"'{part}' is an object of template column -> {'heading' if part == 'columns' else 'value'}")
    if not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()):
        raise PresetError(f"every entry of '{part}' is a template column and a non-empty text")
    return {k: v.strip() for k, v in value.items()}


def _check_rules(col: str, rule, columns: dict) -> None:
    if col not in columns:
        raise PresetError(f"'values' rewrites '{col}', which the preset does not map to a heading")
    if not isinstance(rule, dict) or not isinstance(rule.get("rules"), list):
        raise PresetError(f"'values' of '{col}' is an object with a list of 'rules'")
    for r in rule["rules"]:
        ok = isinstance(r, dict) and isinstance(r.get("value"), str) and r["value"].strip() and \
            sum(isinstance(r.get(k), str) and bool(r[k].strip()) for k in ("equals", "starts_with")) == 1 and \
            set(r) <= {"equals", "starts_with", "value"}
        if not ok:
            raise PresetError(f"each rule of '{col}' has one of 'equals' or 'starts_with' (text) and a 'value'")
    if rule.get("otherwise", "keep") not in ("keep", "refuse"):
        raise PresetError(f"'otherwise' of '{col}' is 'keep' (the file's value) or 'refuse'")


def rewrite(preset: Preset, column: str, value: str) -> str:
    """The value a cell of `column` loads as: the first matching rule's value (case aside), else the cell itself
    ('keep') — or a PresetError when the preset says to refuse values no rule names."""
    rule = preset.values.get(column)
    text = (value or "").strip()
    if not rule or not text:
        return value
    low = text.lower()
    for r in rule["rules"]:
        if ("equals" in r and low == r["equals"].strip().lower()) or \
                ("starts_with" in r and low.startswith(r["starts_with"].strip().lower())):
            return r["value"].strip()
    if rule.get("otherwise", "keep") == "refuse":
        raise PresetError(f"'{text}' in {preset.columns[column]} matches no rule of the preset '{preset.label}'")
    return value


# ---------------------------------------------------------------------------------------- where presets live
def builtin() -> list[Preset]:
    return [parse(p.read_text(encoding="utf-8"), builtin=True) for p in sorted(BUILTIN_DIR.glob("*.json"))]


def builtin_preset(name: str) -> Preset | None:
    return next((p for p in builtin() if p.name == name), None)


def folder(ws) -> Path:
    return Path(ws.root) / FOLDER


def saved(ws) -> list[Preset]:
    """The workspace's own presets (a file that no longer parses is left out, not fatal)."""
    out = []
    for p in sorted(folder(ws).glob("*.json")) if folder(ws).is_dir() else []:
        try:
            out.append(parse(p.read_text(encoding="utf-8")))
        except (PresetError, OSError):
            continue
    return out


def all_presets(ws) -> list[Preset]:
    """Built-in presets first, then the workspace's, each group by label."""
    return sorted(builtin(), key=lambda p: p.label.lower()) + sorted(saved(ws), key=lambda p: p.label.lower())


def by_name(ws, name: str) -> Preset | None:
    return next((p for p in all_presets(ws) if p.name == name), None)


def save(ws, preset: Preset) -> Preset:
    """Write a preset into the workspace (replacing its own preset of that name; a built-in name is refused)."""
    if any(p.name == preset.name for p in builtin()):
        raise PresetError(f"'{preset.name}' is the name of a built-in preset: give yours another name")
    d = folder(ws)
    d.mkdir(parents=True, exist_ok=True)
    tmp = d / f".{preset.name}.{os.getpid()}.tmp"
    tmp.write_text(preset.to_json(), encoding="utf-8")
    os.replace(tmp, d / f"{preset.name}.json")
    return Preset(**{**preset.__dict__, "builtin": False})


def import_file(ws, data) -> Preset:
    """Read a preset file (bytes or text) and save it in the workspace."""
    return save(ws, parse(data))


def delete(ws, name: str) -> bool:
    p = folder(ws) / f"{name}.json"
    if NAME.fullmatch(name) and p.is_file():
        p.unlink()
        return True
    return False


def from_mapping(name: str, label: str, template: str, mapping: dict) -> Preset:
    """A preset from a mapping made by hand in the upload flow (template column -> heading)."""
    return parse({"name": name, "label": label, "template": template,
                  "columns": {k: v for k, v in mapping.items() if v}})


# ---------------------------------------------------------------------------------------- fitting a file
def missing_headings(preset: Preset, header) -> list[str]:
    """The headings the preset maps that the file does not have (empty: the file fits)."""
    have = {norm_header(h) for h in header}
    return [h for h in preset.columns.values() if norm_header(h) not in have]


def fits(preset: Preset, header) -> bool:
    return not missing_headings(preset, header)


def check(preset: Preset, header) -> None:
    """Refuse a file that lacks a heading the preset maps, naming each one."""
    missing = missing_headings(preset, header)
    if missing:
        raise PresetError(f"this file does not fit the preset '{preset.label}': it has no column "
                          + ", ".join(f"'{h}'" for h in missing)
                          + ". Export the data with that column, or map the file by hand.")


def resolve(preset: Preset, header) -> dict:
    """Template column -> the file's own spelling of the preset's heading (after `check`)."""
    by_norm = {norm_header(h): h for h in header}
    return {col: by_norm[norm_header(h)] for col, h in preset.columns.items()}
