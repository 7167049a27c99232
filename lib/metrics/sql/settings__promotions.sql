-- settings__promotions: the promotions and peak calendar loaded from the promotions template.
-- grain: one row per event, latest first.
-- upstream: dim_promotions
SELECT name, event_type, start_date, end_date, channel, sku, category, discount_rate
FROM dim_promotions
ORDER BY start_date DESC, name
