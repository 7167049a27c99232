-- carriers__sla_orders: orders of the SLA audit not picked up by their ship-by (or without a pickup scan), with the
-- label time that would have reported them on time, for the 3PL QBR exceptions list.
-- grain: one row per order of carriers__sla_scope that missed the SLA at pickup (at most $row_limit rows).
-- upstream: carriers__sla_scope
SELECT order_id, source_order_ref, channel, warehouse, carrier, ordered_at, ship_by_at, ship_by_source,
       first_label_at, first_scan_at, dock_hours, pickup_business_days_late, is_labelled_on_time,
       CASE WHEN is_peak THEN 'peak' ELSE 'normal' END AS period,
       CASE WHEN first_scan_at IS NULL THEN 'no pickup scan' ELSE 'picked up late' END AS exception
FROM carriers__sla_scope
WHERE first_scan_at IS NULL OR NOT is_picked_up_on_time
ORDER BY ordered_at, order_id
LIMIT $row_limit
