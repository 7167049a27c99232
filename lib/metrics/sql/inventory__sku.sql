-- inventory__sku: the inventory KPIs of METRICS.md "Inventory and demand" per SKU, over the days of the period
-- [$start, $end] that have inventory snapshots (the "inventory window": COGS and stock are measured on the same days).
-- Stock is the SKU's total over all locations; the channel and warehouse filters do not apply (stock is shared by
-- channels, and sales are not recorded per stock location); $categories does.
-- grain: one row per SKU with stock or sales in the inventory window.
-- upstream: fct_inventory_daily, fct_order_lines, fct_purchase_orders, dim_products
WITH bounds AS (
    SELECT greatest($start::DATE, min(day)) AS lo, least($end::DATE, max(day)) AS hi FROM fct_inventory_daily
), inv AS (  -- SKU-day totals; up to 180 days before the window for the trailing measures
    SELECT i.sku, i.day, sum(i.on_hand) AS on_hand, sum(i.available) AS available,
           sum(coalesce(i.inventory_value_reporting_amount, 0)) AS value_amount, max(i.landed_unit_cost_reporting_amount) AS unit_cost
    FROM fct_inventory_daily i, bounds b
    WHERE i.day BETWEEN b.lo - 180 AND b.hi
    GROUP BY i.sku, i.day
), sales AS (
    SELECT sku, order_date AS day, sum(quantity) AS units, sum(net_sales_reporting_amount) AS net_sales,  -- reporting currency
           sum(coalesce(cogs_reporting_amount, 0)) AS cogs
    FROM fct_order_lines, bounds b
    WHERE NOT coalesce(is_cancelled, false) AND sku IS NOT NULL AND order_date BETWEEN b.lo - 180 AND b.hi
    GROUP BY sku, order_date
), days AS (
    SELECT coalesce(i.sku, s.sku) AS sku, coalesce(i.day, s.day) AS day, i.on_hand, i.available, i.value_amount,
           i.unit_cost, coalesce(s.units, 0) AS units, coalesce(s.net_sales, 0) AS net_sales, coalesce(s.cogs, 0) AS cogs,
           i.sku IS NOT NULL AS has_stock_row, coalesce(i.available <= 0, false) AS is_stockout
    FROM inv i FULL OUTER JOIN sales s ON s.sku = i.sku AND s.day = i.day
), received AS (
    SELECT p.sku,
           sum(p.quantity_received) FILTER (WHERE p.received_at BETWEEN b.lo AND b.hi) AS received_units,
           sum(p.quantity_received) FILTER (WHERE p.received_at > b.hi - $aged_days AND p.received_at <= b.hi) AS recent_received_units
    FROM fct_purchase_orders p, bounds b
    WHERE p.received_at IS NOT NULL
    GROUP BY p.sku
), per_sku AS (
    SELECT d.sku, any_value(b.lo) AS window_start, any_value(b.hi) AS window_end,
           any_value(date_diff('day', b.lo, b.hi) + 1) AS window_days,
           sum(d.value_amount) FILTER (WHERE d.day BETWEEN b.lo AND b.hi) / any_value(date_diff('day', b.lo, b.hi) + 1) AS avg_inventory_value_amount,
           sum(d.on_hand) FILTER (WHERE d.day BETWEEN b.lo AND b.hi) / any_value(date_diff('day', b.lo, b.hi) + 1) AS avg_units_on_hand,
           coalesce(sum(d.cogs) FILTER (WHERE d.day BETWEEN b.lo AND b.hi), 0) AS cogs_amount,
           coalesce(sum(d.units) FILTER (WHERE d.day BETWEEN b.lo AND b.hi), 0) AS units_sold,
           coalesce(sum(d.net_sales) FILTER (WHERE d.day BETWEEN b.lo AND b.hi), 0) AS net_sales_amount,
           count(*) FILTER (WHERE d.day BETWEEN b.lo AND b.hi AND d.has_stock_row) AS stock_days,
           count(*) FILTER (WHERE d.day BETWEEN b.lo AND b.hi AND d.has_stock_row AND d.is_stockout) AS stockout_days,
           sum(d.units) FILTER (WHERE d.day BETWEEN b.lo AND b.hi AND d.has_stock_row AND NOT d.is_stockout) AS instock_units,
           count(*) FILTER (WHERE d.day BETWEEN b.lo AND b.hi AND d.has_stock_row AND NOT d.is_stockout) AS instock_days,
           sum(d.units) FILTER (WHERE d.day BETWEEN b.hi - 27 AND b.hi AND d.has_stock_row AND NOT d.is_stockout) AS units_28d_instock,
           count(*) FILTER (WHERE d.day BETWEEN b.hi - 27 AND b.hi AND d.has_stock_row AND NOT d.is_stockout) AS instock_days_28d,
           coalesce(sum(d.units) FILTER (WHERE d.day BETWEEN b.hi - 89 AND b.hi), 0) AS units_sold_90d,
           avg(d.on_hand) FILTER (WHERE d.day BETWEEN b.hi - 89 AND b.hi AND d.has_stock_row) AS avg_units_on_hand_90d,
           arg_min(d.on_hand, d.day) FILTER (WHERE d.day BETWEEN b.lo AND b.hi AND d.has_stock_row) AS opening_on_hand,
           arg_max(d.on_hand, d.day) FILTER (WHERE d.day BETWEEN b.lo AND b.hi AND d.has_stock_row) AS on_hand,
           arg_max(d.value_amount, d.day) FILTER (WHERE d.day BETWEEN b.lo AND b.hi AND d.has_stock_row) AS inventory_value_amount,
           arg_max(d.unit_cost, d.day) FILTER (WHERE d.day BETWEEN b.lo AND b.hi AND d.has_stock_row) AS unit_cost_amount
    FROM days d, bounds b
    GROUP BY d.sku
)
SELECT s.sku, p.product_name, coalesce(nullif(trim(p.category), ''), $unknown_category) AS category, p.supplier,
       coalesce(p.is_active, true) AS is_active, s.window_start, s.window_end, s.window_days,
       coalesce(s.on_hand, 0) AS on_hand, coalesce(s.inventory_value_amount, 0) AS inventory_value_amount,
       coalesce(s.avg_inventory_value_amount, 0) AS avg_inventory_value_amount,
       coalesce(s.avg_units_on_hand, 0) AS avg_units_on_hand,
       s.cogs_amount, s.units_sold, s.net_sales_amount, s.net_sales_amount - s.cogs_amount AS gross_margin_amount,
       s.stock_days, s.stockout_days,
       CASE WHEN coalesce(p.is_active, true) THEN s.stock_days ELSE 0 END AS active_sku_days,
       CASE WHEN coalesce(p.is_active, true) THEN s.stockout_days ELSE 0 END AS active_stockout_days,
       s.instock_units / nullif(s.instock_days, 0) AS instock_daily_demand,
       s.units_28d_instock / nullif(s.instock_days_28d, 0) AS daily_demand_28d,
       coalesce(s.on_hand, 0) / nullif(s.units_28d_instock / nullif(s.instock_days_28d, 0), 0) AS days_of_supply,
       coalesce(s.opening_on_hand, 0) AS opening_on_hand, coalesce(r.received_units, 0) AS received_units,
       s.units_sold / nullif(coalesce(s.opening_on_hand, 0) + coalesce(r.received_units, 0), 0) AS sell_through_rate,
       s.units_sold_90d, s.avg_units_on_hand_90d,
       s.units_sold_90d / nullif(s.avg_units_on_hand_90d, 0) AS sell_through_amazon_90d,
       coalesce(s.stockout_days * s.instock_units / nullif(s.instock_days, 0), 0) AS lost_sales_units,
       coalesce(s.stockout_days * s.instock_units / nullif(s.instock_days, 0), 0)
         * coalesce(s.net_sales_amount / nullif(s.units_sold, 0), p.list_price_amount, 0) AS lost_sales_amount,
       coalesce(s.unit_cost_amount, p.landed_unit_cost_reporting_amount) AS unit_cost_amount,
       greatest(0, coalesce(s.on_hand, 0) - $excess_days * coalesce(s.units_28d_instock / nullif(s.instock_days_28d, 0), 0)) AS excess_units,
       greatest(0, coalesce(s.on_hand, 0) - $excess_days * coalesce(s.units_28d_instock / nullif(s.instock_days_28d, 0), 0))
         * coalesce(s.unit_cost_amount, p.landed_unit_cost_reporting_amount, 0) AS excess_value_amount,
       greatest(0, coalesce(s.on_hand, 0) - coalesce(r.recent_received_units, 0)) AS aged_units,
       greatest(0, coalesce(s.on_hand, 0) - coalesce(r.recent_received_units, 0))
         * coalesce(s.unit_cost_amount, p.landed_unit_cost_reporting_amount, 0) AS aged_value_amount
FROM per_sku s
LEFT JOIN dim_products p ON p.sku = s.sku
LEFT JOIN received r ON r.sku = s.sku
WHERE s.window_start <= s.window_end
  AND (s.stock_days > 0 OR s.units_sold > 0)
  AND (len($categories) = 0 OR list_contains($categories, coalesce(nullif(trim(p.category), ''), $unknown_category)))
ORDER BY s.sku
