-- accruals__tpl: orders shipped in [$start, $end] from a 3PL's warehouse that no 3PL invoice line names yet, valued
-- at that 3PL's average invoiced fulfillment charge per order (order-level lines: pick/pack, packaging, …; not
-- storage or receiving) over the 365 days to $end.
-- grain: one row per order not yet invoiced by its 3PL.
-- upstream: fct_orders, fct_fulfillment_charges
WITH tpl_sites AS (  -- a warehouse a 3PL invoices
    SELECT warehouse, min(provider) AS provider FROM fct_fulfillment_charges GROUP BY warehouse
), invoiced AS (
    SELECT DISTINCT order_id FROM fct_fulfillment_charges WHERE order_id IS NOT NULL
), rate AS (
    SELECT provider, sum(amount) / count(DISTINCT order_id) AS rate_amount
    FROM fct_fulfillment_charges
    WHERE order_id IS NOT NULL AND charge_type NOT IN ('storage', 'receiving')
      AND invoice_date BETWEEN $end - INTERVAL 365 DAY AND $end
    GROUP BY provider
)
SELECT t.provider AS vendor, o.order_id, o.source_order_ref, o.first_shipped_at AS shipped_at, o.warehouse, o.units,
       CASE WHEN r.rate_amount IS NOT NULL THEN '3PL average per order (invoices, 12 months)' ELSE 'no basis' END AS basis,
       r.rate_amount::DOUBLE AS accrual_amount
FROM fct_orders o
JOIN tpl_sites t ON t.warehouse = o.warehouse
LEFT JOIN rate r ON r.provider = t.provider
WHERE o.first_shipped_at::DATE BETWEEN $start AND $end
  AND o.order_id NOT IN (SELECT order_id FROM invoiced)
ORDER BY vendor, o.first_shipped_at, o.order_id
