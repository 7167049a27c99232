-- dim_customers: each identifiable customer with their first order (date, channel, warehouse, carrier, category and
-- how it was fulfilled) and their second order, the basis of repeat-purchase rates and time to second order.
-- grain: one row per customer_key (an opaque SHA-256 key; see fct_orders) with at least one order in revenue.
-- upstream: fct_customer_orders, fct_orders, fct_order_lines
-- incremental by customer_key (a load recomputes the customers whose orders it touched; lib/warehouse/incremental.py):
--   fct_customer_orders: by customer_key
--   fct_orders, fct_order_lines: by order_id
-- first_category: the category of the first order's largest line by net sales (ties: the lowest line number).
-- first_order_experience (the first order's fulfillment, one class each, in this order): 'damaged' (a shipment
-- damaged or lost, or a carrier-damage return), 'late' (delivered after the promised date), 'returned' (on time but
-- a unit came back), 'on_time' (delivered on or before the promise), 'not_measurable' (not delivered, or no promise).
-- days_to_second_order: calendar days from the first to the second order (NULL without one); a repeat within N days
-- is days_to_second_order ≤ N.
WITH hist AS (
    SELECT c.customer_key, c.customer_order_number, o.order_id, o.order_date, o.channel, o.warehouse, o.carrier,
           o.has_damage, o.is_on_time_delivery, o.returned_units, o.has_fx_rate, o.net_revenue_reporting_amount
    FROM fct_customer_orders c JOIN fct_orders o USING (order_id)
    WHERE c.customer_order_number IS NOT NULL
), first_category AS (
    SELECT l.order_id, arg_min(l.category, (-coalesce(l.net_sales_amount, 0), l.line_no)) AS first_category
    FROM fct_order_lines l
    WHERE l.order_id IN (SELECT order_id FROM hist WHERE customer_order_number = 1)
    GROUP BY l.order_id
), per_customer AS (
    SELECT customer_key, count(*) AS orders, max(order_date) AS last_order_date,
           sum(net_revenue_reporting_amount) AS net_revenue_reporting_amount,
           count(*) FILTER (WHERE NOT has_fx_rate) AS orders_without_fx_rate
    FROM hist GROUP BY customer_key
)
SELECT f.customer_key, f.order_id AS first_order_id, f.order_date AS first_order_date,
       date_trunc('month', f.order_date)::DATE AS cohort_month,
       f.channel AS first_channel, f.warehouse AS first_warehouse, f.carrier AS first_carrier,
       coalesce(fc.first_category, 'Uncategorised') AS first_category,
       CASE WHEN f.has_damage THEN 'damaged'
            WHEN f.is_on_time_delivery = false THEN 'late'
            WHEN f.returned_units > 0 THEN 'returned'
            WHEN f.is_on_time_delivery THEN 'on_time'
            ELSE 'not_measurable' END AS first_order_experience,
       s.order_id AS second_order_id, s.order_date AS second_order_date,
       date_diff('day', f.order_date, s.order_date) AS days_to_second_order,
       p.orders, p.last_order_date, p.net_revenue_reporting_amount, p.orders_without_fx_rate
FROM hist f
JOIN per_customer p USING (customer_key)
LEFT JOIN hist s ON s.customer_key = f.customer_key AND s.customer_order_number = 2
LEFT JOIN first_category fc ON fc.order_id = f.order_id
WHERE f.customer_order_number = 1
ORDER BY f.order_date, f.customer_key
