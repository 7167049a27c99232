-- stg_fx_rates: every exchange rate Opsdesk knows, as "1 from_currency = rate to_currency" from a day on, with its source.
-- grain: one row per source, day, from_currency and to_currency; each stated rate appears in both directions.
-- upstream: raw_opsdesk_fx_rates, raw_ecb_fx_rates, cfg_fx_builtin
-- source_rank: 1 = your exchange-rates template, 2 = an ECB history file you loaded, 3 = the ECB history shipped with
-- Opsdesk. A re-loaded day replaces the earlier load's rate (latest load wins).
WITH template AS (
    SELECT date AS rate_date, upper(trim(from_currency)) AS from_currency, upper(trim(to_currency)) AS to_currency, rate
    FROM raw_opsdesk_fx_rates
    WHERE rate > 0 AND upper(trim(from_currency)) <> upper(trim(to_currency))
    QUALIFY row_number() OVER (PARTITION BY date, upper(trim(from_currency)), upper(trim(to_currency))
                               ORDER BY _load_id DESC, _row DESC) = 1
), ecb_latest AS (
    SELECT * EXCLUDE (_line, _seq, _row, _load_id) FROM raw_ecb_fx_rates
    QUALIFY row_number() OVER (PARTITION BY date ORDER BY _load_id DESC, _row DESC) = 1
), ecb_file AS (
    UNPIVOT ecb_latest ON COLUMNS(* EXCLUDE (date)) INTO NAME currency VALUE per_eur
), stated AS (
    SELECT 1 AS source_rank, 'your exchange rates' AS source, rate_date, from_currency, to_currency, rate::DOUBLE AS rate
    FROM template
    UNION ALL
    SELECT 2 AS source_rank, 'your ECB rates file' AS source, date AS rate_date, 'EUR' AS from_currency,
           upper(currency) AS to_currency, per_eur::DOUBLE AS rate
    FROM ecb_file WHERE per_eur > 0
    UNION ALL
    SELECT 3 AS source_rank, (SELECT source FROM cfg_fx_builtin_info) AS source, day AS rate_date, 'EUR' AS from_currency,
           currency AS to_currency, per_eur AS rate
    FROM cfg_fx_builtin
)
SELECT source_rank, source, rate_date, from_currency, to_currency, rate FROM stated
UNION ALL
SELECT source_rank, source, rate_date, to_currency AS from_currency, from_currency AS to_currency, 1.0 / rate AS rate FROM stated
