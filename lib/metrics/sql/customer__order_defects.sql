-- customer__order_defects: order defect rate per channel and overall, where the data allows: a defect is an order
-- with negative feedback (a CSAT response scored 1–2 that names the order). A-to-z claims and chargebacks are not in
-- any export Opsdesk reads, so they are not counted.
-- grain: one row per channel plus one row with channel NULL (all channels), over orders placed in [$start, $end]
--        (the caller passes the 60-day window), excluding orders cancelled before shipment; shared filters apply.
--        order_defect_rate is NULL where no response names any order of the slice (not measurable, not 0 %).
-- upstream: fct_orders, fct_order_lines, fct_csat
WITH scoped AS (
    SELECT order_id, channel FROM scoped_orders($start, $end, $channels, $warehouses, $carriers, $categories)
    WHERE NOT (is_cancelled AND NOT is_shipped)
), feedback AS (
    SELECT order_id, bool_or(score <= 2) AS is_negative FROM fct_csat
    WHERE order_id IS NOT NULL AND score BETWEEN 1 AND 5 GROUP BY order_id
)
SELECT o.channel, count(*) AS orders,
       count(f.order_id) AS orders_with_feedback,
       count(*) FILTER (WHERE f.is_negative) AS defective_orders,
       CASE WHEN count(f.order_id) > 0 THEN count(*) FILTER (WHERE f.is_negative) / count(*) END AS order_defect_rate
FROM scoped o LEFT JOIN feedback f USING (order_id)
GROUP BY GROUPING SETS ((o.channel), ())
ORDER BY o.channel NULLS FIRST
