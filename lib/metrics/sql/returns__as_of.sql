-- returns__as_of: the last day with data (latest order or return date): the age of every cohort is measured to it.
-- grain: one row.
-- upstream: fct_orders, fct_returns
SELECT greatest((SELECT max(order_date) FROM fct_orders),
                (SELECT max(coalesce(returned_at, requested_at))::DATE FROM fct_returns)) AS as_of
