-- fct_customer_orders: each order with its place in its customer's history: the customer's first order (new) or a
-- later one (returning), or an order whose export names no customer (not identifiable).
-- grain: one row per order of fct_orders (order_id).
-- upstream: fct_orders
-- incremental by order_id (the orders a load touched and all their customers' orders; lib/warehouse/incremental.py):
--   fct_orders: by order_id
--   fct_orders: by customer_key
-- Only orders in revenue (not cancelled before shipment) are counted in a customer's history: customer_order_number
-- is 1 for the customer's first such order (by order time, then order id), and NULL for orders out of revenue.
-- customer_order_type: 'new' (number 1), 'returning' (number ≥ 2), 'unidentified' (no customer_key), NULL for
-- orders out of revenue. The customer is the same across channels when the key is (an e-mail used on two channels).
WITH ranked AS (
    SELECT order_id, customer_key,
           row_number() OVER (PARTITION BY customer_key ORDER BY ordered_at, order_id) AS customer_order_number,
           min(order_date) OVER (PARTITION BY customer_key) AS customer_first_order_date
    FROM fct_orders
    WHERE is_in_revenue AND customer_key IS NOT NULL
)
SELECT o.order_id, o.order_date, o.channel, o.customer_key, o.customer_key IS NOT NULL AS is_identifiable,
       r.customer_order_number,
       CASE WHEN NOT o.is_in_revenue THEN NULL
            WHEN o.customer_key IS NULL THEN 'unidentified'
            WHEN r.customer_order_number = 1 THEN 'new'
            ELSE 'returning' END AS customer_order_type,
       r.customer_first_order_date,
       date_diff('day', r.customer_first_order_date, o.order_date) AS days_since_first_order
FROM fct_orders o
LEFT JOIN ranked r USING (order_id)
ORDER BY o.order_date, o.order_id
