-- returns__facts: units sold and units returned in scope, on one date basis, with every dimension a return is cut by.
-- grain: one row per order and SKU sold (kind = 'sold': order date in [$start, $end]) plus one row per return and SKU
--        (kind = 'returned': $basis = 'order' → its order's date in range, matched returns only; 'event' → its return
--        date in range, matched or not); rows outside the channel/warehouse/carrier/category filters are dropped.
--        Orders cancelled before shipment are not sales (METRICS.md conventions), nor are their returns.
--        dim_value is the column named by $dimension (all, sku, family, size, colour, category, channel, warehouse,
--        carrier, zone). zone is fct_orders' (its first package's), the sale order's for a return.
-- The period and the filters are applied inside each branch (sold lines, returns, and the lines they look up), never
-- after the union, so the scans of fct_order_lines / fct_orders (stored in date order) skip row groups and nothing
-- outside the period is aggregated.
-- upstream: fct_orders, fct_order_lines, fct_returns
WITH sold AS (  -- per order × SKU sold: orders placed in [$start, $end] that are sales, order-level filters applied
    SELECT l.order_id, l.sku, any_value(l.channel) AS channel, any_value(l.category) AS category,
           any_value(l.family) AS family, any_value(l.size) AS size, any_value(l.colour) AS colour,
           sum(l.quantity) AS units, sum(l.net_sales_reporting_amount) AS net_sales_amount,
           any_value(o.warehouse) AS warehouse, any_value(o.carrier) AS carrier, any_value(o.zone) AS zone,
           any_value(o.is_shipped) AS is_shipped,
           any_value(o.order_date) AS order_date
    FROM fct_order_lines l JOIN fct_orders o ON o.order_id = l.order_id
    WHERE o.order_date BETWEEN $start AND $end
      AND l.order_date >= $start  -- a line is never dated before its order (= its first line): skips row groups
      AND NOT (o.is_cancelled AND NOT o.is_shipped)
      AND within($warehouses, o.warehouse)
      AND within($carriers, o.carrier)
    GROUP BY l.order_id, l.sku
), returns_in AS (  -- the returns that can fall in the period: on the event basis, those dated in it
    SELECT * FROM fct_returns
    WHERE $basis = 'order' OR coalesce(returned_at, requested_at)::DATE BETWEEN $start AND $end
), return_orders AS (  -- the orders of those returns that are sales (on the order basis: placed in the period)
    SELECT order_id, order_date, warehouse, carrier, zone, is_shipped FROM fct_orders
    WHERE NOT (is_cancelled AND NOT is_shipped)
      AND ($basis = 'event' OR order_date BETWEEN $start AND $end)
      AND order_id IN (SELECT order_id FROM returns_in)
), returned AS (  -- the returns whose basis date is in [$start, $end], with their order when it was a sale
    SELECT r.* REPLACE (r.refund_reporting_amount AS refund_amount),  -- money across orders: reporting currency
           o.order_id AS sale_order_id, o.order_date AS sale_order_date, o.warehouse AS sale_warehouse,
           o.carrier AS sale_carrier, o.zone AS sale_zone, o.is_shipped AS sale_is_shipped
    FROM returns_in r LEFT JOIN return_orders o ON o.order_id = r.order_id AND r.has_order
    WHERE (o.order_id IS NOT NULL OR ($basis = 'event' AND NOT r.has_order))
      AND CASE WHEN $basis = 'event' THEN coalesce(r.returned_at, r.requested_at)::DATE ELSE o.order_date END
          BETWEEN $start AND $end
      AND within($channels, r.channel)
      AND within($warehouses, coalesce(o.warehouse, r.warehouse, $unknown_warehouse))
      AND within($carriers, coalesce(o.carrier, r.carrier, $unknown_carrier))
      AND within($categories, r.category)
), returned_sold AS (  -- what the order × SKU of each return sold (units, net sales), for the returned value
    SELECT order_id, sku, sum(quantity) AS units, sum(net_sales_reporting_amount) AS net_sales_amount
    FROM fct_order_lines
    WHERE order_id IN (SELECT order_id FROM return_orders)
      AND order_date >= (SELECT min(order_date) FROM return_orders)  -- never before its order: skips row groups
    GROUP BY order_id, sku
), facts AS (
    SELECT 'sold' AS kind, s.order_id, NULL::VARCHAR AS return_id, s.sku, s.channel, s.category,
           coalesce(s.family, s.sku) AS family, s.size, s.colour, s.warehouse, s.carrier, s.zone, s.is_shipped,
           s.order_date, s.order_date AS basis_date, s.units::DOUBLE AS units_sold, 0.0 AS units_returned,
           s.net_sales_amount::DOUBLE AS net_sales_amount,
           NULL::VARCHAR AS reason, NULL::VARCHAR AS reason_group, NULL::BOOLEAN AS is_controllable,
           NULL::BOOLEAN AS is_fulfillment_error, NULL::BOOLEAN AS is_carrier_damage, NULL::VARCHAR AS comment,
           NULL::INTEGER AS return_lag_days, NULL::DATE AS returned_date, NULL::VARCHAR AS disposition,
           NULL::VARCHAR AS outcome, 0.0 AS refund_amount, 0.0 AS return_label_cost_amount,
           0.0 AS processing_cost_amount, 0.0 AS recovered_amount, 0.0 AS returned_value_amount
    FROM sold s
    WHERE within($channels, s.channel)
      AND within($categories, s.category)
    UNION ALL
    SELECT 'returned', r.order_id, r.return_id, r.sku, r.channel, r.category, coalesce(r.family, r.sku), r.size, r.colour,
           coalesce(r.sale_warehouse, r.warehouse, $unknown_warehouse), coalesce(r.sale_carrier, r.carrier, $unknown_carrier), r.sale_zone,
           r.sale_is_shipped, r.sale_order_date,
           CASE WHEN $basis = 'event' THEN coalesce(r.returned_at, r.requested_at)::DATE ELSE r.sale_order_date END,
           0.0, r.quantity::DOUBLE, 0.0,
           r.reason, r.reason_group, r.is_controllable, r.is_fulfillment_error, r.is_carrier_damage,
           nullif(trim(r.comment), ''), greatest(r.return_lag_days, 0)::INTEGER, coalesce(r.returned_at, r.requested_at)::DATE,
           r.disposition, r.outcome, r.refund_amount, r.return_label_cost_amount, r.processing_cost_amount,
           r.recovered_amount,
           coalesce(r.quantity * s.net_sales_amount / nullif(s.units, 0), r.refund_amount)::DOUBLE
    FROM returned r
    LEFT JOIN returned_sold s ON s.order_id = r.order_id AND s.sku = r.sku
)
SELECT *, CASE $dimension WHEN 'all' THEN 'All'  -- a missing value is its dimension's $unknown_* label (lib.metrics.UNKNOWN)
              WHEN 'sku' THEN coalesce(nullif(trim(sku), ''), $unknown_sku)
              WHEN 'family' THEN coalesce(nullif(trim(family), ''), $unknown_sku)
              WHEN 'size' THEN coalesce(nullif(trim(size), ''), $unknown_size)
              WHEN 'colour' THEN coalesce(nullif(trim(colour), ''), $unknown_colour)
              WHEN 'category' THEN coalesce(nullif(trim(category), ''), $unknown_category)
              WHEN 'channel' THEN coalesce(nullif(trim(channel), ''), $unknown_channel)
              WHEN 'warehouse' THEN coalesce(nullif(trim(warehouse), ''), $unknown_warehouse)
              WHEN 'carrier' THEN coalesce(nullif(trim(carrier), ''), $unknown_carrier)
              WHEN 'zone' THEN coalesce(nullif(trim(zone), ''), $unknown_zone) END AS dim_value
FROM facts
