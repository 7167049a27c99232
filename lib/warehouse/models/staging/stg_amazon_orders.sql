-- stg_amazon_orders: Amazon All Orders report lines in Opsdesk vocabulary (item-price is the line total).
-- grain: one row per order line (order_id, line_no = row order within the order) of each order's latest load.
-- upstream: latest_amazon_orders, seed_vat_inclusive_marketplaces
-- prices_include_tax: on the EU and UK marketplaces (seed_vat_inclusive_marketplaces) item-price and shipping-price
-- include the VAT that item-tax and shipping-tax state (Amazon's VAT calculation: "the VAT-exclusive amount is the
-- item price minus the item tax"); elsewhere (US, CA, MX…) the tax comes on top, and the order total adds it.
WITH latest AS (
    SELECT *, lower(coalesce(sales_channel, '')) IN (SELECT sales_channel FROM seed_vat_inclusive_marketplaces) AS vat_inclusive
    FROM latest_amazon_orders
)
SELECT 'amazon:' || amazon_order_id AS order_id, 'amazon' AS channel, 'amazon_orders' AS source,
       amazon_order_id AS source_order_ref,
       row_number() OVER (PARTITION BY amazon_order_id ORDER BY _row) AS line_no, sku, product_name,
       quantity::DOUBLE AS quantity,
       CASE WHEN quantity > 0 THEN coalesce(item_price, 0) / quantity END AS unit_price_amount,
       abs(coalesce(item_promotion_discount, 0)) AS discount_amount,
       purchase_date AS ordered_at, currency,
       sum(coalesce(item_price, 0) + coalesce(shipping_price, 0)
           + CASE WHEN vat_inclusive THEN 0 ELSE coalesce(item_tax, 0) + coalesce(shipping_tax, 0) END
           - abs(coalesce(item_promotion_discount, 0)) - abs(coalesce(ship_promotion_discount, 0))) OVER o AS order_total_amount,
       sum(coalesce(item_price, 0)) OVER o AS subtotal_amount,
       sum(coalesce(shipping_price, 0) - abs(coalesce(ship_promotion_discount, 0))) OVER o AS shipping_charged_amount,
       sum(coalesce(item_tax, 0) + coalesce(shipping_tax, 0)) OVER o AS tax_amount,
       sum(abs(coalesce(item_promotion_discount, 0))) OVER o AS order_discount_amount,
       0 AS refunded_amount, CASE WHEN order_status = 'Cancelled' THEN last_updated_date END AS cancelled_at,
       order_status = 'Cancelled' AS is_cancelled, order_status AS financial_status, order_status AS fulfillment_status,
       NULL::TIMESTAMP AS ship_by_at, NULL::DATE AS promised_delivery_date,
       CASE WHEN lower(fulfillment_channel) IN ('amazon', 'afn') THEN 'FBA' ELSE 'MFN' END AS fulfillment_channel,
       CASE WHEN lower(fulfillment_channel) IN ('amazon', 'afn') THEN 'Amazon FBA' END AS warehouse,
       ship_state AS ship_to_region, ship_country AS ship_to_country, sales_channel AS sub_channel,
       item_status AS line_status, _load_id, NULL::VARCHAR AS category, vat_inclusive AS prices_include_tax,
       NULL::VARCHAR AS customer_key, NULL::VARCHAR AS customer_key_source,
       NULL::VARCHAR AS risk_level  -- the report names no buyer and states no fraud risk
FROM latest
WINDOW o AS (PARTITION BY amazon_order_id)
