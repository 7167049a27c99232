-- incremental by ticket_id, indexed by its own rows (lib/warehouse/incremental.py):
--   int_order_lines: by (upper(ltrim(trim(source_order_ref), '#'))) = order_ref_key
-- int_ticket_orders: each help desk ticket's order reference and the order it names (fct_support_tickets reads it).
-- The reference: the ticket's order-number field, else the first tag matching the order tag pattern, else the
-- subject's order pattern (Settings → Support). order_ref_key: that reference as orders are matched, case and a
-- leading '#' aside (the same expression as the header's, so a changed order line touches the tickets naming it).
-- WISMO ("where is my order"): a tag matching the WISMO tag pattern or a subject matching the WISMO subject pattern.
-- grain: one row per ticket; order_id NULL when no loaded order has the reference (of two, the lowest order_id).
WITH tag_refs AS (
    SELECT t.ticket_id,
           first(nullif(regexp_extract(tag, (SELECT order_tag_pattern FROM cfg_support), 1), '') ORDER BY i)
               FILTER (WHERE nullif(regexp_extract(tag, (SELECT order_tag_pattern FROM cfg_support), 1), '') IS NOT NULL) AS tag_ref,
           bool_or(regexp_matches(tag, (SELECT wismo_tag_pattern FROM cfg_support))) AS has_wismo_tag
    FROM (SELECT ticket_id, unnest(tags) AS tag, unnest(generate_series(1, len(tags))) AS i FROM stg_support_tickets) t
    GROUP BY t.ticket_id
), refs AS (
    SELECT t.ticket_id, t.field_order_ref, r.tag_ref,
           nullif(regexp_extract(coalesce(t.subject, ''), (SELECT order_subject_pattern FROM cfg_support), 1), '') AS subject_ref,
           coalesce(r.has_wismo_tag, false)
               OR coalesce(regexp_matches(t.subject, (SELECT wismo_subject_pattern FROM cfg_support)), false) AS is_wismo
    FROM stg_support_tickets t LEFT JOIN tag_refs r USING (ticket_id)
), keyed AS (
    SELECT ticket_id, is_wismo, coalesce(field_order_ref, tag_ref, subject_ref) AS order_ref,
           CASE WHEN field_order_ref IS NOT NULL THEN 'field' WHEN tag_ref IS NOT NULL THEN 'tag'
                WHEN subject_ref IS NOT NULL THEN 'subject' END AS order_ref_source,
           upper(ltrim(trim(coalesce(field_order_ref, tag_ref, subject_ref)), '#')) AS order_ref_key
    FROM refs
), order_keys AS (
    SELECT DISTINCT order_id, channel, upper(ltrim(trim(source_order_ref), '#')) AS ref_key FROM int_order_lines
)
SELECT r.ticket_id, r.order_ref, r.order_ref_source, r.order_ref_key, k.order_id, k.channel, r.is_wismo
FROM keyed r
LEFT JOIN order_keys k ON k.ref_key = r.order_ref_key
QUALIFY row_number() OVER (PARTITION BY r.ticket_id ORDER BY k.order_id) = 1
