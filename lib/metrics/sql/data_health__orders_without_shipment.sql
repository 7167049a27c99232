-- data_health__orders_without_shipment: orders not cancelled that no shipment file covers yet, oldest first.
-- grain: one row per order. source_order_ref is the channel's own order number (what a person looks up).
-- upstream: fct_orders
SELECT order_id, source_order_ref, channel, ordered_at, ship_by_at, units, net_revenue_amount,
       date_diff('day', ordered_at::DATE, current_date) AS days_since_order
FROM fct_orders
WHERE NOT is_cancelled AND NOT is_shipped
ORDER BY ordered_at
