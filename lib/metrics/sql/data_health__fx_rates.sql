-- data_health__fx_rates: per currency the data uses, how its amounts reach the reporting currency.
-- grain: one row per currency of orders, product costs or marketplace fees (NULL = orders whose export states none).
-- upstream: fct_orders, dim_fx_rates, cfg_reporting, cfg_fx_builtin_info
WITH used AS (
    SELECT currency, count(*) AS orders, count(*) FILTER (WHERE NOT has_fx_rate) AS orders_without_rate,
           string_agg(DISTINCT fx_rate_source, ', ' ORDER BY fx_rate_source) AS sources,
           max(fx_rate_date) FILTER (WHERE fx_rate_source <> 'same currency') AS latest_rate_date,
           max(order_date) AS last_order_date
    FROM fct_orders GROUP BY currency
), other AS (  -- currencies of costs and fees only
    SELECT DISTINCT currency FROM dim_fx_rates WHERE currency NOT IN (SELECT currency FROM used WHERE currency IS NOT NULL)
)
SELECT u.currency, (SELECT reporting_currency FROM cfg_reporting) AS reporting_currency, u.orders, u.orders_without_rate,
       u.sources, u.latest_rate_date, u.last_order_date, (SELECT last_day FROM cfg_fx_builtin_info) AS builtin_last_day
FROM used u
UNION ALL
SELECT o.currency, (SELECT reporting_currency FROM cfg_reporting), 0, 0,
       (SELECT string_agg(DISTINCT fx_rate_source, ', ' ORDER BY fx_rate_source) FROM dim_fx_rates r WHERE r.currency = o.currency),
       (SELECT max(fx_rate_date) FROM dim_fx_rates r WHERE r.currency = o.currency AND fx_rate_source <> 'same currency'),
       NULL, (SELECT last_day FROM cfg_fx_builtin_info)
FROM other o
ORDER BY orders_without_rate DESC, orders DESC, currency
