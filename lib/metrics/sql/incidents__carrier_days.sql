-- incidents__carrier_days: per carrier and ship day, the packages shipped and how many of those measured against a
-- promise arrived late, from 28 days before $start (the baseline) to $end.
-- grain: one row per carrier × ship day with packages (Amazon-fulfilled packages left out).
-- The sidebar's filters apply: the packages of orders on its channels, warehouses, carriers and categories.
-- upstream: fct_shipments
SELECT coalesce(carrier, $unknown_carrier) AS carrier, shipped_at::DATE AS day, count(*) AS packages,
       count(is_on_time_delivery) AS measured_packages,
       count(*) FILTER (WHERE is_on_time_delivery = false) AS late_packages
FROM fct_shipments
WHERE shipped_at::DATE BETWEEN $start - INTERVAL 28 DAY AND $end AND coalesce(warehouse, '') <> 'Amazon FBA'
  AND within($channels, channel) AND within($warehouses, warehouse)
  AND within($carriers, coalesce(carrier, $unknown_carrier)) AND in_categories($categories, order_id)
GROUP BY 1, 2
ORDER BY 1, 2
