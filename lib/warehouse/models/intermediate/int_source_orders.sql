-- int_source_orders: each order's total as its source file states it (Shopify, Amazon All Orders, Walmart, eBay and
-- the Opsdesk template; the other channels' exports state per-currency totals: stg_channel_source_totals), stacked by
-- name, kept between builds so that a daily file recomputes only the orders it names (rpt_source_totals adds them up).
-- grain: one row per source order (order_key: the source's prefix and its order number) and currency.
-- upstream: stg_shopify_order_totals, stg_amazon_order_totals, stg_walmart_order_totals, stg_ebay_order_totals,
--           stg_opsdesk_order_totals
-- incremental by order_key: from the loads (a load of an orders export replaces the totals of the orders it names;
-- any other change to what this model reads rebuilds it whole: lib/warehouse/incremental.py)
SELECT * FROM stg_shopify_order_totals
UNION ALL BY NAME SELECT * FROM stg_amazon_order_totals
UNION ALL BY NAME SELECT * FROM stg_walmart_order_totals
UNION ALL BY NAME SELECT * FROM stg_ebay_order_totals
UNION ALL BY NAME SELECT * FROM stg_opsdesk_order_totals
