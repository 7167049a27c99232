-- stg_amazon_order_totals: each Amazon order's total as the All Orders report states it, for rpt_source_totals: item
-- and shipping prices less promotions, plus tax where prices exclude it (EU/UK marketplaces' prices hold their VAT
-- already: seed_vat_inclusive_marketplaces).
-- grain: one row per order (amazon_order_id) and currency of its latest load.
-- upstream: latest_amazon_orders, seed_vat_inclusive_marketplaces
SELECT 'amazon_orders' AS source, 'amazon:' || amazon_order_id AS order_key, currency,
       sum(coalesce(item_price, 0) + coalesce(shipping_price, 0)
           + CASE WHEN lower(coalesce(sales_channel, '')) IN (SELECT sales_channel FROM seed_vat_inclusive_marketplaces)
                  THEN 0 ELSE coalesce(item_tax, 0) + coalesce(shipping_tax, 0) END
           - abs(coalesce(item_promotion_discount, 0)) - abs(coalesce(ship_promotion_discount, 0)))::DECIMAL(18, 4)
           AS source_total_amount
FROM latest_amazon_orders
WHERE amazon_order_id IS NOT NULL
GROUP BY amazon_order_id, currency
