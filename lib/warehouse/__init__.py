"""The warehouse: raw tables → staging views → mart tables, each model one `.sql` file with a grain header.

`build(con, settings)` recreates the `cfg_*` tables from the settings, the staging views and the marts, inside
the caller's transaction.  The marts are the public contract documented in `docs/data_dictionary.md`.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import hashlib
import json
import logging
import time

from ..ingest.formats import FORMATS
from ..ingest.parse import SQL_TYPES
from . import dag, incremental
from .publish import literal
from .fx import SOURCE_LABEL as FX_SOURCE_LABEL, builtin_rates

_log = logging.getLogger(__name__)
MODELS = Path(__file__).parent / "models"
SEEDS = Path(__file__).parent / "seeds"

# staging views first (any order), then marts in dependency order
MARTS = (
    "dim_calendar", "dim_product_costs", "fct_marketplace_fees", "dim_fx_rates", "dim_products", "fct_order_lines",
    "fct_shipments", "fct_returns", "fct_orders", "fct_inventory_daily", "fct_purchase_orders", "fct_fulfillment_charges",
    "fct_csat", "fct_ad_spend", "dim_promotions", "rpt_source_totals", "rpt_data_health",
    "fct_support_tickets", "fct_order_landed_costs",
    "fct_customer_orders", "dim_customers", "fct_disputes", "fct_carrier_invoice_lines",
)
META_TABLES = ("load_log", "quarantine")
STAGING_READ_TWICE = ("stg_fx_rates", "stg_amazon_date_range")  # staging models that more than one model (or one twice) reads
SEED_TABLES = ("seed_return_reasons", "seed_carrier_aliases", "seed_vat_inclusive_marketplaces",
               "seed_marketplace_currencies", "seed_countries")
CFG_TABLES = frozenset({"cfg_sla", "cfg_weekend", "cfg_holidays", "cfg_transit_days", "cfg_reporting", "cfg_fx_builtin",
                        "cfg_fx_builtin_info", "cfg_costs"})
CONFIG_KEY = "(settings and seeds)"


def ensure_schema(con) -> None:
    """Create the load log, quarantine and every raw table (empty), so staging views always bind."""
    con.execute("""CREATE TABLE IF NOT EXISTS load_log (
        load_id BIGINT PRIMARY KEY, file_name VARCHAR, sha256 VARCHAR, format VARCHAR, size_bytes BIGINT,
        rows_read BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT, loaded_at TIMESTAMP, loaded_by VARCHAR,
        status VARCHAR, archive_path VARCHAR, encoding VARCHAR, notes VARCHAR)""")
    con.execute("""CREATE TABLE IF NOT EXISTS quarantine (
        load_id BIGINT, row_number BIGINT, column_name VARCHAR, reason VARCHAR, value VARCHAR)""")
    for spec in FORMATS:
        cols = ", ".join(f"{c.name} {SQL_TYPES[c.type]}" for c in spec.columns)
        con.execute(f"CREATE TABLE IF NOT EXISTS {spec.table} ({cols}, _line BIGINT, _seq BIGINT, _row BIGINT, _load_id BIGINT)")
        existing = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $t", {"t": spec.table}).fetchall()}
        for c in spec.columns:  # formats gain columns over time: add them to older workspaces
            if c.name not in existing:
                con.execute(f"ALTER TABLE {spec.table} ADD COLUMN {c.name} {SQL_TYPES[c.type]}")


@lru_cache(maxsize=None)
def model_sql(layer: str, name: str) -> str:
    return (MODELS / layer / f"{name}.sql").read_text()


def staging_models() -> list[str]:
    """Staging model names, each after the staging models it names (they are created in this order), else by name.
    A name in a comment counts too (harmless); a cycle (two models naming each other) is broken where it is met."""
    names = sorted(p.stem for p in (MODELS / "staging").glob("*.sql"))
    reads = {n: [m for m in names if m != n and re.search(rf"\b{m}\b", model_sql("staging", n))] for n in names}
    ordered: list[str] = []
    placing: set[str] = set()

    def place(n: str) -> None:
        if n in ordered or n in placing:
            return
        placing.add(n)
        for m in reads[n]:
            place(m)
        ordered.append(n)

    for n in names:
        place(n)
    return ordered


def intermediate_models() -> list[str]:
    return sorted(p.stem for p in (MODELS / "intermediate").glob("*.sql"))


def loaded_sql(spec) -> str:
    """The load log's rows of one format (`loaded_<format>`): a model that needs a file's load date reads this, so
    loading another format (which adds a row to the load log) does not rebuild it. Only the columns Spark's export
    of the load log carries (no file names or who loaded them)."""
    return f"SELECT load_id, loaded_at, status, format FROM load_log WHERE format = {literal(spec.name)}"


def latest_sql(spec) -> str:
    """The raw rows of each entity's latest load of `spec` (its `replaces` key): the one latest-load rule, generated
    from the format registry instead of written in every model that reads the raw table."""
    return (f"SELECT * FROM {spec.table} "
            f"QUALIFY _load_id = max(_load_id) OVER (PARTITION BY {', '.join(spec.replaces)})")


def country_holidays(code: str) -> list[tuple[dt.date, str]]:
    """The public holidays (day, name) of the `holidays` library's country `code`, 2010 to two years ahead.

    The settings refuse a code the library does not know (lib.workspace.settings checks `holidays.country_holidays` too), so
    an unknown one here is a workspace saved before that check: it is logged, and only the extra holidays apply."""
    import holidays
    try:
        calendar = holidays.country_holidays(code, years=range(2010, dt.date.today().year + 3))
    except NotImplementedError:  # what holidays raises for a country it does not have
        _log.warning("holiday country %r is not known to the holidays library: no public holidays apply "
                     "(fix it on the Settings page)", code)
        return []
    return list(calendar.items())


def _write_cfg(con, settings: dict) -> None:
    sla = settings["sla"]
    con.execute("CREATE OR REPLACE TABLE cfg_sla AS SELECT $c::INTEGER AS cutoff_hour, $h::INTEGER AS handling_business_days, "
                "$t::INTEGER AS default_transit_business_days, $d::DOUBLE AS dim_divisor",
                {"c": sla["cutoff_hour"], "h": sla["handling_business_days"], "t": sla["default_transit_business_days"],
                 "d": settings["dim_divisor_in3_per_lb"]})
    con.execute("CREATE OR REPLACE TABLE cfg_weekend AS SELECT unnest($w::INTEGER[]) AS weekday", {"w": sla["weekend_days"]})
    days = country_holidays(sla["holiday_country"]) + [(dt.date.fromisoformat(d), "holiday")
                                                       for d in sla.get("extra_holidays", [])]
    con.execute("CREATE OR REPLACE TABLE cfg_holidays (day DATE, name VARCHAR)")
    if days:
        con.executemany("INSERT INTO cfg_holidays VALUES (?, ?)", days)
    con.execute("CREATE OR REPLACE TABLE cfg_transit_days (carrier VARCHAR, service VARCHAR, business_days INTEGER)")
    rows = [(r["carrier"], r.get("service") or "*", int(r["business_days"])) for r in settings["transit_days"]]
    if rows:
        con.executemany("INSERT INTO cfg_transit_days VALUES (?, ?, ?)", rows)
    _write_fx(con, settings)
    c = settings["costs"]
    con.execute("CREATE OR REPLACE TABLE cfg_costs AS SELECT $p::DOUBLE AS packaging_per_order, $l::DOUBLE AS labor_cost_per_hour, "
                "$u::DOUBLE AS units_picked_per_hour, $r::DOUBLE AS return_processing_per_unit",
                {"p": c["packaging_per_order"], "l": c["labor_cost_per_hour"], "u": c["units_picked_per_hour"],
                 "r": c["return_processing_per_unit"]})
    _write_support_cfg(con, settings)


def _write_support_cfg(con, settings: dict) -> None:
    """cfg_support: how tickets name their order, what makes a "where is my order" contact, the service targets."""
    s = settings["support"]
    con.execute("CREATE OR REPLACE TABLE cfg_support AS SELECT $ot::VARCHAR AS order_tag_pattern, "
                "$os::VARCHAR AS order_subject_pattern, $wt::VARCHAR AS wismo_tag_pattern, "
                "$ws::VARCHAR AS wismo_subject_pattern, $fr::DOUBLE AS first_reply_target_hours, "
                "$rs::DOUBLE AS resolution_target_hours",
                {"ot": "(?i)" + s["order_tag_pattern"], "os": "(?i)" + s["order_subject_pattern"],
                 "wt": "(?i)" + s["wismo_tag_pattern"], "ws": "(?i)" + s["wismo_subject_pattern"],
                 "fr": float(s["first_reply_target_hours"]), "rs": float(s["resolution_target_hours"])})


def _write_fx(con, settings: dict) -> None:
    """cfg_reporting (the reporting currency) and cfg_fx_builtin (the ECB history shipped with Opsdesk)."""
    code = str(settings.get("reporting_currency") or "USD").strip().upper()
    con.execute("CREATE OR REPLACE TABLE cfg_reporting AS SELECT $c::VARCHAR AS reporting_currency", {"c": code})
    rates = builtin_rates()
    con.register("_fx_builtin_frame", rates)
    try:
        con.execute("CREATE OR REPLACE TABLE cfg_fx_builtin AS SELECT day::DATE AS day, currency::VARCHAR AS currency, "
                    "per_eur::DOUBLE AS per_eur FROM _fx_builtin_frame")
    finally:
        con.unregister("_fx_builtin_frame")
    con.execute("CREATE OR REPLACE TABLE cfg_fx_builtin_info AS SELECT $label::VARCHAR AS source, min(day) AS first_day, "
                "max(day) AS last_day, count(DISTINCT currency) AS currencies FROM cfg_fx_builtin",
                {"label": FX_SOURCE_LABEL})


@lru_cache(maxsize=None)
def seed_rows(name: str) -> tuple[dict, ...]:
    """The rows of `lib/warehouse/seeds/<name>.csv` (business tables kept as data: fee cards, service levels, …),
    numbers as floats where a whole column is numeric."""
    import csv
    with open(SEEDS / f"{name}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))

    def number(v: str):
        try:
            return float(v)
        except ValueError:
            return None
    numeric = {c for c in (rows[0] if rows else {}) if all(number(r[c]) is not None for r in rows)}
    return tuple({c: (number(v) if c in numeric else v) for c, v in r.items()} for r in rows)


def _write_seeds(con) -> None:
    for t in SEED_TABLES:
        path = SEEDS / f"{t.removeprefix('seed_')}.csv"
        con.execute(f"CREATE OR REPLACE TABLE {t} AS SELECT * FROM read_csv($p, header=true, all_varchar=true)",
                    {"p": str(path)})


BUILD_STATE = "_build_state"  # one row per mart: the SQL it was built with and the day (models that read the clock)


@lru_cache(maxsize=1)
def models() -> tuple[dag.Model, ...]:
    """Every model in build order: the staging views, then the intermediate models and marts, each after the models
    it reads (an intermediate model may read a mart: int_shipments reads dim_calendar), else in MARTS' order."""
    staged = [dag.Model(n, "staging", model_sql("staging", n)) for n in staging_models()]
    rest = ([dag.Model(n, "intermediate", model_sql("intermediate", n)) for n in intermediate_models()]
            + [dag.Model(n, "marts", model_sql("marts", n)) for n in MARTS])
    g = dag.graph(tuple(staged + rest), sources())
    names, placed, ordered = {m.name for m in rest}, set(), []
    while rest:
        nxt = next((m for m in rest if not (g[m.name] & names) - placed), rest[0])  # a cycle: keep the written order
        ordered.append(nxt)
        placed.add(nxt.name)
        rest.remove(nxt)
    return tuple(staged + ordered)


def sources() -> frozenset[str]:
    """What models read besides other models: raw tables, their latest-load views, settings, seeds, the load log."""
    names = {spec.table for spec in FORMATS} | {spec.latest for spec in FORMATS if spec.replaces} \
        | {f"loaded_{spec.name}" for spec in FORMATS}
    return frozenset(names | set(META_TABLES) | set(SEED_TABLES) | set(CFG_TABLES))


NOT_IN_MARTS = ("limits",)  # settings no model reads: the upload and memory limits


def config_hash(settings: dict) -> str:
    """Everything besides the raw tables that the cfg tables and seeds are made of: a change rebuilds every mart. The
    limits are not: raising the memory limit after a load ran out of it must not rebuild every mart."""
    kept = {k: v for k, v in settings.items() if k not in NOT_IN_MARTS}
    h = hashlib.sha256(json.dumps(kept, sort_keys=True, default=str).encode())
    for t in SEED_TABLES:
        h.update((SEEDS / f"{t.removeprefix('seed_')}.csv").read_bytes())
    h.update(f"{FX_SOURCE_LABEL}|{dt.date.today().year}".encode())  # built-in rates; the holiday years
    return h.hexdigest()[:16]


def _state(con) -> dict[str, tuple[str, dt.date]]:
    con.execute(f"CREATE TABLE IF NOT EXISTS {BUILD_STATE} (model VARCHAR PRIMARY KEY, sql_hash VARCHAR, built_on DATE)")
    return {m: (h, d) for m, h, d in con.execute(f"SELECT model, sql_hash, built_on FROM {BUILD_STATE}").fetchall()}


def _plan(con, settings: dict, changed: set[str] | None) -> tuple[set[str], set[str] | None, set[str] | None]:
    """(models to build, roots, dirty): the persisted models (intermediate and marts) a build must recompute; the
    names that changed at the root (tables written, models whose SQL changed or that read the clock on a new day);
    everything downstream of them. Roots and dirty are None for a full build."""
    state = _state(con)
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    persisted = set(intermediate_models()) | set(MARTS)
    stored = state.get(CONFIG_KEY, (None, None))[0]
    if changed is None or stored != config_hash(settings) or not CFG_TABLES <= have:
        return persisted, None, None
    ms, today = models(), dt.date.today()
    roots = set(changed) | {spec.latest for spec in FORMATS if spec.replaces and spec.table in changed} \
        | {f"loaded_{spec.name}" for spec in FORMATS if spec.table in changed}
    for m in ms:
        if m.layer == "staging":
            continue
        h, built_on = state.get(m.name, (None, None))
        if m.name not in have or h != m.sql_hash or (m.reads_clock and built_on != today):
            roots.add(m.name)
    roots |= {m.name for m in ms if m.layer == "staging" and m.sql_hash != state.get(m.name, (None,))[0]}
    dirty = dag.downstream(ms, sources(), roots) | roots
    return dirty & persisted, roots, dirty


def marts_to_rebuild(con, settings: dict, changed: set[str] | None) -> set[str]:
    """The marts a build must recompute: all of them for a full build (`changed` None: settings changed, `lib build`,
    the first build) or when the settings or seeds differ from the last build's; else those downstream of the changed
    tables, those whose SQL changed since they were built (an upgrade), those never built, and those that read the
    clock when the day has changed."""
    return _plan(con, settings, changed)[0] & set(MARTS)


_CFG_VALUE = re.compile(r"\(SELECT (\w+) FROM (cfg_\w+)\)")


def _cfg_constants(con) -> dict[tuple[str, str], str]:
    """The text settings of the one-row configuration tables as SQL literals, keyed by (column, table)."""
    out, text = {}, {}
    for table, col in con.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                                  "'main' AND table_name LIKE 'cfg\\_%' ESCAPE '\\' AND data_type = 'VARCHAR' "
                                  "ORDER BY table_name, ordinal_position").fetchall():
        text.setdefault(table, []).append(col)
    for table, cols in text.items():
        if con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] != 1:
            continue
        for col, value in zip(cols, con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchone()):
            if value is not None:
                out[(col, table)] = literal(value)
    return out


def _bind_constants(m: dag.Model, constants: dict) -> dag.Model:
    """The model with each `(SELECT <text setting> FROM cfg_<table>)` written as its value. Same result; but DuckDB
    compiles a regular expression whose pattern is a subquery once per row (a support ticket's order pattern: 232 s
    for 595k tickets at 10M order lines, against under a second with the pattern as a constant). The model file,
    its hash and the Spark build keep the subquery; a settings change rebuilds every model anyway."""
    sql = _CFG_VALUE.sub(lambda x: constants.get((x.group(1), x.group(2)), x.group(0)), m.sql)
    return m if sql == m.sql else dag.Model(m.name, m.layer, sql)


class BuildFailed(Exception):
    """A model could not be built: names the model, and says what to do when DuckDB ran out of its memory limit (an
    aborted transaction's later errors would otherwise hide the cause)."""

    def __init__(self, model: str, error: Exception, settings: dict):
        self.model, self.error = model, error
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "Out of Memory" in str(error):
            mb = settings.get("limits", {}).get("memory_limit_mb")
            text = (f"building {model} needed more than the {mb} MB of memory allowed to loads and rebuilds: raise "
                    f"'Memory for loads and rebuilds' (limits.memory_limit_mb) on the Settings page, then try again")
        else:
            text = f"building {model} failed ({type(error).__name__}: {first[:300]})"
        super().__init__(text)


class Built(set):
    """The marts a build recomputed; `keyed`: model → number of keys recomputed, for those built by key; `parts`: for
    those, the snapshot parts (years) whose rows they deleted or inserted; `seconds`: model → wall seconds."""
    keyed: dict[str, int]
    parts: dict[str, set[str]]
    seconds: dict[str, float]


def build(con, settings: dict, changed: set[str] | None = None, loads: set[int] | None = None) -> Built:
    """Rebuild cfg tables, seeds, staging views and the models that need it (inside the caller's transaction); returns
    the marts rebuilt. `changed`: the tables a load or removal wrote (raw tables, `load_log`); None rebuilds all.
    `loads`: the load ids the batch added; with them a model that declares keys (`incremental.py`) recomputes only
    the keys the loads touched."""
    todo, roots, dirty = _plan(con, settings, changed)
    full = roots is None
    ms = models()
    if full:
        _write_cfg(con, settings)
        _write_seeds(con)
    for spec in FORMATS:  # latest_<format>: views, read once by their staging model; loaded_<format>: its loads
        if spec.replaces:
            con.execute(f"CREATE OR REPLACE TEMP VIEW {spec.latest} AS {latest_sql(spec)}")
        con.execute(f"CREATE OR REPLACE TEMP VIEW loaded_{spec.name} AS {loaded_sql(spec)}")
    # Staging models read more than once are materialised as temp tables for the build; the others stay views
    # (materialising them too copied every order line twice). Intermediate models are tables in the workspace (not
    # published): int_order_lines feeds nine marts, and keeping it lets a load replace only the orders it names.
    needed = dag.upstream(ms, sources(), todo)
    for m in ms:
        if m.layer != "staging" or m.name not in needed:
            continue
        kind = "TABLE" if m.name in STAGING_READ_TWICE else "VIEW"
        con.execute(f"DROP VIEW IF EXISTS main.{m.name}")
        con.execute(f"CREATE OR REPLACE TEMP {kind} {m.name} AS {m.sql}")
    result = Built(todo & set(MARTS))
    result.keyed, result.parts, result.seconds = {}, {}, {}
    decl = {m.name: incremental.keyed(m.sql) for m in ms if m.layer != "staging"} if not full and loads else {}
    keep = set()  # inputs whose previous version a keyed model compares with the new one
    for name, k in decl.items():
        if k is not None and name in todo:
            keep |= {i for i, _, _ in k.by} | k.grow_only
    touched: dict[str, tuple[str, str]] = {}  # model built by key → (temp table of its touched keys, key)
    prev: set[str] = set()
    # models this build left exactly as they were (built by key with no key touched, or skipped): a model whose changed
    # inputs are all among them is skipped, and a keyed model does not look at them
    unchanged: set[str] = set()
    g = dag.graph(ms, sources()) if not full else {}
    current, constants = "the marts", _cfg_constants(con)
    try:
        for m in ms:
            if m.layer == "staging" or m.name not in todo:
                continue
            if not full and m.name not in roots and g[m.name] & dirty and g[m.name] & dirty <= unchanged:
                unchanged.add(m.name)
                result.discard(m.name)
                continue
            current, m = m.name, _bind_constants(m, constants)
            k = decl.get(m.name)
            n, started = None, time.perf_counter()
            if k is not None and k.from_loads:
                n = _build_from_loads(con, m, k, ms, changed, loads, roots, touched)
            elif k is not None:
                n = _build_by_key(con, m, k, ms, roots, dirty - unchanged, touched, prev, result.parts)
            if n is not None:
                result.keyed[m.name] = n
                result.seconds[m.name] = round(time.perf_counter() - started, 3)
                if n == 0:
                    unchanged.add(m.name)
                continue
            if m.name in keep and con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                                              "'main' AND table_name = $t", {"t": m.name}).fetchone()[0]:
                con.execute(f"DROP TABLE IF EXISTS _prev_{m.name}")
                con.execute(f"ALTER TABLE main.{m.name} RENAME TO _prev_{m.name}")
                prev.add(m.name)
            con.execute(f"CREATE OR REPLACE TABLE main.{m.name} AS {m.sql}")
            result.seconds[m.name] = round(time.perf_counter() - started, 3)
    except Exception as e:  # the caller rolls the transaction back (which drops the helper tables too)
        raise BuildFailed(current, e, settings) from e
    for name in prev:
        con.execute(f"DROP TABLE IF EXISTS main._prev_{name}")
    for name, (t, _) in touched.items():
        con.execute(f"DROP TABLE IF EXISTS temp.main.{t}")
        con.execute(f"DROP TABLE IF EXISTS temp.main._old_{name}")
    today = dt.date.today()
    rows = [(m.name, m.sql_hash, today) for m in ms if m.name in todo or (m.layer == "staging" and m.name in needed)]
    rows.append((CONFIG_KEY, config_hash(settings), today))
    con.executemany(f"INSERT OR REPLACE INTO {BUILD_STATE} VALUES (?, ?, ?)", rows)
    return result


def _build_from_loads(con, m, k, ms, changed, loads, roots, touched) -> int | None:
    """Replace the lines of the orders the new loads name (see `incremental`); the number of orders, or None when
    the model must be built whole."""
    srcs = sources()
    g = dag.graph(ms, srcs)
    up = dag.upstream(ms, srcs, {m.name})
    reads = set().union(*(g[x] for x in up)) | up
    restricted = incremental.order_formats(reads)
    loaded = [spec for spec in restricted if spec.table in changed]
    allowed = {spec.table for spec in restricted} | {spec.latest for spec in restricted}
    if m.name in roots or not loaded or (reads & roots) - allowed:
        return None
    layer = {x.name: x for x in ms}
    views, loaded_views = {spec.latest for spec in restricted}, {spec.latest for spec in loaded}
    stg = [x for x in up if layer[x].layer == "staging"]
    narrowed = [x for x in stg if g[x] & loaded_views]
    lits = [incremental.source_literal(layer[x].sql) for x in narrowed]
    others = {incremental.source_literal(layer[x].sql) for x in stg if x not in narrowed}
    # a staging model that joins two exports (Etsy's orders and items) cannot be narrowed by one file's keys: the other
    # file may spell the key differently; a source written by another staging model too cannot be replaced by source.
    # Nor one that reads rows besides its export's latest load (stg_amazon_date_range_orders leaves out the orders All
    # Orders holds: with All Orders narrowed to the new file it would hand every other order to the Date Range report)
    if (not narrowed or None in lits or set(lits) & others or set(narrowed) & set(STAGING_READ_TWICE)
            or any(len(g[x] & views) > 1 or g[x] - views - set(SEED_TABLES) - CFG_TABLES for x in narrowed)):
        return None
    con.execute("CREATE OR REPLACE TEMP TABLE _touched_keys (format VARCHAR, k VARCHAR)")
    for spec in loaded:
        con.execute(f"INSERT INTO _touched_keys SELECT DISTINCT {literal(spec.name)}, {incremental.key_expr(spec)} "
                    f"FROM {spec.table} WHERE _load_id IN (SELECT unnest($l::BIGINT[]))", {"l": sorted(loads)})
    new, t = f"_new_{m.name}", f"_touched_{m.name}"
    try:
        for spec in restricted:
            con.execute(f"CREATE OR REPLACE TEMP VIEW {spec.latest} AS {incremental.restricted_latest_sql(spec)}")
        con.execute(f"CREATE OR REPLACE TEMP TABLE {new} AS SELECT * FROM (\n{m.sql}\n) WHERE source IN "
                    f"(SELECT unnest($s::VARCHAR[]))", {"s": lits})
    finally:
        for spec in restricted:
            con.execute(f"CREATE OR REPLACE TEMP VIEW {spec.latest} AS {latest_sql(spec)}")
        con.execute("DROP TABLE IF EXISTS temp.main._touched_keys")
    key = k.key
    con.execute(f"CREATE OR REPLACE TEMP TABLE {t} AS SELECT DISTINCT {key} FROM {new} WHERE {key} IS NOT NULL")
    touched[m.name] = (t, key)
    target = incremental.qualified(con, m.name)
    replaced = f"source IN (SELECT unnest($s::VARCHAR[])) AND {key} IN (SELECT {key} FROM {t})"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _old_{m.name} AS SELECT * FROM {target} WHERE {replaced}", {"s": lits})
    con.execute(f"DELETE FROM {target} WHERE {replaced}", {"s": lits})
    con.execute(f"INSERT INTO {target} BY NAME SELECT * FROM {new}")
    con.execute(f"DROP TABLE {new}")
    return con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]


def _build_by_key(con, m, k, ms, roots, dirty, touched, prev, changed_parts) -> int | None:
    """Recompute the keys whose inputs changed (see `incremental`); the number of keys, or None when the model must
    be built whole."""
    if m.name in roots:
        return None
    g = dag.graph(ms, sources())
    key, index, parts = k.key, k.index_of(m.name), []
    for inp in sorted(g[m.name] & dirty):
        old = f"_prev_{inp}"
        if inp in k.grow_only:
            if inp not in prev or not incremental.same_columns(con, old, inp) or not incremental.only_grew(con, old, inp):
                return None
            parts += [f"SELECT {key} FROM main.{m.name} WHERE {pred}" for i, pred in k.missed if i == inp]
            continue
        declared = k.inputs(inp)
        if not declared:
            return None
        for col, via in declared:
            if inp in touched:  # built by key in this build: its touched keys, or their values of `col` before and after
                t_in, k_in = touched[inp]
                values = (f"SELECT {col} FROM {t_in}" if col == k_in else
                          f"SELECT {col} FROM _old_{inp} UNION SELECT {col} FROM main.{inp} WHERE {k_in} IN "
                          f"(SELECT {k_in} FROM {t_in})")
            elif inp in prev and incremental.same_columns(con, old, inp):
                values = incremental.changed_values(old, inp, col)
            else:
                return None
            if col == key and via == key:
                parts.append(values)
            elif index is not None:
                parts.append(f"SELECT {key} FROM main.{index} WHERE {via} IN ({values})")
            else:
                return None
    t = f"_touched_{m.name}"
    union = " UNION ALL ".join(parts) if parts else f"SELECT {key} FROM main.{m.name} WHERE false"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {t} AS SELECT DISTINCT {key} FROM ({union}) WHERE {key} IS NOT NULL")
    touched[m.name] = (t, key)
    target = incremental.qualified(con, m.name)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _old_{m.name} AS SELECT * FROM {target} WHERE {key} IN (SELECT {key} FROM {t})")
    n = con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
    if not n:
        changed_parts[m.name] = set()
        return 0
    # each declared input read only for the touched keys, through the index's table in the workspace (a model indexed
    # by its own rows: their copy taken before the delete)
    index_rows = f"_old_{m.name}" if index == m.name else incremental.qualified(con, index) if index else None
    shadows = {}
    for inp in dict.fromkeys(i for i, _, _ in k.by):
        src = incremental.qualified(con, inp)
        declared = k.inputs(inp)
        col, via = (key, key) if (key, key) in declared else declared[0]
        shadows[inp] = (f"SELECT * FROM {src} WHERE {key} IN (SELECT {key} FROM {t})" if col == key and via == key else
                        f"SELECT * FROM {src} WHERE {col} IN (SELECT {via} FROM {index_rows} "
                        f"WHERE {key} IN (SELECT {key} FROM {t}))")
    try:
        for inp, sql in shadows.items():
            con.execute(f"CREATE OR REPLACE TEMP VIEW {inp} AS {sql}")
        con.execute(f"DELETE FROM {target} WHERE {key} IN (SELECT {key} FROM {t})")
        con.execute(f"INSERT INTO {target} BY NAME SELECT * FROM (\n{m.sql}\n) WHERE {key} IN (SELECT {key} FROM {t})")
        changed_parts[m.name] = _changed_parts(con, m.name, key, t)
    finally:
        for inp in shadows:
            con.execute(f"DROP VIEW IF EXISTS temp.main.{inp}")
    return n


def _changed_parts(con, table: str, key: str, touched: str) -> set[str]:
    """The snapshot parts (years or months) holding a row of the touched keys that the build added, removed or changed:
    the touched keys' rows before (`_old_<table>`) and after, compared as multisets. A returning customer's new order
    touches all their orders, but only the new one's month part differs."""
    from .publish import part_key, period
    after = f"SELECT * FROM main.{table} WHERE {key} IN (SELECT {key} FROM {touched})"
    diff = f"(SELECT * FROM _old_{table} EXCEPT ALL {after}) UNION ALL ({after} EXCEPT ALL SELECT * FROM _old_{table})"
    return {r[0] for r in con.execute(f"SELECT DISTINCT {part_key(table, period(con, table))} FROM ({diff}) AS t").fetchall()}


def publish_changes(rebuilt: set[str], written: set[str]) -> set[str] | None:
    """What a publish after this build must look at again: the rebuilt marts and the tables the write touched, or
    everything (None) after a full build, which also rewrote the settings tables and seeds."""
    return None if rebuilt >= set(MARTS) else rebuilt | written


def rebuild(ws, unless_built_with_these_settings: bool = False) -> None:
    """Rebuild the marts with the current settings and publish (after a settings change, `lib build`). With
    `unless_built_with_these_settings`, nothing is done when the marts were last built with settings that give the
    same cfg tables (only the limits changed)."""
    with ws.writer() as con:
        if unless_built_with_these_settings and CFG_TABLES <= {r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}:
            if _state(con).get(CONFIG_KEY, (None,))[0] == config_hash(ws.settings()):
                return
        con.execute("BEGIN TRANSACTION")
        try:
            build(con, ws.settings())
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        ws.publish(con)


def published_tables(con) -> list[str]:
    """Tables copied into each snapshot: marts, load log, quarantine, cfg and seeds."""
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()}
    # cfg_fx_builtin (the whole ECB history, ~220k rows) stays in the workspace: dim_fx_rates carries what readers need
    wanted = list(MARTS) + list(META_TABLES) + [t for t in sorted(have) if t.startswith("cfg_") and t != "cfg_fx_builtin"] \
        + list(SEED_TABLES)
    return [t for t in wanted if t in have]
