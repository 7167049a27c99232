-- int_order_lines: every order line from every orders source, in one vocabulary (each source's staging model names
-- its columns; they are stacked by name, so a new source is one staging model and one line here).
-- grain: one row per order line (order_id, line_no).
-- upstream: stg_shopify_orders, stg_amazon_orders, stg_amazon_date_range_orders, stg_walmart_orders, stg_ebay_orders, stg_woocommerce_orders,
--           stg_woocommerce_analytics_orders, stg_etsy_orders, stg_bigcommerce_orders, stg_bigcommerce_line_items,
--           stg_magento_orders, stg_tiktok_orders, stg_opsdesk_orders, seed_countries
-- incremental by order_id: from the loads (a load of an orders export replaces the lines of the orders it names, from
-- every export of that platform; any other change to what this model reads rebuilds it whole: lib/warehouse/incremental.py)
-- ship_to_country is the ISO 3166 two-letter code whatever the export wrote ("United States", "USA", "us" -> "US";
-- seed_countries): one country is one value on every channel. A spelling the seed does not know is kept as written.
-- order_ref_key: the channel's order number as a help desk ticket may name it (case and a leading '#' aside), computed
-- once per line here so that matching tickets (int_ticket_orders) reads a column instead of normalising every line.
WITH lines AS (
    SELECT * FROM stg_shopify_orders
    UNION ALL BY NAME SELECT * FROM stg_amazon_orders
    UNION ALL BY NAME SELECT * FROM stg_amazon_date_range_orders
    UNION ALL BY NAME SELECT * FROM stg_walmart_orders
    UNION ALL BY NAME SELECT * FROM stg_ebay_orders
    UNION ALL BY NAME SELECT * FROM stg_woocommerce_orders
    UNION ALL BY NAME SELECT * FROM stg_woocommerce_analytics_orders
    UNION ALL BY NAME SELECT * FROM stg_etsy_orders
    UNION ALL BY NAME SELECT * FROM stg_bigcommerce_orders
    UNION ALL BY NAME SELECT * FROM stg_bigcommerce_line_items
    UNION ALL BY NAME SELECT * FROM stg_magento_orders
    UNION ALL BY NAME SELECT * FROM stg_tiktok_orders
    UNION ALL BY NAME SELECT * FROM stg_opsdesk_orders
)
SELECT l.* REPLACE (coalesce(c.code, nullif(trim(l.ship_to_country), '')) AS ship_to_country),
       upper(ltrim(trim(l.source_order_ref), '#')) AS order_ref_key
FROM lines l
LEFT JOIN seed_countries c ON c.spelling = lower(trim(l.ship_to_country))
