"""Altair charts, one module per domain: frames in, charts out (no queries, no Streamlit)."""
