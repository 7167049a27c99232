"""Upload: load platform exports and Opsdesk templates; see what each file gave, map unknown layouts onto a
template, and download the templates."""
from __future__ import annotations

import streamlit as st

from lib.ingest.formats import FORMATS
from lib.ui import session
from lib.ui import upload as ui_upload


def render() -> None:
    st.title("Upload")
    st.markdown("Load the unmodified exports of your platforms, or the Opsdesk templates for what platforms don't "
                "export. Each file is loaded on its own: a file already loaded changes nothing, and rows that can't "
                "be read are kept out and listed so you can fix them.")
    with st.expander("How Opsdesk reads each export"):
        st.markdown("\n".join(f"- **{s.label}** — {s.doc}" for s in FORMATS if not s.is_template))
    if session.can_edit():
        if "uploader" not in st.session_state:
            st.session_state["uploader"] = 0
        files = st.file_uploader("Export files (CSV, TSV, TXT or XLSX)", accept_multiple_files=True,
                                 type=["csv", "tsv", "txt", "xlsx", "xls"],
                                 key=f"uploader_{st.session_state['uploader']}")
        if st.button(f"Load {len(files)} file(s)" if files else "Load files", type="primary", disabled=not files):
            ui_upload.load(files)
            st.session_state["uploader"] += 1  # a fresh, empty uploader for the next batch
            st.rerun()
        ui_upload.all_results()
    else:
        session.view_only("load files")

    ui_upload.presets_section()

    st.subheader("Platform exports Opsdesk reads")
    st.caption("Load them as the platform writes them: Opsdesk recognises each export by its columns, never by the "
               "file's name. Ticked: the sample business comes with it.")
    ui_upload.platform_exports()

    st.subheader("Opsdesk templates")
    st.caption("For data your platforms don't export cleanly: returns, inventory snapshots, product catalog and "
               "costs, purchase orders, 3PL invoices, carrier adjustments, promotions, CSAT, ad spend.")
    ui_upload.template_downloads()


if __name__ == "__main__":
    import app
    app.main()
