-- data_health__fx_rates: per currency the data uses, how its amounts reach the reporting currency.
-- grain: one row per currency of orders, product costs or marketplace fees.
-- upstream: dim_fx_rates, fct_orders, cfg_fx_builtin_info
SELECT r.currency, min(r.reporting_currency) AS reporting_currency,
       count(*) FILTER (WHERE r.has_fx_rate) AS days_with_rate, count(*) AS days,
       string_agg(DISTINCT r.fx_rate_source, ', ' ORDER BY r.fx_rate_source) AS sources,
       max(r.fx_rate_date) AS latest_rate_date,
       (SELECT count(*) FROM fct_orders o WHERE o.currency IS NOT DISTINCT FROM r.currency) AS orders,
       (SELECT count(*) FROM fct_orders o WHERE o.currency IS NOT DISTINCT FROM r.currency AND NOT o.has_fx_rate) AS orders_without_rate,
       (SELECT last_day FROM cfg_fx_builtin_info) AS builtin_last_day
FROM dim_fx_rates r
GROUP BY r.currency
UNION ALL  -- orders whose export states no currency
SELECT NULL, (SELECT reporting_currency FROM cfg_reporting), 0, 0, NULL, NULL, count(*), count(*),
       (SELECT last_day FROM cfg_fx_builtin_info)
FROM fct_orders WHERE currency IS NULL HAVING count(*) > 0
ORDER BY orders_without_rate DESC, currency
