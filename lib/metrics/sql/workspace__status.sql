-- workspace__status: what the current snapshot holds: sources loaded, order date range, last load, version.
-- grain: one row.
-- upstream: load_log, fct_orders, snapshot_info, cfg_reporting
SELECT (SELECT list(DISTINCT format ORDER BY format) FROM load_log WHERE status = 'loaded') AS formats,
       (SELECT count(*) FROM load_log WHERE status = 'loaded') AS files_loaded,
       (SELECT max(loaded_at) FROM load_log WHERE status = 'loaded') AS last_loaded_at,
       (SELECT count(*) FROM fct_orders) AS orders,
       (SELECT min(order_date) FROM fct_orders) AS first_order_date,
       (SELECT max(order_date) FROM fct_orders) AS last_order_date,
       (SELECT reporting_currency FROM cfg_reporting) AS currency,  -- every money total is in it
       (SELECT max(version) FROM snapshot_info) AS version
