-- data_health__shipments_without_delivery: packages with no delivery scan, oldest first.
-- grain: one row per package.
-- upstream: fct_shipments
SELECT shipment_id, order_id, carrier, service, tracking_number, warehouse, shipped_at, promised_delivery_date, status,
       date_diff('day', shipped_at::DATE, current_date) AS days_since_shipped
FROM fct_shipments
WHERE NOT is_delivered
ORDER BY shipped_at NULLS FIRST
