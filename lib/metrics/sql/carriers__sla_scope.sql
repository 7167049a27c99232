-- carriers__sla_scope: the orders of the 3PL ship-SLA audit with their SLA flags, measured at carrier pickup (first
-- scan) and, for comparison, at label print. The ship-by is fct_orders.ship_by_at: the channel's, else the SLA
-- settings' (cut-off hour, handling business days, weekends and holidays); a ship-by written as a date without a
-- time (Walmart "Ship By", eBay "Ship By Date") means the end of that day. Peak: order date in [$peak_from, $peak_to]
-- ('MM-DD', every year) or inside a dim_promotions event of type 'peak' (any channel: the warehouse is shared).
-- grain: one row per order placed in [$start, $end] (order-date basis), shipped, not cancelled, with a ship-by,
--        matching $channels, $warehouses, $carriers, $categories; Amazon-fulfilled (FBA) orders are left out (Amazon
--        ships them on its own promise).
-- upstream: fct_orders, fct_order_lines, dim_promotions, dim_calendar
WITH peak_days AS (
    SELECT DISTINCT CAST(unnest(generate_series(start_date, end_date, INTERVAL 1 DAY)) AS DATE) AS day
    FROM dim_promotions WHERE event_type = 'peak' AND start_date <= end_date
), orders AS (
    SELECT * REPLACE (CASE WHEN ship_by_at = date_trunc('day', ship_by_at)
                           THEN ship_by_at + INTERVAL 1 DAY - INTERVAL 1 SECOND ELSE ship_by_at END AS ship_by_at)
    FROM scoped_orders($start, $end, $channels, $warehouses, $carriers, $categories)
    WHERE is_shipped AND NOT is_cancelled AND ship_by_at IS NOT NULL
      AND coalesce(fulfillment_channel, '') <> 'FBA'
)
SELECT o.*,
       strftime(o.order_date, '%m-%d') BETWEEN $peak_from AND $peak_to
           OR o.order_date IN (SELECT day FROM peak_days) AS is_peak,
       o.first_scan_at <= o.ship_by_at AS is_picked_up_on_time,
       o.first_label_at <= o.ship_by_at AS is_labelled_on_time,
       cs.business_day_index - cb.business_day_index AS pickup_business_days_late,
       date_trunc('week', o.order_date)::DATE AS week_start
FROM orders o
LEFT JOIN dim_calendar cs ON cs.day = o.first_scan_at::DATE
LEFT JOIN dim_calendar cb ON cb.day = o.ship_by_at::DATE
