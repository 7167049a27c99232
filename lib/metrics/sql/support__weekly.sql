-- support__weekly: contacts per 100 orders and "where is my order" contacts by week.
-- grain: one row per week (Monday) from the week of $start to the week of $end with orders or tickets.
--        orders = orders placed that week (the shared filters applied to the order); tickets = tickets opened that
--        week (support__tickets' scope); contacts_per_100_orders = 100 × tickets / orders (NULL without orders).
-- upstream: fct_orders, fct_order_lines, support__tickets
WITH orders AS (
    SELECT date_trunc('week', o.order_date)::DATE AS week_start, count(*) AS orders
    FROM fct_orders o
    WHERE o.order_date BETWEEN $start AND $end
      AND (len($channels) = 0 OR list_contains($channels, o.channel))
      AND (len($warehouses) = 0 OR list_contains($warehouses, o.warehouse))
      AND (len($carriers) = 0 OR list_contains($carriers, o.carrier))
      AND (len($categories) = 0 OR o.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories, category)))
    GROUP BY ALL
), tickets AS (
    SELECT week_start, count(*) AS tickets, count(*) FILTER (WHERE is_wismo) AS wismo_tickets,
           count(*) FILTER (WHERE is_wismo AND is_late_or_lost) AS wismo_late_or_lost_tickets,
           count(*) FILTER (WHERE has_order) AS linked_tickets
    FROM (SELECT * FROM support__tickets) t
    GROUP BY ALL
)
SELECT week_start, coalesce(o.orders, 0) AS orders, coalesce(t.tickets, 0) AS tickets,
       CASE WHEN o.orders > 0 THEN 100.0 * coalesce(t.tickets, 0) / o.orders END AS contacts_per_100_orders,
       coalesce(t.wismo_tickets, 0) AS wismo_tickets,
       coalesce(t.wismo_late_or_lost_tickets, 0) AS wismo_late_or_lost_tickets,
       CASE WHEN t.wismo_tickets > 0 THEN t.wismo_late_or_lost_tickets / t.wismo_tickets END AS late_or_lost_share,
       coalesce(t.linked_tickets, 0) AS linked_tickets
FROM orders o FULL JOIN tickets t USING (week_start)
ORDER BY week_start
