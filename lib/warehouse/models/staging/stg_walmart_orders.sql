-- stg_walmart_orders: Walmart Seller Center order report lines in Opsdesk vocabulary (Item Cost, Shipping Cost and Tax
-- are line amounts). Currency: written with the amounts, else US dollars (the US Seller Center's report).
-- grain: one row per PO line (order_id, line_no) of each PO's latest load.
-- upstream: latest_walmart_orders
SELECT 'walmart:' || po_no AS order_id, 'walmart' AS channel, 'walmart_orders' AS source, po_no AS source_order_ref,
       coalesce(line_no, 1) AS line_no, sku, item_description AS product_name, qty::DOUBLE AS quantity,
       CASE WHEN qty > 0 THEN item_cost / qty END AS unit_price_amount, 0 AS discount_amount,
       order_date AS ordered_at, coalesce(max(nullif(item_cost_currency, '$')) OVER o, 'USD') AS currency,
       sum(coalesce(item_cost, 0) + coalesce(shipping_cost, 0) + coalesce(tax, 0)) OVER o AS order_total_amount,
       sum(coalesce(item_cost, 0)) OVER o AS subtotal_amount,
       sum(coalesce(shipping_cost, 0)) OVER o AS shipping_charged_amount,
       sum(coalesce(tax, 0)) OVER o AS tax_amount,
       0 AS order_discount_amount, 0 AS refunded_amount, NULL::TIMESTAMP AS cancelled_at,
       bool_and(lower(status) = 'cancelled') OVER o AS is_cancelled,
       status AS financial_status, status AS fulfillment_status, ship_by AS ship_by_at,
       delivery_date::DATE AS promised_delivery_date,
       CASE WHEN lower(fulfillment_entity) LIKE '%walmart%' THEN 'WFS' ELSE 'own' END AS fulfillment_channel,
       NULL::VARCHAR AS warehouse, state AS ship_to_region, 'US' AS ship_to_country, NULL::VARCHAR AS sub_channel,
       status AS line_status, _load_id, NULL::VARCHAR AS category, false AS prices_include_tax,
       NULL::VARCHAR AS customer_key, NULL::VARCHAR AS customer_key_source,
       NULL::VARCHAR AS risk_level  -- no buyer id or e-mail (a name only), no fraud risk
FROM latest_walmart_orders
WINDOW o AS (PARTITION BY po_no)
