-- fct_ad_spend: advertising spend by SKU, channel and day.
-- grain: one row per day, SKU and channel.
-- upstream: raw_opsdesk_ad_spend
SELECT date AS spend_date, sku, coalesce(lower(channel), 'all') AS channel, spend::DOUBLE AS spend_amount, clicks,
       impressions, attributed_sales::DOUBLE AS attributed_sales_amount
FROM raw_opsdesk_ad_spend
QUALIFY row_number() OVER (PARTITION BY date, sku, channel ORDER BY _load_id DESC, _row DESC) = 1
