-- stg_support_tickets: help desk tickets from every help desk, in Opsdesk vocabulary (latest load of each ticket).
-- grain: one row per ticket.
-- upstream: raw_zendesk_tickets, raw_gorgias_tickets
-- Zendesk's "Satisfaction Score" is a status (Not Offered, Offered, Good, Bad; "Good/Bad with comment" in older
-- accounts): rated = good or bad. Gorgias' survey score is 1–5: satisfied = 4 or 5, as in the CSAT template.
SELECT 'zendesk:' || id AS ticket_id, 'Zendesk' AS help_desk, id AS source_ticket_id, subject,
       regexp_extract_all(coalesce(tags, ''), '[^\s,]+') AS tags,  -- tags: words separated by spaces or commas
       lower(trim(status)) AS status, via AS contact_channel, assignee, group_name AS team, created_at,
       CASE WHEN solved_at IS NOT NULL OR lower(trim(status)) IN ('solved', 'closed') THEN solved_at END AS resolved_at,
       lower(trim(status)) IN ('solved', 'closed') OR solved_at IS NOT NULL AS is_resolved,
       first_reply_time_in_minutes / 60.0 AS first_reply_hours,
       coalesce(full_resolution_time_in_minutes, date_diff('minute', created_at, solved_at)) / 60.0 AS resolution_hours,
       CASE WHEN lower(satisfaction_score) LIKE 'good%' OR lower(satisfaction_score) LIKE 'bad%' THEN true ELSE false END AS is_rated,
       CASE WHEN lower(satisfaction_score) LIKE 'good%' THEN true WHEN lower(satisfaction_score) LIKE 'bad%' THEN false END AS is_satisfied,
       NULL::DOUBLE AS rating_score, nullif(trim(order_number), '') AS field_order_ref, 'zendesk_tickets' AS source
FROM raw_zendesk_tickets
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _load_id DESC, _row DESC) = 1
UNION ALL
SELECT 'gorgias:' || id AS ticket_id, 'Gorgias' AS help_desk, id AS source_ticket_id, subject,
       regexp_extract_all(coalesce(tags, ''), '[^\s,](?:[^,]*[^\s,])?') AS tags,  -- tags: comma-separated, trimmed
       lower(trim(status)) AS status, channel AS contact_channel, assignee_user_email AS assignee,
       assignee_team_name AS team, created_datetime AS created_at,
       CASE WHEN lower(trim(status)) = 'closed' THEN coalesce(closed_datetime, updated_datetime) END AS resolved_at,
       lower(trim(status)) = 'closed' AS is_resolved,
       date_diff('minute', created_datetime, first_response_datetime) / 60.0 AS first_reply_hours,
       CASE WHEN lower(trim(status)) = 'closed' THEN date_diff('minute', created_datetime, closed_datetime) / 60.0 END
           AS resolution_hours,
       satisfaction_survey_score BETWEEN 1 AND 5 AS is_rated,
       CASE WHEN satisfaction_survey_score BETWEEN 1 AND 5 THEN satisfaction_survey_score >= 4 END AS is_satisfied,
       CASE WHEN satisfaction_survey_score BETWEEN 1 AND 5 THEN satisfaction_survey_score END AS rating_score,
       nullif(trim(order_number), '') AS field_order_ref, 'gorgias_tickets' AS source  -- aliased: Spark's QUALIFY needs names
FROM raw_gorgias_tickets
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _load_id DESC, _row DESC) = 1
