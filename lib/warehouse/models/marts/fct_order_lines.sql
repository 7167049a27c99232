-- fct_order_lines: order lines with category and the landed cost in force on the order date.
-- grain: one row per order line (order_id, line_no).
-- upstream: stg_order_lines, dim_products, dim_product_costs
SELECT l.order_id, l.channel, l.line_no, l.sku, coalesce(p.product_name, l.product_name) AS product_name,
       coalesce(p.category, 'Uncategorised') AS category, p.family, p.size, p.colour,
       l.quantity, l.unit_price_amount::DOUBLE AS unit_price_amount, l.discount_amount::DOUBLE AS discount_amount,
       (l.quantity * l.unit_price_amount)::DOUBLE AS gross_sales_amount,
       (l.quantity * l.unit_price_amount - l.discount_amount)::DOUBLE AS net_sales_amount,
       l.ordered_at, l.ordered_at::DATE AS order_date, l.currency, l.is_cancelled, l.fulfillment_channel,
       l.line_status, c.landed_unit_cost_amount, (l.quantity * c.landed_unit_cost_amount) AS cogs_amount
FROM stg_order_lines l
LEFT JOIN dim_products p ON p.sku = l.sku
LEFT JOIN dim_product_costs c ON c.sku = l.sku AND l.ordered_at::DATE BETWEEN c.effective_from AND c.effective_to
ORDER BY l.ordered_at, l.order_id, l.line_no  -- stored in date order: date filters skip row groups
