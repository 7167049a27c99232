-- stg_magento_orders: orders of Adobe Commerce's (Magento 2) order grid export in Opsdesk vocabulary.
-- grain: one row per order (order_id, line_no = 1) of each order's latest load.
-- upstream: latest_magento_orders, cfg_reporting
-- The grid lists no items: no SKUs and no units. Each order is one line without a SKU and without a quantity
-- (units unknown, never guessed) whose amount is the Subtotal; product-level figures need another export.
-- Amounts in the store's base currency, as the grid writes Subtotal, Shipping and Handling and Total Refunded in it:
-- Grand Total (Base) is the order total. The grid has no tax and no discount column: what the grand total holds
-- beyond Subtotal + Shipping and Handling is tax (out of revenue), what it lacks is discount; an order with both
-- shows their difference only. Refunds: Total Refunded. "Canceled" orders are cancelled.
-- Currency: the one written with Grand Total (Base) ("€1,234.50", "CA$12.00", "12.00 EUR"); a bare "$" is the
-- workspace's reporting currency when that is a dollar, else unknown (no rate: left out of money totals); amounts
-- written without any currency are the reporting currency (the store's own figures, as other platform exports).
WITH m AS (
    SELECT *, grand_total_base - coalesce(subtotal, 0) - coalesce(shipping_and_handling, 0) AS beyond,
           lower(trim(status)) AS status_code
    FROM latest_magento_orders
), rep AS (SELECT reporting_currency FROM cfg_reporting)
SELECT 'magento:' || id AS order_id, 'magento' AS channel, 'magento_orders' AS source, id AS source_order_ref,
       1 AS line_no, NULL::VARCHAR AS sku, NULL::VARCHAR AS product_name, NULL::DOUBLE AS quantity,
       subtotal AS unit_price_amount, 0 AS discount_amount, purchase_date AS ordered_at,
       CASE WHEN base_currency IS NOT NULL AND base_currency <> '$' THEN base_currency
            WHEN base_currency = '$' AND rep.reporting_currency NOT IN ('USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN')
                THEN NULL
            ELSE rep.reporting_currency END AS currency,
       grand_total_base AS order_total_amount, subtotal AS subtotal_amount,
       coalesce(shipping_and_handling, 0) AS shipping_charged_amount, greatest(beyond, 0) AS tax_amount,
       greatest(-beyond, 0) AS order_discount_amount, coalesce(abs(total_refunded), 0) AS refunded_amount,
       NULL::TIMESTAMP AS cancelled_at, status_code IN ('canceled', 'cancelled') AS is_cancelled,
       status AS financial_status, status AS fulfillment_status, NULL::TIMESTAMP AS ship_by_at,
       NULL::DATE AS promised_delivery_date, 'own' AS fulfillment_channel, allocated_sources AS warehouse,
       NULL::VARCHAR AS ship_to_region, NULL::VARCHAR AS ship_to_country,
       nullif(trim(regexp_replace(purchase_point, '\s*[\r\n]+\s*', ' / ', 'g')), '') AS sub_channel,
       NULL::VARCHAR AS line_status, _load_id, NULL::VARCHAR AS category, false AS prices_include_tax,
       NULL::VARCHAR AS customer_key, NULL::VARCHAR AS customer_key_source,  -- Bill-to Name is a name: never an identity
       NULL::VARCHAR AS risk_level
FROM m, rep
