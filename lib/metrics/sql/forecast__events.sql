-- forecast__events: promotions and peak events for the forecast (Prophet holidays) and the chart's markers.
-- grain: one row per event (name, start_date).
-- upstream: dim_promotions
SELECT name, start_date, coalesce(end_date, start_date) AS end_date, event_type, channel, sku, category, discount_rate
FROM dim_promotions
WHERE start_date IS NOT NULL
ORDER BY start_date, name
