-- profitability__storage_months: months of stock a SKU holds on average, to turn monthly storage rates into a cost per unit sold.
-- grain: one row per SKU with inventory snapshots in [$start, $end]: average units on hand (all locations) over the
--        days with a snapshot, units sold in the range (orders not cancelled before shipment, all channels) and the
--        number of days in the range.
-- upstream: fct_inventory_daily, fct_order_lines, fct_orders
WITH on_hand AS (
    SELECT sku, avg(units) AS avg_on_hand
    FROM (SELECT sku, day, sum(greatest(on_hand, 0)) AS units FROM fct_inventory_daily
          WHERE day BETWEEN $start AND $end GROUP BY ALL)
    GROUP BY sku
), sold AS (
    SELECT l.sku, sum(l.quantity) AS units_sold
    FROM fct_order_lines l JOIN fct_orders o USING (order_id)
    WHERE o.order_date BETWEEN $start AND $end AND NOT (o.is_cancelled AND NOT o.is_shipped)
    GROUP BY l.sku
)
SELECT h.sku, h.avg_on_hand, coalesce(s.units_sold, 0) AS units_sold, date_diff('day', $start::DATE, $end::DATE) + 1 AS days
FROM on_hand h LEFT JOIN sold s USING (sku)
ORDER BY h.sku
