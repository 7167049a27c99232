-- fulfillment__failing: the orders in scope that failed one rate ($kpi), for the drill-down's download.
-- grain: one row per failing order, by order time. A rate fails where its per-order flag is false (OTIF: late or
--        not in full; perfect order: measurable and late, not in full, damaged or inaccurate; accuracy: a fulfillment
--        error). $service, when not NULL, keeps one carrier service ($unknown_service = none), the one drill-down
--        dimension the shared filters do not cover. Reads fulfillment__orders.sql (same $params).
-- upstream: fulfillment__orders
WITH fulfillment_scope AS (
    SELECT * FROM fulfillment__orders
)
SELECT order_id, source_order_ref, channel, warehouse, carrier, service, ordered_at, ship_by_at, first_shipped_at,
       promised_delivery_date, delivered_at, is_on_time_ship, is_on_time_delivery, is_in_full, has_damage,
       has_fulfillment_error
FROM fulfillment_scope
WHERE ($service IS NULL OR coalesce(nullif(trim(service), ''), $unknown_service) = $service)
  AND CASE $kpi
        WHEN 'on_time_ship_rate' THEN is_on_time_ship = false
        WHEN 'on_time_delivery_rate' THEN is_on_time_delivery = false
        WHEN 'in_full_rate' THEN is_in_full = false
        WHEN 'otif_rate' THEN is_on_time_delivery = false OR is_in_full = false
        WHEN 'perfect_order_rate' THEN is_on_time_delivery IS NOT NULL AND is_in_full IS NOT NULL
             AND (NOT is_on_time_delivery OR NOT is_in_full OR has_damage OR has_fulfillment_error)
        WHEN 'fulfillment_accuracy' THEN has_fulfillment_error
      END
ORDER BY ordered_at, order_id
