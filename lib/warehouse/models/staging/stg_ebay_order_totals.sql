-- stg_ebay_order_totals: each eBay order's total as the orders report states it, for rpt_source_totals: a multi-item
-- order's parent summary row (no item) states the order total, else its item rows are added up (total price, or sold
-- for × quantity + shipping and handling + tax the seller collected).
-- grain: one row per order (order_number) with at least one item row, of its latest load.
-- upstream: latest_ebay_orders
SELECT 'ebay_orders' AS source, 'ebay:' || order_number AS order_key,
       CASE WHEN max(coalesce(sold_for_currency, total_price_currency)) = '$' THEN 'USD'
            ELSE max(coalesce(sold_for_currency, total_price_currency)) END AS currency,
       coalesce(max(total_price) FILTER (WHERE coalesce(custom_label, item_number, item_title) IS NULL),
                sum(coalesce(total_price, coalesce(sold_for, 0) * coalesce(quantity, 0) + coalesce(shipping_and_handling, 0)
                    + coalesce(seller_collected_tax, 0))) FILTER (WHERE coalesce(custom_label, item_number, item_title) IS NOT NULL)
               )::DECIMAL(18, 4) AS source_total_amount
FROM latest_ebay_orders
GROUP BY order_number
HAVING count(*) FILTER (WHERE coalesce(custom_label, item_number, item_title) IS NOT NULL) > 0
