-- int_ticket_refs: every help desk ticket (stg_support_tickets) with the order reference it names and whether it asks
-- where its order is; kept between builds, so an orders load does not parse the tickets again.
-- The reference: the ticket's order-number field, else the first tag matching the order tag pattern, else the
-- subject's order pattern (Settings → Support). order_ref_key: that reference as orders are matched, case and a
-- leading '#' aside (int_ticket_orders matches it).
-- WISMO ("where is my order"): a tag matching the WISMO tag pattern or a subject matching the WISMO subject pattern.
-- grain: one row per ticket.
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
)
SELECT * EXCLUDE (tag_ref, subject_ref), coalesce(field_order_ref, tag_ref, subject_ref) AS order_ref,
       CASE WHEN field_order_ref IS NOT NULL THEN 'field' WHEN tag_ref IS NOT NULL THEN 'tag'
            WHEN subject_ref IS NOT NULL THEN 'subject' END AS order_ref_source,
       upper(ltrim(trim(coalesce(field_order_ref, tag_ref, subject_ref)), '#')) AS order_ref_key
FROM refs
