-- workspace__unrated_currencies: orders in the shared-filter scope whose currency has no exchange rate to the reporting
-- currency on their order date (or states no currency at all): they are left out of every money total.
-- grain: one row per currency (NULL = the export states none) with such orders in the scope.
-- upstream: fct_orders, fct_order_lines
-- params: $start, $end, $channels, $warehouses, $carriers, $categories (lib.filters)
SELECT o.currency, min(o.reporting_currency) AS reporting_currency, count(*) AS orders,
       sum(o.net_revenue_amount)::DOUBLE AS net_revenue_amount, min(o.order_date) AS first_order_date,
       max(o.order_date) AS last_order_date
FROM fct_orders o
WHERE NOT o.has_fx_rate AND o.is_in_revenue
  AND o.order_date BETWEEN $start AND $end
  AND (len($channels::VARCHAR[]) = 0 OR list_contains($channels::VARCHAR[], o.channel))
  AND (len($warehouses::VARCHAR[]) = 0 OR list_contains($warehouses::VARCHAR[], o.warehouse))
  AND (len($carriers::VARCHAR[]) = 0 OR list_contains($carriers::VARCHAR[], o.carrier))
  AND (len($categories::VARCHAR[]) = 0
       OR o.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories::VARCHAR[], category)))
GROUP BY o.currency
ORDER BY count(*) DESC, o.currency
