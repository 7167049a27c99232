-- data_health__shipments_without_delivery: packages with no delivery scan, oldest first.
-- grain: one row per package. source_order_ref is the channel's own order number: the order's when it is loaded,
-- else the shipment file's order id without Opsdesk's "channel:" prefix.
-- upstream: fct_shipments, fct_orders
SELECT s.shipment_id, s.order_id,
       coalesce(o.source_order_ref, substr(s.order_id, strpos(s.order_id, ':') + 1)) AS source_order_ref,
       s.carrier, s.service, s.tracking_number, s.warehouse, s.shipped_at, s.promised_delivery_date, s.status,
       date_diff('day', s.shipped_at::DATE, current_date) AS days_since_shipped
FROM fct_shipments s
LEFT JOIN fct_orders o USING (order_id)
WHERE NOT s.is_delivered
ORDER BY s.shipped_at NULLS FIRST, s.shipment_id
