-- stg_amazon_date_range_orders: order lines from Amazon's Date Range transaction report, for sellers who download
-- it instead of the All Orders report: its "Order" rows (one per order item and shipment) in Opsdesk vocabulary.
-- grain: one row per Order-type row (order_id, line_no = row order by date), of orders the All Orders report does
-- not hold (an order in both is read from All Orders; its money from the settlement or this report's fee rows).
-- upstream: stg_amazon_date_range, latest_amazon_orders
-- ordered_at is the transaction's date/time (when Amazon charged the buyer, at shipment), not the purchase date,
-- which this report does not state. Prices: product sales is the line total; shipping credits and promotional
-- rebates (negative) are the order's shipping and discounts. Tax: the tax columns (product sales tax, shipping and
-- gift-wrap credits tax, promotional rebates tax; 2017 layout: sales tax collected); on EU/UK marketplaces prices
-- include it (prices_include_tax). Refunds come from the report's Refund rows through fct_marketplace_fees, as a
-- settlement's do.
WITH sales AS (
    SELECT * FROM stg_amazon_date_range
    WHERE kind = 'order' AND order_id IS NOT NULL AND sku IS NOT NULL
      AND order_id NOT IN (SELECT amazon_order_id FROM latest_amazon_orders WHERE amazon_order_id IS NOT NULL)
), amounts AS (
    SELECT *, coalesce(product_sales_tax, 0) + coalesce(shipping_credits_tax, 0) + coalesce(giftwrap_credits_tax, 0)
              + coalesce(promotional_rebates_tax, 0) + coalesce(sales_tax_collected, 0) AS tax
    FROM sales
)
SELECT 'amazon:' || order_id AS order_id, 'amazon' AS channel, 'amazon_transactions' AS source,
       order_id AS source_order_ref, row_number() OVER (PARTITION BY order_id ORDER BY date_time, _row) AS line_no,
       sku, description AS product_name, quantity::DOUBLE AS quantity,
       CASE WHEN quantity > 0 THEN coalesce(product_sales, 0) / quantity END AS unit_price_amount,
       0 AS discount_amount, min(date_time) OVER o AS ordered_at, max(currency) OVER o AS currency,
       sum(coalesce(product_sales, 0) + coalesce(shipping_credits, 0) + coalesce(gift_wrap_credits, 0)
           + coalesce(promotional_rebates, 0) + CASE WHEN vat_inclusive THEN 0 ELSE tax END) OVER o AS order_total_amount,
       sum(coalesce(product_sales, 0)) OVER o AS subtotal_amount,
       sum(coalesce(shipping_credits, 0) + coalesce(gift_wrap_credits, 0)) OVER o AS shipping_charged_amount,
       sum(tax) OVER o AS tax_amount, -sum(coalesce(promotional_rebates, 0)) OVER o AS order_discount_amount,
       0 AS refunded_amount, NULL::TIMESTAMP AS cancelled_at, false AS is_cancelled,
       NULL::VARCHAR AS financial_status, 'shipped' AS fulfillment_status, NULL::TIMESTAMP AS ship_by_at,
       NULL::DATE AS promised_delivery_date,
       CASE WHEN lower(fulfillment) = 'amazon' THEN 'FBA' ELSE 'MFN' END AS fulfillment_channel,
       CASE WHEN lower(fulfillment) = 'amazon' THEN 'Amazon FBA' END AS warehouse, order_state AS ship_to_region,
       NULL::VARCHAR AS ship_to_country, marketplace AS sub_channel, NULL::VARCHAR AS line_status, _load_id,
       NULL::VARCHAR AS category, bool_or(vat_inclusive) OVER o AS prices_include_tax
FROM amounts
WINDOW o AS (PARTITION BY order_id)
