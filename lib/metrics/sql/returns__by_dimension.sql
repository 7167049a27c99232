-- returns__by_dimension: return rates, error-return rates and cost per value of one dimension ($dimension).
-- grain: one row per dim_value. Reads returns__facts.sql (same $params).
--        Lines are order × SKU (the units of one line tend to come back together); error rates are over shipped
--        units / orders; cost is METRICS.md "Refund cost".
-- upstream: returns__facts
SELECT dim_value,
       mode(category ORDER BY category) AS category, mode(family ORDER BY family) AS family,  -- ties: the first by name
       sum(units_sold) AS units_sold, sum(units_returned) AS units_returned,
       sum(units_returned) / nullif(sum(units_sold), 0) AS unit_return_rate,
       count(*) FILTER (WHERE kind = 'sold') AS lines_sold,
       count(DISTINCT (order_id, sku)) FILTER (WHERE kind = 'returned' AND units_returned > 0) AS lines_returned,
       count(DISTINCT order_id) FILTER (WHERE kind = 'sold') AS orders,
       count(DISTINCT order_id) FILTER (WHERE kind = 'returned' AND units_returned > 0) AS returned_orders,
       count(DISTINCT order_id) FILTER (WHERE kind = 'returned' AND units_returned > 0)
           / nullif(count(DISTINCT order_id) FILTER (WHERE kind = 'sold'), 0) AS order_return_rate,
       coalesce(sum(units_sold) FILTER (WHERE is_shipped), 0) AS units_shipped,
       count(DISTINCT order_id) FILTER (WHERE kind = 'sold' AND is_shipped) AS orders_shipped,
       coalesce(sum(units_returned) FILTER (WHERE is_fulfillment_error), 0) AS fulfillment_error_units,
       count(DISTINCT order_id) FILTER (WHERE is_fulfillment_error) AS fulfillment_error_orders,
       coalesce(sum(units_returned) FILTER (WHERE is_carrier_damage), 0) AS carrier_damage_units,
       count(DISTINCT order_id) FILTER (WHERE is_carrier_damage) AS carrier_damage_orders,
       sum(refund_amount + return_label_cost_amount + processing_cost_amount - recovered_amount) AS refund_cost_amount,
       sum(net_sales_amount) AS net_sales_amount
FROM returns__facts
GROUP BY dim_value
ORDER BY units_returned DESC, dim_value
