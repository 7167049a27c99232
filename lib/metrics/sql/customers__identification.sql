-- customers__identification: how many orders of each export name their customer, and by what.
-- grain: one row per source (the export's format name) × channel with orders in revenue in [$start, $end] matching
-- the shared filters.
-- upstream: fct_orders, fct_order_lines
SELECT o.source, o.channel, count(*) AS orders, count(o.customer_key) AS identifiable_orders,
       string_agg(DISTINCT o.customer_key_source, ', ' ORDER BY o.customer_key_source) AS identified_by
FROM fct_orders o
WHERE o.order_date BETWEEN $start AND $end
  AND o.is_in_revenue
  AND (len($channels::VARCHAR[]) = 0 OR list_contains($channels::VARCHAR[], o.channel))
  AND (len($warehouses::VARCHAR[]) = 0 OR list_contains($warehouses::VARCHAR[], o.warehouse))
  AND (len($carriers::VARCHAR[]) = 0 OR list_contains($carriers::VARCHAR[], o.carrier))
  AND (len($categories::VARCHAR[]) = 0
       OR o.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories::VARCHAR[], category)))
GROUP BY o.source, o.channel
ORDER BY o.source, o.channel
