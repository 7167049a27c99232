-- fulfillment__slices: the scoped orders (fulfillment__orders.sql, same $params), each once per slice of each
-- dimension in $dimensions, with the order week as `period` when $by_week (else NULL).
-- grain: one row per order × (dimension, slice): 'all' (one slice, 'All orders'), 'channel', 'warehouse', 'carrier',
--        'service', 'category' (an order counts in every category it contains, as the category filter does: slices may
--        overlap), 'primary_category' / 'primary_sku' (the order's largest line by gross sales, ties to the first
--        line: the slices partition the orders, as a mix/rate decomposition needs).
-- upstream: fulfillment__orders, fct_order_lines
WITH fulfillment_scope AS MATERIALIZED (  -- the scoped orders, with only the columns the keys and the KPIs read
    SELECT order_id, order_date, channel, warehouse, carrier, service, is_cancelled, is_in_revenue, has_fx_rate, is_shipped, is_on_time_ship,
           is_on_time_delivery, is_in_full, has_damage, has_fulfillment_error, has_valid_tracking, cycle_hours,
           processing_hours, dock_hours, transit_hours, click_to_door_hours, cost_label_amount, cost_3pl_amount,
           cost_packaging_amount, cost_labor_amount, shipping_charged_amount
    FROM fulfillment__orders
), line_orders AS (  -- empty unless a slice needs the lines: the join below then reads no line at all
    SELECT order_id FROM fulfillment_scope
    WHERE list_contains($dimensions, 'category') OR list_contains($dimensions, 'primary_category')
          OR list_contains($dimensions, 'primary_sku')
), scope_lines AS (
    SELECT l.order_id, l.sku, l.category, l.line_no, l.gross_sales_amount
    FROM fct_order_lines l SEMI JOIN line_orders o ON o.order_id = l.order_id
    WHERE l.order_date >= $start  -- a line is never dated before its order (= its first line): skips row groups
), primary_line AS (
    SELECT order_id, first(sku ORDER BY gross_sales_amount DESC NULLS LAST, line_no) AS sku,
           first(category ORDER BY gross_sales_amount DESC NULLS LAST, line_no) AS category
    FROM scope_lines GROUP BY order_id
), keyed AS (
    SELECT o.*, 'all' AS dimension, 'All orders' AS slice FROM fulfillment_scope o WHERE list_contains($dimensions, 'all')
    UNION ALL SELECT o.*, 'channel', coalesce(nullif(trim(o.channel), ''), $unknown_channel) FROM fulfillment_scope o WHERE list_contains($dimensions, 'channel')
    UNION ALL SELECT o.*, 'warehouse', coalesce(nullif(trim(o.warehouse), ''), $unknown_warehouse) FROM fulfillment_scope o WHERE list_contains($dimensions, 'warehouse')
    UNION ALL SELECT o.*, 'carrier', coalesce(nullif(trim(o.carrier), ''), $unknown_carrier) FROM fulfillment_scope o WHERE list_contains($dimensions, 'carrier')
    UNION ALL SELECT o.*, 'service', coalesce(nullif(trim(o.service), ''), $unknown_service) FROM fulfillment_scope o
              WHERE list_contains($dimensions, 'service')
    UNION ALL SELECT o.*, 'category', coalesce(nullif(trim(c.category), ''), $unknown_category) FROM fulfillment_scope o
              JOIN (SELECT DISTINCT order_id, category FROM scope_lines) c USING (order_id)
              WHERE list_contains($dimensions, 'category')
    UNION ALL SELECT o.*, 'primary_category', coalesce(nullif(trim(p.category), ''), $unknown_category) FROM fulfillment_scope o
              LEFT JOIN primary_line p USING (order_id) WHERE list_contains($dimensions, 'primary_category')
    UNION ALL SELECT o.*, 'primary_sku', coalesce(nullif(trim(p.sku), ''), $unknown_sku) FROM fulfillment_scope o
              LEFT JOIN primary_line p USING (order_id) WHERE list_contains($dimensions, 'primary_sku')
)
SELECT *, CASE WHEN $by_week THEN date_trunc('week', order_date)::DATE END AS period FROM keyed
