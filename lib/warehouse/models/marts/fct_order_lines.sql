-- fct_order_lines: order lines with category, the landed cost in force on the order date, and reporting amounts.
-- grain: one row per order line (order_id, line_no).
-- upstream: int_order_lines, dim_products, dim_product_costs, dim_fx_rates
-- incremental by order_id (a load recomputes the orders it touched; lib/warehouse/incremental.py):
--   int_order_lines: by order_id
--   dim_products, dim_product_costs: by sku
--   dim_fx_rates: grow-only
-- Amounts named *_amount are in the line's own `currency`; *_reporting_amount are converted to `reporting_currency`
-- at the order date's rate (fx_rate), NULL where that currency has no rate (has_fx_rate = false): sums across
-- orders use the reporting amounts. COGS is converted from the cost's own currency on the order date.
-- A line whose export states no quantity (Adobe Commerce's order grid: one amount per order, units unknown) counts
-- its amount once: quantity stays NULL, never a guessed 1.
SELECT l.order_id, l.channel, l.line_no, l.sku, coalesce(p.product_name, l.product_name) AS product_name,
       coalesce(p.category, 'Uncategorised') AS category, p.family, p.size, p.colour,
       l.quantity, l.unit_price_amount::DOUBLE AS unit_price_amount, l.discount_amount::DOUBLE AS discount_amount,
       (coalesce(l.quantity, 1) * l.unit_price_amount)::DOUBLE AS gross_sales_amount,
       (coalesce(l.quantity, 1) * l.unit_price_amount - l.discount_amount)::DOUBLE AS net_sales_amount,
       l.ordered_at, l.ordered_at::DATE AS order_date, l.currency, l.is_cancelled, l.fulfillment_channel,
       l.line_status, c.landed_unit_cost_amount, (l.quantity * c.landed_unit_cost_amount) AS cogs_amount,
       c.currency AS cost_currency,
       fx.reporting_currency, fx.fx_rate, coalesce(fx.has_fx_rate, false) AS has_fx_rate,
       (coalesce(l.quantity, 1) * l.unit_price_amount * fx.fx_rate)::DOUBLE AS gross_sales_reporting_amount,
       (l.discount_amount * fx.fx_rate)::DOUBLE AS discount_reporting_amount,
       ((coalesce(l.quantity, 1) * l.unit_price_amount - l.discount_amount) * fx.fx_rate)::DOUBLE AS net_sales_reporting_amount,
       (c.landed_unit_cost_amount * cfx.fx_rate)::DOUBLE AS landed_unit_cost_reporting_amount,
       (l.quantity * c.landed_unit_cost_amount * cfx.fx_rate)::DOUBLE AS cogs_reporting_amount
FROM int_order_lines l
LEFT JOIN dim_products p ON p.sku = l.sku
LEFT JOIN dim_product_costs c ON c.sku = l.sku AND l.ordered_at::DATE BETWEEN c.effective_from AND c.effective_to
LEFT JOIN dim_fx_rates fx ON fx.currency = l.currency AND fx.day = l.ordered_at::DATE
LEFT JOIN dim_fx_rates cfx ON cfx.currency = c.currency AND cfx.day = l.ordered_at::DATE
ORDER BY l.ordered_at, l.order_id, l.line_no  -- stored in date order: date filters skip row groups
