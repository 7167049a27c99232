-- stg_channel_source_totals: order counts and totals per currency as the WooCommerce, Etsy, BigCommerce (both
-- layouts), Adobe Commerce, TikTok Shop and Amazon Date Range exports state them,
-- read from the raw rows (not from the staging lines), for the reconciliation report rpt_source_totals.
-- grain: one row per orders source and currency.
-- upstream: latest_woocommerce_orders, latest_woocommerce_analytics_orders, latest_etsy_orders,
--           latest_etsy_order_items, latest_bigcommerce_orders, stg_amazon_date_range, latest_amazon_orders,
--           stg_tiktok_orders, latest_bigcommerce_line_items, stg_magento_orders, cfg_reporting
-- Each source's currency rule is its staging model's (see stg_woocommerce_orders, stg_woocommerce_analytics_orders,
-- stg_etsy_orders, stg_amazon_date_range_orders). Analytics orders that the plugin's line-level file also holds are
-- counted under that file; Date Range orders that the All Orders report holds, under All Orders; BigCommerce orders
-- of the default export, under it (not again under the one-row-per-product export). The Date Range
-- report states no order total: its Order rows' sales, credits, rebates and (outside EU/UK) tax are added up.
WITH rep AS (SELECT reporting_currency FROM cfg_reporting),
woo AS (
    SELECT order_number, max(upper(trim(currency))) AS currency, max(order_total_amount) AS total
    FROM latest_woocommerce_orders GROUP BY order_number
), analytics AS (
    SELECT order_no, coalesce(revenue_currency, net_sales_currency) AS written, net_sales
    FROM latest_woocommerce_analytics_orders
    WHERE order_no NOT IN (SELECT order_number FROM latest_woocommerce_orders WHERE order_number IS NOT NULL)
), etsy AS (  -- the orders file's Order Total, else the items file's amounts
    SELECT coalesce(o.oid, i.oid) AS oid, coalesce(o.currency, i.currency) AS currency,
           coalesce(o.order_total, i.items_value - coalesce(i.discount, 0) + coalesce(i.shipping, 0)
                    - coalesce(i.shipping_discount, 0) + coalesce(i.sales_tax, 0)) AS total
    FROM (SELECT ltrim(trim(order_id), '#') AS oid, max(upper(trim(currency))) AS currency, max(order_total) AS order_total
          FROM latest_etsy_orders GROUP BY 1) o
    FULL JOIN (SELECT ltrim(trim(order_id), '#') AS oid, max(upper(trim(currency))) AS currency,
                      sum(coalesce(item_total, price * quantity)) AS items_value, max(discount_amount) AS discount,
                      max(order_shipping) AS shipping, max(shipping_discount) AS shipping_discount,
                      max(order_sales_tax) AS sales_tax
               FROM latest_etsy_order_items GROUP BY 1) i ON i.oid = o.oid
)
SELECT 'woocommerce_orders' AS source, coalesce(currency, (SELECT reporting_currency FROM rep)) AS currency,
       count(*) AS source_orders, sum(total)::DOUBLE AS source_total_amount
FROM woo GROUP BY 2
UNION ALL
SELECT 'woocommerce_analytics_orders',
       CASE WHEN written IS NOT NULL AND written <> '$' THEN written
            WHEN written = '$' AND (SELECT reporting_currency FROM rep) NOT IN ('USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN')
                THEN NULL
            ELSE (SELECT reporting_currency FROM rep) END,
       count(*), sum(net_sales)::DOUBLE
FROM analytics GROUP BY 2
UNION ALL
SELECT 'etsy_orders', currency, count(*), sum(total)::DOUBLE FROM etsy GROUP BY 2
UNION ALL
SELECT 'amazon_transactions', currency, count(DISTINCT order_id),
       sum(coalesce(product_sales, 0) + coalesce(shipping_credits, 0) + coalesce(gift_wrap_credits, 0)
           + coalesce(promotional_rebates, 0)
           + CASE WHEN vat_inclusive THEN 0 ELSE coalesce(product_sales_tax, 0) + coalesce(shipping_credits_tax, 0)
                  + coalesce(giftwrap_credits_tax, 0) + coalesce(promotional_rebates_tax, 0)
                  + coalesce(sales_tax_collected, 0) END)::DOUBLE
FROM stg_amazon_date_range
WHERE kind = 'order' AND order_id IS NOT NULL AND sku IS NOT NULL
  AND order_id NOT IN (SELECT amazon_order_id FROM latest_amazon_orders WHERE amazon_order_id IS NOT NULL)
GROUP BY currency
UNION ALL
SELECT 'bigcommerce_orders', upper(trim(order_currency_code)), count(*), sum(order_total_inc_tax)::DOUBLE
FROM latest_bigcommerce_orders
WHERE nullif(trim(replace(product_details, '|', '')), '') IS NOT NULL
GROUP BY 2
UNION ALL
SELECT 'tiktok_orders', currency, count(DISTINCT order_id), sum(order_total_amount)::DOUBLE  -- Order Amount, once per order
FROM (SELECT DISTINCT order_id, currency, order_total_amount FROM stg_tiktok_orders)
GROUP BY currency
UNION ALL
SELECT 'bigcommerce_line_items', currency, count(*), sum(total)::DOUBLE  -- the order's fields repeat on every row
FROM (SELECT order_id, max(upper(trim(order_currency_code))) AS currency, max(order_total_inc_tax) AS total
      FROM latest_bigcommerce_line_items
      WHERE order_id NOT IN (SELECT order_id FROM latest_bigcommerce_orders WHERE order_id IS NOT NULL)
        AND coalesce(product_sku, product_name) IS NOT NULL
      GROUP BY order_id)
GROUP BY currency
UNION ALL
SELECT 'magento_orders', currency, count(*), sum(order_total_amount)::DOUBLE  -- Grand Total (Base), currency as staged
FROM stg_magento_orders
GROUP BY currency
