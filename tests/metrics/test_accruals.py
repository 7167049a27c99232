"""Month-end accruals for March 2026 on a fixture computed by hand.

Packages (shipments template):
  S1 A1 UPS Ground   T1 3PL-X 30 Mar quote 8.00  -> on carrier invoice UPS-1 (T1): not accrued
  S2 A2 UPS Ground   T2 WH1   31 Mar quote 7.50  -> 7.50 label quote
  S3 A3 FedEx Home   T3 3PL-X 31 Mar cost 6.00   -> 6.00 label cost
  S6 A3 FedEx Home   T6 3PL-X 31 Mar no cost     -> 6.00 rate card (median FedEx Home over 90 days: S3)
  S4 A4 UPS Ground   T4 WH1   1 Apr              -> April
  S5 B1 USPS Ground  T5 3PL-X 10 Feb quote 5.00  -> February
Carrier labels: UPS 7.50 (1 package), FedEx 12.00 (2 packages, 1 order) = 19.50.
3PL (Heartland, invoices name 3PL-X): B1 invoiced 1 Mar (pick_pack 3 + packaging 1, storage 50 not per order) ->
rate 4.00 per order; A1 invoiced 5 Apr; A3 (shipped 31 Mar from 3PL-X) not invoiced -> 4.00. Total 23.50.
POs received in March without a cost: P1 10 × S1 (cost history 2.00) = 20.00; P2 5 × S2 (no cost history) -> none.
"""
import datetime as dt

import pandas as pd
import pytest

from csv_workspace import load_csv_workspace
from lib.metrics import accruals
from lib.reports.accruals import workbook

ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,status
A1,web,2026-03-30 08:00,S1,1,10,shipped
A2,web,2026-03-31 08:00,S1,1,10,shipped
A3,web,2026-03-31 08:30,S2,2,20,shipped
A4,web,2026-04-01 08:00,S1,1,10,shipped
B1,web,2026-02-10 08:00,S1,1,10,shipped
"""
SHIPMENTS = """shipment_id,order_id,channel,carrier,service,tracking_number,warehouse,label_created_at,first_scan_at,label_cost,quoted_cost
S1,A1,web,UPS,Ground,1Z000000000T1,3PL-X,2026-03-30 10:00,2026-03-30 17:00,9.00,8.00
S2,A2,web,UPS,Ground,1Z000000000T2,WH1,2026-03-31 10:00,2026-03-31 17:00,,7.50
S3,A3,web,FedEx,Home,77000000000T3,3PL-X,2026-03-31 10:00,2026-03-31 17:00,6.00,
S6,A3,web,FedEx,Home,77000000000T6,3PL-X,2026-03-31 10:05,2026-03-31 17:00,,
S4,A4,web,UPS,Ground,1Z000000000T4,WH1,2026-04-01 10:00,2026-04-01 17:00,,7.00
S5,B1,web,USPS,Ground,9400000000T5,3PL-X,2026-02-10 10:00,2026-02-10 17:00,,5.00
"""
ADJUSTMENTS = """invoice_id,carrier,tracking_number,adjustment_date,adjustment_type,amount
UPS-1,UPS,1Z000000000T1,2026-04-03,fuel,0.40
"""
TPL = """invoice_id,invoice_date,provider,warehouse,order_id,sku,charge_type,quantity,amount
H-02,2026-03-01,Heartland,3PL-X,B1,,pick_pack,1,3.00
H-02,2026-03-01,Heartland,3PL-X,B1,,packaging,1,1.00
H-02,2026-03-01,Heartland,3PL-X,,,storage,1,50.00
H-03,2026-04-05,Heartland,3PL-X,A1,,pick_pack,1,2.50
"""
POS = """po_id,sku,supplier,ordered_at,received_at,quantity_ordered,quantity_received,unit_cost
P1,S1,Acme Supply,2026-02-01,2026-03-15,10,10,
P2,S2,Acme Supply,2026-02-01,2026-03-20,5,5,
P3,S1,Other Co,2026-02-01,2026-03-22,5,5,2.10
"""
COSTS = """sku,effective_from,unit_cost
S1,2026-01-01,2.00
"""


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("accruals")
    return load_csv_workspace(root, (("orders.csv", ORDERS), ("shipments.csv", SHIPMENTS), ("adj.csv", ADJUSTMENTS),
                                     ("tpl.csv", TPL), ("pos.csv", POS), ("costs.csv", COSTS)))


@pytest.fixture(scope="module")
def con(ws):
    c = ws.reader()
    yield c
    c.close()


def test_month_bounds():
    assert accruals.month_bounds("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    for bad in ("2026-13", "March", "2026-3"):
        with pytest.raises(ValueError):
            accruals.month_bounds(bad)


def test_march_accruals(con):
    a = accruals.accruals(con, "2026-03")
    c = a.carrier.set_index("shipment_id")
    assert sorted(c.index) == ["S2", "S3", "S6"]
    assert c["accrual_amount"].to_dict() == {"S2": 7.5, "S3": 6.0, "S6": 6.0}
    assert c["basis"].to_dict() == {"S2": "label quote", "S3": "label cost", "S6": "rate card (carrier and service)"}
    assert a.tpl[["order_id", "accrual_amount"]].values.tolist() == [["web:A3", 4.0]]
    assert a.total_amount == pytest.approx(23.5) and a.packages_without_basis == 0
    s = a.summary.set_index(["kind", "vendor", "basis"])
    assert s.loc[("Carrier labels", "FedEx", "label cost"), ["accrual_amount", "orders", "packages"]].tolist() == [6.0, 1, 1]
    assert s.loc[("Carrier labels", "UPS", "label quote"), "accrual_amount"] == 7.5
    assert s.loc[("3PL fulfillment", "Heartland", "3PL average per order (invoices, 12 months)"), "orders"] == 1
    po = a.purchase_orders.set_index("po_id")
    assert list(po.index) == ["P1", "P2"] and po.loc["P1", "accrual_amount"] == 20.0
    assert pd.isna(po.loc["P2", "accrual_amount"]) and po.loc["P2", "basis"] == "no cost known"


def test_other_months_and_the_workbook(con):
    feb = accruals.accruals(con, "2026-02")
    assert feb.carrier["shipment_id"].tolist() == ["S5"] and feb.tpl.empty  # B1 is invoiced
    may = accruals.accruals(con, "2026-05")
    assert may.summary.empty and may.total_amount == 0.0
    from openpyxl import load_workbook
    import io
    wb = load_workbook(io.BytesIO(workbook(accruals.accruals(con, "2026-03"))))
    assert wb.sheetnames == ["Summary", "Carrier labels", "3PL fulfillment", "POs not costed"]
    rows = list(wb["Summary"].values)
    assert rows[0][:5] == ("vendor", "kind", "basis", "currency", "accrual_amount") and rows[1][0].startswith("Accruals 2026-03")


def test_the_cli_writes_the_workbook(ws, tmp_path, capsys):
    from lib.__main__ import main
    assert main(["report", "accruals", "--workspace", str(ws.root), "--month", "2026-03", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "accruals_2026-03.xlsx").stat().st_size > 0
    assert "accruals 2026-03: 23.50 USD" in capsys.readouterr().out
    assert main(["report", "accruals", "--workspace", str(ws.root), "--month", "March"]) == 2
    assert main(["report", "accruals", "--workspace", str(ws.root)]) == 2


def test_months_one_can_close(con):
    got, default = accruals.months(con, dt.date(2026, 4, 1))
    assert got == ["2026-04", "2026-03", "2026-02"] and default == "2026-03"
    assert accruals.months(con, dt.date(2026, 3, 31))[1] == "2026-03"  # a month's last day: that month is complete
    assert accruals.months(con)[1] == "2026-04"
