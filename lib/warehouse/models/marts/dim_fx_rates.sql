-- dim_fx_rates: the rate from each currency the data uses to the reporting currency, on every calendar day.
-- grain: one row per currency and calendar day (currencies of orders, product costs, marketplace fees and duties).
-- upstream: stg_fx_rates, int_order_lines, dim_product_costs, fct_marketplace_fees, dim_calendar, cfg_reporting,
--           stg_duties
-- Sources, in precedence order: your exchange-rates template, an ECB history file you loaded, the ECB history shipped
-- with Opsdesk. For each pair and day a source offers its latest rate on or before the day. A rate is current when it
-- is at most 31 days old: among current rates the first source wins (your monthly rates beat the ECB's daily ones);
-- when no source is current the freshest rate wins, and a rate over 366 days old is never used (a currency the ECB
-- stopped quoting gets no rate rather than a years-old one). A currency is converted directly, or through the euro
-- with each of the two legs chosen by the same rule (your BDT → EUR with the ECB's EUR → USD); a current direct rate
-- beats a crossed one. fx_rate is NULL where no rate qualifies: those amounts are left out of reporting totals
-- (has_fx_rate = false), never added as another currency.
WITH rep AS (
    SELECT reporting_currency AS r FROM cfg_reporting
), currencies AS (
    SELECT DISTINCT currency FROM (
        SELECT currency FROM int_order_lines UNION ALL SELECT currency FROM dim_product_costs
        UNION ALL SELECT currency FROM fct_marketplace_fees UNION ALL SELECT r FROM rep
        UNION ALL SELECT currency FROM stg_duties)
    WHERE currency IS NOT NULL
), legs AS (  -- the stated rates a conversion can use: to the reporting currency, to the euro, euro to reporting
    SELECT source_rank, source, rate_date, from_currency, to_currency, rate
    FROM stg_fx_rates, rep
    WHERE from_currency <> to_currency
      AND ((to_currency = rep.r AND from_currency IN (SELECT currency FROM currencies))
           OR (to_currency = 'EUR' AND rep.r <> 'EUR' AND from_currency IN (SELECT currency FROM currencies))
           OR (from_currency = 'EUR' AND to_currency = rep.r))
    QUALIFY row_number() OVER (PARTITION BY source_rank, from_currency, to_currency, rate_date ORDER BY rate) = 1
), grid AS (
    SELECT p.from_currency, p.to_currency, p.source_rank, d.day
    FROM (SELECT DISTINCT from_currency, to_currency, source_rank FROM legs) p CROSS JOIN dim_calendar d
), as_of AS (  -- each source's latest rate on or before the day, per pair
    SELECT g.from_currency, g.to_currency, g.day, g.source_rank, l.source, l.rate, l.rate_date
    FROM grid g ASOF LEFT JOIN legs l
      ON l.from_currency = g.from_currency AND l.to_currency = g.to_currency AND l.source_rank = g.source_rank
     AND g.day >= l.rate_date
), leg AS (  -- one rate per pair and day: current ones by precedence, else the freshest, never over a year old
    SELECT from_currency, to_currency, day, rate, rate_date, source FROM as_of
    WHERE rate IS NOT NULL AND rate_date >= day - 366
    QUALIFY row_number() OVER (PARTITION BY from_currency, to_currency, day
                               ORDER BY rate_date >= day - 31 DESC, source_rank, rate_date DESC) = 1
), candidates AS (
    SELECT from_currency AS currency, day, rate, rate_date, source, 0 AS hops
    FROM leg WHERE to_currency = (SELECT r FROM rep)
    UNION ALL
    SELECT a.from_currency AS currency, a.day, a.rate * b.rate AS rate, least(a.rate_date, b.rate_date) AS rate_date,
           CASE WHEN a.source = b.source THEN a.source ELSE a.source || ' + ' || b.source END AS source, 1 AS hops
    FROM leg a JOIN leg b ON b.day = a.day AND b.from_currency = 'EUR' AND b.to_currency = (SELECT r FROM rep)
    WHERE a.to_currency = 'EUR'
), chosen AS (
    SELECT currency, day, rate, rate_date, source FROM candidates
    QUALIFY row_number() OVER (PARTITION BY currency, day ORDER BY rate_date >= day - 31 DESC, hops, rate_date DESC, rate) = 1
), days AS (
    SELECT c.currency, d.day FROM currencies c CROSS JOIN dim_calendar d
)
SELECT d.currency, d.day, (SELECT r FROM rep) AS reporting_currency,
       CASE WHEN d.currency = (SELECT r FROM rep) THEN 1.0 ELSE ch.rate END AS fx_rate,
       CASE WHEN d.currency = (SELECT r FROM rep) THEN d.day ELSE ch.rate_date END AS fx_rate_date,
       CASE WHEN d.currency = (SELECT r FROM rep) THEN 'same currency' ELSE ch.source END AS fx_rate_source,
       (d.currency = (SELECT r FROM rep) OR ch.rate IS NOT NULL) AS has_fx_rate
FROM days d LEFT JOIN chosen ch ON ch.currency = d.currency AND ch.day = d.day
ORDER BY d.currency, d.day
