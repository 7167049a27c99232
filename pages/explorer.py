"""SQL explorer: browse the tables of the current snapshot with their data dictionary, run one read-only SELECT,
download the result, and keep useful queries (saved for everyone using the workspace)."""
from __future__ import annotations

import streamlit as st

from lib.warehouse.dictionary import table_docs
from lib.warehouse.sandbox import EXAMPLES, ROW_CAP, TIMEOUT_S, QueryRefused, delete_query, run_query, save_query, saved_queries
from lib.metrics import explorer
from lib.ui import components as ui
from lib.ui import session

SQL = "explorer_sql"


def _use(sql: str) -> None:
    st.session_state[SQL] = sql


def render() -> None:
    st.title("SQL explorer")
    st.caption(f"One read-only SELECT at a time on the current snapshot; at most {ROW_CAP:,} rows, stopped after "
               f"{TIMEOUT_S:.0f} s. Files, settings and other statements are refused.")
    ws = session.workspace()
    schema, docs = session.fetch(explorer.schema), table_docs()
    tables = [t for t in docs if t in set(schema["table_name"])]
    tables += sorted(set(schema["table_name"]) - set(tables))
    left, right = st.columns([2, 3])
    with left:
        st.subheader("Tables")
        table = st.selectbox("Table", tables, key="explorer_table", bind="query-params",
                             index=tables.index("fct_orders") if "fct_orders" in tables else 0)
        if table in docs:
            st.markdown(f"{docs[table].description}\n\n**Grain:** {docs[table].grain}  \n"
                        f"**Built from:** {docs[table].upstream}")
        ui.table(schema.loc[schema["table_name"] == table, ["column_name", "data_type"]], f"columns_of_{table}",
                 column_config={"column_name": "Column", "data_type": "Type"}, height=320)
        st.caption("Conventions and every table: `docs/data_dictionary.md`.")
    with right:
        saved = saved_queries(ws)
        choices = {**{f"Example: {k}": v for k, v in EXAMPLES.items()}, **{f"Saved: {k}": v for k, v in saved.items()}}
        pick = st.selectbox("Start from an example or a saved query", list(choices), key="explorer_pick")
        st.button("Put it in the editor", on_click=_use, args=(choices[pick],))
        if SQL not in st.session_state:
            st.session_state[SQL] = next(iter(EXAMPLES.values()))
        sql = st.text_area("SQL", key=SQL, height=220)
        run_col, name_col, save_col = st.columns([1, 2, 1], vertical_alignment="bottom")
        if run_col.button("Run", type="primary", icon=":material/play_arrow:"):
            try:
                st.session_state["explorer_result"] = run_query(ws, sql)
            except QueryRefused as e:
                st.session_state["explorer_result"] = None
                st.error(f"Not run: {e}", icon=":material/block:")
        if not session.can_edit():
            session.view_only("save or delete shared queries")
        else:
            name = name_col.text_input("Name", placeholder="Name this query to save it", label_visibility="collapsed")
            if save_col.button("Save", disabled=not name.strip()):
                try:
                    save_query(ws, name, sql)
                    st.toast(f"Saved “{name.strip()}” for everyone using this workspace")
                except QueryRefused as e:
                    st.error(f"Not saved: {e}", icon=":material/block:")
            if pick.startswith("Saved: ") and st.button(f"Delete “{pick[7:]}”", icon=":material/delete:"):
                delete_query(ws, pick[7:])
                st.rerun()
    result = st.session_state.get("explorer_result")
    if result is not None:
        st.subheader("Result")
        if result.truncated:
            st.warning(f"Only the first {result.row_cap:,} rows are shown; aggregate or filter for the rest.")
        ui.table(result.frame, "query_result")


if __name__ == "__main__":
    import app
    app.main()
