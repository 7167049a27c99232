-- stg_order_lines: every order line from every orders source, in Opsdesk vocabulary.
-- grain: one row per order line (order_id, line_no); overlapping exports resolved: the latest load of an order wins.
-- upstream: raw_shopify_orders, raw_amazon_orders, raw_walmart_orders, raw_ebay_orders, raw_opsdesk_orders, cfg_reporting
-- Currency: as the export states it (Shopify, Amazon: a column; eBay, Walmart: written with the amounts, a bare "$"
-- being US dollars there); NULL when a file states none (eBay without symbols): such orders get no exchange rate and
-- stay out of money totals. Templates without a currency are in the reporting currency.
-- prices_include_tax: Shopify orders whose Total = Subtotal + Shipping while Taxes > 0 (VAT/GST stores: prices
-- include the tax); the orders template says it in its own column; other sources add tax to the prices.
-- Shopify tip lines ("Tip", no SKU) are not product sales: they are left out of the lines.
WITH shopify AS (
    SELECT * FROM raw_shopify_orders
    WHERE id IS NOT NULL
    QUALIFY _load_id = max(_load_id) OVER (PARTITION BY id)
), shopify_orders AS (  -- order-level values are carried by the first line-item row
    SELECT id, name, created_at, currency, total, subtotal, shipping, taxes, discount_amount, refunded_amount,
           cancelled_at, financial_status, fulfillment_status, fulfilled_at, shipping_country, shipping_province,
           source, location, _load_id, _row,
           coalesce(taxes > 0 AND abs(total - (coalesce(subtotal, 0) + coalesce(shipping, 0))) < 0.005, false) AS prices_include_tax
    FROM shopify WHERE _line = 1
), amazon AS (
    SELECT *, row_number() OVER (PARTITION BY amazon_order_id ORDER BY _row) AS line_no
    FROM raw_amazon_orders
    QUALIFY _load_id = max(_load_id) OVER (PARTITION BY amazon_order_id)
), walmart AS (
    SELECT * FROM raw_walmart_orders
    QUALIFY _load_id = max(_load_id) OVER (PARTITION BY po_no)
), ebay AS (
    SELECT *, row_number() OVER (PARTITION BY order_number ORDER BY _row) AS line_no
    FROM raw_ebay_orders
    WHERE coalesce(custom_label, item_number, item_title) IS NOT NULL  -- multi-item parent summary rows carry no item
    QUALIFY _load_id = max(_load_id) OVER (PARTITION BY order_number)
), ebay_parent AS (  -- ... but they carry the order's postage and total, which the item rows leave blank
    SELECT order_number, max(total_price) AS parent_total, max(shipping_and_handling) AS parent_shipping,
           max(coalesce(seller_collected_tax, 0) + coalesce(ebay_collected_tax, 0)) AS parent_tax
    FROM (SELECT * FROM raw_ebay_orders QUALIFY _load_id = max(_load_id) OVER (PARTITION BY order_number))
    WHERE coalesce(custom_label, item_number, item_title) IS NULL
    GROUP BY order_number
), ebay_currency AS (  -- the currency written with the order's amounts, on any of its rows
    SELECT order_number, CASE WHEN max(c) = '$' THEN 'USD' ELSE max(c) END AS ebay_currency
    FROM (SELECT order_number, coalesce(sold_for_currency, total_price_currency) AS c
          FROM raw_ebay_orders QUALIFY _load_id = max(_load_id) OVER (PARTITION BY order_number))
    GROUP BY order_number
), tmpl AS (
    SELECT *, coalesce(line_no, row_number() OVER (PARTITION BY lower(coalesce(channel, 'other')), order_id ORDER BY _row)) AS line_number
    FROM raw_opsdesk_orders
    QUALIFY _load_id = max(_load_id) OVER (PARTITION BY lower(coalesce(channel, 'other')), order_id)
)
SELECT 'shopify:' || s.id AS order_id, 'shopify' AS channel, 'shopify_orders' AS source, o.name AS source_order_ref,
       s._line AS line_no, coalesce(s.lineitem_sku, s.lineitem_name) AS sku, s.lineitem_name AS product_name,
       s.lineitem_quantity::DOUBLE AS quantity, s.lineitem_price AS unit_price_amount,
       coalesce(s.lineitem_discount, 0) AS discount_amount,
       o.created_at AS ordered_at, o.currency, o.total AS order_total_amount, o.subtotal AS subtotal_amount,
       o.shipping AS shipping_charged_amount, o.taxes AS tax_amount, o.discount_amount AS order_discount_amount,
       o.refunded_amount, o.cancelled_at, o.cancelled_at IS NOT NULL AS is_cancelled,
       o.financial_status, o.fulfillment_status, NULL::TIMESTAMP AS ship_by_at, NULL::DATE AS promised_delivery_date,
       'own' AS fulfillment_channel, o.location AS warehouse, o.shipping_province AS ship_to_region,
       o.shipping_country AS ship_to_country, o.source AS sub_channel, s.lineitem_fulfillment_status AS line_status,
       s._load_id, NULL::VARCHAR AS category, o.prices_include_tax
FROM shopify s JOIN shopify_orders o USING (id)
WHERE NOT (lower(trim(s.lineitem_name)) = 'tip' AND s.lineitem_sku IS NULL)
UNION ALL
SELECT 'amazon:' || amazon_order_id, 'amazon', 'amazon_orders', amazon_order_id,
       line_no, sku, product_name, quantity::DOUBLE,
       CASE WHEN quantity > 0 THEN coalesce(item_price, 0) / quantity END,
       abs(coalesce(item_promotion_discount, 0)),
       purchase_date, currency,
       sum(coalesce(item_price, 0) + coalesce(item_tax, 0) + coalesce(shipping_price, 0) + coalesce(shipping_tax, 0)
           - abs(coalesce(item_promotion_discount, 0)) - abs(coalesce(ship_promotion_discount, 0))) OVER (PARTITION BY amazon_order_id),
       sum(coalesce(item_price, 0)) OVER (PARTITION BY amazon_order_id),
       sum(coalesce(shipping_price, 0) - abs(coalesce(ship_promotion_discount, 0))) OVER (PARTITION BY amazon_order_id),
       sum(coalesce(item_tax, 0) + coalesce(shipping_tax, 0)) OVER (PARTITION BY amazon_order_id),
       sum(abs(coalesce(item_promotion_discount, 0))) OVER (PARTITION BY amazon_order_id),
       0, CASE WHEN order_status = 'Cancelled' THEN last_updated_date END, order_status = 'Cancelled',
       order_status, order_status, NULL, NULL,
       CASE WHEN lower(fulfillment_channel) IN ('amazon', 'afn') THEN 'FBA' ELSE 'MFN' END,
       CASE WHEN lower(fulfillment_channel) IN ('amazon', 'afn') THEN 'Amazon FBA' END, ship_state, ship_country,
       sales_channel, item_status, _load_id, NULL, false
FROM amazon
UNION ALL
SELECT 'walmart:' || po_no, 'walmart', 'walmart_orders', po_no,
       coalesce(line_no, 1), sku, item_description, qty::DOUBLE, CASE WHEN qty > 0 THEN item_cost / qty END, 0,  -- Item Cost is the line amount (like Amazon item-price)
       order_date, coalesce(max(nullif(item_cost_currency, '$')) OVER (PARTITION BY po_no), 'USD'),
       sum(coalesce(item_cost, 0) + coalesce(shipping_cost, 0) + coalesce(tax, 0)) OVER (PARTITION BY po_no),
       sum(coalesce(item_cost, 0)) OVER (PARTITION BY po_no),
       sum(coalesce(shipping_cost, 0)) OVER (PARTITION BY po_no),
       sum(coalesce(tax, 0)) OVER (PARTITION BY po_no),
       0, 0, NULL, bool_and(lower(status) = 'cancelled') OVER (PARTITION BY po_no),
       status, status, ship_by, delivery_date::DATE,
       CASE WHEN lower(fulfillment_entity) LIKE '%walmart%' THEN 'WFS' ELSE 'own' END, NULL, state, 'US',
       NULL, status, _load_id, NULL, false
FROM walmart
UNION ALL
SELECT 'ebay:' || order_number, 'ebay', 'ebay_orders', order_number,
       line_no, coalesce(custom_label, item_number), item_title, quantity::DOUBLE, sold_for, 0,
       sale_date, ebay_currency,
       coalesce(parent_total, sum(coalesce(total_price, coalesce(sold_for, 0) * coalesce(quantity, 0)
           + coalesce(shipping_and_handling, 0) + coalesce(seller_collected_tax, 0))) OVER (PARTITION BY order_number)),
       sum(coalesce(sold_for, 0) * coalesce(quantity, 0)) OVER (PARTITION BY order_number),
       coalesce(parent_shipping, sum(coalesce(shipping_and_handling, 0)) OVER (PARTITION BY order_number)),
       coalesce(parent_tax, sum(coalesce(seller_collected_tax, 0) + coalesce(ebay_collected_tax, 0)) OVER (PARTITION BY order_number)),
       0, 0, NULL, false, NULL, CASE WHEN shipped_on_date IS NOT NULL THEN 'shipped' ELSE 'unshipped' END,
       ship_by_date, maximum_estimated_delivery_date::DATE, 'own', NULL, ship_to_state, ship_to_country,
       NULL, NULL, _load_id, NULL, false
FROM ebay LEFT JOIN ebay_parent USING (order_number) LEFT JOIN ebay_currency USING (order_number)
UNION ALL
SELECT lower(coalesce(channel, 'other')) || ':' || order_id, lower(coalesce(channel, 'other')), 'opsdesk_orders', order_id,
       line_number, sku, product_name, quantity, unit_price, coalesce(line_discount, 0),
       min(ordered_at) OVER w, coalesce(upper(trim(max(currency) OVER w)), (SELECT reporting_currency FROM cfg_reporting)),
       sum(quantity * unit_price - coalesce(line_discount, 0)) OVER w + coalesce(max(shipping_charged) OVER w, 0)
           + CASE WHEN coalesce(bool_or(prices_include_tax) OVER w, false) THEN 0 ELSE coalesce(sum(tax) OVER w, 0) END,
       sum(quantity * unit_price) OVER w,
       coalesce(max(shipping_charged) OVER w, 0), coalesce(sum(tax) OVER w, 0),
       sum(coalesce(line_discount, 0)) OVER w,
       coalesce(max(refunded_amount) OVER w, 0), max(cancelled_at) OVER w,
       coalesce(bool_and(lower(status) = 'cancelled') OVER w, false) OR max(cancelled_at) OVER w IS NOT NULL,
       max(status) OVER w, max(status) OVER w, max(ship_by) OVER w, max(promised_delivery_date) OVER w,
       'own', max(warehouse) OVER w, max(ship_to_region) OVER w, max(ship_to_country) OVER w,
       NULL, status, _load_id, nullif(trim(category), ''), coalesce(bool_or(prices_include_tax) OVER w, false)
FROM tmpl
WINDOW w AS (PARTITION BY lower(coalesce(channel, 'other')), order_id)
