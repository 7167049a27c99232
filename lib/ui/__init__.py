"""The Streamlit layer: the only code in `lib` that imports streamlit.

`session` — the workspace, its shared reader connection per snapshot version, cached queries, first-run seeding,
login; `filters` — the shared sidebar filters mirrored into the URL, and the copy-link control; `components` —
tables with downloads, empty states, number formats; `upload` — the Upload page's report and mapping step.
"""
