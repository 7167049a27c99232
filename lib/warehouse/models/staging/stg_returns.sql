-- stg_returns: every returned SKU from every returns source, in Opsdesk vocabulary.
-- grain: one row per return and SKU.
-- upstream: raw_opsdesk_returns, raw_amazon_fba_returns, raw_amazon_mfn_returns
SELECT return_id, order_id AS order_ref, lower(channel) AS channel, sku, quantity, requested_at, returned_at,
       reason_code, reason, comment, lower(disposition) AS disposition, lower(outcome) AS outcome,
       refund_amount, return_label_cost, processing_cost, recovered_amount, warehouse, carrier,
       'opsdesk_returns' AS source
FROM raw_opsdesk_returns
QUALIFY _load_id = max(_load_id) OVER (PARTITION BY return_id, sku)
UNION ALL
SELECT 'fba:' || order_id || ':' || sku || ':' || coalesce(license_plate_number, strftime(return_date, '%Y%m%d%H%M%S')) || ':' || _seq,
       order_id, 'amazon', sku, quantity::DOUBLE, return_date, return_date,
       reason, reason, customer_comments,
       CASE WHEN upper(detailed_disposition) = 'SELLABLE' THEN 'restock' ELSE lower(detailed_disposition) END,
       'refund', NULL, NULL, NULL, NULL, 'Amazon FBA', NULL, 'amazon_fba_returns'
FROM raw_amazon_fba_returns
QUALIFY _load_id = max(_load_id) OVER (PARTITION BY order_id, sku, license_plate_number, return_date, _seq)
UNION ALL
SELECT 'mfn:' || coalesce(amazon_rma_id, order_id) || ':' || merchant_sku, order_id, 'amazon', merchant_sku,
       return_quantity::DOUBLE, return_request_date, coalesce(return_delivery_date, return_request_date),
       return_reason, return_reason, NULL, NULL, lower(resolution), refunded_amount, label_cost, NULL, NULL, NULL,
       return_carrier, 'amazon_mfn_returns'
FROM raw_amazon_mfn_returns
QUALIFY _load_id = max(_load_id) OVER (PARTITION BY amazon_rma_id, merchant_sku)
