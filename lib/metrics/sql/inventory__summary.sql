-- inventory__summary: the pooled inventory KPIs over the SKUs in scope. Reads inventory__sku.sql
-- with the same $params.
-- grain: one row.
-- upstream: inventory__sku
SELECT any_value(window_start) AS window_start, any_value(window_end) AS window_end, any_value(window_days) AS window_days,
       count(*) AS skus, sum(on_hand) AS units_on_hand, sum(inventory_value_amount) AS inventory_value_amount,
       sum(avg_inventory_value_amount) AS avg_inventory_value_amount, sum(cogs_amount) AS cogs_amount,
       sum(cogs_amount) / nullif(sum(avg_inventory_value_amount), 0) AS inventory_turnover,
       sum(cogs_amount) / nullif(sum(avg_inventory_value_amount), 0) * 365.0 / nullif(any_value(window_days), 0) AS inventory_turnover_annualised,
       sum(units_sold) / nullif(sum(avg_units_on_hand), 0) AS unit_turnover,
       sum(on_hand) FILTER (WHERE daily_demand_28d > 0) / nullif(sum(daily_demand_28d), 0) AS days_of_supply,
       sum(units_sold) / nullif(sum(opening_on_hand + received_units), 0) AS sell_through_rate,
       sum(units_sold_90d) / nullif(sum(avg_units_on_hand_90d), 0) AS sell_through_amazon_90d,
       sum(active_stockout_days) / nullif(sum(active_sku_days), 0) AS stockout_rate,
       sum(active_stockout_days) AS stockout_sku_days, sum(active_sku_days) AS active_sku_days,
       sum(lost_sales_units) AS lost_sales_units, sum(lost_sales_amount) AS lost_sales_amount,
       sum(gross_margin_amount) AS gross_margin_amount,
       sum(gross_margin_amount) / nullif(sum(avg_inventory_value_amount), 0) AS gmroi,
       sum(excess_units) AS excess_units, sum(excess_value_amount) AS excess_value_amount,
       sum(aged_units) AS aged_units, sum(aged_value_amount) AS aged_value_amount
FROM inventory__sku
