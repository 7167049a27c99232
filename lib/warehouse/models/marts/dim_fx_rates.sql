-- dim_fx_rates: the rate from each currency the data uses to the reporting currency, on every calendar day.
-- grain: one row per currency and calendar day (currencies of orders, product costs and marketplace fees).
-- upstream: stg_fx_rates, int_order_lines, dim_product_costs, fct_marketplace_fees, dim_calendar, cfg_reporting
-- The rate for a day is the latest rate on or before it. Sources in precedence order: your exchange-rates template,
-- an ECB history file you loaded, the ECB history shipped with Opsdesk; the first source with a rate on or before
-- the day wins. A currency is crossed through another (BDT → EUR → USD) only with two rates of one source and day;
-- a stated rate beats a crossed one. fx_rate is NULL where no source has a rate: those amounts are left out of
-- reporting totals (has_fx_rate = false), never added as another currency.
WITH rep AS (
    SELECT reporting_currency FROM cfg_reporting
), currencies AS (
    SELECT DISTINCT currency FROM (
        SELECT currency FROM int_order_lines UNION ALL SELECT currency FROM dim_product_costs
        UNION ALL SELECT currency FROM fct_marketplace_fees UNION ALL SELECT reporting_currency FROM rep)
    WHERE currency IS NOT NULL
), to_reporting AS (
    SELECT p.source_rank, p.source, p.rate_date, p.from_currency AS currency, p.rate, 0 AS hops
    FROM stg_fx_rates p
    WHERE p.to_currency = (SELECT reporting_currency FROM rep) AND p.from_currency IN (SELECT currency FROM currencies)
    UNION ALL
    SELECT a.source_rank, a.source, a.rate_date, a.from_currency AS currency, a.rate * b.rate AS rate, 1 AS hops
    FROM stg_fx_rates a
    JOIN stg_fx_rates b ON b.source_rank = a.source_rank AND b.rate_date = a.rate_date AND b.from_currency = a.to_currency
    WHERE b.to_currency = (SELECT reporting_currency FROM rep) AND a.to_currency <> b.to_currency
      AND a.from_currency <> b.to_currency AND a.from_currency IN (SELECT currency FROM currencies)
), best AS (  -- one rate per source, currency and day: stated before crossed, then the lowest pivot rate for determinism
    SELECT source_rank, source, rate_date, currency, rate FROM to_reporting
    QUALIFY row_number() OVER (PARTITION BY source_rank, currency, rate_date ORDER BY hops, rate) = 1
), grid AS (
    SELECT c.currency, d.day, k.source_rank
    FROM currencies c CROSS JOIN dim_calendar d CROSS JOIN (SELECT DISTINCT source_rank FROM best) k
), as_of AS (
    SELECT g.currency, g.day, g.source_rank, b.rate, b.rate_date, b.source
    FROM grid g ASOF LEFT JOIN best b ON b.currency = g.currency AND b.source_rank = g.source_rank AND g.day >= b.rate_date
), chosen AS (
    SELECT currency, day,
           arg_min(rate, source_rank) FILTER (WHERE rate IS NOT NULL) AS rate,
           arg_min(rate_date, source_rank) FILTER (WHERE rate IS NOT NULL) AS rate_date,
           arg_min(source, source_rank) FILTER (WHERE rate IS NOT NULL) AS source
    FROM as_of GROUP BY currency, day
), days AS (
    SELECT c.currency, d.day FROM currencies c CROSS JOIN dim_calendar d
)
SELECT d.currency, d.day, (SELECT reporting_currency FROM rep) AS reporting_currency,
       CASE WHEN d.currency = (SELECT reporting_currency FROM rep) THEN 1.0 ELSE ch.rate END AS fx_rate,
       CASE WHEN d.currency = (SELECT reporting_currency FROM rep) THEN d.day ELSE ch.rate_date END AS fx_rate_date,
       CASE WHEN d.currency = (SELECT reporting_currency FROM rep) THEN 'same currency' ELSE ch.source END AS fx_rate_source,
       (d.currency = (SELECT reporting_currency FROM rep) OR ch.rate IS NOT NULL) AS has_fx_rate
FROM days d LEFT JOIN chosen ch ON ch.currency = d.currency AND ch.day = d.day
ORDER BY d.currency, d.day
