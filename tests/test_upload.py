"""lib.ingest.intake: stored under random names, unknown layouts mapped onto a template once, the profile reused."""
from __future__ import annotations

from lib.ingest.formats import BY_NAME
from lib.ingest.intake import guess_mapping, header_key, layout, load_files, load_mapped, missing_required, preview, save_upload

RMA = "Return No;Order Ref;Item;Units;Date Back\nR-1;#1001;SKU-1;1;2026-02-01\n"
MAPPING = {"return_id": "Return No", "order_id": "Order Ref", "sku": "Item", "quantity": "Units",
           "returned_at": "Date Back"}


def test_uploads_never_use_the_uploaded_name_as_a_path(tmp_path):
    p = save_upload(b"x", "../../etc/passwd.csv", tmp_path / "up")
    assert p.parent == tmp_path / "up" and p.suffix == ".csv" and "passwd" not in p.name
    assert save_upload(b"x", "evil.sh", tmp_path / "up").suffix == ""


def test_layout_of_a_header_no_format_knows(tmp_path):
    path = save_upload(RMA.encode(), "rma.csv", tmp_path)
    lay = layout(path)
    assert lay.header == ("Return No", "Order Ref", "Item", "Units", "Date Back") and lay.delimiter == ";"
    assert not lay.detected and not lay.known
    assert list(preview(path, lay)["Item"]) == ["SKU-1"]
    assert layout(save_upload(b"\x00\x01\x02", "x.csv", tmp_path)) is None
    assert header_key(["Return No ", "order ref"]) == header_key(["return no", "Order Ref"])


def test_guess_and_required_columns():
    spec = BY_NAME["opsdesk_returns"]
    guess = guess_mapping(spec, ["SKU", "Quantity", "whatever"])
    assert guess["sku"] == "SKU" and guess["quantity"] == "Quantity" and guess["return_id"] is None
    assert missing_required(spec, guess) == ["return_id", "order_id", "returned_at"]


def test_a_mapping_is_saved_and_applied_to_the_next_file_with_that_header(app_ws, tmp_path):
    first = load_files(app_ws, [(save_upload(RMA.encode(), "rma.csv", tmp_path), "rma.csv")])[0]
    assert first.needs_mapping and first.report.status == "refused"
    mapped = load_mapped(app_ws, first, "opsdesk_returns", MAPPING)
    assert mapped.report.status == "loaded" and mapped.report.rows_loaded == 1
    assert mapped.report.file_name == "rma.csv"
    second = RMA.replace("R-1;", "R-2;").encode()
    again = load_files(app_ws, [(save_upload(second, "rma 2.csv", tmp_path), "rma 2.csv")])[0]
    assert again.report.status == "loaded" and again.profile_template == "opsdesk_returns"
