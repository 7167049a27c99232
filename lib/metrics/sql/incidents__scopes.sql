-- incidents__scopes: the carriers, warehouses and ship-to regions one can scope an incident to.
-- grain: one row per kind × value with orders.
-- upstream: fct_orders
SELECT 'carrier' AS kind, carrier AS value, count(*) AS orders FROM fct_orders WHERE is_shipped GROUP BY carrier
UNION ALL
SELECT 'warehouse' AS kind, warehouse AS value, count(*) AS orders FROM fct_orders GROUP BY warehouse
UNION ALL
SELECT 'region' AS kind, coalesce(nullif(trim(ship_to_region), ''), $unknown_region) AS value, count(*) AS orders
FROM fct_orders GROUP BY 2
ORDER BY kind, orders DESC, value
