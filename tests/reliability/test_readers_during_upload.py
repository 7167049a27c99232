"""Eight readers while another thread uploads: no errors, and every read sees a whole load (never half of one)."""
import datetime as dt
import threading

from lib.ingest import ingest_files
from lib.metrics import fulfillment
from lib.workspace import Workspace

PARAMS = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31), "channels": [], "warehouses": [], "carriers": [],
          "categories": []}


def _orders_file(path, first, n):
    rows = ["order_id,channel,ordered_at,sku,quantity,unit_price"]
    rows += [f"W{i},web,2026-03-{1 + i % 28:02d} 10:00,S{i % 7},1,{5 + i % 3}.00" for i in range(first, first + n)]
    path.write_text("\n".join(rows) + "\n")
    return path


def test_eight_readers_during_uploads(tmp_path):
    ws = Workspace.open(tmp_path / "ws")
    ingest_files(ws, [_orders_file(tmp_path / "a.csv", 0, 500)])
    files = [_orders_file(tmp_path / f"f{k}.csv", 500 * (k + 1), 500) for k in range(3)]
    valid_counts = {500, 1000, 1500, 2000}
    errors, seen = [], []
    done = threading.Event()

    def reader():
        while not done.is_set():
            try:
                con = ws.reader()
                try:
                    n = con.execute("SELECT count(*) FROM fct_orders").fetchall()[0][0]
                    lines = con.execute("SELECT count(*) FROM fct_order_lines").fetchall()[0][0]
                    s = fulfillment.summary(con, PARAMS)
                finally:
                    con.close()
                seen.append(n)
                if n not in valid_counts or lines != n or s.orders != n:
                    errors.append(f"half-loaded view: orders {n}, lines {lines}, summary {s.orders}")
            except Exception as e:  # any error reaching a reader is a failure
                errors.append(f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for t in threads:
        t.start()
    reports = ingest_files(ws, files)
    done.set()
    for t in threads:
        t.join(timeout=60)
    assert all(r.status == "loaded" for r in reports), [r.message for r in reports]
    assert not errors, errors[:5]
    assert len(seen) > 8 and max(seen) == 2000 or ws.reader().execute("SELECT count(*) FROM fct_orders").fetchall()[0][0] == 2000
