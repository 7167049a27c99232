-- dim_promotions: promotions and peak events (Black Friday, Prime Day, …).
-- grain: one row per event (name, start_date).
-- upstream: raw_opsdesk_promotions
SELECT name, start_date, end_date, coalesce(lower(event_type), 'promotion') AS event_type, lower(channel) AS channel,
       sku, category, discount_rate
FROM raw_opsdesk_promotions
QUALIFY row_number() OVER (PARTITION BY name, start_date ORDER BY _load_id DESC, _row DESC) = 1
