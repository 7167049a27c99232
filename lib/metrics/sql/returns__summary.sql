-- returns__summary: unit and order return rates over the facts in scope (METRICS.md "Returns").
-- grain: one row. Reads returns__facts.sql with the same $params.
-- upstream: returns__facts
SELECT coalesce(sum(units_sold), 0) AS units_sold, coalesce(sum(units_returned), 0) AS units_returned,
       sum(units_returned) / nullif(sum(units_sold), 0) AS unit_return_rate,
       count(DISTINCT order_id) FILTER (WHERE kind = 'sold') AS orders,
       count(DISTINCT order_id) FILTER (WHERE kind = 'returned' AND units_returned > 0) AS returned_orders,
       count(DISTINCT order_id) FILTER (WHERE kind = 'returned' AND units_returned > 0)
           / nullif(count(DISTINCT order_id) FILTER (WHERE kind = 'sold'), 0) AS order_return_rate,
       count(*) FILTER (WHERE kind = 'returned') AS return_lines,
       count(*) FILTER (WHERE kind = 'returned' AND order_date IS NULL) AS unmatched_return_lines
FROM returns__facts
