-- stg_opsdesk_orders: lines of the Opsdesk orders template in Opsdesk vocabulary (order-level values may sit on any
-- line: they are taken per order).
-- grain: one row per order line (order_id = channel:order_id, line_no) of each order's latest load.
-- upstream: latest_opsdesk_orders, cfg_reporting
-- Currency: the template's, else the reporting currency. Tax: added to the total unless prices_include_tax.
-- customer_key: the template's customer_id, hashed with SHA-256; an id that is an e-mail address is normalised like
-- Shopify's (trimmed, lower case, "+tag" dropped) so the same buyer links across channels; NULL without one.
WITH tmpl AS (
    SELECT *, coalesce(line_no, row_number() OVER (PARTITION BY lower(coalesce(channel, 'other')), order_id ORDER BY _row)) AS line_number,
           max(nullif(trim(customer_id), '')) OVER (PARTITION BY lower(coalesce(channel, 'other')), order_id) AS order_customer_id
    FROM latest_opsdesk_orders
), tmpl_keyed AS (
    SELECT *, CASE WHEN order_customer_id LIKE '%_@_%'
                   THEN sha256('email:' || regexp_replace(lower(order_customer_id), '\+[^@]*@', '@'))
                   WHEN order_customer_id IS NOT NULL THEN sha256('id:' || order_customer_id) END AS customer_key,
              CASE WHEN order_customer_id LIKE '%_@_%' THEN 'e-mail'
                   WHEN order_customer_id IS NOT NULL THEN 'customer id' END AS customer_key_source
    FROM tmpl
)
SELECT lower(coalesce(channel, 'other')) || ':' || order_id AS order_id, lower(coalesce(channel, 'other')) AS channel,
       'opsdesk_orders' AS source, order_id AS source_order_ref, line_number AS line_no, sku, product_name, quantity,
       unit_price AS unit_price_amount, coalesce(line_discount, 0) AS discount_amount,
       min(ordered_at) OVER w AS ordered_at,
       coalesce(upper(trim(max(currency) OVER w)), (SELECT reporting_currency FROM cfg_reporting)) AS currency,
       sum(quantity * unit_price - coalesce(line_discount, 0)) OVER w + coalesce(max(shipping_charged) OVER w, 0)
           + CASE WHEN coalesce(bool_or(prices_include_tax) OVER w, false) THEN 0 ELSE coalesce(sum(tax) OVER w, 0) END
           AS order_total_amount,
       sum(quantity * unit_price) OVER w AS subtotal_amount,
       coalesce(max(shipping_charged) OVER w, 0) AS shipping_charged_amount, coalesce(sum(tax) OVER w, 0) AS tax_amount,
       sum(coalesce(line_discount, 0)) OVER w AS order_discount_amount,
       coalesce(max(refunded_amount) OVER w, 0) AS refunded_amount, max(cancelled_at) OVER w AS cancelled_at,
       coalesce(bool_and(lower(status) = 'cancelled') OVER w, false) OR max(cancelled_at) OVER w IS NOT NULL AS is_cancelled,
       max(status) OVER w AS financial_status, max(status) OVER w AS fulfillment_status, max(ship_by) OVER w AS ship_by_at,
       max(promised_delivery_date) OVER w AS promised_delivery_date, 'own' AS fulfillment_channel,
       max(warehouse) OVER w AS warehouse, max(ship_to_region) OVER w AS ship_to_region,
       max(ship_to_country) OVER w AS ship_to_country, NULL::VARCHAR AS sub_channel, status AS line_status, _load_id,
       nullif(trim(category), '') AS category, coalesce(bool_or(prices_include_tax) OVER w, false) AS prices_include_tax,
       customer_key, customer_key_source, NULL::VARCHAR AS risk_level
FROM tmpl_keyed
WINDOW w AS (PARTITION BY lower(coalesce(channel, 'other')), order_id)
