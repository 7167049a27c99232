-- rpt_source_totals: order totals as the source files state them, next to the marts, for reconciliation.
-- grain: one row per orders source and currency.
-- upstream: latest_shopify_orders, latest_amazon_orders, latest_walmart_orders, latest_ebay_orders,
--           latest_opsdesk_orders (each order's latest load, lib.warehouse.latest_sql), fct_orders,
--           stg_channel_source_totals (the stated totals of the other channels' exports)
WITH src AS (
    SELECT 'shopify_orders' AS source, currency, count(DISTINCT id) AS source_orders, sum(total)::DECIMAL(18,4) AS source_total_amount
    FROM (SELECT * FROM latest_shopify_orders WHERE _line = 1 AND id IS NOT NULL
          QUALIFY row_number() OVER (PARTITION BY id ORDER BY _row) = 1) GROUP BY currency
    UNION ALL
    SELECT 'amazon_orders', currency, count(DISTINCT amazon_order_id),  -- EU/UK prices hold their VAT already
           sum(coalesce(item_price, 0) + coalesce(shipping_price, 0)
               + CASE WHEN lower(coalesce(sales_channel, '')) IN (SELECT sales_channel FROM seed_vat_inclusive_marketplaces)
                      THEN 0 ELSE coalesce(item_tax, 0) + coalesce(shipping_tax, 0) END
               - abs(coalesce(item_promotion_discount, 0)) - abs(coalesce(ship_promotion_discount, 0)))::DOUBLE
    FROM latest_amazon_orders GROUP BY currency
    UNION ALL
    SELECT 'walmart_orders', currency, count(DISTINCT po_no),
           sum(coalesce(item_cost, 0) + coalesce(shipping_cost, 0) + coalesce(tax, 0))::DOUBLE
    FROM (SELECT *, coalesce(max(nullif(item_cost_currency, '$')) OVER (PARTITION BY po_no), 'USD') AS currency
          FROM latest_walmart_orders)
    GROUP BY currency
    UNION ALL
    SELECT 'ebay_orders', currency, count(*), sum(coalesce(parent_total, item_total))::DOUBLE
    FROM (SELECT order_number,
                 CASE WHEN max(coalesce(sold_for_currency, total_price_currency)) = '$' THEN 'USD'
                      ELSE max(coalesce(sold_for_currency, total_price_currency)) END AS currency,  -- a multi-item order's parent summary row (no item) states the order total
                 max(total_price) FILTER (WHERE coalesce(custom_label, item_number, item_title) IS NULL) AS parent_total,
                 sum(coalesce(total_price, coalesce(sold_for, 0) * coalesce(quantity, 0) + coalesce(shipping_and_handling, 0)
                     + coalesce(seller_collected_tax, 0))) FILTER (WHERE coalesce(custom_label, item_number, item_title) IS NOT NULL) AS item_total
          FROM latest_ebay_orders
          GROUP BY order_number
          HAVING count(*) FILTER (WHERE coalesce(custom_label, item_number, item_title) IS NOT NULL) > 0)
    GROUP BY currency
    UNION ALL
    SELECT source, currency, source_orders, source_total_amount FROM stg_channel_source_totals
    UNION ALL
    SELECT 'opsdesk_orders', order_currency, count(DISTINCT lower(coalesce(channel, 'other')) || ':' || order_id),
           (sum(quantity * unit_price - coalesce(line_discount, 0)))::DOUBLE
    FROM (SELECT *, coalesce(upper(trim(max(currency) OVER (PARTITION BY lower(coalesce(channel, 'other')), order_id))),
                             (SELECT reporting_currency FROM cfg_reporting)) AS order_currency  -- per order, as staging
          FROM latest_opsdesk_orders)
    GROUP BY 2
), mart AS (
    SELECT source, currency, count(*) AS mart_orders, sum(order_total_amount) AS mart_total_amount,
           sum(CASE WHEN source = 'opsdesk_orders' THEN gross_sales_amount - discount_amount ELSE order_total_amount END) AS mart_comparable_amount
    FROM fct_orders GROUP BY source, currency
)
-- amounts rounded to 4 dp: DOUBLE sums differ in the last bits with the summation order, so the report would
-- change between identical rebuilds and show a gap of 1e-13 where there is none
SELECT s.source, s.currency, s.source_orders, round(s.source_total_amount, 4) AS source_total_amount,
       coalesce(m.mart_orders, 0) AS mart_orders, round(coalesce(m.mart_comparable_amount, 0), 4) AS mart_total_amount,
       round(coalesce(m.mart_comparable_amount, 0) - coalesce(s.source_total_amount, 0), 4) AS gap_amount
FROM src s LEFT JOIN mart m ON m.source = s.source AND m.currency IS NOT DISTINCT FROM s.currency
WHERE s.source_orders > 0
