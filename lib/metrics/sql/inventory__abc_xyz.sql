-- inventory__abc_xyz: ABC by cumulative revenue share and XYZ by the coefficient of variation of weekly demand,
-- per SKU sold in [$start, $end] (METRICS.md: A = the SKUs that make the first $a_cut of revenue, B the next
-- up to $b_cut, C the rest — a SKU's class is set by the share of the SKUs ranked above it; X: CV < $x_cut,
-- Y: < $z_cut, Z: ≥ $z_cut or no demand). Weeks are the complete Monday–Sunday weeks of the period, zeros included.
-- grain: one row per SKU with revenue in the period.
-- upstream: fct_order_lines, dim_products
WITH lines AS (
    SELECT sku, order_date, quantity, net_sales_reporting_amount AS net_sales_amount  -- reporting currency
    FROM fct_order_lines
    WHERE NOT coalesce(is_cancelled, false) AND sku IS NOT NULL AND order_date BETWEEN $start AND $end
      AND within($categories, category)
), rev AS (
    SELECT sku, sum(net_sales_amount) AS revenue_amount, sum(quantity) AS units_sold FROM lines GROUP BY sku
    HAVING sum(net_sales_amount) > 0
), ranked AS (
    SELECT *, sum(revenue_amount) OVER (ORDER BY revenue_amount DESC, sku ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
              / sum(revenue_amount) OVER () AS cumulative_share,
           coalesce(sum(revenue_amount) OVER (ORDER BY revenue_amount DESC, sku ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
              / sum(revenue_amount) OVER () AS share_before
    FROM rev
), weeks AS (
    SELECT CAST(unnest(generate_series(date_trunc('week', $start::DATE + 6)::DATE, $end::DATE - 6, INTERVAL 7 DAY)) AS DATE) AS week_start
), weekly AS (
    SELECT r.sku, w.week_start, coalesce(sum(l.quantity), 0) AS units
    FROM rev r CROSS JOIN weeks w
    LEFT JOIN lines l ON l.sku = r.sku AND l.order_date BETWEEN w.week_start AND w.week_start + 6
    GROUP BY r.sku, w.week_start
), cv AS (
    SELECT sku, count(*) AS weeks, avg(units) AS mean_weekly_units, stddev_pop(units) AS sd_weekly_units,
           stddev_pop(units) / nullif(avg(units), 0) AS weekly_cv
    FROM weekly GROUP BY sku
)
SELECT r.sku, p.product_name, coalesce(nullif(trim(p.category), ''), $unknown_category) AS category, r.revenue_amount, r.units_sold,
       r.revenue_amount / sum(r.revenue_amount) OVER () AS revenue_share, r.cumulative_share,
       CASE WHEN r.share_before < $a_cut THEN 'A' WHEN r.share_before < $b_cut THEN 'B' ELSE 'C' END AS abc_class,
       c.weeks, c.mean_weekly_units, c.weekly_cv,
       CASE WHEN c.weekly_cv < $x_cut THEN 'X' WHEN c.weekly_cv < $z_cut THEN 'Y' ELSE 'Z' END AS xyz_class
FROM ranked r
LEFT JOIN cv c ON c.sku = r.sku
LEFT JOIN dim_products p ON p.sku = r.sku
ORDER BY r.revenue_amount DESC, r.sku
