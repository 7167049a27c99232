"""Mart tests in the style of dbt's unit tests: given rows in raw tables, the marts built, expected rows out.

    marts = build_given(tmp_path, {"raw_opsdesk_purchase_orders": [{"po_id": "PO1", ...}, ...]})
    assert marts("fct_purchase_orders", "po_id, lead_time_days") == [("PO1", 12)]

A given row names only the columns the test is about (the others are NULL); `_load_id` (default 1) says which load
it came from, `_row` its row in that file (default its position). The build is the real one (`lib.warehouse.build`)
on an empty workspace with the default settings, or `settings` given.
"""
from __future__ import annotations

from lib.warehouse import build
from lib.workspace import Workspace


def build_given(tmp_path, given: dict[str, list[dict]], settings: dict | None = None):
    ws = Workspace.open(tmp_path / "given_ws")
    with ws.writer() as con:
        for table, rows in given.items():
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            for i, row in enumerate(rows, 1):
                values = {"_line": 0, "_seq": 1, "_row": i, "_load_id": 1} | row
                unknown = set(values) - set(cols)
                assert not unknown, f"{table} has no column {sorted(unknown)}"
                names = list(values)
                con.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                            list(values.values()))
        build(con, settings or ws.settings())
        ws.publish(con)
    reader = ws.reader()  # the marts as pages read them: published, through the snapshot

    def read(table: str, columns: str = "*", where: str = "TRUE") -> list[tuple]:
        return reader.execute(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY ALL").fetchall()

    return read
