"""Mapping presets on the Upload page: choosing one for a file in no known format (with what it maps and whether
the file has every heading), and the list of presets to download, import or delete."""
from __future__ import annotations

import streamlit as st

from ..ingest import presets
from ..ingest import intake
from . import session
from .components import label

BY_HAND = ""  # the preset choice meaning "map the columns by hand"


def _origin(p) -> str:
    return "Opsdesk" if p.builtin else "yours"


def choose(result, i: int):
    """The preset picker of a file's mapping step: None to map by hand, else the chosen preset."""
    found = presets.all_presets(session.workspace())
    fitting = {p.name for p in found if presets.fits(p, result.header)}
    options = [BY_HAND, *sorted((p.name for p in found), key=lambda n: n not in fitting)]
    by_name = {p.name: p for p in found}

    def label(name: str) -> str:
        if name == BY_HAND:
            return "No preset: map the columns by hand"
        p = by_name[name]
        return f"{p.label} ({_origin(p)}{', fits this file' if name in fitting else ''})"

    name = st.selectbox("Mapping preset", options, format_func=label, key=f"map_{i}_preset",
                        help="A saved mapping for an export Opsdesk has no format for (NetSuite saved searches, a "
                             "WMS stock report, ChannelAdvisor orders). The presets are listed under Mapping presets "
                             "below, where you can download them, edit the headings and import your own.")
    return by_name.get(name)


def load_step(result, i: int, preset):
    """What the preset maps, what the file lacks, and the load button; returns the new result once loaded."""
    st.caption(preset.doc)
    missing = set(presets.missing_headings(preset, result.header))
    rows = [{"Opsdesk column": label(col), "Column in the file": head,
             "In this file": "missing" if head in missing else "yes"} for col, head in preset.columns.items()]
    rows += [{"Opsdesk column": label(col), "Column in the file": f"always “{value}”",
              "In this file": "fixed by the preset"} for col, value in preset.constants.items()]
    import pandas as pd
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    st.markdown(f"Rows go to the **{preset.template_label}**.")
    if missing:
        st.error(f"This file does not fit the preset: it has no column "
                 + ", ".join(f"“{h}”" for h in preset.columns.values() if h in missing)
                 + ". Export the data with that column, pick another preset, or map the file by hand.",
                 icon=":material/block:")
    if st.button("Load with this preset", type="primary", disabled=bool(missing), key=f"map_{i}_preset_load"):
        try:
            with st.spinner(f"Loading {result.report.file_name}…"):
                return intake.load_with_preset(session.workspace(), result, preset)
        except presets.PresetError as e:
            st.error(str(e), icon=":material/block:")
    return None


def save_as_preset(template: str, mapping: dict, i: int) -> None:
    """After a hand mapping: keep it as a named preset (shareable), when the operator gave a name."""
    label = st.session_state.get(f"map_{i}_save_as", "").strip()
    if not label:
        return
    import re
    name = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:60] or "my_preset"
    try:
        presets.save(session.workspace(), presets.from_mapping(name, label, template, mapping))
        st.toast(f"Saved the preset “{label}”")
    except presets.PresetError as e:
        st.warning(f"The mapping was used but not saved as a preset: {e}", icon=":material/warning:")


def section() -> None:
    """Every preset, downloadable as its JSON file; import a preset file; delete your own."""
    st.subheader("Mapping presets")
    st.caption("A preset maps the columns of an export Opsdesk has no format for onto a template. It is a small "
               "JSON file: download one, change the headings to your export's, and import it back to share it "
               "with your team. Choose a preset when a file needs mapping.")
    ws = session.workspace()
    for p in presets.all_presets(ws):
        cols = st.columns([4, 1, 1], vertical_alignment="center")
        cols[0].markdown(f"**{p.label}** ({_origin(p)}) — to the {p.template_label}. {p.doc}")
        cols[1].download_button("JSON", data=p.to_json(), file_name=f"{p.name}.json", mime="application/json",
                                key=f"preset_json_{p.name}", icon=":material/download:")
        if not p.builtin and session.can_edit() and cols[2].button("Delete", key=f"preset_delete_{p.name}"):
            presets.delete(ws, p.name)
            st.rerun()
    if not session.can_edit():
        return
    if "preset_uploader" not in st.session_state:
        st.session_state["preset_uploader"] = 0
    f = st.file_uploader("Import a preset file (JSON)", type=["json"],
                         key=f"preset_file_{st.session_state['preset_uploader']}")
    if f is not None and st.button("Import preset", key="preset_import"):
        try:
            p = presets.import_file(ws, f.getvalue())
            st.session_state["preset_uploader"] += 1
            st.session_state["preset_imported"] = p.label
            st.rerun()
        except presets.PresetError as e:
            st.error(f"{f.name} was not imported: {e}", icon=":material/block:")
    if st.session_state.get("preset_imported"):
        st.success(f"Imported the preset “{st.session_state.pop('preset_imported')}”.", icon=":material/check_circle:")
