-- fct_csat: customer satisfaction responses (1–5); satisfied = score 4 or 5.
-- grain: one row per response.
-- upstream: raw_opsdesk_csat, int_order_lines
-- incremental by response_id, indexed by its own rows (lib/warehouse/incremental.py):
--   int_order_lines: by source_order_ref = order_ref
-- order_ref: the order number as the response states it; order_id: the loaded order of that number (on the
-- response's channel when it names one), else NULL.
WITH order_keys AS (SELECT DISTINCT order_id, channel, source_order_ref FROM int_order_lines)
SELECT c.response_id, c.responded_at, c.responded_at::DATE AS response_date, c.score, c.score >= 4 AS is_satisfied,
       k.order_id, c.order_id AS order_ref, coalesce(k.channel, lower(c.channel)) AS channel, c.comment
FROM raw_opsdesk_csat c
LEFT JOIN order_keys k ON k.source_order_ref = c.order_id AND (c.channel IS NULL OR lower(c.channel) = k.channel)
QUALIFY row_number() OVER (PARTITION BY c.response_id ORDER BY c._load_id DESC, k.order_id) = 1
