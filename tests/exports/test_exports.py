"""Every CSV and Excel export neutralises formula injection; the export CLI writes marts in three formats."""
import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from lib.__main__ import main
from lib.reports.exports import frame_to_csv, frame_to_xlsx, neutralise

HOSTILE = ['=HYPERLINK("http://evil","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1"]


def test_neutralise_prefixes_every_formula_trigger():
    assert [neutralise(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert neutralise("plain") == "plain" and neutralise(-5) == -5 and neutralise(None) is None


def test_csv_cells_are_text_not_formulas():
    df = pd.DataFrame({"name": HOSTILE, "amount": range(len(HOSTILE))})
    rows = list(csv.reader(io.StringIO(frame_to_csv(df), newline="")))
    assert [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE]
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(len(HOSTILE))]  # numbers stay numbers


def test_xlsx_cells_are_strings_never_formulas():
    df = pd.DataFrame({"name": HOSTILE, "amount": [1.5] * len(HOSTILE)})
    wb = load_workbook(io.BytesIO(frame_to_xlsx({"s": df})))
    ws = wb["s"]
    cells = [ws.cell(row=i + 2, column=1) for i in range(len(HOSTILE))]
    assert all(c.data_type == "s" for c in cells)
    assert all(not str(c.value).startswith(("=", "+", "-", "@")) for c in cells)
    assert ws.cell(row=2, column=2).value == 1.5 and ws.freeze_panes == "A2"


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_export_cli_writes_a_mart(sample_ws, tmp_path, fmt):
    out = tmp_path / f"orders.{fmt}"
    assert main(["export", "--workspace", str(sample_ws.root), "--table", "fct_orders", "--format", fmt, "--out", str(out)]) == 0
    n = sample_ws.reader().execute("SELECT count(*) FROM fct_orders").fetchall()[0][0]
    read = {"csv": pd.read_csv, "parquet": pd.read_parquet, "xlsx": pd.read_excel}[fmt]
    assert len(read(out)) == n


def test_export_cli_refuses_unknown_tables(sample_ws, tmp_path, capsys):
    assert main(["export", "--workspace", str(sample_ws.root), "--table", "fct_orders; DROP TABLE x", "--out",
                 str(tmp_path / "x.csv")]) == 2
    assert "unknown table" in capsys.readouterr().err
