-- stg_opsdesk_order_totals: each order of the Opsdesk orders template as its lines state it (quantity × unit price −
-- line discount: shipping and tax are not items), for rpt_source_totals. Currency: the order's, else the reporting
-- currency (as stg_opsdesk_orders).
-- grain: one row per order (channel, order_id) of its latest load.
-- upstream: latest_opsdesk_orders, cfg_reporting
SELECT 'opsdesk_orders' AS source, 'opsdesk:' || lower(coalesce(channel, 'other')) || ':' || order_id AS order_key,
       coalesce(upper(trim(max(currency))), (SELECT reporting_currency FROM cfg_reporting)) AS currency,
       sum(quantity * unit_price - coalesce(line_discount, 0))::DECIMAL(18, 4) AS source_total_amount
FROM latest_opsdesk_orders
GROUP BY lower(coalesce(channel, 'other')), order_id
