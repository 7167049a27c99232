-- stg_shopify_orders: Shopify order lines in Opsdesk vocabulary (the orders export: one row per line item, order
-- fields on the first row, forward-filled at ingest).
-- grain: one row per order line (order_id, line_no) of each order's latest load.
-- upstream: latest_shopify_orders
-- prices_include_tax: Total = Subtotal + Shipping (+ tips) while Taxes > 0 (VAT/GST stores: prices include the tax).
-- Tip lines ("Tip", no SKU) are not product sales: left out of the lines.
-- customer_key: the export has no customer id; the buyer's e-mail, normalised (trimmed, lower case, "+tag" dropped),
-- hashed with SHA-256 (never the address itself); NULL where the order states no e-mail (not identifiable).
WITH lines AS (
    SELECT *, coalesce(lower(trim(lineitem_name)) = 'tip' AND lineitem_sku IS NULL, false) AS is_tip FROM latest_shopify_orders
    WHERE id IS NOT NULL
), tips AS (  -- Shopify's Subtotal leaves tips out, its Total has them
    SELECT id, sum(coalesce(lineitem_price, 0) * coalesce(lineitem_quantity, 1)) AS tip_amount FROM lines WHERE is_tip GROUP BY id
), orders AS (  -- order-level values are carried by the first line-item row
    SELECT id, name, created_at, currency, total, subtotal, shipping, taxes, discount_amount, refunded_amount,
           cancelled_at, financial_status, fulfillment_status, shipping_country, shipping_province, source, location,
           nullif(regexp_replace(lower(trim(email)), '\+[^@]*@', '@'), '') AS normalised_email,
           CASE WHEN lower(trim(risk_level)) IN ('low', 'medium', 'high') THEN lower(trim(risk_level)) END AS risk_level,
           coalesce(taxes > 0 AND abs(total - (coalesce(subtotal, 0) + coalesce(shipping, 0) + coalesce(t.tip_amount, 0))) < 0.005,
                    false) AS prices_include_tax
    FROM lines LEFT JOIN tips t USING (id) WHERE _line = 1
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
       s._load_id, NULL::VARCHAR AS category, o.prices_include_tax,
       CASE WHEN o.normalised_email LIKE '%_@_%' THEN sha256('email:' || o.normalised_email) END AS customer_key,
       CASE WHEN o.normalised_email LIKE '%_@_%' THEN 'e-mail' END AS customer_key_source,
       o.risk_level  -- Shopify's fraud analysis: low, medium, high (NULL when the export states none)
FROM lines s JOIN orders o USING (id)
WHERE NOT s.is_tip
