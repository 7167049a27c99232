"""A generated corpus of hostile or broken files (issue "Reliability, security and scale").

`build_corpus(folder)` writes every case and returns `Case`s: the file, the name a user would upload it under,
and what a correct ingest must answer (the set of acceptable statuses, and for loads what must be quarantined).
Nothing here is copied from real exports; headers come from the format registry.
"""
from __future__ import annotations

import io
import os
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lib.ingest.formats import AMAZON_SETTLEMENT, EBAY_ORDERS, OPSDESK_ORDERS, OPSDESK_RETURNS, SHOPIFY_ORDERS

SHOPIFY_79 = ("Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
              "Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,"
              "Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,"
              "Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,"
              "Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,"
              "Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,"
              "Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,"
              "Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,"
              "Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,"
              "Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,"
              "Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,"
              "Next Payment Due At,Payment References").split(",")

ORDER_HEADER = ["order_id", "channel", "ordered_at", "sku", "quantity", "unit_price", "product_name"]


@dataclass(frozen=True)
class Case:
    key: str
    path: Path
    upload_name: str
    expect: frozenset  # acceptable statuses
    quarantined_columns: frozenset = frozenset()  # columns that must appear in the quarantine (for loads)
    min_loaded: int = 0
    note: str = ""


def _shopify_rows(n=3, **over):
    rows = []
    for i in range(n):
        r = dict.fromkeys(SHOPIFY_79, "")
        r.update({"Name": f"#{1000 + i}", "Financial Status": "paid", "Fulfillment Status": "fulfilled",
                  "Currency": "USD", "Subtotal": "10.00", "Shipping": "0.00", "Taxes": "0.00", "Total": "10.00",
                  "Created at": "2026-04-05 21:06:21 +0400", "Lineitem quantity": "1", "Lineitem name": "Tee",
                  "Lineitem price": "10.00", "Lineitem sku": f"TEE-{i}", "Id": str(9000 + i)})
        r.update(over)
        rows.append(r)
    return rows


def _csv(header, rows, delim=",") -> str:
    import csv
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header] if isinstance(r, dict) else r)
    return buf.getvalue()


def _orders(rows) -> str:
    return _csv(ORDER_HEADER, rows)


def _xlsx(sheets: dict) -> bytes:
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_corpus(folder: Path, big_mb: int = 200) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    rnd = random.Random(42)

    def add(key, data, expect, name=None, **kw):
        p = folder / f"{len(cases):02d}_{key}.bin"
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        cases.append(Case(key, p, name or f"{key}.csv", frozenset(expect), **kw))

    ok_rows = [["O1", "web", "2026-03-02 10:00", "S1", "2", "10.00", "Tee"], ["O2", "web", "2026-03-03 11:00", "S2", "1", "5.00", "Cap"]]
    # --- not data at all
    add("empty", b"", {"refused"})
    add("whitespace_only", "   \n\n \t\n", {"refused"})
    add("binary_random", bytes(rnd.randrange(256) for _ in range(4096)), {"refused"})
    add("png_image", b"\x89PNG\r\n\x1a\n" + bytes(200), {"refused"}, name="photo.csv")
    add("nul_in_text", "order_id,channel\nO1,\x00web\n", {"refused"})
    add("html_error_page", "<html><body><h1>502 Bad Gateway</h1></body></html>\n", {"refused"})
    add("json_file", '{"orders": [{"id": 1}]}\n', {"refused"}, name="orders.json")
    add("preamble_only", "Report generated 2026-01-01\nNo data\n", {"refused"})
    add("header_only", ",".join(SHOPIFY_79) + "\n", {"refused"})
    # --- containers
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("orders.csv", _orders(ok_rows))
    add("zip_archive", zbuf.getvalue(), {"refused"}, name="orders.zip")
    add("xls_garbage", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), {"refused"}, name="orders.xls")
    cbuf = io.BytesIO()
    with zipfile.ZipFile(cbuf, "w") as z:
        z.writestr("xl/workbook.xml", "<not really a workbook")
    add("xlsx_corrupt", cbuf.getvalue(), {"refused"}, name="orders.xlsx")
    many = {f"Notes {i}": [["nothing here"], ["really"]] for i in range(6)}
    many["Orders"] = [ORDER_HEADER] + ok_rows
    add("xlsx_many_sheets", _xlsx(many), {"loaded"}, name="orders.xlsx", min_loaded=2)
    add("xlsx_no_known_header", _xlsx({"A": [["foo", "bar"], ["1", "2"]], "B": [["x"]]}), {"refused"}, name="book.xlsx")
    # --- encodings and layout
    add("cp1252", _orders([["O1", "web", "2026-03-02", "S1", "1", "10.00", "Café crème €"]]).encode("cp1252"), {"loaded"}, min_loaded=1)
    add("utf16_bom", b"\xff\xfe" + _orders(ok_rows).encode("utf-16-le"), {"loaded"}, min_loaded=2)
    add("utf8_bom", b"\xef\xbb\xbf" + _orders(ok_rows).encode(), {"loaded"}, min_loaded=2)
    add("mixed_encodings", _orders(ok_rows).encode() + "O3,web,2026-03-04,S3,1,3.00,Caf\u00e9\n".encode("cp1252"), {"loaded"}, min_loaded=3)
    add("semicolon_delimiter", _csv(ORDER_HEADER, ok_rows, ";"), {"loaded"}, min_loaded=2)
    add("tab_delimiter", _csv(ORDER_HEADER, ok_rows, "\t"), {"loaded"}, name="orders.txt", min_loaded=2)
    add("crlf_endings", _orders(ok_rows).replace("\n", "\r\n"), {"loaded"}, min_loaded=2)
    add("padded_headers", "  order_id , channel ,ordered_at  ,sku,quantity,unit_price\nO1,web,2026-03-02,S1,1,1.00\n", {"loaded"}, min_loaded=1)
    add("duplicated_headers", "order_id,order_id,ordered_at,sku,quantity,unit_price\nO1,X,2026-03-02,S1,1,1.00\n", {"loaded"}, min_loaded=1)
    add("column_removed", _csv([h for h in SHOPIFY_79 if h != "Lineitem sku"], _shopify_rows()), {"refused"},
        note="a real Shopify layout missing `Lineitem sku`: refused naming Shopify and the missing column")
    add("column_renamed", _csv([("Order Total" if h == "Total" else h) for h in SHOPIFY_79], _shopify_rows()), {"refused"})
    add("header_after_row_40", "\n".join(f"note {i}" for i in range(45)) + "\n" + _orders(ok_rows), {"refused"})
    add("five_thousand_columns", ",".join(f"c{i}" for i in range(5000)) + "\n" + ",".join("1" for _ in range(5000)) + "\n", {"refused"})
    add("sep_preamble_and_trailer", "sep=,\n" + _orders(ok_rows) + "2 record(s) downloaded\nSeller ID : x\n", {"loaded"}, min_loaded=2)
    # --- rows that break
    add("truncated_mid_row", _orders(ok_rows) + 'O3,web,2026-03-04,S3,1,"3.0', {"loaded"}, min_loaded=2)
    add("shifted_columns", _orders(ok_rows) + "O3,web,2026-03-04,S3,1,3.00,Tee,EXTRA,MORE\n", {"loaded"}, min_loaded=2,
        quarantined_columns=frozenset({"(row)"}))
    add("huge_field", _orders(ok_rows) + "O3,web,2026-03-04,S3,1,3.00," + "x" * 300_000 + "\n", {"loaded"}, min_loaded=2)
    # --- values
    dates = [["D1", "web", "2026-03-02 10:00:00 +0400", "S", "1", "1"], ["D2", "web", "03/04/2026 10:00", "S", "1", "1"],
             ["D3", "web", "Jul-21-25", "S", "1", "1"], ["D4", "web", "Dec 1, 2017 12:38:23 AM PST", "S", "1", "1"],
             ["D5", "web", "2026-03-02T08:04:21+00:00", "S", "1", "1"], ["D6", "web", "45123", "S", "1", "1"]]
    add("dates_many_formats", _csv(ORDER_HEADER[:6], dates), {"loaded"}, min_loaded=6)
    add("dates_invalid", _csv(ORDER_HEADER[:6], [["B1", "web", "2026-13-45", "S", "1", "1"], ["B2", "web", "yesterday", "S", "1", "1"],
                                                  ["B3", "web", "1850-01-01", "S", "1", "1"], ["B4", "web", "2026-03-02", "S", "1", "1"]]),
        {"loaded"}, min_loaded=1, quarantined_columns=frozenset({"ordered_at"}))
    add("day_first_dates", _csv(ORDER_HEADER[:6], [["E1", "web", "25/12/2025", "S", "1", "1"], ["E2", "web", "03/01/2026", "S", "1", "1"]]),
        {"loaded"}, min_loaded=2)
    add("negative_quantities", _orders(ok_rows + [["N1", "web", "2026-03-02", "S1", "-3", "10.00", "Tee"]]), {"loaded"}, min_loaded=2,
        quarantined_columns=frozenset({"quantity"}))
    add("absurd_quantities", _orders(ok_rows + [["N2", "web", "2026-03-02", "S1", "999999999", "10.00", "Tee"]]), {"loaded"},
        min_loaded=2, quarantined_columns=frozenset({"quantity"}))
    add("currency_and_locale", _csv(ORDER_HEADER[:6], [["M1", "web", "2026-03-02", "S", "1", "$1,433.66"], ["M2", "web", "2026-03-02", "S", "1", "95,00"],
                                                       ["M3", "web", "2026-03-02", "S", "1", "(12.50)"], ["M4", "web", "2026-03-02", "S", "1", "€ 7,50"]]),
        {"loaded"}, min_loaded=4)
    add("money_garbage", _csv(ORDER_HEADER[:6], [["G1", "web", "2026-03-02", "S", "1", "ten dollars"], ["G2", "web", "2026-03-02", "S", "1", "=1+1"]]),
        {"loaded"}, quarantined_columns=frozenset({"unit_price"}))
    add("formula_cells", _orders([["=HYPERLINK(\"http://x\",\"y\")", "web", "2026-03-02", "+cmd|' /C calc'!A0", "1", "1", "@SUM(A1:A9)"],
                                  ["-2+3", "web", "2026-03-02", "\tTAB", "1", "1", "=1+1"]]), {"loaded"}, min_loaded=2)
    add("sql_injection_text", _orders([["O'); DROP TABLE fct_orders;--", "web", "2026-03-02", "S1; DELETE FROM load_log", "1", "1", "x"]]),
        {"loaded"}, min_loaded=1)
    add("required_empty", _orders([["", "web", "2026-03-02", "S1", "1", "1", "x"], ["O9", "web", "2026-03-02", "S1", "1", "1", "x"]]),
        {"loaded"}, min_loaded=1, quarantined_columns=frozenset({"order_id"}))
    add("path_traversal_name", _orders(ok_rows), {"loaded"}, name="../../../../etc/passwd.csv", min_loaded=2)
    add("control_chars_name", _orders([["O7", "web", "2026-03-02", "S1", "1", "1", "x"]]), {"loaded"}, name="ord\ners\x00.csv", min_loaded=1)
    # (with its first six columns only, returned_at missing, it used to load as a product catalog: sku alone)
    add("returns_template_ok", _csv([c.header for c in OPSDESK_RETURNS.columns][:7],
                                    [["R1", "O1", "web", "S1", "1", "2026-03-05", "2026-03-09"]]), {"loaded"}, min_loaded=1)
    add("returns_template_without_returned_at", _csv([c.header for c in OPSDESK_RETURNS.columns][:6],
                                                     [["R1", "O1", "web", "S1", "1", "2026-03-05"]]), {"refused"})
    # a file over the size limit (the test sets the limit below it): sparse, so cheap to write
    big = folder / f"{len(cases):02d}_big.bin"
    with open(big, "wb") as f:
        f.write(_orders(ok_rows).encode())
        f.truncate(big_mb * 1024 * 1024)
    cases.append(Case("over_size_limit", big, "big_export.csv", frozenset({"refused"})))
    return cases
