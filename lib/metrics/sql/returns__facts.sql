-- returns__facts: units sold and units returned in scope, on one date basis, with every dimension a return is cut by.
-- grain: one row per order and SKU sold (kind = 'sold': order date in [$start, $end]) plus one row per return and SKU
--        (kind = 'returned': $basis = 'order' → its order's date in range, matched returns only; 'event' → its return
--        date in range, matched or not); rows outside the channel/warehouse/carrier/category filters are dropped.
--        Orders cancelled before shipment are not sales (METRICS.md conventions), nor are their returns.
--        dim_value is the column named by $dimension (all, sku, family, size, colour, category, channel, warehouse,
--        carrier, zone).
-- upstream: fct_orders, fct_order_lines, fct_returns, fct_shipments, dim_products
WITH orders AS (
    SELECT order_id, order_date, warehouse, carrier, is_shipped
    FROM fct_orders WHERE NOT (is_cancelled AND NOT is_shipped)
), zones AS (
    SELECT order_id, arg_min(zone, shipped_at) AS zone FROM fct_shipments WHERE has_order GROUP BY order_id
), sold AS (
    SELECT l.order_id, l.sku, any_value(l.channel) AS channel, any_value(l.category) AS category,
           any_value(l.family) AS family, any_value(l.size) AS size, any_value(l.colour) AS colour,
           sum(l.quantity) AS units, sum(l.net_sales_amount) AS net_sales_amount
    FROM fct_order_lines l JOIN orders o USING (order_id)
    GROUP BY l.order_id, l.sku
), facts AS (
    SELECT 'sold' AS kind, s.order_id, NULL::VARCHAR AS return_id, s.sku, s.channel, s.category,
           coalesce(s.family, s.sku) AS family, s.size, s.colour, o.warehouse, o.carrier, z.zone, o.is_shipped,
           o.order_date, o.order_date AS basis_date, s.units::DOUBLE AS units_sold, 0.0 AS units_returned,
           s.net_sales_amount::DOUBLE AS net_sales_amount,
           NULL::VARCHAR AS reason, NULL::VARCHAR AS reason_group, NULL::BOOLEAN AS is_controllable,
           NULL::BOOLEAN AS is_fulfillment_error, NULL::BOOLEAN AS is_carrier_damage, NULL::VARCHAR AS comment,
           NULL::INTEGER AS return_lag_days, NULL::DATE AS returned_date, NULL::VARCHAR AS disposition,
           NULL::VARCHAR AS outcome, 0.0 AS refund_amount, 0.0 AS return_label_cost_amount,
           0.0 AS processing_cost_amount, 0.0 AS recovered_amount, 0.0 AS returned_value_amount
    FROM sold s JOIN orders o USING (order_id) LEFT JOIN zones z USING (order_id)
    UNION ALL
    SELECT 'returned', r.order_id, r.return_id, r.sku, r.channel, r.category, coalesce(r.family, r.sku), r.size, r.colour,
           coalesce(o.warehouse, r.warehouse, 'Unassigned'), coalesce(o.carrier, r.carrier, 'Unknown'), z.zone,
           o.is_shipped, o.order_date,
           CASE WHEN $basis = 'event' THEN coalesce(r.returned_at, r.requested_at)::DATE ELSE o.order_date END,
           0.0, r.quantity::DOUBLE, 0.0,
           r.reason, r.reason_group, r.is_controllable, r.is_fulfillment_error, r.is_carrier_damage,
           nullif(trim(r.comment), ''), greatest(r.return_lag_days, 0)::INTEGER, coalesce(r.returned_at, r.requested_at)::DATE,
           r.disposition, r.outcome, r.refund_amount, r.return_label_cost_amount, r.processing_cost_amount,
           r.recovered_amount,
           coalesce(r.quantity * s.net_sales_amount / nullif(s.units, 0), r.refund_amount)::DOUBLE
    FROM fct_returns r
    LEFT JOIN orders o ON o.order_id = r.order_id AND r.has_order
    LEFT JOIN sold s ON s.order_id = r.order_id AND s.sku = r.sku
    LEFT JOIN zones z ON z.order_id = r.order_id
    WHERE o.order_id IS NOT NULL OR ($basis = 'event' AND NOT r.has_order)
)
SELECT *, CASE $dimension WHEN 'all' THEN 'All' WHEN 'sku' THEN sku WHEN 'family' THEN family
              WHEN 'size' THEN coalesce(size, '(no size)') WHEN 'colour' THEN coalesce(colour, '(no colour)')
              WHEN 'category' THEN category WHEN 'channel' THEN channel WHEN 'warehouse' THEN warehouse
              WHEN 'carrier' THEN carrier WHEN 'zone' THEN coalesce(zone, '(no zone)') END AS dim_value
FROM facts
WHERE basis_date BETWEEN $start AND $end
  AND (len($channels) = 0 OR list_contains($channels, channel))
  AND (len($warehouses) = 0 OR list_contains($warehouses, warehouse))
  AND (len($carriers) = 0 OR list_contains($carriers, carrier))
  AND (len($categories) = 0 OR list_contains($categories, category))
