-- cross_border__by_destination: orders, border costs and landed margin by destination country.
-- grain: one row per destination country of the orders in scope (orders placed in [$start, $end], in revenue, the
--        shared filters applied to the order); 'Unknown' where the order names no country.
--        Money is in the reporting currency; orders whose duties have no exchange rate are counted in
--        orders_with_unconverted_duties and left out of the money columns, never added as another currency.
-- upstream: fct_order_landed_costs, fct_orders, fct_order_lines
SELECT coalesce(nullif(trim(l.destination_country), ''), 'Unknown') AS destination_country,
       count(*) AS orders,
       count(*) FILTER (WHERE l.has_duties) AS orders_with_duties,
       count(*) FILTER (WHERE l.has_duties AND l.is_paid_by_customer) AS orders_paid_by_customer,
       count(*) FILTER (WHERE NOT l.has_duties_fx_rate) AS orders_with_unconverted_duties,
       sum(l.net_revenue_reporting_amount) FILTER (WHERE l.has_duties_fx_rate) AS net_revenue_reporting_amount,
       sum(l.net_revenue_reporting_amount) FILTER (WHERE l.has_duties AND l.has_duties_fx_rate) AS duty_orders_net_revenue_reporting_amount,
       sum(l.border_cost_reporting_amount) FILTER (WHERE l.has_duties_fx_rate) AS border_cost_reporting_amount,
       sum(l.landed_cogs_reporting_amount) FILTER (WHERE l.has_duties_fx_rate) AS landed_cogs_reporting_amount,
       sum(l.landed_margin_reporting_amount) AS landed_margin_reporting_amount,
       count(l.landed_margin_reporting_amount) AS orders_with_landed_cost
FROM fct_order_landed_costs l
JOIN fct_orders o USING (order_id)
WHERE o.order_date BETWEEN $start AND $end AND o.is_in_revenue
  AND (len($channels) = 0 OR list_contains($channels, o.channel))
  AND (len($warehouses) = 0 OR list_contains($warehouses, o.warehouse))
  AND (len($carriers) = 0 OR list_contains($carriers, o.carrier))
  AND (len($categories) = 0 OR o.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories, category)))
GROUP BY ALL
ORDER BY border_cost_reporting_amount DESC NULLS LAST, destination_country
