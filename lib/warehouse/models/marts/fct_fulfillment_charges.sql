-- fct_fulfillment_charges: 3PL invoice lines, matched to orders where the invoice names one.
-- grain: one row per invoice line.
-- upstream: raw_opsdesk_3pl_invoice, int_order_lines
-- incremental by invoice_id, indexed by its own rows (lib/warehouse/incremental.py):
--   int_order_lines: by source_order_ref = order_ref
-- order_ref: the order number as the invoice writes it; order_id: the loaded order of that number, else order_ref.
WITH order_keys AS (SELECT DISTINCT order_id, source_order_ref FROM int_order_lines)
SELECT i.invoice_id, i.invoice_date, i.provider, coalesce(i.warehouse, i.provider) AS warehouse,
       coalesce(k.order_id, i.order_id) AS order_id, i.order_id AS order_ref, i.sku, lower(i.charge_type) AS charge_type,
       i.quantity, i.amount::DOUBLE AS amount
FROM raw_opsdesk_3pl_invoice i
LEFT JOIN order_keys k ON k.source_order_ref = i.order_id
QUALIFY row_number() OVER (PARTITION BY i.invoice_id, i.order_id, i.sku, i.charge_type, i._seq ORDER BY i._load_id DESC, k.order_id) = 1
