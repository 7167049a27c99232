"""Writers of the other files: the Opsdesk templates (shipments, returns, inventory, catalog, costs, purchase
orders, 3PL invoice, carrier adjustments, promotions, CSAT, ad spend), Zendesk tickets and payment disputes.
"""
from __future__ import annotations

import csv
from datetime import date, timedelta

import numpy as np

from .business import (AMAZON, BRAND, CARRIERS, CHANNELS, EBAY, FEDEX, INVENTORY_WEEKS, SHOPIFY, TPL, TPL_PROVIDER,
                       UPS, WALMART, WAREHOUSES, _CSAT_COMMENTS, _FAMILIES, _REASONS, _STATES)
from .channel_exports import _channel_names
from .helpers import _cents_str, _mask_strings, _num1, _numg, _rng, _ts_local, _write, _ymd
from .layouts import (_T_3PL, _T_ADJ, _T_ADS, _T_COSTS, _T_CSAT, _T_DISPUTES, _T_INVENTORY, _T_POS, _T_PRODUCTS,
                      _T_PROMOS, _T_RETURNS, _T_SHIPMENTS, _ZENDESK)
from .simulate import _peak_mask


def _order_ids(O, shop_names, amz, wm, eb, more=None):
    oid = np.full(O.n, "", dtype=object)
    oid[(O.ch == SHOPIFY) & (O.alt == 0)] = shop_names
    for k, ids in enumerate(more or (), start=1):  # WooCommerce, Etsy
        oid[O.alt == k] = ids
    m = O.ch == AMAZON
    oid[m] = amz[m]
    m = O.ch == WALMART
    oid[m] = wm[m]
    m = O.ch == EBAY
    oid[m] = eb[m]
    return oid


def _write_shipments(out, cal, P, O, F, oid):
    s = np.where(F.shipped)[0]
    s = s[np.argsort(F.label[s], kind="stable")]
    n = len(s)
    now = cal.now
    scanned = F.first_scan[s] < now
    deliv = (F.delivered[s] < now) & ~F.lost[s]
    status = np.where(F.lost[s] & scanned, "lost", np.where(deliv & F.damaged[s], "damaged",
                                                             np.where(deliv, "delivered", "in_transit")))
    dims = F.dims[s]
    cols = [
        [f"SH{1_000_000 + i}" for i in range(n)], oid[s].tolist(), _channel_names(O)[s].tolist(),
        np.array(CARRIERS, dtype=object)[F.carrier[s]].tolist(), F.service[s].tolist(), F.tracking[s].tolist(),
        np.array(WAREHOUSES, dtype=object)[F.wh[s]].tolist(), _ts_local(F.label[s]),
        _mask_strings(_ts_local(F.first_scan[s]), scanned), _mask_strings(_ts_local(F.delivered[s]), deliv),
        _ymd(F.promised_day[s]), status.tolist(), [str(z) for z in F.zone[s].tolist()],
        np.array([x[0] for x in _STATES], dtype=object)[O.state_i[s]].tolist(), ["US"] * n, _num1(F.weight[s]),
        _numg(dims[:, 0]), _numg(dims[:, 1]), _numg(dims[:, 2]), _numg(F.billed[s]), _cents_str(F.label_cost[s]),
        _cents_str(F.quoted[s]), _cents_str(O.ship[s]), [""] * n, [""] * n,
    ]
    _write(out / "opsdesk_shipments.csv", _T_SHIPMENTS, cols)
    return s


def _write_returns(out, cal, P, O, F, R, oid):
    m = ~R.fba
    idx = np.where(m)[0]
    idx = idx[np.argsort(R.returned[idx], kind="stable")]
    n = len(idx)
    line = R.line[idx]
    lo = O.l_ord[line]
    code = R.code[idx]
    cols = [
        [f"RMA-{100001 + i}" for i in range(n)], oid[lo].tolist(), _channel_names(O)[lo].tolist(),
        P.sku[O.l_sku[line]].tolist(), [str(q) for q in R.qty[idx].tolist()], _ts_local(R.requested[idx]),
        _ts_local(R.returned[idx]), code.tolist(), [_REASONS[c][0] for c in code.tolist()], R.comment[idx].tolist(),
        np.array(["restock", "refurbish", "liquidate", "destroy"], dtype=object)[R.disp[idx]].tolist(),
        np.array(["refund", "exchange", "store_credit"], dtype=object)[R.outcome[idx]].tolist(),
        _cents_str(R.refund[idx]), _cents_str(R.label_cost[idx]), _cents_str(R.processing[idx]),
        _cents_str(R.recovered[idx]), np.array(WAREHOUSES, dtype=object)[F.wh[lo]].tolist(),
        np.array(CARRIERS, dtype=object)[R.carrier[idx]].tolist(),
    ]
    _write(out / "opsdesk_returns.csv", _T_RETURNS, cols)


def _write_inventory(out, cal, P, I, seed):
    rng = _rng(seed, "inv-out")
    W = cal.nweeks
    first_w = max(1, W - INVENTORY_WEEKS)
    weeks = np.arange(first_w, W)
    rows = []
    order = np.lexsort((I.ps, I.pl))
    for w in weeks.tolist():
        d = _ymd([cal.mon0 + 7 * w])[0]
        on = I.snap_on[w].astype(np.int64)
        res = np.minimum(np.round(I.dem[w - 1] * rng.uniform(.05, .25, len(on))).astype(np.int64), on)
        inb = I.snap_in[w].astype(np.int64)
        for p in order.tolist():
            rows.append((d, P.sku[I.ps[p]], I.locs[I.pl[p]], str(on[p]), str(on[p] - res[p]), str(res[p]),
                         str(inb[p])))
    with open(out / "opsdesk_inventory.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(_T_INVENTORY)
        w.writerows(rows)


def _cost_history(seed, cal, P):
    rng = _rng(seed, "costs")
    rows = []  # (sku index, day number, unit_cost, freight, duty, other)
    d0 = (cal.start.replace(day=1) - timedelta(days=92)).replace(day=1)
    d0n = (d0 - date(1970, 1, 1)).days
    fam_changes = {}
    for fi in range(len(_FAMILIES)):
        k = int(rng.integers(1, 4))
        slots = np.arange(30, cal.ndays - 40, 80)  # changes at least ~2 months apart
        days = np.sort(rng.choice(slots, size=k, replace=False)) + rng.integers(0, 20, k)
        kinds = rng.integers(0, 3, k)
        sizes = rng.uniform(.03, .09, k)
        fam_changes[fi] = list(zip(days.tolist(), kinds.tolist(), sizes.tolist()))
    for s in range(P.n):
        uc, fr, du, ot = int(P.unit_cost[s]), int(P.freight[s]), float(P.duty[s]), 20
        rows.append((s, d0n, uc, fr, du, ot))
        for day, kind, size in fam_changes[P.fam_i[s]]:
            if kind == 0:
                uc = int(round(uc * (1 + size)))
            elif kind == 1:
                fr = int(round(fr * (1 + 3 * size)))
            else:
                du = round(du + (.10 if P.country[s] == "CN" else .02), 3)
            rows.append((s, cal.day0 + day, uc, fr, du, ot))
    return rows


def _write_catalog_files(out, cal, P, I, cost_rows, seed):
    S = P.n
    active = P.end > cal.ndays
    cols = [
        P.sku.tolist(), P.name.tolist(), P.cat.tolist(), P.sub.tolist(), P.fam.tolist(), P.size.tolist(),
        P.colour.tolist(), [BRAND] * S, P.supplier.tolist(), _cents_str(P.price), _numg(P.weight),
        _numg(P.dims[:, 0]), _numg(P.dims[:, 1]), _numg(P.dims[:, 2]), [str(x) for x in P.lead.tolist()],
        [str(x) for x in P.moq.tolist()], [str(x) for x in P.case_pack.tolist()], P.tier.tolist(),
        np.where(active, "true", "false").tolist(),
    ]
    _write(out / "opsdesk_products.csv", _T_PRODUCTS, cols)
    rows = [(P.sku[s], _ymd([d])[0], f"{uc / 100:.2f}", f"{fr / 100:.2f}", f"{du:g}", f"{ot / 100:.2f}", "USD")
            for s, d, uc, fr, du, ot in cost_rows]
    _write(out / "opsdesk_product_costs.csv", _T_COSTS, list(zip(*rows)))
    # purchase orders: one PO per supplier, location and week
    rng = _rng(seed, "po")
    cost_of = {}
    for cs, d, c, *_ in cost_rows:
        cost_of.setdefault(cs, []).append((d, c))
    rec = sorted(I.po_rows, key=lambda r: (r[0], P.supplier[I.ps[r[1]]], I.pl[r[1]], r[1]))
    po_ids = {}
    rows = []
    for wk, p, qty, lw, aw, rw in rec:
        s, l = int(I.ps[p]), int(I.pl[p])
        key = (wk, P.supplier[s], l)
        if key not in po_ids:
            po_ids[key] = f"PO-{2400 + len(po_ids)}"
        od = cal.mon0 + 7 * wk - 3  # placed the Friday before the simulated week
        exp = od + int(P.lead[s]) + (14 if l == 3 else 0)
        rcv = cal.mon0 + 7 * rw - int(rng.integers(1, 5))  # lands in the days before the snapshot Monday
        received = rw >= 0 and rcv < cal.day0 + cal.ndays
        short = received and rng.random() < .06
        qr = int(qty * rng.uniform(.9, .99)) if short else qty
        uc = cost_of[s][0][1]
        for d, c in cost_of[s]:
            if d <= od:
                uc = c
        rows.append((po_ids[key], P.sku[s], P.supplier[s], I.locs[l], _ymd([od])[0], _ymd([exp])[0],
                     _ymd([rcv])[0] if received else "", str(qty), str(qr) if received else "", f"{uc / 100:.2f}"))
    _write(out / "opsdesk_purchase_orders.csv", _T_POS, list(zip(*rows)) if rows else [[] for _ in _T_POS])


def _write_3pl(out, cal, P, O, F, I, oid):
    s = np.where(F.shipped & (F.wh == TPL))[0]
    lab_day = F.label[s] // 86400
    mon = lab_day.astype("datetime64[D]").astype("datetime64[M]")
    months = np.unique(mon)
    now_day = cal.day0 + cal.ndays
    units = np.add.reduceat(O.l_qty, O.lstart)[s]
    rows = []
    box_cost = np.array([45, 60, 80, 105, 130, 160, 210])
    pk = np.where(F.box[s] < 0, 35, box_cost[np.maximum(F.box[s], 0)])
    peak = _peak_mask(cal, lab_day, tpl=True)
    tpl_pairs = I.pl == TPL
    vol_ft3 = P.vol[I.ps[tpl_pairs]] / 1728.0
    for mo in months:
        inv_day = (mo + 1).astype("datetime64[D]").astype(np.int64)
        if inv_day >= now_day:
            continue
        inv_id = f"HFC-{str(mo).replace('-', '')}"
        inv_date = _ymd([inv_day])[0]
        m = np.where(mon == mo)[0]
        for i in m.tolist():
            o = s[i]
            rows.append((inv_id, inv_date, TPL_PROVIDER, "3PL-Central", oid[o], "", "pick_pack", str(units[i]),
                         f"{(325 + 75 * (units[i] - 1)) / 100:.2f}"))
            rows.append((inv_id, inv_date, TPL_PROVIDER, "3PL-Central", oid[o], "", "packaging", "1",
                         f"{pk[i] / 100:.2f}"))
            if peak[i]:
                rows.append((inv_id, inv_date, TPL_PROVIDER, "3PL-Central", oid[o], "", "other", "1", "0.50"))
        d1 = mo.astype("datetime64[D]").astype(np.int64)
        wk = int(np.clip((d1 + 14 - cal.mon0) // 7, 0, cal.nweeks - 1))
        ft3 = float((I.snap_on[wk, tpl_pairs] * vol_ft3).sum())
        rows.append((inv_id, inv_date, TPL_PROVIDER, "3PL-Central", "", "", "storage", f"{ft3:.1f}",
                     f"{ft3 * .55:.2f}"))
    # receiving, per SKU and month
    rec = {}
    for wk, p, qty, lw, aw, rw in I.po_rows:
        if I.pl[p] != TPL or rw < 0:
            continue
        d = cal.mon0 + 7 * rw
        mo = np.datetime64(int(d), "D").astype("datetime64[M]")
        if (mo + 1).astype("datetime64[D]").astype(np.int64) >= now_day:
            continue
        key = (str(mo), P.sku[I.ps[p]])
        rec[key] = rec.get(key, 0) + qty
    for (mo, sk), q in sorted(rec.items()):
        inv_day = (np.datetime64(mo, "M") + 1).astype("datetime64[D]")
        rows.append((f"HFC-{mo.replace('-', '')}", str(inv_day), TPL_PROVIDER, "3PL-Central", "", sk, "receiving",
                     str(q), f"{q * .30:.2f}"))
    grp = {"pick_pack": 0, "packaging": 0, "other": 0, "storage": 1, "receiving": 2}
    rows.sort(key=lambda r: (r[0], grp[r[6]]))
    _write(out / "opsdesk_3pl_invoice.csv", _T_3PL, list(zip(*rows)) if rows else [[] for _ in _T_3PL])


def _write_adjustments(out, cal, P, F):
    s = np.where(F.shipped & ((F.adj_dim > 0) | (F.adj_addr > 0) | (F.adj_das > 0)))[0]
    scan_day = F.first_scan[s] // 86400
    inv_day = scan_day + (5 - (scan_day + 3) % 7) % 7 + 7  # the Saturday a week after pickup
    keep = inv_day < cal.day0 + cal.ndays
    s, inv_day = s[keep], inv_day[keep]
    order = np.lexsort((s, inv_day))
    s, inv_day = s[order], inv_day[order]
    rows = []
    pref = {UPS: "UPS-INV-", FEDEX: "FDX-"}
    for i, d in zip(s.tolist(), inv_day.tolist()):
        c = int(F.carrier[i])
        iid = pref[c] + _ymd([d])[0].replace("-", "")
        day = _ymd([d])[0]
        for typ, amt, bw in (("dim_weight", F.adj_dim[i], f"{F.billed[i]:g}"), ("address_correction", F.adj_addr[i], ""),
                             ("other", F.adj_das[i], "")):
            if amt > 0:
                rows.append((iid, CARRIERS[c], F.tracking[i], day, typ, f"{amt / 100:.2f}", bw))
    _write(out / "opsdesk_carrier_adjustments.csv", _T_ADJ, list(zip(*rows)) if rows else [[] for _ in _T_ADJ])


def _write_promotions(out, cal):
    rows = [(e["name"], e["start"].isoformat(), e["end"].isoformat(), e["kind"], e["channel"], "", e["category"],
             f"{e['rate']:g}") for e in cal.events]
    _write(out / "opsdesk_promotions.csv", _T_PROMOS, list(zip(*rows)))


def _write_csat(out, cal, O, F, oid, seed):
    rng = _rng(seed, "csat")
    p = np.select([O.ch == SHOPIFY, O.ch == AMAZON, O.ch == WALMART], [.12, .03, .05], .05)
    m = F.shipped & ~F.lost & (F.delivered < cal.now) & (rng.random(O.n) < p)
    m &= ~O.fba
    idx = np.where(m)[0]
    resp = F.delivered[idx] + rng.integers(86400, 6 * 86400, len(idx))
    keep = resp < cal.now
    idx, resp = idx[keep], resp[keep]
    order = np.argsort(resp, kind="stable")
    idx, resp = idx[order], resp[order]
    bad = F.damaged[idx] | F.mispick[idx]
    late = F.delivered[idx] // 86400 > F.promised_day[idx]
    u = rng.random(len(idx))
    good_p = np.cumsum([.03, .04, .08, .30, .55])
    late_p = np.cumsum([.08, .12, .25, .35, .20])
    bad_p = np.cumsum([.45, .30, .15, .07, .03])
    cdf = np.where(bad[:, None], bad_p, np.where(late[:, None], late_p, good_p))
    score = (u[:, None] > cdf).sum(axis=1) + 1
    score = np.minimum(score, 5)
    kind = np.where(bad & (score <= 3), "bad", np.where(late & (score <= 3), "late",
                                                        np.where(score >= 4, "good", "meh")))
    has = rng.random(len(idx)) < .4
    pick = rng.integers(0, 100, len(idx))
    com = [(_CSAT_COMMENTS[k][p_ % len(_CSAT_COMMENTS[k])] if h else "")
           for k, p_, h in zip(kind.tolist(), pick.tolist(), has.tolist())]
    cols = [[f"CS-{200001 + i}" for i in range(len(idx))], _ts_local(resp), [str(x) for x in score.tolist()],
            oid[idx].tolist(), _channel_names(O)[idx].tolist(), com]
    _write(out / "opsdesk_csat.csv", _T_CSAT, cols)


_OTHER_SUBJECTS = ("Return request", "Change my shipping address", "Wrong size received", "Cancel my order",
                   "Discount code not working", "Missing item in my package", "Invoice request")
_PRESALE_SUBJECTS = ("Question about sizing", "Do you ship to Canada?", "Restock date?", "Gift wrapping")
_AGENTS = ("Maya Lopez", "Sam Carter", "Priya Nair", "Tom Becker")


def _write_zendesk(out, cal, O, F, oid, seed):
    """Help desk tickets: "where is my order" contacts from late and lost packages (and a few impatient customers),
    other order questions and pre-sale questions; the order number in the subject, a tag or the order field."""
    rng = _rng(seed, "zendesk")
    now = cal.now
    own = O.ch == SHOPIFY
    late = F.shipped & (F.lost | (F.delivered // 86400 > F.promised_day))
    p_late = np.where(own, .45, .12)
    wismo_late = late & (rng.random(O.n) < p_late)
    impatient = F.shipped & ~late & (rng.random(O.n) < np.where(own, .025, .006))
    other = rng.random(O.n) < np.where(own, .035, .008)
    t_late = (F.promised_day + 1) * 86400 + rng.integers(8 * 3600, 3 * 86400, O.n)
    t_imp = F.label + rng.integers(86400, 4 * 86400, O.n)
    t_other = O.sec + rng.integers(3600, 10 * 86400, O.n)
    kinds, idx, created = [], [], []
    for name, m, t in (("late", wismo_late, t_late), ("impatient", impatient & ~wismo_late, t_imp),
                       ("other", other, t_other)):
        i = np.where(m & (t < now))[0]
        kinds += [name] * len(i)
        idx.append(i)
        created.append(t[i])
    idx, created, kinds = np.concatenate(idx), np.concatenate(created), np.array(kinds, dtype=object)
    n_pre = O.n // 20  # pre-sale questions, about one per 20 orders
    pre_t = cal.day0 * 86400 + rng.integers(0, cal.ndays * 86400, n_pre)
    idx = np.concatenate([idx, np.full(n_pre, -1)])
    created = np.concatenate([created, pre_t])
    kinds = np.concatenate([kinds, np.array(["presale"] * n_pre, dtype=object)])
    order = np.argsort(created, kind="stable")
    idx, created, kinds = idx[order], created[order], kinds[order]
    n = len(idx)
    # first reply: minutes, lognormal around 1.5 h, three times slower in the busiest weeks (Nov–Dec)
    month = created.astype("datetime64[s]").astype("datetime64[M]").astype(int) % 12
    slow = np.where(month >= 10, 3.0, 1.0)
    reply = np.round(rng.lognormal(np.log(90), .9, n) * slow).astype(np.int64)
    resolve = reply + np.round(rng.lognormal(np.log(16 * 60), .8, n) * slow).astype(np.int64)
    replied = created + reply * 60 < now
    solved = created + resolve * 60 < now - 86400
    status = np.where(solved, np.where(rng.random(n) < .8, "closed", "solved"),
                      np.where(replied, np.where(rng.random(n) < .5, "pending", "open"), "new"))
    bad_p = np.where(kinds == "late", .45, .12)
    u = rng.random(n)
    rating = np.where(~solved | (u < .55), "Not Offered",
                      np.where(u < .75, "Offered", np.where(rng.random(n) < bad_p, "Bad", "Good")))
    place = rng.random(n)  # where the order number is written
    ref = np.where(idx >= 0, oid[np.maximum(idx, 0)], "")
    bare = np.array([r.lstrip("#") for r in ref.tolist()], dtype=object)
    subject, tags, field = [], [], []
    pick = rng.integers(0, 1000, n)
    for k, r, b, p_, q in zip(kinds.tolist(), ref.tolist(), bare.tolist(), place.tolist(), pick.tolist()):
        tag = []
        if k in ("late", "impatient"):
            tag.append("wismo")
            text = ("Where is my order", "Order not arrived yet", "Tracking hasn't updated")[q % 3]
        elif k == "other":
            text = _OTHER_SUBJECTS[q % len(_OTHER_SUBJECTS)]
        else:
            text = _PRESALE_SUBJECTS[q % len(_PRESALE_SUBJECTS)]
            tag.append("presale")
        f = ""
        if r and p_ < .45:
            text = f"{text} - order {r}"
        elif r and p_ < .75:
            tag.append(f"order_{b}")
        elif r:
            f = b
        subject.append(text)
        tags.append(" ".join(tag))
        field.append(f)
    who = rng.integers(0, 10 ** 6, n)
    agent = np.array(_AGENTS, dtype=object)[rng.integers(0, len(_AGENTS), n)]
    ts = _ts_local(created)
    solved_ts = _mask_strings(_ts_local(created + resolve * 60), solved)
    empty = [""] * n
    minutes = [str(x) for x in reply.tolist()]
    cols = [
        [str(10001 + i) for i in range(n)], [f"Customer {w}" for w in who.tolist()], [str(w) for w in who.tolist()],
        empty, [f"customer{w}@example.com" for w in who.tolist()], ["example.com"] * n, [f"Customer {w}" for w in who.tolist()],
        agent.tolist(), ["Customer care"] * n, subject, tags, status.tolist(),
        np.where(kinds == "late", "high", "normal").tolist(),
        np.array(["Mail", "Web Form", "Chat"], dtype=object)[rng.integers(0, 3, n)].tolist(),
        np.where(kinds == "presale", "question", "problem").tolist(), ts,
        _ts_local(np.minimum(created + resolve * 60, now - 1)), ts, empty, empty, ts, solved_ts,
        _mask_strings([str(int(round(x / 60))) for x in resolve.tolist()], solved), rating.tolist(),
        ["1"] * n, ["1"] * n, ["0"] * n, ["1"] * n,
        _mask_strings(minutes, replied), _mask_strings(minutes, replied),
        _mask_strings([str(x) for x in resolve.tolist()], solved), _mask_strings([str(x) for x in resolve.tolist()], solved),
        _mask_strings([str(x) for x in resolve.tolist()], solved), _mask_strings([str(x) for x in resolve.tolist()], solved),
        ["0"] * n, ["0"] * n, _mask_strings(minutes, replied), _mask_strings(minutes, replied), ["0"] * n, ["0"] * n, field,
    ]
    _write(out / "zendesk_tickets.csv", _ZENDESK, cols)


DISPUTE_P = {"high": .45, "medium": .05, "low": .003, "lost_parcel": .40}  # story g


def _write_disputes(out, cal, O, F, oid, seed):
    """Story g: chargebacks on Shopify Payments orders: fraud on shipped high-risk orders, "not received" on lost
    parcels; resolved (mostly lost for fraud) once 75 days old, else still open."""
    rng = _rng(seed, "disputes")
    shop = (O.ch == SHOPIFY) & (O.alt == 0) & F.shipped & ~O.cancelled
    u = rng.random(O.n)
    fraud = shop & (u < np.select([O.risk == 2, O.risk == 1], [DISPUTE_P["high"], DISPUTE_P["medium"]], DISPUTE_P["low"]))
    pnr = shop & ~fraud & F.lost & (rng.random(O.n) < DISPUTE_P["lost_parcel"])
    idx = np.where(fraud | pnr)[0]
    opened = O.sec[idx] + rng.integers(12, 60, len(idx)) * 86400 + rng.integers(0, 86400, len(idx))
    keep = opened < cal.now
    idx, opened = idx[keep], opened[keep]
    order = np.argsort(opened, kind="stable")
    idx, opened = idx[order], opened[order]
    is_fraud = fraud[idx]
    age = (cal.now - opened) // 86400
    uo = rng.random(len(idx))
    status = np.where(age < 20, "needs_response", np.where(age < 75, "under_review", np.where(
        is_fraud, np.where(uo < .75, "lost", np.where(uo < .85, "accepted", "won")), np.where(uo < .5, "won", "lost"))))
    resolved = np.isin(status, ["won", "lost", "accepted"])
    res_sec = opened + rng.integers(30, 75, len(idx)) * 86400
    method = np.array(["card", "paypal", "shop_pay"], dtype=object)[O.pay[idx]]
    cols = [[f"DP-{300001 + i}" for i in range(len(idx))], oid[idx].tolist(), ["shopify"] * len(idx), _ts_local(opened),
            np.where(is_fraud, "fraudulent", "product_not_received").tolist(), _cents_str(O.total[idx]),
            ["USD"] * len(idx), ["15.00"] * len(idx), status.tolist(),
            [t if r else "" for t, r in zip(_ts_local(res_sec), resolved.tolist())], method.tolist()]
    _write(out / "opsdesk_disputes.csv", _T_DISPUTES, cols)


def _write_ads(out, cal, P, O, seed):
    rng = _rng(seed, "ads")
    lo = O.l_ord
    W = cal.nweeks
    wk = cal.week[O.day[lo]]
    rows = []
    for ch, pool, k in ((AMAZON, P.fba, 14), (SHOPIFY, np.ones(P.n, bool), 12)):
        m = O.ch[lo] == ch
        units = np.bincount(O.l_sku[m], weights=O.l_qty[m], minlength=P.n)
        units = np.where(pool, units, -1)
        top = list(np.argsort(-units, kind="stable")[:k])
        if ch == AMAZON:
            ci = [s for s in np.where(P.amz < 1)[0].tolist() if s not in top][:2]
            top = top[: k - len(ci)] + ci
        wsales = np.zeros((W, P.n))
        np.add.at(wsales, (wk[m], O.l_sku[m]), O.l_net[m])
        for s in sorted(int(x) for x in top):
            roas = rng.uniform(2.2, 3.0) if P.amz[s] < 1 else rng.uniform(3.0, 6.0)
            for w in range(1, W):
                sales = wsales[w, s]
                if sales <= 0:
                    continue
                attributed = sales * rng.uniform(.25, .45)
                spend = attributed / roas
                cpc = rng.uniform(.6, 1.4)
                clicks = max(1, int(spend / 100 / cpc))
                impr = int(clicks / rng.uniform(.004, .012))
                rows.append((_ymd([cal.mon0 + 7 * w])[0], P.sku[s], CHANNELS[ch], f"{spend / 100:.2f}", str(clicks),
                             str(impr), f"{attributed / 100:.2f}"))
    rows.sort(key=lambda r: (r[0], r[2], r[1]))
    _write(out / "opsdesk_ad_spend.csv", _T_ADS, list(zip(*rows)))
