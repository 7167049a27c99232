-- support__tickets: the help desk tickets in scope, with the slices they can be cut by.
-- grain: one row per ticket opened in [$start, $end] (ticket creation date).
--        The channel, warehouse, carrier and category filters apply through the order the ticket names (tickets
--        without a linked order drop out when one of them is set). carrier / warehouse are those of the package at
--        issue ('No linked order', 'Not shipped' otherwise).
-- upstream: fct_support_tickets, fct_orders, fct_order_lines
SELECT t.ticket_id, t.help_desk, t.source_ticket_id, t.created_at, t.created_date,
       date_trunc('week', t.created_date)::DATE AS week_start, t.status, t.contact_channel, t.subject, t.tags,
       t.order_ref, t.order_id, t.has_order, coalesce(t.channel, $unknown_channel) AS channel, t.is_wismo,
       t.delivery_issue, t.is_late_or_lost,
       CASE WHEN NOT t.has_order THEN 'No linked order' WHEN t.carrier IS NULL THEN 'Not shipped' ELSE t.carrier END AS carrier,
       CASE WHEN NOT t.has_order THEN 'No linked order' WHEN t.warehouse IS NULL THEN 'Not shipped' ELSE t.warehouse END AS warehouse,
       t.first_reply_hours, t.resolution_hours, t.is_resolved, t.is_first_reply_within_target,
       t.is_resolved_within_target, t.is_rated, t.is_satisfied, t.rating_score
FROM fct_support_tickets t
LEFT JOIN fct_orders o ON o.order_id = t.order_id
WHERE t.created_date BETWEEN $start AND $end
  AND (len($channels) = 0 OR list_contains($channels, o.channel))
  AND (len($warehouses) = 0 OR list_contains($warehouses, o.warehouse))
  AND (len($carriers) = 0 OR list_contains($carriers, o.carrier))
  AND (len($categories) = 0 OR t.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories, category)))
