"""The warehouse: raw tables → staging views → mart tables, each model one `.sql` file with a grain header.

`build(con, settings)` recreates the `cfg_*` tables from the settings, the staging views and the marts, inside
the caller's transaction.  The marts are the public contract documented in `docs/data_dictionary.md`.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from ..ingest.formats import FORMATS
from ..ingest.parse import SQL_TYPES
from .fx import SOURCE_LABEL as FX_SOURCE_LABEL, builtin_rates

MODELS = Path(__file__).parent / "models"
SEEDS = Path(__file__).parent / "seeds"

# staging views first (any order), then marts in dependency order
MARTS = (
    "dim_calendar", "dim_products", "dim_product_costs", "fct_marketplace_fees", "dim_fx_rates", "fct_order_lines",
    "fct_shipments", "fct_returns", "fct_orders", "fct_inventory_daily", "fct_purchase_orders", "fct_fulfillment_charges",
    "fct_csat", "fct_ad_spend", "dim_promotions", "rpt_source_totals", "rpt_data_health",
    "fct_customer_orders", "dim_customers", "fct_disputes", "fct_carrier_invoice_lines",
)
META_TABLES = ("load_log", "quarantine")
STAGING_READ_TWICE = ("stg_fx_rates",)  # staging models that more than one model (or one twice) reads
SEED_TABLES = ("seed_return_reasons", "seed_carrier_aliases", "seed_vat_inclusive_marketplaces")


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
    return sorted(p.stem for p in (MODELS / "staging").glob("*.sql"))


def intermediate_models() -> list[str]:
    return sorted(p.stem for p in (MODELS / "intermediate").glob("*.sql"))


def latest_sql(spec) -> str:
    """The raw rows of each entity's latest load of `spec` (its `replaces` key): the one latest-load rule, generated
    from the format registry instead of written in every model that reads the raw table."""
    return (f"SELECT * FROM {spec.table} "
            f"QUALIFY _load_id = max(_load_id) OVER (PARTITION BY {', '.join(spec.replaces)})")


def _write_cfg(con, settings: dict) -> None:
    sla = settings["sla"]
    con.execute("CREATE OR REPLACE TABLE cfg_sla AS SELECT $c::INTEGER AS cutoff_hour, $h::INTEGER AS handling_business_days, "
                "$t::INTEGER AS default_transit_business_days, $d::DOUBLE AS dim_divisor",
                {"c": sla["cutoff_hour"], "h": sla["handling_business_days"], "t": sla["default_transit_business_days"],
                 "d": settings["dim_divisor_in3_per_lb"]})
    con.execute("CREATE OR REPLACE TABLE cfg_weekend AS SELECT unnest($w::INTEGER[]) AS weekday", {"w": sla["weekend_days"]})
    days = []
    try:
        import holidays
        years = range(2010, dt.date.today().year + 3)
        days = [(d, n) for d, n in holidays.country_holidays(sla["holiday_country"], years=years).items()]
    except Exception:  # unknown country code: only the extra holidays apply
        days = []
    days += [(dt.date.fromisoformat(d), "holiday") for d in sla.get("extra_holidays", [])]
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


def _write_seeds(con) -> None:
    for t in SEED_TABLES:
        path = SEEDS / f"{t.removeprefix('seed_')}.csv"
        con.execute(f"CREATE OR REPLACE TABLE {t} AS SELECT * FROM read_csv($p, header=true, all_varchar=true)",
                    {"p": str(path)})


def build(con, settings: dict) -> None:
    """Rebuild cfg tables, seeds, staging views and marts (inside the caller's transaction)."""
    _write_cfg(con, settings)
    _write_seeds(con)
    for spec in FORMATS:  # latest_<format>: views, read once by their staging model
        if spec.replaces:
            con.execute(f"CREATE OR REPLACE TEMP VIEW {spec.latest} AS {latest_sql(spec)}")
    # Intermediate models, and staging models read more than once, are materialised as temp tables for the build:
    # int_order_lines alone feeds nine marts, and a view would be re-evaluated by each of them (about a quarter of
    # the build's CPU). Staging models read once stay views (materialising them too copied every order line twice).
    # None of them is published.
    for layer, names in (("staging", staging_models()), ("intermediate", intermediate_models())):
        for name in names:
            kind = "TABLE" if layer == "intermediate" or name in STAGING_READ_TWICE else "VIEW"
            con.execute(f"DROP VIEW IF EXISTS main.{name}")
            con.execute(f"CREATE OR REPLACE TEMP {kind} {name} AS {model_sql(layer, name)}")
    for name in MARTS:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS {model_sql('marts', name)}")


def rebuild(ws) -> None:
    """Rebuild the marts with the current settings and publish (after a settings change)."""
    with ws.writer() as con:
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
