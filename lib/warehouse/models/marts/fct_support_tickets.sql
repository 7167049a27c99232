-- fct_support_tickets: help desk tickets linked to the order they are about, with the delivery behind them.
-- Order link: the ticket's order-number field, else the first tag matching the order tag pattern, else the subject's
-- order pattern (Settings → Support); matched to the channel's own order number, case and a leading '#' aside.
-- WISMO ("where is my order"): a tag matching the WISMO tag pattern or a subject matching the WISMO subject pattern.
-- delivery_issue (the linked order's packages): 'lost' (a package lost), 'late' (a package delivered after its
-- promised date, or undelivered when the ticket was opened after that date), 'on time', 'not shipped' (no package),
-- 'no linked order'. carrier and warehouse are those of the package at issue, else of the first package.
-- Times are elapsed hours; the targets are Settings → Support's.
-- grain: one row per ticket (Zendesk and Gorgias tickets side by side; ticket_id carries the help desk).
-- upstream: stg_support_tickets, cfg_support, int_order_lines, fct_shipments
WITH tag_refs AS (
    SELECT t.ticket_id,
           first(nullif(regexp_extract(tag, (SELECT order_tag_pattern FROM cfg_support), 1), '') ORDER BY i)
               FILTER (WHERE nullif(regexp_extract(tag, (SELECT order_tag_pattern FROM cfg_support), 1), '') IS NOT NULL) AS tag_ref,
           bool_or(regexp_matches(tag, (SELECT wismo_tag_pattern FROM cfg_support))) AS has_wismo_tag
    FROM (SELECT ticket_id, unnest(tags) AS tag, unnest(generate_series(1, len(tags))) AS i FROM stg_support_tickets) t
    GROUP BY t.ticket_id
), refs AS (
    SELECT t.*, r.tag_ref,
           nullif(regexp_extract(coalesce(t.subject, ''), (SELECT order_subject_pattern FROM cfg_support), 1), '') AS subject_ref,
           coalesce(r.has_wismo_tag, false)
               OR coalesce(regexp_matches(t.subject, (SELECT wismo_subject_pattern FROM cfg_support)), false) AS is_wismo
    FROM stg_support_tickets t LEFT JOIN tag_refs r USING (ticket_id)
), order_keys AS (
    SELECT DISTINCT order_id, channel, upper(ltrim(trim(source_order_ref), '#')) AS ref_key FROM int_order_lines
), matched AS (
    SELECT r.*, coalesce(r.field_order_ref, r.tag_ref, r.subject_ref) AS order_ref,
           CASE WHEN r.field_order_ref IS NOT NULL THEN 'field' WHEN r.tag_ref IS NOT NULL THEN 'tag'
                WHEN r.subject_ref IS NOT NULL THEN 'subject' END AS order_ref_source,
           k.order_id, k.channel
    FROM refs r
    LEFT JOIN order_keys k ON k.ref_key = upper(ltrim(trim(coalesce(r.field_order_ref, r.tag_ref, r.subject_ref)), '#'))
    QUALIFY row_number() OVER (PARTITION BY r.ticket_id ORDER BY k.order_id) = 1
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
