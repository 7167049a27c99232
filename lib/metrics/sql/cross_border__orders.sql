-- cross_border__orders: the orders in scope with border costs, with their landed cost and margin.
-- grain: one row per order placed in [$start, $end], in revenue, with a row in the duties template (shared filters
--        applied to the order).
-- upstream: fct_order_landed_costs, fct_orders, fct_order_lines
SELECT l.order_id, l.channel, l.order_date, coalesce(nullif(trim(l.destination_country), ''), 'Unknown') AS destination_country,
       l.hs_codes, l.is_paid_by_customer, l.duties_currency, l.duty_amount, l.import_vat_amount, l.clearance_fee_amount,
       l.border_cost_amount, l.border_cost_reporting_amount, l.landed_cogs_reporting_amount,
       l.landed_cost_reporting_amount, l.net_revenue_reporting_amount, l.landed_margin_reporting_amount
FROM fct_order_landed_costs l
JOIN fct_orders o USING (order_id)
WHERE l.has_duties AND o.order_date BETWEEN $start AND $end AND o.is_in_revenue
  AND (len($channels) = 0 OR list_contains($channels, o.channel))
  AND (len($warehouses) = 0 OR list_contains($warehouses, o.warehouse))
  AND (len($carriers) = 0 OR list_contains($carriers, o.carrier))
  AND (len($categories) = 0 OR o.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories, category)))
ORDER BY l.order_date, l.order_id
