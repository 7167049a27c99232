"""The pages of this run, registered by the frame (`app.main`) so that any page can link to another."""
from __future__ import annotations

import streamlit as st

_KEY = "_opsdesk_pages"


def register(pages: dict) -> None:
    """noun -> st.Page, as built by the router for this run."""
    st.session_state[_KEY] = pages


def page(noun: str):
    return st.session_state[_KEY][noun]


def link(noun: str, label: str, icon: str | None = None) -> None:
    st.page_link(page(noun), label=label, icon=icon)
