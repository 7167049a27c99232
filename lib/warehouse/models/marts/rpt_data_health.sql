-- rpt_data_health: what is loaded, per entity: rows, date range, last load, and the main gaps between entities.
-- grain: one row per check.
-- upstream: fct_orders, fct_order_lines, fct_shipments, fct_returns, fct_inventory_daily, dim_products, load_log
SELECT 'orders' AS entity, 'rows' AS check_name, count(*)::DOUBLE AS value, min(order_date) AS first_date, max(order_date) AS last_date FROM fct_orders
UNION ALL SELECT 'order lines', 'rows', count(*), min(order_date), max(order_date) FROM fct_order_lines
UNION ALL SELECT 'shipments', 'rows', count(*), min(shipped_at)::DATE, max(shipped_at)::DATE FROM fct_shipments
UNION ALL SELECT 'returns', 'rows', count(*), min(returned_at)::DATE, max(returned_at)::DATE FROM fct_returns
UNION ALL SELECT 'inventory', 'SKU-location-days', count(*), min(day), max(day) FROM fct_inventory_daily
UNION ALL SELECT 'products', 'SKUs in catalog', count(*) FILTER (WHERE has_catalog), NULL, NULL FROM dim_products
UNION ALL SELECT 'products', 'SKUs sold but missing from the catalog', count(*) FILTER (WHERE NOT has_catalog), NULL, NULL FROM dim_products
UNION ALL SELECT 'products', 'SKUs without cost', count(*) FILTER (WHERE NOT has_cost), NULL, NULL FROM dim_products
UNION ALL SELECT 'orders', 'orders not cancelled without a shipment', count(*) FILTER (WHERE NOT is_cancelled AND NOT is_shipped), NULL, NULL FROM fct_orders
UNION ALL SELECT 'shipments', 'shipments without delivery', count(*) FILTER (WHERE NOT is_delivered), NULL, NULL FROM fct_shipments
UNION ALL SELECT 'shipments', 'shipments not matched to an order', count(*) FILTER (WHERE NOT has_order), NULL, NULL FROM fct_shipments
UNION ALL SELECT 'returns', 'returns not matched to an order', count(*) FILTER (WHERE NOT has_order), NULL, NULL FROM fct_returns
UNION ALL SELECT 'orders', 'orders whose export lists no items (no SKUs, no units)', count(*) FILTER (WHERE units IS NULL), NULL, NULL FROM fct_orders
