-- customers__scope: the cohort customers of the shared filters (a fragment composed into other customers__ files).
-- grain: one row per identifiable customer whose first order (in revenue) is dated in [$start, $end] and matches the
-- channel / warehouse / carrier filters by its own values (and the category filter when a line of it is in one).
-- upstream: dim_customers, fct_orders, fct_order_lines
-- age_days: days from the first order to the data's last order date (all data, not the filters): the customer is
-- mature for an N-day window once age_days ≥ N.
SELECT c.*, date_diff('day', c.first_order_date, (SELECT max(order_date) FROM fct_orders)) AS age_days
FROM dim_customers c
WHERE c.first_order_date BETWEEN $start AND $end
  AND (len($channels::VARCHAR[]) = 0 OR list_contains($channels::VARCHAR[], c.first_channel))
  AND (len($warehouses::VARCHAR[]) = 0 OR list_contains($warehouses::VARCHAR[], c.first_warehouse))
  AND (len($carriers::VARCHAR[]) = 0 OR list_contains($carriers::VARCHAR[], c.first_carrier))
  AND (len($categories::VARCHAR[]) = 0
       OR c.first_order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories::VARCHAR[], category)))
