"""The Upload page's parts: loading uploads with a progress bar, the per-file report, the column-mapping step
for files in no known format, the platform exports Opsdesk reads and the template downloads."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ..ingest import intake
from ..ingest.formats import BY_NAME, TEMPLATES
from ..metrics import data_health
from ..ingest import templates
from ..ingest.templates import TYPE_HELP, template_csv, template_xlsx
from . import components as ui
from . import presets as ui_presets
from . import session

RESULTS = "upload_results"  # session state: list[UploadResult] of this session, newest batch first
NOT_MAPPED = "— not in this file —"
STATUS = {"loaded": (st.success, ":material/check_circle:"), "duplicate": (st.info, ":material/content_copy:"),
          "refused": (st.error, ":material/block:"), "failed": (st.error, ":material/error:")}


def _folder() -> Path:
    """This session's folder for stored uploads (random file names inside)."""
    if "upload_dir" not in st.session_state:
        st.session_state["upload_dir"] = tempfile.mkdtemp(prefix="opsdesk-upload-")
    return Path(st.session_state["upload_dir"])


def load(files) -> None:
    """Store the uploaded files, load them with a progress bar, keep the reports in the session."""
    stored = [(intake.save_upload(f.getvalue(), f.name, _folder()), f.name) for f in files]
    bar = st.progress(0.0, text="Starting…")

    def progress(i, n, name):
        if not name:
            text = f"{n} file(s) processed"
        elif name == intake.BUILDING:
            text = "Rebuilding the model with the new files…"
        else:
            text = f"Loading {name} ({i + 1} of {n})…"
        bar.progress(i / n, text=text)

    results = intake.load_files(session.workspace(), stored, progress)
    st.session_state[RESULTS] = results + st.session_state.get(RESULTS, [])


def results() -> list:
    return st.session_state.get(RESULTS, [])


def all_results() -> None:
    """This session's load results, each with its report and, for an unknown layout, the mapping step."""
    found = results()
    if found:
        st.subheader("Results")
    for i, result in enumerate(found):
        report(result, i)
        if result.needs_mapping:
            mapped = mapping_step(result, i)
            if mapped is not None:
                found[i] = mapped
                st.rerun()


def report(result, i: int) -> None:
    r = result.report
    box, icon = STATUS[r.status]
    if r.status == "loaded" and r.rows_quarantined:
        box, icon = st.warning, ":material/warning:"
    with st.container(border=True):
        st.markdown(f"**{r.file_name}** — {r.format_label or 'unknown format'}"
                    + (f" (mapped with the preset “{result.preset_label}”)" if result.preset_label else
                       " (mapped with the saved profile for this header)" if result.profile_template else ""))
        box(r.message, icon=icon)
        if r.status == "loaded":
            cols = st.columns(3)
            ui.metric(cols[0], "Rows read", ui.count(r.rows_read))
            ui.metric(cols[1], "Rows loaded", ui.count(r.rows_loaded))
            ui.metric(cols[2], "Rows quarantined", ui.count(r.rows_quarantined), inverse=True)
        for note in r.notes:
            st.caption(f"Note: {note}")
        if r.errors:
            st.markdown("**Rows kept out** (fix them in the file and load it again):")
            st.dataframe(pd.DataFrame([e.__dict__ for e in r.errors]), hide_index=True, height=min(38 + 35 * len(r.errors), 300))
            ui.download_csv(f"Download all {r.rows_quarantined:,} quarantined rows (CSV)",
                            lambda lid=r.load_id: session.fetch(data_health.quarantined_rows, lid),
                            f"quarantined_rows_load_{r.load_id}")


def mapping_step(result, i: int):
    """Map an unknown file's columns onto a template; returns the new result once loaded, else None."""
    ws = session.workspace()
    with st.container(border=True):
        st.markdown(f"**Map the columns of {result.report.file_name} onto an Opsdesk template**")
        st.caption("Pick a mapping preset for this kind of export, or the template this file's rows correspond to "
                   "and the file column holding each template column (* = required). A mapping made by hand is "
                   "saved for this header: the next file with the same columns loads without asking.")
        preset = ui_presets.choose(result, i)
        if preset is not None:
            return ui_presets.load_step(result, i, preset)
        names = [t.name for t in TEMPLATES]
        template = st.selectbox("Template", names, format_func=lambda n: BY_NAME[n].label, key=f"map_{i}_template")
        spec = BY_NAME[template]
        st.dataframe(intake.preview(result.path, result.layout), hide_index=True)
        guess = intake.guess_mapping(spec, result.header)
        options = [NOT_MAPPED, *result.header]
        cols, mapping = st.columns(3), {}
        for j, c in enumerate(spec.columns):
            choice = cols[j % 3].selectbox(f"{c.header}{' *' if c.required else ''}", options,
                                           index=options.index(guess[c.name]) if guess[c.name] else 0,
                                           help=f"{c.doc} ({TYPE_HELP[c.type]})".strip(), key=f"map_{i}_{template}_{c.name}")
            mapping[c.name] = None if choice == NOT_MAPPED else choice
        missing = intake.missing_required(spec, mapping)
        if missing:
            st.warning("Map the required column(s) first: " + ", ".join(missing), icon=":material/warning:")
        st.text_input("Also save it as a preset named (optional)", key=f"map_{i}_save_as",
                      placeholder="e.g. Our 3PL's returns report",
                      help="A preset can be downloaded and shared, and chosen for files whose columns differ a little.")
        if st.button("Save mapping and load", type="primary", disabled=bool(missing), key=f"map_{i}_load"):
            ui_presets.save_as_preset(template, mapping, i)
            with st.spinner(f"Loading {result.report.file_name}…"):
                return intake.load_mapped(ws, result, template, mapping)
    return None


def platform_exports() -> None:
    """Every platform export Opsdesk reads, by platform, with the ones the sample business comes with ticked. A
    Markdown table: its long "where to find it" paths wrap instead of running off the table's right edge."""
    def cell(text) -> str:
        return str(text or "").replace("|", "\\|").replace("\n", " ")
    lines = ["| Export | Sample | Gives | Where to find it |", "|---|:-:|---|---|"]
    lines += [f"| {cell(r['export'])} | {'✓' if r['in_sample'] else ''} | {cell(r['gives'])} | {cell(r['where'])} |"
              for r in templates.platform_exports()]
    st.markdown("\n".join(lines))


def template_downloads() -> None:
    for spec in TEMPLATES:
        cols = st.columns([5, 1, 1], vertical_alignment="center")
        cols[0].markdown(f"**{spec.label}** — {spec.doc}")
        cols[1].download_button("CSV", data=template_csv(spec), file_name=f"{spec.name}.csv", mime="text/csv",
                                key=f"template_csv_{spec.name}", icon=":material/download:")
        cols[2].download_button("XLSX", data=lambda s=spec: template_xlsx(s), file_name=f"{spec.name}.xlsx",
                                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                key=f"template_xlsx_{spec.name}", icon=":material/download:")


def presets_section() -> None:
    ui_presets.section()
