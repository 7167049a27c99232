-- accruals__purchase_orders: purchase-order lines received in [$start, $end] without a unit cost (not yet costed),
-- valued at the SKU's cost history in force on the received date where there is one.
-- grain: one row per PO line received without a cost.
-- upstream: fct_purchase_orders, dim_product_costs
SELECT coalesce(p.supplier, 'Supplier not stated') AS vendor, p.po_id, p.sku, p.received_at, p.quantity_received,
       c.unit_cost_amount AS cost_history_unit_amount, c.currency,
       CASE WHEN c.unit_cost_amount IS NOT NULL THEN 'cost history' ELSE 'no cost known' END AS basis,
       (p.quantity_received * c.unit_cost_amount)::DOUBLE AS accrual_amount
FROM fct_purchase_orders p
LEFT JOIN dim_product_costs c ON c.sku = p.sku AND p.received_at BETWEEN c.effective_from AND c.effective_to
WHERE p.received_at BETWEEN $start AND $end AND p.unit_cost_amount IS NULL AND p.quantity_received > 0
ORDER BY vendor, p.received_at, p.po_id, p.sku
