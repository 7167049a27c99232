-- stg_ebay_orders: eBay Seller Hub orders report lines in Opsdesk vocabulary. A multi-item order has a parent summary
-- row (no item) carrying the order's postage and total, which its item rows leave blank.
-- grain: one row per item row (order_id, line_no = row order among the order's item rows) of each order's latest load.
-- upstream: latest_ebay_orders
-- Currency: written with the amounts ("US $", "£", "C $"…); a bare "$" is US dollars (eBay prefixes other dollars);
-- NULL where the file states none: such orders get no rate and stay out of money totals.
-- customer_key: Buyer Username (eBay's stable buyer id; Buyer Email is a per-order relay address), trimmed and lower
-- case, hashed with SHA-256; NULL where the row states none (not identifiable).
WITH items AS (
    SELECT *, row_number() OVER (PARTITION BY order_number ORDER BY _row) AS line_no
    FROM latest_ebay_orders
    WHERE coalesce(custom_label, item_number, item_title) IS NOT NULL
), parent AS (
    SELECT order_number, max(total_price) AS parent_total, max(shipping_and_handling) AS parent_shipping,
           max(coalesce(seller_collected_tax, 0) + coalesce(ebay_collected_tax, 0)) AS parent_tax
    FROM latest_ebay_orders
    WHERE coalesce(custom_label, item_number, item_title) IS NULL
    GROUP BY order_number
), currency AS (  -- the currency written with the order's amounts, on any of its rows
    SELECT order_number, CASE WHEN max(c) = '$' THEN 'USD' ELSE max(c) END AS ebay_currency
    FROM (SELECT order_number, coalesce(sold_for_currency, total_price_currency) AS c FROM latest_ebay_orders)
    GROUP BY order_number
), buyer AS (  -- the buyer named on any of the order's rows (a multi-item order names it on its parent row)
    SELECT order_number, max(nullif(lower(trim(buyer_username)), '')) AS buyer_username_normalised
    FROM latest_ebay_orders GROUP BY order_number
)
SELECT 'ebay:' || order_number AS order_id, 'ebay' AS channel, 'ebay_orders' AS source, order_number AS source_order_ref,
       line_no, coalesce(custom_label, item_number) AS sku, item_title AS product_name, quantity::DOUBLE AS quantity,
       sold_for AS unit_price_amount, 0 AS discount_amount, sale_date AS ordered_at, ebay_currency AS currency,
       coalesce(parent_total, sum(coalesce(total_price, coalesce(sold_for, 0) * coalesce(quantity, 0)
           + coalesce(shipping_and_handling, 0) + coalesce(seller_collected_tax, 0))) OVER o) AS order_total_amount,
       sum(coalesce(sold_for, 0) * coalesce(quantity, 0)) OVER o AS subtotal_amount,
       coalesce(parent_shipping, sum(coalesce(shipping_and_handling, 0)) OVER o) AS shipping_charged_amount,
       coalesce(parent_tax, sum(coalesce(seller_collected_tax, 0) + coalesce(ebay_collected_tax, 0)) OVER o) AS tax_amount,
       0 AS order_discount_amount, 0 AS refunded_amount, NULL::TIMESTAMP AS cancelled_at, false AS is_cancelled,
       NULL::VARCHAR AS financial_status,
       CASE WHEN shipped_on_date IS NOT NULL THEN 'shipped' ELSE 'unshipped' END AS fulfillment_status,
       ship_by_date AS ship_by_at, maximum_estimated_delivery_date::DATE AS promised_delivery_date,
       'own' AS fulfillment_channel, NULL::VARCHAR AS warehouse, ship_to_state AS ship_to_region,
       ship_to_country, NULL::VARCHAR AS sub_channel, NULL::VARCHAR AS line_status, _load_id,
       NULL::VARCHAR AS category, false AS prices_include_tax,
       sha256('ebay:' || buyer_username_normalised) AS customer_key,
       CASE WHEN buyer_username_normalised IS NOT NULL THEN 'eBay buyer username' END AS customer_key_source,
       NULL::VARCHAR AS risk_level
FROM items LEFT JOIN parent USING (order_number) LEFT JOIN currency USING (order_number) LEFT JOIN buyer USING (order_number)
WINDOW o AS (PARTITION BY order_number)
