"""The simulator: the catalog, orders (with repeat customers and the extra channels of the run path), fulfilment,
returns, inventory and purchase orders, as column arrays (SimpleNamespace of numpy arrays).  It writes no file:
the writers turn its arrays into exports.
"""
from __future__ import annotations

import math
from types import SimpleNamespace as NS

import numpy as np

from .business import (AMAZON, CATEGORIES, CHANNEL_SHARE, DHL, DIM_DIVISOR, EBAY, FBA_SHARE, FEDEX, INVENTORY_WEEKS,
                       SHOPIFY, TPL, UPS, USPS, WALMART, WH_COORD, _COLOUR_CODE, _COST_RATIO, _DUTY, _FAMILIES,
                       _FC_BY_STATE, _FIRST, _HOUR, _LAST, _MOQ, _REASONS, _REASON_CODES, _REASON_MIX, _RETURN_BASE,
                       _SEASON, _STATES, _STREETS, _SUPPLIERS, _TRAIL_SMALL)
from .dates import _busday, _day_multipliers
from .helpers import _choice_idx, _rng, _seg_starts, _unique_ids


# ---------------------------------------------------------------- catalog


def _catalog(seed: int, cal) -> NS:
    rng = _rng(seed, "catalog")
    rows = []
    for fi, (code, cat, sub, fam, (sizes, sw), cols, price, wt, dims, sup, pop, season, (fba, wm, eb), ex) in \
            enumerate(_FAMILIES):
        for ci, col in enumerate(cols):
            for si, size in enumerate(sizes):
                p = price[si] if isinstance(price, tuple) else price
                w = wt[si] if isinstance(wt, tuple) else wt
                dm = dims[si] if isinstance(dims[0], tuple) else dims
                szc = (size.zfill(2) if size.isdigit() else
                       size.upper().replace(" ", "").replace("/", "").replace("REGULAR", "REG").replace("LONG", "LNG"))
                sku = f"{code}-{_COLOUR_CODE[col]}" + (f"-{szc}" if size else "")
                name = f"{fam} - {col}" + (f" / {size}" if size else "")
                launch = ex.get("launch", 0)
                disc = ex.get("discontinue")
                end = disc[1] if disc and disc[0] == col else 10 ** 6
                rows.append(dict(
                    sku=sku, name=name, fam_i=fi, code=code, cat=cat, sub=sub, fam=fam, size=size, colour=col,
                    price=int(round(p * 100)), weight=w, dims=dm, supplier=sup, lead=_SUPPLIERS[sup][0],
                    country=_SUPPLIERS[sup][1], pop=pop * sw[si] * (0.72 ** ci), season=season, fba=bool(fba),
                    walmart=bool(wm), ebay=bool(eb), launch=launch, end=end, amz=ex.get("amazon_price", 1.0),
                    fragile=ex.get("fragile", False), multi=ex.get("multi", False)))
    S = len(rows)
    P = NS(n=S, rows=rows)
    for k in rows[0]:
        setattr(P, k, np.array([r[k] for r in rows], dtype=object if k in ("dims",) else None))
    P.dims = np.array([r["dims"] for r in rows], dtype=float)
    P.vol = P.dims.prod(axis=1)
    P.cat_i = np.array([CATEGORIES.index(c) for c in P.cat])
    P.fam_n = len(_FAMILIES)
    # popularity rank -> which warehouses stock the SKU
    rank = np.argsort(np.argsort(-P.pop, kind="stable"), kind="stable")
    P.stocked = np.stack([np.ones(S, bool), rank < int(.6 * S), rank < int(.3 * S)])
    P.rank = rank
    # cost basis
    ratio = np.array([_COST_RATIO[c] for c in P.cat]) * rng.uniform(.92, 1.08, S)
    ratio[P.amz < 1] = rng.uniform(.37, .40, int((P.amz < 1).sum()))  # cast iron: heavy, thin margin
    P.unit_cost = np.round(P.price * ratio).astype(np.int64)
    P.freight = np.round((0.30 * P.weight + 0.15) * 100).astype(np.int64)
    P.duty = np.array([_DUTY[c] for c in P.cat])
    P.moq = np.array([_MOQ[c][0] for c in P.cat]) * np.where(P.amz < 1, 2, 1)
    P.case_pack = np.array([_MOQ[c][1] for c in P.cat])
    # identifiers
    P.asin = np.array(["B0" + _b36(x, 8) for x in _unique_ids(rng, S, 12)])
    P.fnsku = np.array(["X00" + _b36(x, 7) for x in _unique_ids(rng, S, 10)])
    upc = _unique_ids(rng, S, 11)
    P.upc = np.array([_upc(f"{u:011d}") for u in upc])
    fam_item = _unique_ids(rng, len(_FAMILIES), 12)
    P.ebay_item = np.array([str(fam_item[i]) for i in P.fam_i])
    P.tier = np.array([_size_tier(w, d) for w, d in zip(P.weight, P.dims)])
    P.fba_fee = np.array([_fba_fee(t, w) for t, w in zip(P.tier, P.weight)])
    P.referral = np.where(P.cat_i == 0, .17, .15)
    # availability windows (days): launch, discontinuation and planted stockouts
    P.window = np.full((S, 2), -1)
    return P


def _b36(x: int, width: int) -> str:
    chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    s = ""
    x = int(x)
    for _ in range(width):
        s = chars[x % 36] + s
        x //= 36
    return s


def _upc(body11: str) -> str:
    d = [int(c) for c in body11]
    chk = (10 - (3 * sum(d[0::2]) + sum(d[1::2])) % 10) % 10
    return body11 + str(chk)


def _size_tier(w, dims) -> str:
    L, W, H = sorted(dims, reverse=True)
    if w <= 1 and L <= 15 and W <= 12 and H <= .75:
        return "Small standard"
    if w <= 20 and L <= 18 and W <= 14 and H <= 8:
        return "Large standard"
    return "Large bulky"


def _fba_fee(tier, w) -> int:
    """US FBA per-unit fulfilment fee (2024 schedule, simplified), cents."""
    if tier == "Small standard":
        f = 3.06 + 0.27 * min(3, max(0, math.ceil(w * 4) - 1))
    elif tier == "Large standard":
        if w <= 1:
            f = 3.68 + 0.87 * w
        elif w <= 3:
            f = 4.55 + 0.60 * (w - 1)
        else:
            f = 6.92 + 0.32 * (w - 3)
    else:
        f = 9.61 + 0.38 * max(0, w - 1)
    return int(round(f * 100))


# ---------------------------------------------------------------- orders


def _orders(seed: int, cal, P, n_orders: int, shopify_only: bool) -> NS:
    rng = _rng(seed, "orders")
    mult = _day_multipliers(cal)
    share = (1.0, 0, 0, 0) if shopify_only else CHANNEL_SHARE
    raw = np.array(share) * n_orders
    counts = np.floor(raw).astype(int)
    counts[np.argsort(-(raw - counts), kind="stable")[: n_orders - counts.sum()]] += 1
    chs, days = [], []
    for c in range(4):
        p = mult[c] / mult[c].sum()
        chs.append(np.full(counts[c], c, np.int8))
        days.append(rng.choice(cal.ndays, size=counts[c], p=p))
    ch = np.concatenate(chs)
    day = np.concatenate(days)
    hour = _choice_idx(rng, len(ch), _HOUR)
    tod = hour * 3600 + rng.integers(0, 3600, len(ch))
    sec = (cal.day0 + day).astype(np.int64) * 86400 + tod
    o = np.lexsort((sec, ch))
    ch, day, sec = ch[o], day[o], sec[o]
    N = len(ch)
    O = NS(n=N, ch=ch, day=day, sec=sec)
    # events active per day
    prime = np.zeros(cal.ndays, bool)
    amz_promo = np.full(cal.ndays, -1)
    shop_promo = np.full(cal.ndays, -1)
    bfcm = np.zeros(cal.ndays, bool)
    for i, e in enumerate(cal.events):
        a, b = (e["start"] - cal.start).days, (e["end"] - cal.start).days + 1
        if e["name"].startswith("Prime Day"):
            prime[a:b] = True
        if e["promo_id"]:
            amz_promo[a:b] = i
        if e["code"]:
            shop_promo[a:b] = i
        if e["name"].startswith("Black Friday"):
            bfcm[a:b] = True
    O.bfcm_day = bfcm
    is_amz = ch == AMAZON
    O.fba = is_amz & (rng.random(N) < np.where(prime[day], .8, FBA_SHARE - .01))
    # expedited / service level
    u = rng.random(N)
    O.expedited = np.select([ch == SHOPIFY, is_amz & ~O.fba, ch == WALMART, ch == EBAY],
                            [u < .08, u < .10, u < .06, u < .05], False)
    O.fba_level = np.where(u < .45, 0, np.where(u < .80, 1, np.where(u < .95, 2, 3)))  # Std/Exp/2nd/Next
    # customer and address
    cities = [(si, c) for si, s in enumerate(_STATES) for c in s[4]]
    cw = np.array([_STATES[si][3] / len(_STATES[si][4]) for si, _ in cities])
    ci = _choice_idx(rng, N, cw)
    O.city_i = ci
    O.state_i = np.array([cities[i][0] for i in range(len(cities))])[ci]
    O.city_lat = np.array([c[2] for _, c in cities])[ci]
    O.city_lon = np.array([c[3] for _, c in cities])[ci]
    O.cities = cities
    zip3 = np.array([c[1] for _, c in cities])[ci]
    O.zip = np.array([z + f"{x:02d}" for z, x in zip(zip3.tolist(), rng.integers(1, 99, N).tolist())])
    O.first = rng.integers(0, len(_FIRST), N)
    O.last = rng.integers(0, len(_LAST), N)
    O.street_no = rng.integers(12, 9900, N)
    O.street = rng.integers(0, len(_STREETS), N)
    O.email_no = rng.integers(1, 999, N)
    # lines per order
    nl_p = {SHOPIFY: (.40, .27, .15, .09, .05, .02, .01, .01), AMAZON: (.935, .055, .01),
            WALMART: (.80, .15, .05), EBAY: (.92, .08)}
    nl = np.ones(N, np.int64)
    for c, p in nl_p.items():
        m = ch == c
        nl[m] = 1 + _choice_idx(rng, int(m.sum()), p)
    grp = np.select([ch == SHOPIFY, O.fba, is_amz, ch == WALMART], [0, 1, 2, 3], 4)
    week = cal.week[day]
    # SKU weights per (week, group)
    S = P.n
    wk_days = cal.mon0 + 7 * np.arange(cal.nweeks) + 3
    wk_month = ((wk_days.astype("datetime64[D]").astype("datetime64[M]").astype(int)) % 12)
    season = np.array([_SEASON[s] for s in P.season]).T[wk_month]  # (W, S)
    avail = _availability(seed, cal, P)  # (W, S) of 0/1
    listed = np.stack([np.ones(S, bool), P.fba, ~P.fba, P.walmart, P.ebay]).astype(float)
    boost = np.ones((cal.nweeks, 5, S))
    for e in cal.events:  # category promotions lift their category on Shopify
        if e["category"]:
            a = cal.week[(e["start"] - cal.start).days]
            b = cal.week[(e["end"] - cal.start).days]
            boost[a:b + 1, 0, P.cat == e["category"]] *= 2.0
    clear_from = P.end - 60
    wk_day_idx = wk_days - cal.day0
    clearance = (wk_day_idx[:, None] >= clear_from[None, :]) & (wk_day_idx[:, None] < P.end[None, :])
    boost *= np.where(clearance, 1.6, 1.0)[:, None, :]
    Wt = P.pop[None, None, :] * season[:, None, :] * avail[:, None, :] * listed[None, :, :] * boost
    Wt = Wt.reshape(-1, S)
    cdf = np.cumsum(Wt, axis=1)
    cdf = cdf / cdf[:, -1:]
    cdf[:, -1] = 1.0
    flat = (cdf + np.arange(cdf.shape[0])[:, None]).ravel()
    l_ord = np.repeat(np.arange(N), nl)
    row = (week * 5 + grp)[l_ord]
    pos = np.searchsorted(flat, row + rng.random(len(l_ord)), side="right")
    sku = np.clip(pos - row * S, 0, S - 1)
    # quantities
    u = rng.random(len(l_ord))
    multi = P.multi[sku]
    qty = 1 + (u > np.where(multi, .70, .90)) + (u > np.where(multi, .92, .985))
    # merge duplicate SKUs inside an order
    key = l_ord.astype(np.int64) * S + sku
    uk, first, inv = np.unique(key, return_index=True, return_inverse=True)
    qsum = np.bincount(inv, weights=qty).astype(np.int64)
    keep = np.sort(first)
    qty = qsum[np.searchsorted(uk, key[keep])]
    l_ord, sku = l_ord[keep], sku[keep]
    L = len(l_ord)
    O.nl = np.bincount(l_ord, minlength=N)
    O.lstart = _seg_starts(O.nl)
    O.l_no = np.arange(L) - O.lstart[l_ord] + 1
    O.l_ord, O.l_sku, O.l_qty, O.L = l_ord, sku, qty, L
    # prices (cents)
    lch = ch[l_ord]
    lday = day[l_ord]
    price = P.price[sku].astype(np.int64)
    price = np.where((lch == AMAZON), np.round(price * P.amz[sku]), price).astype(np.int64)
    on_clear = (lday >= clear_from[sku]) & (lday < P.end[sku])
    O.l_compare = np.where(on_clear & (lch == SHOPIFY), price, 0)
    price = np.where(on_clear, np.round(price * .7), price).astype(np.int64)
    deal = bfcm[lday] & ((lch == WALMART) | (lch == EBAY)) & (P.cat_i[sku] != 2)
    price = np.where(deal, np.round(price * .85), price).astype(np.int64)
    changed = price != P.price[sku]
    price = np.where(changed, np.maximum(np.round(price / 100) * 100 - 1, 99), price).astype(np.int64)
    O.l_price = price  # unit price; marked-down prices end in .99 like real listings
    gross = price * qty
    # Shopify discount codes
    o_promo = shop_promo[day]
    use = (ch == SHOPIFY) & (o_promo >= 0) & (rng.random(N) < np.where(bfcm[day], .75, .6))
    welcome = (ch == SHOPIFY) & ~use & (rng.random(N) < .05)
    O.code = np.full(N, "", dtype=object)
    rate = np.zeros(N)
    cat_only = np.full(N, "", dtype=object)
    for i in np.unique(o_promo[use]):
        m = use & (o_promo == i)
        O.code[m] = cal.events[i]["code"]
        rate[m] = cal.events[i]["rate"]
        cat_only[m] = cal.events[i]["category"]
    O.code[welcome] = "WELCOME10"
    rate[welcome] = .10
    lrate = rate[l_ord] * ((cat_only[l_ord] == "") | (cat_only[l_ord] == P.cat[sku])) * (O.l_compare == 0)
    O.l_disc = np.round(gross * lrate).astype(np.int64)
    # Amazon promotions (negative in the report)
    ap = amz_promo[lday]
    apromo = (lch == AMAZON) & (ap >= 0) & (rng.random(L) < .5)
    coupon = (lch == AMAZON) & ~apromo & (rng.random(L) < .04)
    arate = np.zeros(L)
    O.l_promo_id = np.full(L, "", dtype=object)
    for i in np.unique(ap[apromo]):
        m = apromo & (ap == i)
        arate[m] = cal.events[i]["rate"]
        O.l_promo_id[m] = cal.events[i]["promo_id"]
    arate[coupon] = .10
    O.l_promo_id[coupon] = "Coupon 10% off"
    O.l_disc = np.where(lch == AMAZON, np.round(gross * arate).astype(np.int64), O.l_disc)
    O.l_gross = gross
    O.l_net = gross - O.l_disc
    O.net = np.add.reduceat(O.l_net, O.lstart)
    O.gross = np.add.reduceat(gross, O.lstart)
    O.disc = O.gross - O.net
    # weights / volume for shipping
    O.l_weight = P.weight[sku] * qty
    O.weight = np.add.reduceat(O.l_weight, O.lstart)
    # shipping charged (order level, cents)
    ship = np.zeros(N, np.int64)
    s = ch == SHOPIFY
    ship[s] = np.where(O.expedited[s], 1495, np.where(O.net[s] >= 7500, 0, 695 + np.where(O.weight[s] > 10, 800, 0)))
    m = is_amz & ~O.fba
    ship[m] = np.where(O.expedited[m], 999, np.where(O.net[m] >= 3500, 0, 499))
    m = ch == WALMART
    ship[m] = np.where(O.expedited[m], 899, np.where(O.net[m] >= 3500, 0, 599))
    m = ch == EBAY
    ship[m] = np.where(rng.random(int(m.sum())) < .7, 0, 595)
    O.ship = ship
    O.tax_rate = np.array([s[2] for s in _STATES])[O.state_i]
    O.l_tax = np.round(O.l_net * O.tax_rate[l_ord]).astype(np.int64)
    O.tax = np.add.reduceat(O.l_tax, O.lstart)
    O.total = O.net + O.ship + O.tax
    # risk, cancellations, short shipments
    ur = rng.random(N)
    O.risk = np.where(ur < .005, 2, np.where(ur < .03, 1, 0))
    pc = np.select([ch == SHOPIFY, is_amz, ch == WALMART], [.018, .015, .01], 0.0)
    pc = np.where(O.risk == 2, .4, pc)
    O.cancelled = rng.random(N) < pc
    O.cancel_sec = sec + rng.integers(600, 20 * 3600, N)
    short = (ch == SHOPIFY) & (O.nl > 1) & ~O.cancelled & (rng.random(N) < .02)
    pick = np.minimum((rng.random(N) * O.nl).astype(np.int64), O.nl - 1)
    O.l_short = np.zeros(L, bool)
    O.l_short[(O.lstart + pick)[short]] = True
    wl = (lch == WALMART) & (O.nl[l_ord] > 1) & (rng.random(L) < .03) & (O.l_no > 1)
    O.l_short |= wl & ~O.cancelled[l_ord]
    O.partial = np.add.reduceat(O.l_short.astype(np.int64), O.lstart) > 0
    # payment etc.
    O.accepts = rng.random(N) < .42
    O.pay = _choice_idx(rng, N, (.78, .14, .08))
    O.note_kind = _choice_idx(rng, N, (.86, .10, .04))
    return O


REPEAT_SHARE = {"on_time": .30, "late": .14, "damaged": .08}  # story f: customers who order again, by first delivery
REPEAT_GAP_DAYS = 50  # mean days from the first to the second order (exponential, at most a year)


def _repeat_customers(seed: int, O, F) -> None:
    """Story f: give some later Shopify / eBay orders the identity (name, e-mail number) of an earlier first-time
    customer of the same channel, with a probability set by how that first order was delivered. Only the buyer's
    identity columns change; orders, dates, routing and money are untouched."""
    rng = _rng(seed, "customers")
    for ch in (SHOPIFY, EBAY):
        idx = np.where(O.ch == ch)[0]
        idx = idx[np.argsort(O.sec[idx], kind="stable")]
        secs = O.sec[idx]
        late = F.shipped[idx] & (F.delivered[idx] // 86400 > F.promised_day[idx])
        bad = F.shipped[idx] & (F.damaged[idx] | F.lost[idx])
        p = np.where(bad, REPEAT_SHARE["damaged"], np.where(late, REPEAT_SHARE["late"], REPEAT_SHARE["on_time"]))
        comes_back = rng.random(len(idx)) < p
        gap = np.minimum(np.ceil(rng.exponential(REPEAT_GAP_DAYS, len(idx))), 365).astype(np.int64) * 86400
        # orders already given an earlier customer's identity; the own-store orders sold on WooCommerce or Etsy
        # (more_channels) name no buyer that Opsdesk reads, so they neither start nor continue a story (same draws)
        taken = O.alt[idx] > 0
        comes_back &= ~taken
        for k in np.where(comes_back)[0].tolist():
            if taken[k]:
                continue  # a returning order does not start a new customer
            j = int(np.searchsorted(secs, secs[k] + gap[k]))
            while j < len(idx) and taken[j]:
                j += 1
            if j >= len(idx):
                continue  # the second order would fall after the data's end
            taken[j] = True
            a, b = idx[k], idx[j]
            O.first[b], O.last[b], O.email_no[b] = O.first[a], O.last[a], O.email_no[a]


def _availability(seed, cal, P) -> np.ndarray:
    """(weeks x SKUs) 1 where the SKU can sell: launched, not discontinued, not in a planted stockout."""
    rng = _rng(seed, "stockouts")
    W, S = cal.nweeks, P.n
    wk_day = cal.mon0 + 7 * np.arange(W) - cal.day0  # day index of each week's Monday
    av = ((wk_day[:, None] + 6 >= P.launch[None, :]) & (wk_day[:, None] < P.end[None, :])).astype(float)
    # planted stockouts on popular, always-available SKUs (all locations; supplier PO late)
    cand = np.where((P.rank < int(.6 * S)) & (P.launch == 0) & (P.end > 10 ** 5))[0]
    cand = cand[np.argsort(P.rank[cand], kind="stable")]
    picks = rng.choice(cand, size=min(16, len(cand)), replace=False)
    windows = []
    for k, s in enumerate(picks):
        length = int(rng.integers(2, 7))
        if k < 8:  # inside the inventory snapshot horizon
            w0 = int(rng.integers(W - INVENTORY_WEEKS + 1, W - length))
        else:
            w0 = int(rng.integers(4, W - INVENTORY_WEEKS - length))
        av[w0:w0 + length, s] = 0
        windows.append((int(s), w0, w0 + length))
    P.stockouts = windows
    return av


# ---------------------------------------------------------------- fulfilment


def _haversine(lat1, lon1, lat2, lon2):
    r = 3958.8
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(lon2 - lon1)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * r * np.arcsin(np.sqrt(a))


_BOXES = np.array([(10, 8, 4), (12, 10, 6), (14, 12, 8), (16, 14, 10), (18, 16, 12), (22, 18, 14), (36, 18, 14)],
                  dtype=float)
_UPS_T = np.array([1, 1, 1, 2, 3, 3, 4, 4, 5])  # by zone (index 0 unused)
_QUOTE = np.array([3, 3, 3, 3, 4, 4, 5, 5, 6])


def _fulfil(seed: int, cal, P, O) -> NS:
    rng = _rng(seed, "fulfil")
    N = O.n
    F = NS()
    ships = ~O.cancelled & ~O.fba
    F.ships = ships
    # --- warehouse routing
    dist = np.stack([_haversine(O.city_lat, O.city_lon, la, lo) for la, lo in WH_COORD], axis=1)
    stocked = np.stack([np.minimum.reduceat(P.stocked[w][O.l_sku].astype(np.int64), O.lstart) > 0
                        for w in range(3)], axis=1)
    d = np.where(stocked, dist, np.inf)
    order = np.argsort(d, axis=1, kind="stable")
    first, second = order[:, 0], order[:, 1]
    has2 = np.isfinite(d[np.arange(N), second])
    reroute = has2 & (rng.random(N) < .12)
    wh = np.where(reroute, second, first)
    F.wh = wh
    dd = dist[np.arange(N), wh] * rng.uniform(.85, 1.15, N)
    zone = np.select([dd < 150, dd < 300, dd < 600, dd < 1000, dd < 1400, dd < 1800], [2, 3, 4, 5, 6, 7], 8)
    zone = np.where(np.isin(O.state_i, [1, 11]), 8, zone)  # AK, HI
    zone = np.where(dd < 50, 1, zone)
    F.zone = zone
    # --- package
    lvol = P.vol[O.l_sku] * O.l_qty
    vol = np.add.reduceat(lvol, O.lstart)
    longest = np.maximum.reduceat(P.dims[O.l_sku, 0], O.lstart)
    units = np.add.reduceat(O.l_qty, O.lstart)
    single = units == 1
    bvol = _BOXES.prod(axis=1)
    fits = (bvol[None, :] >= 1.25 * vol[:, None]) & (_BOXES[None, :, 0] >= longest[:, None])
    bi = np.where(fits.any(axis=1), fits.argmax(axis=1), len(_BOXES) - 1)
    one_sku = O.l_sku[O.lstart]
    dims = np.where(single[:, None], P.dims[one_sku], _BOXES[bi])
    F.dims = dims
    F.box = np.where(single, -1, bi)
    tare = np.where(single, .1, .35 + bvol[bi] / 8000)
    F.weight = np.round(O.weight + tare, 1)
    dimw = np.ceil(dims.prod(axis=1) / DIM_DIVISOR)
    F.billed = np.maximum(np.ceil(F.weight), dimw)
    # --- carrier choice (rate shopping)
    u = rng.random(N)
    bw = F.billed
    p_dhl = np.where(bw <= 1, np.where(zone >= 6, .50, .35), np.where(bw <= 10, np.where(zone >= 6, .45, .18), 0))
    p_usps = np.where(bw <= 1, .45, np.where(bw <= 5, .15, np.where(bw <= 10, .06, 0)))
    p_usps = np.minimum(p_usps, 1 - p_dhl)
    rest = 1 - p_dhl - p_usps
    p_ups = rest * np.where(bw > 5, .55, .55)
    carrier = np.where(u < p_dhl, DHL, np.where(u < p_dhl + p_usps, USPS, np.where(u < p_dhl + p_usps + p_ups,
                                                                                    UPS, FEDEX)))
    ue = rng.random(N)
    carrier = np.where(O.expedited, np.where(ue < .5, UPS, np.where(ue < .85, FEDEX, USPS)), carrier)
    F.carrier = carrier
    svc = np.array(["Ground", "Home Delivery", "Ground Advantage", "SmartMail Parcel Expedited"], dtype=object)[carrier]
    svc = np.where((carrier == DHL) & (bw > 1), "SmartMail Parcel Plus Expedited", svc)
    svc = np.where(O.expedited, np.array(["2nd Day Air", "2Day", "Priority Mail", ""], dtype=object)[carrier], svc)
    F.service = svc
    # --- timeline (store-local seconds)
    oday = O.sec // 86400
    tod = O.sec % 86400
    isbd = np.is_busday(oday.astype("datetime64[D]"), holidays=cal.holidays)
    same = isbd & (tod < 14 * 3600)
    exp_ship = np.where(same, oday, _busday(oday + 1, 0, cal))
    F.exp_ship_day = exp_ship
    peak_day = _peak_mask(cal, oday)
    backlog = (wh != TPL) & peak_day & (rng.random(N) < .25)
    label_day = np.where(backlog, _busday(exp_ship + 1, 0, cal), exp_ship)
    ltod = np.where(same & ~backlog, np.minimum(tod + rng.integers(1800, 4 * 3600, N), 17 * 3600 + 1800),
                    9 * 3600 + rng.integers(0, 5 * 3600, N))
    F.label = label_day * 86400 + ltod
    pick_day = np.where(ltod < 16 * 3600 + 1800, label_day, _busday(label_day + 1, 0, cal))
    sla_miss = (wh == TPL) & _peak_mask(cal, label_day, tpl=True)
    lag = rng.integers(2, 5, N)
    pick_day = np.where(sla_miss, pick_day + lag, pick_day)
    pick_day = np.where(sla_miss, _busday(pick_day, 0, cal, "1111110"), pick_day)
    F.first_scan = pick_day * 86400 + 17 * 3600 + 1800 + rng.integers(0, 2 * 3600, N)
    # transit (business days Mon-Sat)
    t = _UPS_T[zone].copy()
    t = np.where(carrier == USPS, t + (zone >= 7) + (zone <= 2), t)
    t = np.where(carrier == DHL, t + 1 + (zone >= 7), t)
    t = np.where(O.expedited, np.where((carrier == USPS) & (zone > 4), 3, 2), t)
    p_late = np.array([.04, .07, .10, .14])[carrier] * np.where(peak_day, 2.0, 1.0)
    late = rng.random(N) < p_late
    t = t + late * (1 + (rng.random(N) < .35) + (rng.random(N) < .1))
    early = (carrier <= FEDEX) & (t >= 3) & ~late & (rng.random(N) < .15)
    t = t - early
    deliv_day = _busday(pick_day, t, cal, "1111110")
    F.delivered = deliv_day * 86400 + 10 * 3600 + rng.integers(0, 9 * 3600, N)
    quote = np.where(O.expedited, 2, _QUOTE[zone])
    F.promised_day = _busday(exp_ship, quote, cal)
    # damage / loss
    p_dmg = np.array([.004, .005, .006, .005])[carrier]
    p_dmg = np.where((carrier == DHL) & (zone >= 7), .08, p_dmg)
    frag = np.maximum.reduceat(P.fragile[O.l_sku].astype(np.int64), O.lstart) > 0
    p_dmg = p_dmg * np.where(frag, 2.0, 1.0)
    F.damaged = rng.random(N) < p_dmg
    F.lost = ~F.damaged & (rng.random(N) < np.where(carrier == DHL, .004, .0015))
    now = cal.now
    F.shipped = ships & (F.label < now)
    # --- label cost (cents): rate card by carrier, zone and billed weight
    base = np.array([760, 735, 475, 390])[carrier] + np.array([45, 44, 35, 25])[carrier] * zone
    per = np.array([38, 37, 55, 50])[carrier] + np.array([10, 10, 15, 14])[carrier] * zone
    rate = base + per * np.maximum(bw - 1, 0)
    rate = np.where(O.expedited, rate * 2.2, rate)
    # declared vs actual: 6 % of UPS/FedEx parcels were quoted without the dim weight -> dim_weight adjustment
    under = (carrier <= FEDEX) & (dimw > np.ceil(F.weight)) & (rng.random(N) < .12)
    under |= (carrier <= FEDEX) & (bw >= 3) & (rng.random(N) < .01)
    qbw = np.where(under, np.maximum(np.where(dimw > np.ceil(F.weight), np.ceil(F.weight), bw - 1), 1), bw)
    qrate = base + per * np.maximum(qbw - 1, 0)
    qrate = np.where(O.expedited, qrate * 2.2, qrate)
    F.quoted = np.round(qrate).astype(np.int64)
    adj_dim = np.round(rate - qrate).astype(np.int64)
    F.adj_dim = np.where(under & (adj_dim > 0), adj_dim, 0)
    ua = rng.random(N)
    F.adj_addr = np.where((carrier <= FEDEX) & (ua < .008), np.where(carrier == UPS, 2300, 2250), 0)
    F.adj_das = np.where((carrier <= FEDEX) & (ua >= .008) & (ua < .04), np.where(carrier == UPS, 445, 430), 0)
    F.label_cost = F.quoted + F.adj_dim + F.adj_addr + F.adj_das
    # --- tracking numbers and ids
    acct = np.array(["1Z4E8A71", "1Z9V2W36", "1Z07XK55"])[wh]
    tr = np.empty(N, dtype=object)
    for c, digits, fmt in ((UPS, 8, "{}03{}"), (FEDEX, 11, "7{1}"), (USPS, 15, "9400111{1}"), (DHL, 14, "GM2951{1}")):
        m = carrier == c
        serial = _unique_ids(rng, int(m.sum()), digits)  # distinct per carrier
        tr[m] = [fmt.format(a, x) for a, x in zip(acct[m].tolist(), serial.tolist())]
    F.tracking = tr
    # --- Amazon FBA shipments
    fba = O.fba & ~O.cancelled
    F.fba_ship = O.sec + rng.integers(4 * 3600, 30 * 3600, N) + np.where(peak_day, rng.integers(0, 24 * 3600, N), 0)
    uc = rng.random(N)
    F.fba_carrier = np.where(uc < .7, 0, np.where(uc < .9, 1, 2))  # AMZN_US, UPS, USPS
    F.fba_eta_day = _busday(oday + 1, np.array([4, 2, 1, 0])[O.fba_level] + 1, cal, "1111110")
    F.fba_delivered = (F.fba_ship // 86400 + rng.integers(1, 4, N)) * 86400 + 14 * 3600
    F.fba_damaged = fba & (rng.random(N) < .004)
    F.fba_shipped = fba & (F.fba_ship < now)
    F.fc = np.array([_FC_BY_STATE[s[0]] for s in _STATES])[O.state_i]
    return F


def _peak_mask(cal, day, tpl=False) -> np.ndarray:
    """Peak season: Nov 15 - Dec 24 (3PL SLA story), or BF week - Dec 20 for the general backlog."""
    d = np.asarray(day, dtype=np.int64).astype("datetime64[D]")
    m = d.astype("datetime64[M]").astype(int) % 12 + 1
    dom = (d - d.astype("datetime64[M]")).astype(int) + 1
    if tpl:
        return ((m == 11) & (dom >= 15)) | ((m == 12) & (dom <= 24))
    return ((m == 11) & (dom >= 22)) | ((m == 12) & (dom <= 20))


# ---------------------------------------------------------------- returns


def _returns(seed: int, cal, P, O, F) -> NS:
    rng = _rng(seed, "returns")
    L = O.L
    lo = O.l_ord
    lch = O.ch[lo]
    sku = O.l_sku
    fba = O.fba[lo]
    shipped = np.where(fba, F.fba_shipped[lo], F.shipped[lo]) & ~O.l_short
    delivered_at = np.where(fba, F.fba_delivered[lo], F.delivered[lo])
    ok = shipped & ~np.where(fba, False, F.lost[lo])
    cats = P.cat[sku]
    base = np.array([_RETURN_BASE[c] for c in CATEGORIES])[P.cat_i[sku]]
    base = base * np.array([1.0, 1.15, .8, .6])[lch]
    reason = np.full(L, -1)
    u = rng.random(L)
    regular = ok & (u < base)
    # regular reasons by category mix
    for c in CATEGORIES:
        m = regular & (cats == c)
        mix = _REASON_MIX[c]
        codes = [_REASON_CODES.index(k) for k in mix]
        reason[m] = np.array(codes)[_choice_idx(rng, int(m.sum()), list(mix.values()))]
    # (a) Trail Runner runs small
    trail = P.code[sku] == "TR"
    extra = ok & trail & (reason < 0) & (rng.random(L) < .25)
    reason[extra] = _REASON_CODES.index("too_small")
    # (b) mis-picks by warehouse (non-FBA)
    p_mis = np.array([.006, .035, .006])[F.wh]
    mis = F.shipped & ~O.fba & (rng.random(O.n) < p_mis)
    mis_line = O.lstart + np.minimum((rng.random(O.n) * O.nl).astype(np.int64), O.nl - 1)
    ml = np.zeros(L, bool)
    ml[mis_line[mis]] = True
    ml &= ok & ~fba & (rng.random(L) < .9)
    reason[ml] = _REASON_CODES.index("wrong_item")
    F.mispick = mis
    # (c) carrier damage: most lines of damaged parcels come back
    dmg = np.where(fba, F.fba_damaged[lo], F.damaged[lo]) & ok & (rng.random(L) < .85)
    reason[dmg] = _REASON_CODES.index("damaged_in_transit")
    ret = reason >= 0
    # quantities and timing
    rq = np.where((O.l_qty > 1) & (rng.random(L) < .5), 1, O.l_qty)
    fast = ml | dmg
    lag = np.where(fast, rng.uniform(.5, 4, L), np.minimum(rng.lognormal(np.log(8), .6, L), 45))
    req = delivered_at + (lag * 86400).astype(np.int64)
    back = req + (rng.uniform(3, 9, L) * 86400).astype(np.int64) + np.where(fba, 86400 * rng.integers(0, 14, L), 0)
    ret &= back < cal.now
    idx = np.where(ret)[0]
    R = NS(line=idx, reason=reason[idx], qty=rq[idx], requested=req[idx], returned=back[idx])
    n = len(idx)
    code = np.array(_REASON_CODES, dtype=object)[R.reason]
    R.code = code
    # outcome
    ch = lch[idx]
    uo = rng.random(n)
    sizing = np.isin(code, ["too_small", "too_large", "wrong_item"])
    R.outcome = np.where(ch == SHOPIFY,
                         np.where(uo < np.where(sizing, .45, .70), 0, np.where(uo < np.where(sizing, .85, .88), 1, 2)),
                         np.where(uo < .95, 0, 1))  # 0 refund 1 exchange 2 store credit
    unit_net = O.l_net[idx] / O.l_qty[idx]
    tax = O.tax_rate[lo[idx]]
    R.refund = np.where(R.outcome == 0, np.round(unit_net * R.qty * (1 + tax)), 0).astype(np.int64)
    # disposition
    ud = rng.random(n)
    disp = np.where(ud < .9, 0, 1)  # restock / refurbish
    disp = np.where(code == "defective", np.where(ud < .3, 1, np.where(ud < .6, 2, 3)), disp)
    disp = np.where(code == "damaged_in_transit", np.where(ud < .6, 3, 2), disp)
    disp = np.where(code == "not_as_described", np.where(ud < .7, 0, 2), disp)
    disp = np.where(code == "missing_parts", np.where(ud < .7, 1, 2), disp)
    R.disp = disp
    landed = P.unit_cost[sku[idx]] + P.freight[sku[idx]]
    R.recovered = np.select([disp == 0, disp == 1, disp == 2], [landed * R.qty, np.round(.6 * landed) * R.qty,
                                                                np.round(.15 * O.l_price[idx]) * R.qty], 0)
    R.recovered = R.recovered.astype(np.int64)
    free_label = (ch != EBAY) | ~np.isin(code, ["changed_mind", "ordered_wrong_item", "better_price",
                                                 "too_small", "too_large"])
    R.label_cost = np.where(free_label & ~fba[idx], rng.integers(650, 1150, n), 0)
    R.label_cost = np.where(code == "damaged_in_transit", 0, R.label_cost)
    R.processing = np.where(F.wh[lo[idx]] == TPL, 350, rng.integers(200, 320, n))
    R.carrier = np.where(rng.random(n) < .7, USPS, UPS)
    # comments
    cm = np.empty(n, dtype=object)
    has = rng.random(n) < np.where(fast[idx], .9, .55)
    pick = rng.integers(0, 100, n)
    for i, c in enumerate(code.tolist()):
        if c == "too_small" and trail[idx[i]]:
            pool = _TRAIL_SMALL
        else:
            pool = _REASONS[c][2]
        cm[i] = pool[pick[i] % len(pool)] if (has[i] or (c == "too_small" and trail[idx[i]])) else ""
    R.comment = cm
    R.fba = fba[idx]
    # refunds per order (Shopify): refunded returns + lost parcels + short-shipped lines + cancellations
    ref_o = np.bincount(lo[idx], weights=R.refund, minlength=O.n)
    short_ref = np.round(O.l_net * (1 + O.tax_rate[lo]) * O.l_short)
    ref_o += np.bincount(lo, weights=short_ref, minlength=O.n)
    lost_o = F.lost & F.shipped & (F.delivered < cal.now + 7 * 86400)
    ref_o = np.where(lost_o, O.total, ref_o)
    ref_o = np.where(O.cancelled, O.total, ref_o)
    R.order_refund = np.minimum(np.round(ref_o), O.total).astype(np.int64)
    return R


# ---------------------------------------------------------------- inventory and purchase orders


def _inventory(seed: int, cal, P, O, F, R) -> NS:
    rng = _rng(seed, "inventory")
    S, W = P.n, cal.nweeks
    locs = ("WH-East", "WH-West", "3PL-Central", "FBA")
    pairs = [(s, l) for l in range(4) for s in range(S) if (P.stocked[l][s] if l < 3 else P.fba[s])]
    ps = np.array([p[0] for p in pairs])
    pl = np.array([p[1] for p in pairs])
    pid = -np.ones((4, S), np.int64)
    pid[pl, ps] = np.arange(len(pairs))
    NP = len(pairs)
    lo = O.l_ord
    fba = O.fba[lo]
    shipped = np.where(fba, F.fba_shipped[lo], F.shipped[lo]) & ~O.l_short
    loc = np.where(fba, 3, F.wh[lo])
    sday = np.where(fba, F.fba_ship[lo], F.label[lo]) // 86400
    wk = (sday - cal.mon0) // 7
    m = shipped & (wk < W)
    dem = np.zeros((W + 1, NP))
    np.add.at(dem, (wk[m], pid[loc[m], O.l_sku[m]]), O.l_qty[m])
    rl = R.line
    rest = R.disp == 0
    rloc = np.where(R.fba, 3, F.wh[lo[rl]])
    rwk = (R.returned // 86400 - cal.mon0) // 7
    ok = rest & (rwk < W) & (pid[rloc, O.l_sku[rl]] >= 0)
    back = np.zeros((W + 1, NP))
    np.add.at(back, (rwk[ok], pid[rloc[ok], O.l_sku[rl][ok]]), R.qty[ok])
    # forecast: centred 13-week mean, floor so that slow movers still hold stock
    cs = np.cumsum(np.vstack([np.zeros((1, NP)), dem[:W]]), axis=0)
    lo_i = np.clip(np.arange(W) - 6, 0, W)
    hi_i = np.clip(np.arange(W) + 7, 0, W)
    fc = (cs[hi_i] - cs[lo_i]) / np.maximum(hi_i - lo_i, 1)[:, None] * 1.1
    fc = np.maximum(fc, .15)
    lead_w = np.ceil(P.lead[ps] / 7).astype(int) + np.where(pl == 3, 2, 0)
    moq, cp = P.moq[ps], P.case_pack[ps]
    out = {s: (a, b) for s, a, b in P.stockouts}  # planted stockout windows (weeks), all locations of a SKU
    win = np.zeros((W + 1, NP), bool)
    wbeg = -np.ones(NP, np.int64)
    wend = -np.ones(NP, np.int64)
    for p in range(NP):
        if ps[p] in out:
            wbeg[p], wend[p] = out[ps[p]]
            win[wbeg[p]:wend[p], p] = True
    on = np.ceil(fc[0] * (lead_w + 6)) + rng.integers(0, 6, NP)
    on = np.maximum(on, np.minimum(moq, 12)).astype(float)
    open_qty = np.zeros(NP)
    arrive = np.full(NP, -1)
    ponum = np.zeros(NP, np.int64)
    po_rows = []  # [week placed, pair, qty, planned lead weeks, actual lead weeks, week received]
    snap_on = np.zeros((W, NP))
    snap_in = np.zeros((W, NP))
    delay = rng.random((W, NP))
    slip = rng.integers(2, 5, (W, NP))
    jitter = rng.choice([-1, 0, 0, 1], (W, NP))
    for w in range(W):
        inw = win[w]
        # planted stockout: the PO due in the window is late and only lands when the window ends
        push = inw & (arrive >= 0) & (arrive < wend)
        arrive[push] = wend[push]
        land = arrive == w
        on = on + np.where(land, open_qty, 0)
        for p in np.where(land)[0].tolist():
            po_rows[int(ponum[p])][5] = w
        open_qty = np.where(land, 0, open_qty)
        arrive = np.where(land, -1, arrive)
        on[inw] = 0
        snap_on[w] = on
        snap_in[w] = open_qty
        on = np.maximum(on - dem[w], 0) + back[w]
        rop = fc[w] * (lead_w + 3)
        blocked = (wbeg >= 0) & (w >= wbeg - lead_w - 2) & (w < wend)
        need = (on + open_qty < rop) & (arrive < 0) & ~blocked
        late_po = blocked & (arrive < 0)  # the PO that causes a planted stockout: lands when the window ends
        need |= late_po
        if need.any():
            qty = np.maximum(moq, np.ceil((fc[w] * (lead_w + 12) - on) / cp) * cp)
            qty = np.ceil(qty / cp) * cp
            actual = lead_w + np.where(delay[w] < .1, slip[w], jitter[w])
            actual = np.where(late_po, wend - w, actual)
            for p in np.where(need)[0].tolist():
                aw = max(int(actual[p]), 1)
                arrive[p] = w + aw
                open_qty[p] = qty[p]
                ponum[p] = len(po_rows)
                po_rows.append([w, p, int(qty[p]), int(lead_w[p]), aw, -1])
    # POs placed in a window's lead-up but pushed: record the real arrival lag
    for r in po_rows:
        if r[5] >= 0:
            r[4] = r[5] - r[0]
    I = NS(pairs=pairs, ps=ps, pl=pl, locs=locs, snap_on=snap_on, snap_in=snap_in, dem=dem[:W], po_rows=po_rows)
    return I


# ---------------------------------------------------------------- more channels (the run path's business)

MORE_CHANNELS = ("woocommerce", "etsy")  # O.alt 1 and 2
#: share of the own-store orders (Shopify's draw, low fraud risk) sold instead on the WooCommerce store and on Etsy
MORE_CHANNEL_SHARE = (.16, .10)
ETSY_FEE = (.03, 25)  # Etsy Payments, US shop: 3 % of the order total + $0.25


def _more_channels(seed: int, O) -> np.ndarray:
    """Which own-store orders are sold on WooCommerce (1) or Etsy (2) instead of Shopify (0): drawn from their own
    stream, so that every other draw of the business stays the same. Medium and high fraud-risk orders stay on
    Shopify (only its export rates risk: story g); Etsy takes baskets of at most three lines."""
    u = _rng(seed, "more-channels").random(O.n)
    own = (O.ch == SHOPIFY) & (O.risk == 0)
    woo, etsy = MORE_CHANNEL_SHARE
    alt = np.where(own & (u < woo), 1, np.where(own & (u < woo + etsy) & (O.nl <= 3), 2, 0))
    return alt.astype(np.int8)
