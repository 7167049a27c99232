-- forecast__peak_events: peak events of the promotions calendar (Black Friday / Cyber Monday, Prime Day, …),
-- latest first, for the capacity page's window picker.
-- grain: one row per peak event.
-- upstream: dim_promotions
SELECT name, start_date, coalesce(end_date, start_date) AS end_date, channel
FROM dim_promotions
WHERE event_type = 'peak' AND start_date IS NOT NULL
ORDER BY start_date DESC, name
