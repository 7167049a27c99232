-- profitability__label_orders: shipped, merchant-fulfilled orders with their label cost and shipped weight, to estimate
-- what a label costs for a SKU by weight.
-- grain: one row per order placed in [$start, $end], shipped from our warehouse or a 3PL (not FBA), with a label cost.
--        shipped_weight_lb is NULL when a line's SKU has no catalog weight; single_sku names the SKU of one-SKU orders.
-- upstream: fct_orders, fct_order_lines, dim_products
SELECT o.order_id, o.label_cost_amount, sum(l.quantity) AS units,
       CASE WHEN bool_and(p.weight_lb IS NOT NULL) THEN sum(l.quantity * p.weight_lb) END AS shipped_weight_lb,
       CASE WHEN count(DISTINCT l.sku) = 1 THEN any_value(l.sku) END AS single_sku
FROM fct_orders o
JOIN fct_order_lines l USING (order_id)
LEFT JOIN dim_products p ON p.sku = l.sku
WHERE o.order_date BETWEEN $start AND $end AND o.is_shipped AND coalesce(o.fulfillment_channel, '') <> 'FBA'
  AND o.label_cost_amount > 0
GROUP BY o.order_id, o.label_cost_amount
ORDER BY o.order_id
