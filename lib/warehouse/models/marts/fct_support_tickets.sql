-- fct_support_tickets: help desk tickets linked to the order they are about, with the delivery behind them.
-- The order a ticket names and whether it asks where its order is (WISMO): int_ticket_refs and int_ticket_orders
-- (Settings → Support).
-- delivery_issue (the linked order's packages): 'lost' (a package lost), 'late' (a package delivered after its
-- promised date, or undelivered when the ticket was opened after that date), 'on time', 'not shipped' (no package),
-- 'no linked order'. carrier and warehouse are those of the package at issue, else of the first package.
-- Times are elapsed hours; the targets are Settings → Support's.
-- grain: one row per ticket (Zendesk and Gorgias tickets side by side; ticket_id carries the help desk).
-- upstream: int_ticket_refs, int_ticket_orders, cfg_support, fct_shipments
-- incremental by ticket_id (a load recomputes the tickets whose order or packages it touched; lib/warehouse/incremental.py):
--   int_ticket_orders, int_ticket_refs: by ticket_id
--   fct_shipments: by order_id
WITH matched AS (
    SELECT t.*, o.order_id, o.channel
    FROM int_ticket_refs t JOIN int_ticket_orders o USING (ticket_id)
), packages AS (
    SELECT m.ticket_id, s.carrier, s.warehouse, s.shipped_at,
           CASE WHEN s.is_lost THEN 'lost'
                WHEN s.promised_delivery_date IS NOT NULL
                     AND (s.delivered_at::DATE > s.promised_delivery_date
                          OR (s.delivered_at IS NULL AND m.created_at::DATE > s.promised_delivery_date)) THEN 'late'
                ELSE 'on time' END AS issue
    FROM matched m JOIN fct_shipments s ON s.order_id = m.order_id
), delivery AS (
    SELECT ticket_id,
           arg_min(issue, (CASE issue WHEN 'lost' THEN 0 WHEN 'late' THEN 1 ELSE 2 END, shipped_at)) AS issue,
           arg_min(carrier, (CASE issue WHEN 'lost' THEN 0 WHEN 'late' THEN 1 ELSE 2 END, shipped_at)) AS carrier,
           arg_min(warehouse, (CASE issue WHEN 'lost' THEN 0 WHEN 'late' THEN 1 ELSE 2 END, shipped_at)) AS warehouse
    FROM packages GROUP BY ticket_id
)
SELECT m.ticket_id, m.help_desk, m.source_ticket_id, m.created_at, m.created_at::DATE AS created_date,
       m.status, m.is_resolved, m.resolved_at, m.contact_channel, m.subject, array_to_string(m.tags, ' ') AS tags,
       m.assignee, m.team, m.order_ref, m.order_ref_source, m.order_id, m.order_id IS NOT NULL AS has_order, m.channel,
       m.is_wismo,
       CASE WHEN m.order_id IS NULL THEN 'no linked order' WHEN d.issue IS NULL THEN 'not shipped' ELSE d.issue END AS delivery_issue,
       coalesce(d.issue IN ('late', 'lost'), false) AS is_late_or_lost, d.carrier, d.warehouse,
       m.first_reply_hours, m.resolution_hours,
       m.first_reply_hours <= (SELECT first_reply_target_hours FROM cfg_support) AS is_first_reply_within_target,
       CASE WHEN m.is_resolved THEN m.resolution_hours <= (SELECT resolution_target_hours FROM cfg_support) END AS is_resolved_within_target,
       m.is_rated, m.is_satisfied, m.rating_score, m.source
FROM matched m LEFT JOIN delivery d USING (ticket_id)
