-- disputes__breakdown: disputes opened in the period per slice of $dimension (reason, channel, payment_method, or
-- 'all'), their money in the reporting currency, and the orders placed in the period as the rate's base (the
-- slice's own orders for channel; all orders for reason and payment method, which orders do not carry).
-- grain: one row per slice with disputes.
-- upstream: disputes__scope, disputes__orders_scope (fct_disputes, fct_orders)
WITH scoped AS (
SELECT * FROM disputes__scope
), orders AS (
SELECT * FROM disputes__orders_scope
), sliced AS (
    SELECT CASE $dimension WHEN 'reason' THEN reason WHEN 'channel' THEN channel WHEN 'payment_method' THEN payment_method
                ELSE 'all' END AS slice, *
    FROM scoped
), base AS (
    SELECT CASE $dimension WHEN 'channel' THEN channel ELSE 'all' END AS slice, count(*) AS orders
    FROM orders GROUP BY 1
)
SELECT s.slice, count(*) AS disputes, count(*) FILTER (WHERE s.is_won) AS won_disputes,
       count(*) FILTER (WHERE s.is_lost) AS lost_disputes, count(*) FILTER (WHERE s.is_open) AS open_disputes,
       coalesce(sum(s.dispute_reporting_amount), 0)::DOUBLE AS disputed_amount,
       coalesce(sum(s.fee_reporting_amount), 0)::DOUBLE AS fee_amount,
       coalesce(sum(s.loss_reporting_amount), 0)::DOUBLE AS loss_amount,
       count(*) FILTER (WHERE NOT s.has_fx_rate) AS disputes_without_fx_rate,
       coalesce(max(b.orders), CASE WHEN $dimension = 'channel' THEN 0 ELSE (SELECT count(*) FROM orders) END) AS orders
FROM sliced s
LEFT JOIN base b ON b.slice = CASE WHEN $dimension = 'channel' THEN s.slice ELSE 'all' END
GROUP BY s.slice
ORDER BY disputes DESC, s.slice
