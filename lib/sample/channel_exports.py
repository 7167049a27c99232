"""Writers of the marketplaces' own order exports from the simulated business: Shopify, Amazon (orders,
fulfilled shipments, FBA returns, settlement), Walmart, eBay, WooCommerce and Etsy.
"""
from __future__ import annotations

import csv
import zlib

import numpy as np

from .business import (AMAZON, BRAND, CARRIERS, CHANNELS, DHL, EBAY, REPORT_DAYS, SELLER_ID, SETTLEMENT_PERIODS,
                       SHOPIFY, WALMART, WAREHOUSES, _FIRST, _LAST, _REASONS, _REASON_CODES, _STATES, _STREETS)
from .dates import _busday, _ts_iso_utc, _ts_shopify, _utc
from .helpers import (_amz_money, _cents_str, _dt64, _mask_strings, _merge_masked, _rng, _seg_starts, _ts_local,
                      _unique_ids, _usd, _write, _ymd)
from .layouts import (_AMAZON_ORDERS, _AMAZON_RETURNS, _AMAZON_SETTLEMENT, _AMAZON_SHIPMENTS, _EBAY, _ETSY_ITEMS,
                      _ETSY_ORDERS, _SHOPIFY, _WALMART, _WOO)
from .simulate import ETSY_FEE, MORE_CHANNELS, _QUOTE, _b36


# ---------------------------------------------------------------- writers


def _names(O, idx):
    f = np.array(_FIRST, dtype=object)[O.first[idx]]
    l_ = np.array(_LAST, dtype=object)[O.last[idx]]
    return f, l_


def _street(O, idx):
    return [f"{n} {_STREETS[s]}" for n, s in zip(O.street_no[idx].tolist(), O.street[idx].tolist())]


def _csvq(vals) -> list[str]:
    """CSV-quote the values that need it (comma, quote, newline)."""
    out = []
    for v in vals:
        if "," in v or '"' in v or "\n" in v or "\r" in v:
            v = '"' + v.replace('"', '""') + '"'
        out.append(v)
    return out


def _row_format(header, spec) -> tuple[str, list]:
    """A %-template for a delimited row: constant columns are baked in, varying ones become %s."""
    parts, cols = [], []
    for h in header:
        v = spec.get(h, "")
        if isinstance(v, str):
            parts.append(v.replace("%", "%%"))
        else:
            parts.append("%s")
            cols.append(v)
    return ",".join(parts) + "\n", cols


def _write_shopify(path, cal, P, O, F, R, chunk=50000):
    oi = np.where((O.ch == SHOPIFY) & (O.alt == 0))[0]  # in order, as are their lines
    names = np.array([f"#{1001 + i}" for i in range(len(oi))], dtype=object)
    ids = 5_600_000_000_000 + np.cumsum(_rng(len(oi), "shopify-id").integers(900_000, 4_000_000, len(oi)))
    st_code = np.array([s[0] for s in _STATES], dtype=object)
    st_name = np.array([s[1] for s in _STATES], dtype=object)
    city_name = np.array([c[1][0] for c in O.cities], dtype=object)
    pay_name = np.array(["Shopify Payments", "PayPal Express Checkout", "Shop Pay Installments"], dtype=object)
    note_text = np.array(["", '"UTM source: google\nUTM medium: cpc\nUTM campaign: brand"',
                          "Please leave at the side door"], dtype=object)
    risk_name = np.array(["Low", "Medium", "High"], dtype=object)
    wh_name = np.array(WAREHOUSES, dtype=object)
    sku_name = np.array(_csvq(P.name.tolist()), dtype=object)
    sku_code = P.sku.astype(object)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        fh.write(",".join(_SHOPIFY) + "\n")
        for a in range(0, len(oi), chunk):
            o = oi[a:a + chunk]
            n = len(o)
            nm = names[a:a + chunk].tolist()
            first, last = _names(O, o)
            full = [f"{x} {y}" for x, y in zip(first.tolist(), last.tolist())]
            email = [f"{x[0].lower()}{y.lower()}{k}@example.com" for x, y, k in
                     zip(first.tolist(), last.tolist(), O.email_no[o].tolist())]
            created = _ts_shopify(cal, O.sec[o])
            later = O.sec[o] % 3 == 0  # payment captured a second after checkout
            paid = _merge_masked(created, _ts_shopify(cal, O.sec[o][later] + 1), later)
            fulfilled = F.shipped[o] & ~O.partial[o]
            status = np.where(O.cancelled[o] | ~F.shipped[o], "unfulfilled",
                              np.where(O.partial[o], "partial", "fulfilled"))
            refund = R.order_refund[o]
            fin = np.where(refund <= 0, "paid", np.where(refund >= O.total[o], "refunded", "partially_refunded"))
            method = np.where(O.expedited[o], "Expedited (2-Day)", np.where(O.ship[o] == 0, "Free Shipping",
                                                                            "Standard Shipping"))
            street = _street(O, o)
            city = city_name[O.city_i[o]].tolist()
            zips = ["'" + z for z in O.zip[o].tolist()]
            prov = st_code[O.state_i[o]].tolist()
            provn = st_name[O.state_i[o]].tolist()
            rate = O.tax_rate[o]
            taxname = [f"{p} State Tax {r * 100:.4g}%" if r > 0 else "" for p, r in zip(prov, rate.tolist())]
            bill = (O.pay[o] != 0) | (O.email_no[o] % 10 == 0)  # express checkouts collect no billing address
            nk = O.note_kind[o]
            spec = {
                "Name": nm, "Email": email, "Financial Status": fin.tolist(), "Paid at": paid,
                "Fulfillment Status": status.tolist(),
                "Fulfilled at": _merge_masked([""] * n, _ts_shopify(cal, F.label[o][fulfilled]), fulfilled),
                "Accepts Marketing": np.where(O.accepts[o], "yes", "no").tolist(), "Currency": "USD",
                "Subtotal": _cents_str(O.net[o]), "Shipping": _cents_str(O.ship[o]), "Taxes": _cents_str(O.tax[o]),
                "Total": _cents_str(O.total[o]), "Discount Code": O.code[o].tolist(),
                "Discount Amount": _cents_str(O.disc[o]), "Shipping Method": method.tolist(), "Created at": created,
                "Billing Name": full, "Billing Street": _mask_strings(street, bill),
                "Billing Address1": _mask_strings(street, bill), "Billing City": _mask_strings(city, bill),
                "Billing Zip": _mask_strings(zips, bill), "Billing Province": _mask_strings(prov, bill),
                "Billing Country": _mask_strings(["US"] * n, bill),
                "Shipping Name": full, "Shipping Street": street, "Shipping Address1": street, "Shipping City": city,
                "Shipping Zip": zips, "Shipping Province": prov, "Shipping Country": "US",
                "Notes": np.where(nk == 2, note_text[nk], "").tolist(),
                "Note Attributes": np.where(nk == 1, note_text[nk], "").tolist(),
                "Cancelled at": _merge_masked([""] * n, _ts_shopify(cal, O.cancel_sec[o][O.cancelled[o]]),
                                              O.cancelled[o]),
                "Payment Method": pay_name[O.pay[o]].tolist(), "Refunded Amount": _cents_str(refund),
                "Outstanding Balance": "0.00", "Location": wh_name[F.wh[o]].tolist(),
                "Id": [str(x) for x in ids[a:a + chunk].tolist()],
                "Tags": np.where(O.code[o] == "BFCM25", "BFCM", "").tolist(),
                "Risk Level": risk_name[O.risk[o]].tolist(), "Source": "web", "Tax 1 Name": taxname,
                "Tax 1 Value": _mask_strings(_cents_str(O.tax[o]), rate > 0),
                "Billing Province Name": _mask_strings(provn, bill), "Shipping Province Name": provn,
                "Payment ID": [f"{x}.1" for x in nm], "Payment References": [f"{x}.1" for x in nm],
            }
            # line items of these orders
            ls = _lines_of(O, o)
            rel = np.repeat(np.arange(n), O.nl[o])
            firstrow = O.l_no[ls] == 1
            lo = O.l_ord[ls]
            lfs = np.where(F.shipped[lo] & ~O.l_short[ls] & ~O.cancelled[lo], "fulfilled", "pending")
            sku = O.l_sku[ls]
            line = {
                "Lineitem quantity": O.l_qty[ls].astype(str).tolist(), "Lineitem name": sku_name[sku].tolist(),
                "Lineitem price": _cents_str(O.l_price[ls]),
                "Lineitem compare at price": _mask_strings(_cents_str(O.l_compare[ls]), O.l_compare[ls] > 0),
                "Lineitem sku": sku_code[sku].tolist(), "Lineitem requires shipping": "true",
                "Lineitem taxable": "true", "Lineitem fulfillment status": lfs.tolist(), "Vendor": BRAND,
                "Lineitem discount": _cents_str(O.l_disc[ls]),
            }
            fi = np.where(firstrow)[0]
            ci = np.where(~firstrow)[0]
            # first rows: order fields + their line fields
            spec1 = dict(spec)
            for k, v in line.items():
                spec1[k] = v if isinstance(v, str) else [v[i] for i in fi.tolist()]
            fmt1, cols1 = _row_format(_SHOPIFY, spec1)
            rows = np.empty(len(ls), dtype=object)
            rows[fi] = [fmt1 % t for t in zip(*cols1)]
            # continuation rows: Name, Email, Created at and the line fields only
            rc = rel[ci].tolist()
            spec2 = {"Name": [nm[r] for r in rc], "Email": [email[r] for r in rc],
                     "Created at": [created[r] for r in rc]}
            for k, v in line.items():
                spec2[k] = v if isinstance(v, str) else [v[i] for i in ci.tolist()]
            fmt2, cols2 = _row_format(_SHOPIFY, spec2)
            rows[ci] = [fmt2 % t for t in zip(*cols2)]
            fh.write("".join(rows.tolist()))
    return names, ids


def _write_amazon(out, cal, P, O, F, R, I, seed):
    rng = _rng(seed, "amazon")
    oi = np.where(O.ch == AMAZON)[0]
    n = len(oi)
    ids = _unique_ids(rng, n, 14)
    pre = rng.choice([111, 112, 113, 114], n)
    oid = np.array([f"{p}-{x // 10 ** 7:07d}-{x % 10 ** 7:07d}" for p, x in zip(pre.tolist(), ids.tolist())],
                   dtype=object)
    oid_of = np.full(O.n, "", dtype=object)
    oid_of[oi] = oid
    ls = np.where(O.ch[O.l_ord] == AMAZON)[0]
    lo = O.l_ord[ls]
    sku = O.l_sku[ls]
    item_code = _unique_ids(rng, len(ls), 14)
    now = cal.now
    fba = O.fba[lo]
    canc = O.cancelled[lo]
    shipped = np.where(fba, F.fba_shipped[lo], F.shipped[lo])
    status = np.where(canc, "Cancelled", np.where(shipped, "Shipped", "Pending"))
    istatus = np.where(canc, "Cancelled", np.where(shipped, "Shipped", "Unshipped"))
    ship_sec = np.where(fba, F.fba_ship[lo], F.first_scan[lo])
    upd = np.where(canc, O.cancel_sec[lo], np.where(shipped, np.minimum(ship_sec + 3600, now - 60), O.sec[lo] + 300))
    lvl_fba = np.array(["Standard", "Expedited", "SecondDay", "NextDay"], dtype=object)[O.fba_level[lo]]
    lvl = np.where(fba, lvl_fba, np.where(O.expedited[lo], "Expedited", "Standard"))
    first_line = O.l_no[ls] == 1
    shipprice = np.where(first_line, O.ship[lo], 0)
    city = [O.cities[c][1][0] for c in O.city_i[lo].tolist()]
    st = np.array([s[0] for s in _STATES], dtype=object)[O.state_i[lo]]
    title = [f"{BRAND} {P.fam[s]}, {P.colour[s]}" + (f", Size {P.size[s]}" if P.size[s] else "")
             for s in sku.tolist()]
    biz = rng.random(len(ls)) < .03
    price = O.l_gross[ls]
    cols = [
        oid_of[lo].tolist(), [""] * len(ls), _ts_iso_utc(cal, O.sec[lo]), _ts_iso_utc(cal, upd), status.tolist(),
        np.where(fba, "Amazon", "Merchant").tolist(), ["Amazon.com"] * len(ls), [""] * len(ls), [""] * len(ls),
        lvl.tolist(), title, P.sku[sku].tolist(), P.asin[sku].tolist(), istatus.tolist(),
        [str(q) for q in np.where(canc, 0, O.l_qty[ls]).tolist()], ["USD"] * len(ls),
        _mask_strings(_amz_money(price), ~canc), _mask_strings(_amz_money(O.l_tax[ls]), ~canc),
        _mask_strings(_amz_money(shipprice), ~canc), _mask_strings(_amz_money(np.zeros(len(ls))), ~canc),
        [""] * len(ls), [""] * len(ls),
        _mask_strings(_amz_money(-O.l_disc[ls]), ~canc), _mask_strings(_amz_money(np.zeros(len(ls))), ~canc),
        city, st.tolist(), O.zip[lo].tolist(), ["US"] * len(ls), O.l_promo_id[ls].tolist(),
        np.where(biz, "true", "false").tolist(), _mask_strings([f"PO-{x % 100000:05d}" for x in item_code.tolist()],
                                                              biz),
        np.where(biz, "BusinessPrice", "").tolist(),
    ]
    _write(out / "amazon_all_orders.txt", _AMAZON_ORDERS, cols, "\t")

    # --- fulfilled shipments (FBA)
    m = fba & F.fba_shipped[lo] & ~canc & (F.fba_ship[lo] >= cal.now - REPORT_DAYS * 86400)
    sl = ls[m]
    slo = lo[m]
    ssku = sku[m]
    nS = len(sl)
    shp_ids = _unique_ids(rng, O.n, 12)
    sid = ["D" + _b36(x, 8) for x in shp_ids[slo].tolist()]
    siid = ["D" + _b36(x, 8) for x in _unique_ids(rng, nS, 12).tolist()]
    fcar = F.fba_carrier[slo]
    tn_ids = _unique_ids(rng, O.n, 12)
    ups_ids = _unique_ids(rng, O.n, 8)
    trk = [f"TBA3{t}" if c == 0 else (f"1Z9A2R4303{u}" if c == 1 else f"9300110{t:015d}")
           for c, t, u in zip(fcar.tolist(), tn_ids[slo].tolist(), ups_ids[slo].tolist())]
    eta = [d + "T23:59:59+00:00" for d in _ymd(F.fba_eta_day[slo])]
    fship = F.fba_ship[slo]
    fb = np.where(m)[0]
    city_s = [city[i] for i in fb.tolist()]
    cols = [
        oid_of[slo].tolist(), [""] * nS, sid, siid, [str(x) for x in item_code[m].tolist()], [""] * nS,
        _ts_iso_utc(cal, O.sec[slo]), _ts_iso_utc(cal, O.sec[slo] + 40), _ts_iso_utc(cal, fship),
        _ts_iso_utc(cal, fship + 5400), [""] * nS, [""] * nS, [""] * nS, P.sku[ssku].tolist(),
        [title[i] for i in fb.tolist()], [str(q) for q in O.l_qty[sl].tolist()], ["USD"] * nS,
        _amz_money(O.l_gross[sl]), _amz_money(O.l_tax[sl]), _amz_money(np.zeros(nS)), _amz_money(np.zeros(nS)),
        [""] * nS, [""] * nS, lvl[m].tolist(), [""] * nS, [""] * nS, [""] * nS, [""] * nS, city_s, st[m].tolist(),
        O.zip[slo].tolist(), ["US"] * nS, [""] * nS, [""] * nS, [""] * nS, [""] * nS, [""] * nS, [""] * nS,
        [""] * nS, [""] * nS, _amz_money(-O.l_disc[sl]), _amz_money(np.zeros(nS)),
        np.array(["AMZN_US", "UPS", "USPS"], dtype=object)[fcar].tolist(), trk, eta, F.fc[slo].tolist(),
        ["AFN"] * nS, ["Amazon.com"] * nS,
    ]
    _write(out / "amazon_fulfilled_shipments.txt", _AMAZON_SHIPMENTS, cols, "\t")

    # --- FBA customer returns
    rm = R.fba
    rl = R.line[rm]
    rlo = O.l_ord[rl]
    rs = O.l_sku[rl]
    code = R.code[rm]
    disp = np.where(code == "damaged_in_transit", "CARRIER_DAMAGED",
                    np.where(code == "defective", "DEFECTIVE",
                             np.where(rng.random(len(rl)) < .8, "SELLABLE", "CUSTOMER_DAMAGED")))
    rstat = np.where(disp == "SELLABLE", "Unit returned to inventory", "Reimbursed")
    rstat = np.where(disp == "CUSTOMER_DAMAGED", "Unit returned to inventory", rstat)
    lpn = ["LPN" + _b36(x, 10) for x in _unique_ids(rng, len(rl), 15).tolist()]
    amz_reason = np.array([_REASONS[c][1] for c in _REASON_CODES], dtype=object)[R.reason[rm]]
    order_r = np.argsort(R.returned[rm], kind="stable")
    cols = [
        _ts_iso_utc(cal, R.returned[rm]), oid_of[rlo].tolist(), P.sku[rs].tolist(), P.asin[rs].tolist(),
        P.fnsku[rs].tolist(), [P.name[s] for s in rs.tolist()], [str(q) for q in R.qty[rm].tolist()],
        F.fc[rlo].tolist(), disp.tolist(), amz_reason.tolist(), rstat.tolist(), lpn, R.comment[rm].tolist(),
    ]
    cols = [[c[i] for i in order_r.tolist()] for c in cols]
    _write(out / "amazon_fba_returns.txt", _AMAZON_RETURNS, cols, "\t")

    # --- settlement V2
    _write_settlement(out, cal, P, O, F, R, I, rng, ls, lo, sku, item_code, oid_of, fba, canc, shipped, ship_sec,
                      shipprice)
    return oid_of


def _write_settlement(out, cal, P, O, F, R, I, rng, ls, lo, sku, item_code, oid_of, fba, canc, shipped, ship_sec,
                      shipprice):
    # periods: 14 days, starting on the first Tuesday on/after the start date
    t0 = cal.day0 + ((1 - (cal.day0 + 3) % 7) % 7)
    starts = np.arange(t0, cal.day0 + cal.ndays, 14) * 86400 + 8 * 3600  # UTC seconds
    ends = starts + 14 * 86400
    closed = ends <= _utc(cal, np.array([cal.now]))[0]
    starts, ends = starts[closed][-SETTLEMENT_PERIODS:], ends[closed][-SETTLEMENT_PERIODS:]
    K = len(starts)
    if K == 0:
        _write(out / "amazon_settlement.txt", _AMAZON_SETTLEMENT, [[] for _ in _AMAZON_SETTLEMENT], "\t")
        return
    sids = _unique_ids(rng, K, 11)
    rows_k, rows_t, rows_line, rows_type, rows_desc, rows_amt, rows_tx, rows_promo, rows_adj = ([] for _ in range(9))
    ok = shipped & ~canc
    post = ship_sec + np.where(fba, 0, 3600 * 2)
    li = np.arange(len(ls))
    comm_base = O.l_gross[ls] - O.l_disc[ls] + shipprice
    commission = -np.maximum(np.round(comm_base * P.referral[sku]), 30 * O.l_qty[ls]).astype(np.int64)
    comps = [
        ("ItemPrice", "Principal", O.l_gross[ls], ok),
        ("ItemPrice", "Shipping", shipprice, ok & (shipprice > 0)),
        ("Promotion", "Principal", -O.l_disc[ls], ok & (O.l_disc[ls] > 0)),
        ("ItemFees", "Commission", commission, ok),
        ("ItemFees", "FBAPerUnitFulfillmentFee", -P.fba_fee[sku] * O.l_qty[ls], ok & fba),
    ]
    for order_i, (t, d, amt, m) in enumerate(comps):
        rows_t.append(np.full(int(m.sum()), order_i))
        rows_line.append(li[m])
        rows_amt.append(np.asarray(amt)[m])
        rows_type.append(np.full(int(m.sum()), t, dtype=object))
        rows_desc.append(np.full(int(m.sum()), d, dtype=object))
        rows_tx.append(np.full(int(m.sum()), "Order", dtype=object))
        rows_k.append(post[m])
        rows_promo.append(np.where(t == "Promotion", O.l_promo_id[ls][m], ""))
        rows_adj.append(np.full(int(m.sum()), "", dtype=object))
    # refunds of Amazon returns (refund outcome)
    pos_of_line = -np.ones(O.L, np.int64)
    pos_of_line[ls] = li
    am = (O.ch[O.l_ord[R.line]] == AMAZON) & (R.outcome == 0)
    rli = pos_of_line[R.line[am]]
    rpost = np.where(R.fba[am], R.requested[am] + 2 * 86400, R.returned[am])
    unit = O.l_net[ls][rli] // O.l_qty[ls][rli]
    principal = -(unit * R.qty[am])
    rcomm = np.round(-commission[rli] * R.qty[am] / O.l_qty[ls][rli]).astype(np.int64)
    radmin = -np.minimum(np.round(rcomm * .2), 500).astype(np.int64)
    adj = _unique_ids(rng, int(am.sum()), 14)
    for order_i, (d, t, amt) in enumerate([("Principal", "ItemPrice", principal), ("Commission", "ItemFees", rcomm),
                                           ("RefundCommission", "ItemFees", radmin)]):
        rows_t.append(np.full(len(rli), 10 + order_i))
        rows_line.append(rli)
        rows_amt.append(amt)
        rows_type.append(np.full(len(rli), t, dtype=object))
        rows_desc.append(np.full(len(rli), d, dtype=object))
        rows_tx.append(np.full(len(rli), "Refund", dtype=object))
        rows_k.append(rpost)
        rows_promo.append(np.full(len(rli), "", dtype=object))
        rows_adj.append(np.array([str(x) for x in adj], dtype=object))
    # monthly subscription and FBA storage fees
    months = np.unique((np.arange(cal.day0, cal.day0 + cal.ndays)).astype("datetime64[D]").astype("datetime64[M]"))
    fba_pairs = I.pl == 3
    vol_ft3 = P.vol[I.ps[fba_pairs]] / 1728.0
    for mo in months:
        d1 = mo.astype("datetime64[D]").astype(np.int64)
        wk = int(np.clip((d1 - cal.mon0) // 7, 0, cal.nweeks - 1))
        units = I.snap_on[wk, fba_pairs]
        mnum = int(mo.astype(int) % 12) + 1
        rate_ft3 = 2.40 if mnum >= 10 else .78
        storage = -int(round((units * vol_ft3).sum() * rate_ft3 * 100))
        for desc, amt, day_off in (("Subscription Fee", -3999, 1), ("Storage Fee", storage, 8)):
            rows_t.append(np.array([20]))
            rows_line.append(np.array([-1]))
            rows_amt.append(np.array([amt]))
            rows_type.append(np.array(["other-transaction"], dtype=object))
            rows_desc.append(np.array([desc], dtype=object))
            rows_tx.append(np.array(["other-transaction"], dtype=object))
            rows_k.append(np.array([(d1 + day_off) * 86400 + 9 * 3600]))
            rows_promo.append(np.array([""], dtype=object))
            rows_adj.append(np.array([""], dtype=object))
    t_ = np.concatenate(rows_t)
    line = np.concatenate(rows_line)
    amt = np.concatenate(rows_amt).astype(np.int64)
    typ = np.concatenate(rows_type)
    desc = np.concatenate(rows_desc)
    tx = np.concatenate(rows_tx)
    psec = np.concatenate(rows_k).astype(np.int64)
    promo = np.concatenate(rows_promo)
    adjid = np.concatenate(rows_adj)
    psec = _utc(cal, psec)
    k = np.searchsorted(starts, psec, side="right") - 1
    keep = (k >= 0) & (psec < ends[np.clip(k, 0, K - 1)])
    order = np.lexsort((t_[keep], line[keep], psec[keep], k[keep]))
    sel = np.where(keep)[0][order]
    k = k[sel]
    totals = np.bincount(k, weights=amt[sel], minlength=K).astype(np.int64)
    utc_s = np.datetime_as_string(_dt64(psec[sel]), unit="s").tolist()
    pdt = [s.replace("T", " ") + " UTC" for s in utc_s]
    pdate = [f"{s[8:10]}/{s[5:7]}/{s[2:4]}" for s in utc_s]
    lsel = line[sel]
    has = lsel >= 0
    if len(ls):
        lsafe = np.where(has, lsel, 0)
        oids = _mask_strings(oid_of[lo[lsafe]].tolist(), has)
        skus = _mask_strings(P.sku[sku[lsafe]].tolist(), has)
        icode = _mask_strings([str(x) for x in item_code[lsafe].tolist()], has)
        qty = _mask_strings([str(x) for x in O.l_qty[ls][lsafe].tolist()], has)
        ful = _mask_strings(np.where(fba[lsafe], "AFN", "MFN").tolist(), has)
    else:  # no Amazon orders: only the monthly fees
        oids = skus = icode = qty = ful = [""] * len(sel)
    mkt = _mask_strings(["Amazon.com"] * len(sel), has)
    money = _amz_money(amt[sel])
    hdr_fmt = lambda s: np.datetime_as_string(_dt64(np.array([s])), unit="s")[0].replace("T", " ") + " UTC"
    with open(out / "amazon_settlement.txt", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(_AMAZON_SETTLEMENT)
        bounds = np.searchsorted(k, np.arange(K + 1))
        for j in range(K):
            sid = str(sids[j])
            w.writerow([sid, hdr_fmt(starts[j]), hdr_fmt(ends[j]), hdr_fmt(ends[j] + 2 * 86400),
                        _amz_money([totals[j]])[0], "USD"] + [""] * 18)
            rows = []
            for i in range(bounds[j], bounds[j + 1]):
                rows.append([sid, "", "", "", "", "", tx[sel[i]], oids[i], "", adjid[sel[i]], "", mkt[i],
                             typ[sel[i]], desc[sel[i]], money[i], ful[i], pdate[i], pdt[i], icode[i], "",
                             "", skus[i], qty[i], promo[sel[i]]])
            w.writerows(rows)


def _write_walmart(out, cal, P, O, F, R, seed):
    rng = _rng(seed, "walmart")
    oi = np.where(O.ch == WALMART)[0]
    po = _unique_ids(rng, len(oi), 13)
    co = _unique_ids(rng, len(oi), 15)
    po_of = np.full(O.n, "", dtype=object)
    po_of[oi] = [str(x) for x in po.tolist()]
    co_of = np.full(O.n, "", dtype=object)
    co_of[oi] = [str(x) for x in co.tolist()]
    ls = np.where(O.ch[O.l_ord] == WALMART)[0]
    lo = O.l_ord[ls]
    sku = O.l_sku[ls]
    n = len(ls)
    mdY = lambda days: [f"{s[5:7]}/{s[8:10]}/{s[0:4]}" for s in _ymd(days)]
    oday = O.sec[lo] // 86400
    shipby = _busday(oday + 1, 0, cal)
    first, last = _names(O, lo)
    full = [f"{x} {y}" for x, y in zip(first.tolist(), last.tolist())]
    street = _street(O, lo)
    city = [O.cities[c][1][0] for c in O.city_i[lo].tolist()]
    st = np.array([s[0] for s in _STATES], dtype=object)[O.state_i[lo]]
    addr = [f"{a}, {c}, {s} {z}" for a, c, s, z in zip(street, city, st.tolist(), O.zip[lo].tolist())]
    canc = O.cancelled[lo] | O.l_short[ls]
    shipped = F.shipped[lo] & ~canc
    delivered = shipped & (F.delivered[lo] < cal.now) & ~F.lost[lo]
    status = np.where(canc, "Cancelled", np.where(delivered, "Delivered", np.where(shipped, "Shipped",
                                                                                   "Acknowledged")))
    car = np.array(CARRIERS, dtype=object)[F.carrier[lo]]
    urls = {"UPS": "https://www.ups.com/track?tracknum=", "FedEx": "https://www.fedex.com/fedextrack/?trknbr=",
            "USPS": "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
            "DHL eCommerce": "https://webtrack.dhlecs.com/?trackingnumber="}
    trk = F.tracking[lo]
    cols = [
        po_of[lo].tolist(), co_of[lo].tolist(), mdY(oday), mdY(shipby), mdY(F.promised_day[lo]), full, addr,
        [""] * n, street, [""] * n, city, st.tolist(), O.zip[lo].tolist(), [""] * n, [""] * n,
        [str(x) for x in O.l_no[ls].tolist()], P.upc[sku].tolist(), status.tolist(), P.name[sku].tolist(),
        np.where(O.expedited[lo], "Express", "Standard").tolist(),
        np.where(O.expedited[lo], "2-Day", "Standard").tolist(), np.where(O.expedited[lo], "2", "3").tolist(),
        ["Seller"] * n, [str(q) for q in O.l_qty[ls].tolist()], P.sku[sku].tolist(), _cents_str(O.l_net[ls]),
        _cents_str(np.where(O.l_no[ls] == 1, O.ship[lo], 0)), _cents_str(O.l_tax[ls]), [""] * n, [""] * n,
        _mask_strings(car.tolist(), shipped), _mask_strings(trk.tolist(), shipped),
        _mask_strings([urls[c] + t for c, t in zip(car.tolist(), trk.tolist())], shipped),
        [f"AO-W{100000 + i}" for i in np.searchsorted(oi, lo).tolist()], ["Seller Fulfilled"] * n, ["N"] * n,
        [""] * n,
    ]
    _write(out / "walmart_orders.csv", _WALMART, cols)
    return po_of


def _write_ebay(out, cal, P, O, F, R, seed):
    rng = _rng(seed, "ebay")
    oi = np.where(O.ch == EBAY)[0]
    n = len(oi)
    on = _unique_ids(rng, n, 12)
    onum = np.full(O.n, "", dtype=object)
    onum[oi] = [f"{x // 10 ** 10:02d}-{x // 10 ** 5 % 10 ** 5:05d}-{x % 10 ** 5:05d}" for x in on.tolist()]
    rec = np.full(O.n, 0)
    rec[oi] = 10001 + np.arange(n)
    ls = np.where(O.ch[O.l_ord] == EBAY)[0]
    txn = _unique_ids(rng, len(ls), 13)
    ebd = lambda days: [np.datetime64(int(d), "D").item().strftime("%b-%d-%y") for d in np.asarray(days).tolist()]
    oday = O.sec[oi] // 86400
    shipby = _busday(oday + 1, 0, cal)
    zone = F.zone[oi]
    quote = np.where(O.expedited[oi], 2, _QUOTE[zone])
    est_min = _busday(shipby, quote - 1, cal)
    est_max = _busday(shipby, quote + 1, cal)
    first, last = _names(O, oi)
    full = [f"{x} {y}" for x, y in zip(first.tolist(), last.tolist())]
    user = [f"{x.lower()}_{y.lower()}{k % 100}" for x, y, k in zip(first.tolist(), last.tolist(), O.email_no[oi])]
    email = [f"{_b36((i * 7919 + k) * 2654435761 % 36 ** 10, 10).lower()}@members.ebay.com"
             for i, k in enumerate(O.email_no[oi].tolist())]
    street = _street(O, oi)
    city = [O.cities[c][1][0] for c in O.city_i[oi].tolist()]
    st = np.array([s[0] for s in _STATES], dtype=object)[O.state_i[oi]].tolist()
    shipped = F.shipped[oi]
    bad = (F.damaged[oi] | F.mispick[oi]) & shipped
    late = shipped & (F.delivered[oi] // 86400 > F.promised_day[oi])
    uf = rng.random(n)
    fb = np.where(shipped & (uf < .35), np.where(bad & (uf < .25), "Negative", np.where(late & (uf < .08),
                                                                                         "Neutral", "Positive")), "")
    svc = [f"{CARRIERS[c]} {s}" if c != DHL else f"DHL {s}" for c, s in zip(F.carrier[oi].tolist(),
                                                                           F.service[oi].tolist())]
    sale = ebd(oday)
    order_vals = {
        "Sales Record Number": [str(x) for x in rec[oi].tolist()], "Order Number": onum[oi].tolist(),
        "Buyer Username": user, "Buyer Name": full, "Buyer Email": email, "Ship To Name": full,
        "Ship To Address 1": street, "Ship To City": city, "Ship To State": st, "Ship To Zip": O.zip[oi].tolist(),
        "Ship To Country": ["United States"] * n, "Shipping And Handling": _usd(O.ship[oi]),
        "Seller Collected Tax": ["$0.00"] * n, "eBay Collected Tax": _usd(O.tax[oi]),
        "Total Price": _usd(O.total[oi]), "eBay Collected Tax Included in Total": ["Yes"] * n,
        "Payment Method": ["Managed payments"] * n, "Sale Date": sale, "Paid On Date": sale,
        "Ship By Date": ebd(shipby), "Minimum Estimated Delivery Date": ebd(est_min),
        "Maximum Estimated Delivery Date": ebd(est_max),
        "Shipped On Date": _mask_strings(ebd(F.first_scan[oi] // 86400), shipped & (F.first_scan[oi] < cal.now)),
        "Feedback Left": np.where(fb != "", "Positive", "").tolist(), "Feedback Received": fb.tolist(),
        "Shipping Service": svc, "Tracking Number": _mask_strings(F.tracking[oi].tolist(), shipped),
        "Global Shipping Program": ["No"] * n, "Click And Collect": ["No"] * n, "eBay Plus": ["No"] * n,
        "Quantity": [str(x) for x in np.add.reduceat(O.l_qty, O.lstart)[oi].tolist()],
    }
    item_keys = ("Item Number", "Item Title", "Custom Label", "Sold Via Promoted Listings", "Quantity", "Sold For",
                 "Transaction ID", "Variation Details")
    promoted = rng.random(len(ls)) < .2
    sk = O.l_sku[ls]
    var = [("[Size:" + P.size[s] + ",Color:" + P.colour[s] + "]") if P.size[s] else f"[Color:{P.colour[s]}]"
           for s in sk.tolist()]
    line_vals = {
        "Item Number": P.ebay_item[sk].tolist(), "Item Title": [f"{BRAND} {P.fam[s]}" for s in sk.tolist()],
        "Custom Label": P.sku[sk].tolist(), "Sold Via Promoted Listings": np.where(promoted, "Yes", "No").tolist(),
        "Quantity": [str(x) for x in O.l_qty[ls].tolist()], "Sold For": _usd(O.l_price[ls]),
        "Transaction ID": [str(x) for x in txn.tolist()], "Variation Details": var,
    }
    rows = []
    j = 0
    for i, o in enumerate(oi.tolist()):
        k = O.nl[o]
        if k == 1:
            rows.append([line_vals[h][j] if h in item_keys else (order_vals[h][i] if h in order_vals else "")
                         for h in _EBAY])
        else:
            rows.append([order_vals[h][i] if (h in order_vals and h not in item_keys[:4] + item_keys[5:]) else ""
                         for h in _EBAY])
            for jj in range(j, j + k):
                keep = ("Sales Record Number", "Order Number", "Sale Date", "Paid On Date")
                rows.append([line_vals[h][jj] if h in item_keys else (order_vals[h][i] if h in keep else "")
                             for h in _EBAY])
        j += k
    with open(out / "ebay_orders.csv", "w", newline="", encoding="utf-8") as fh:
        fh.write("\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(_EBAY)
        w.writerows(rows)
        fh.write("\n")
        fh.write(f"{len(rows)} record(s) downloaded\n")
        fh.write(f"Seller ID : {SELLER_ID}\n")
    return onum


def _channel_names(O) -> np.ndarray:
    """Each order's channel as the templates write it."""
    names = np.array(CHANNELS + MORE_CHANNELS, dtype=object)
    return names[np.where(O.alt > 0, len(CHANNELS) - 1 + O.alt, O.ch)]


def _lines_of(O, o) -> np.ndarray:
    """The line indices of orders `o` (ascending), in order."""
    nl = O.nl[o]
    return np.repeat(O.lstart[o], nl) + np.arange(int(nl.sum())) - np.repeat(_seg_starts(nl), nl)


def _refunded_units(O, R) -> np.ndarray:
    """Units refunded per line: refunded returns and short-shipped lines (what a platform that refunds by line
    item takes out of the line's quantity). Cancellations and lost parcels are refunded as amounts."""
    units = np.bincount(R.line[R.refund > 0], weights=R.qty[R.refund > 0], minlength=O.L).astype(np.int64)
    units = np.where(O.l_short, O.l_qty, units)
    units = np.where(O.cancelled[O.l_ord], 0, units)
    return np.minimum(units, O.l_qty)


def _money(c) -> list[str]:
    return [f"{x / 100:.2f}" for x in np.asarray(c).tolist()]


def _write_woocommerce(out, cal, P, O, F, R, seed):
    """WooCommerce → Export Orders (Advanced Order Export, default profile): one row per product with the order's
    columns on every row, amounts without tax, Item Cost after coupons, only the kept units (`Quantity (- Refund)`),
    no Currency field (a USD store: the workspace's reporting currency)."""
    rng = _rng(seed, "woocommerce")
    oi = np.where(O.alt == 1)[0]
    n = len(oi)
    # WordPress post ids: increasing, with gaps, and above every Shopify order name (#1001…) so that a help-desk
    # ticket's "#1234" names one order (20001… at the committed sample's size)
    num = 2 * 10 ** len(str(O.n + 1001)) + np.cumsum(rng.integers(1, 4, n))
    onum = np.array([str(x) for x in num.tolist()], dtype=object)
    refund = R.order_refund[oi]
    done = F.shipped[oi]
    status = np.where(O.cancelled[oi], "Cancelled", np.where(refund >= O.total[oi], "Refunded",
                                                             np.where(done, "Completed", "Processing")))
    refund = np.where(O.cancelled[oi], 0, refund)  # cancelled before capture: nothing was charged
    first, last = _names(O, oi)
    email = [f"{x.lower()}.{y.lower()}{k}@example.com" for x, y, k in
             zip(first.tolist(), last.tolist(), O.email_no[oi].tolist())]
    street = _street(O, oi)
    city = [O.cities[c][1][0] for c in O.city_i[oi].tolist()]
    st = np.array([x[0] for x in _STATES], dtype=object)[O.state_i[oi]].tolist()
    method = np.where(O.expedited[oi], "Expedited (2-Day)", np.where(O.ship[oi] == 0, "Free shipping", "Flat rate"))
    pay = np.array(["Credit Card (Stripe)", "PayPal", "Credit Card (Stripe)"], dtype=object)[O.pay[oi]]
    note = np.where(O.note_kind[oi] == 2, "Please leave at the side door", "")
    order_vals = {
        "Order Number": onum.tolist(), "Order Status": status.tolist(),
        "Order Date": [t[:16] for t in _ts_local(O.sec[oi])], "Customer Note": note.tolist(),
        "First Name (Billing)": first.tolist(), "Last Name (Billing)": last.tolist(),
        "Address 1&2 (Billing)": street, "City (Billing)": city, "State Code (Billing)": st,
        "Postcode (Billing)": O.zip[oi].tolist(), "Country Code (Billing)": ["US"] * n, "Email (Billing)": email,
        "First Name (Shipping)": first.tolist(), "Last Name (Shipping)": last.tolist(),
        "Address 1&2 (Shipping)": street, "City (Shipping)": city, "State Code (Shipping)": st,
        "Postcode (Shipping)": O.zip[oi].tolist(), "Country Code (Shipping)": ["US"] * n,
        "Payment Method Title": pay.tolist(), "Cart Discount Amount": _money(O.disc[oi]),
        "Order Subtotal Amount": _money(O.gross[oi]), "Shipping Method Title": method.tolist(),
        "Order Shipping Amount": _money(O.ship[oi]), "Order Refund Amount": _money(refund),
        "Order Total Amount": _money(O.total[oi]), "Order Total Tax Amount": _money(O.tax[oi]),
    }
    ls = _lines_of(O, oi)
    rel = np.repeat(np.arange(n), O.nl[oi])
    kept = O.l_qty[ls] - _refunded_units(O, R)[ls]
    first_row = O.l_no[ls] == 1
    code = O.code[oi][rel]
    disc = O.disc[oi][rel]
    line_vals = {
        "SKU": P.sku[O.l_sku[ls]].tolist(), "Item #": [str(x) for x in O.l_no[ls].tolist()],
        "Item Name": P.name[O.l_sku[ls]].tolist(), "Quantity (- Refund)": [str(x) for x in kept.tolist()],
        "Item Cost": _money(np.round(O.l_net[ls] / O.l_qty[ls])),  # the plugin's get_item_total, rounded
        "Coupon Code": _mask_strings([c.lower() for c in code.tolist()], first_row & (code != "")),
        "Discount Amount": _mask_strings(_money(disc), first_row & (code != "")),
        "Discount Amount Tax": _mask_strings(_money(np.round(disc * O.tax_rate[oi][rel])), first_row & (code != "")),
    }
    cols = [line_vals[h] if h in line_vals else
            ([order_vals[h][r] for r in rel.tolist()] if h in order_vals else [""] * len(ls)) for h in _WOO]
    _write(out / "woocommerce_orders.csv", _WOO, cols)
    return onum


def _write_etsy(out, cal, P, O, F, R, seed):
    """Etsy Download Data: EtsySoldOrders (one row per order: totals, status, card processing fees, net) and
    EtsySoldOrderItems (one row per transaction, order amounts repeated). A US shop in USD: Etsy collects the sales
    tax on top of the prices and remits it (Order Net = Order Total − Sales Tax − Card Processing Fees); a refund
    states the Adjusted columns, a full refund or a cancellation the status."""
    rng = _rng(seed, "etsy")
    oi = np.where(O.alt == 2)[0]
    n = len(oi)
    oid = _unique_ids(rng, n, 10)
    oid = np.sort(oid)  # receipt ids grow with time, as the orders are sorted
    onum = np.array([str(x) for x in oid.tolist()], dtype=object)
    etd = lambda days: [np.datetime64(int(d), "D").item().strftime("%m/%d/%y") for d in np.asarray(days).tolist()]
    sale = etd(O.sec[oi] // 86400)
    shipped = F.shipped[oi]
    shipped_on = _mask_strings(etd(F.label[oi] // 86400), shipped)
    total, tax = O.total[oi], O.tax[oi]
    refund = R.order_refund[oi]
    full = O.cancelled[oi] | (refund >= total)
    partial = (refund > 0) & ~full
    rate, fixed = ETSY_FEE
    fee = np.round(total * rate).astype(np.int64) + fixed
    adj_total = np.where(partial, total - refund, 0)
    adj_fee = np.where(partial, np.round(adj_total * rate).astype(np.int64) + fixed, 0)
    net = total - tax - fee
    adj_net = np.where(partial, adj_total - np.round(tax * adj_total / np.maximum(total, 1)).astype(np.int64)
                       - adj_fee, 0)
    status = np.where(O.cancelled[oi], "Canceled", np.where(full, "Fully refunded",
                                                            np.where(shipped, "Completed", "Open")))
    first, last = _names(O, oi)
    fulln = [f"{x} {y}" for x, y in zip(first.tolist(), last.tolist())]
    buyer = [f"{x.lower()}{y.lower()[:3]}{k}" for x, y, k in zip(first.tolist(), last.tolist(),
                                                                  O.email_no[oi].tolist())]
    buyer_id = (O.first[oi] * 1_000_003 + O.last[oi] * 7919 + O.email_no[oi]) % 900_000_000 + 100_000_000
    street = _street(O, oi)
    city = [O.cities[c][1][0] for c in O.city_i[oi].tolist()]
    st = np.array([x[0] for x in _STATES], dtype=object)[O.state_i[oi]].tolist()
    code = O.code[oi]
    rates = {e["code"]: e["rate"] for e in cal.events if e["code"]}
    rates["WELCOME10"] = .10
    details = [f"{round(rates[c] * 100)}% off" if c else "" for c in code.tolist()]
    units = np.add.reduceat(O.l_qty, O.lstart)[oi]
    ls = _lines_of(O, oi)
    rel = np.repeat(np.arange(n), O.nl[oi])
    pay = np.where(O.pay[oi] == 1, "PayPal", "Credit Card")
    order_vals = {
        "Sale Date": sale, "Order ID": onum.tolist(), "Buyer User ID": [str(x) for x in buyer_id.tolist()],
        "Full Name": fulln, "First Name": first.tolist(), "Last Name": last.tolist(),
        "Number of Items": [str(x) for x in units.tolist()], "Payment Method": pay.tolist(),
        "Date Shipped": shipped_on, "Street 1": street, "Ship City": city, "Ship State": st,
        "Ship Zipcode": O.zip[oi].tolist(), "Ship Country": ["United States"] * n, "Currency": ["USD"] * n,
        "Order Value": _money(O.gross[oi]), "Coupon Code": code.tolist(), "Coupon Details": details,
        "Discount Amount": _money(O.disc[oi]), "Shipping Discount": ["0.00"] * n, "Shipping": _money(O.ship[oi]),
        "Sales Tax": _money(tax), "Order Total": _money(total), "Status": status.tolist(),
        "Card Processing Fees": _money(fee), "Order Net": _money(net), "Adjusted Order Total": _money(adj_total),
        "Adjusted Card Processing Fees": _money(adj_fee), "Adjusted Net Order Amount": _money(adj_net),
        "Buyer": buyer, "Order Type": ["online"] * n, "Payment Type": ["online_cc"] * n,
        "SKU": [",".join(P.sku[O.l_sku[_lines_of(O, oi[i:i + 1])]].tolist()) for i in range(n)],
    }
    _write(out / "EtsySoldOrders.csv", _ETSY_ORDERS,
           [order_vals.get(h, [""] * n) for h in _ETSY_ORDERS])
    sk = O.l_sku[ls]
    txn = np.sort(_unique_ids(rng, len(ls), 10))
    listing = 1_000_000_000 + (np.array([zlib.crc32(f.encode()) for f in P.fam.tolist()], dtype=np.int64)
                               % 900_000_000)  # one listing per family, its sizes and colours as variations
    var = [f"Size: {P.size[s]}, Color: {P.colour[s]}" if P.size[s] else f"Color: {P.colour[s]}" for s in sk.tolist()]
    at = lambda k: [order_vals[k][r] for r in rel.tolist()]
    item_vals = {
        "Sale Date": at("Sale Date"), "Item Name": P.name[sk].tolist(), "Buyer": at("Buyer"),
        "Quantity": [str(x) for x in O.l_qty[ls].tolist()], "Price": _money(O.l_price[ls]),
        "Coupon Code": at("Coupon Code"), "Coupon Details": at("Coupon Details"),
        "Discount Amount": at("Discount Amount"), "Shipping Discount": at("Shipping Discount"),
        "Order Shipping": at("Shipping"), "Order Sales Tax": at("Sales Tax"), "Item Total": _money(O.l_gross[ls]),
        "Currency": at("Currency"), "Transaction ID": [str(x) for x in txn.tolist()],
        "Listing ID": [str(x) for x in listing[sk].tolist()],
        "Date Paid": at("Sale Date"), "Date Shipped": at("Date Shipped"), "Ship Name": at("Full Name"),
        "Ship Address1": at("Street 1"), "Ship City": at("Ship City"), "Ship State": at("Ship State"),
        "Ship Zipcode": at("Ship Zipcode"), "Ship Country": at("Ship Country"), "Order ID": at("Order ID"),
        "Variations": var, "Order Type": at("Order Type"), "Listings Type": ["listing"] * len(ls),
        "Payment Type": at("Payment Type"), "SKU": P.sku[sk].tolist(),
    }
    _write(out / "EtsySoldOrderItems.csv", _ETSY_ITEMS, [item_vals.get(h, [""] * len(ls)) for h in _ETSY_ITEMS])
    return onum
