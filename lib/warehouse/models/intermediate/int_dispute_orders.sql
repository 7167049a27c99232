-- incremental by dispute_id, indexed by its own rows (lib/warehouse/incremental.py):
--   int_order_lines: by (ltrim(source_order_ref, '#')) = order_ref_key
-- int_dispute_orders: each dispute's latest load (the Opsdesk disputes template) and the order it names
-- (fct_disputes reads it): the template's order_id matched to the export's order number (Shopify's "#1001" also as
-- "1001") on the channel when one is given; matched_order_id NULL when no loaded order matches (of two, the lowest).
-- order_ref_key: the reference without leading '#', under which a changed order line touches the disputes naming it.
-- grain: one row per dispute_id.
WITH d AS (
    SELECT * FROM raw_opsdesk_disputes
    QUALIFY row_number() OVER (PARTITION BY dispute_id ORDER BY _load_id DESC, _row DESC) = 1
), order_keys AS (
    SELECT DISTINCT order_id, channel, source_order_ref FROM int_order_lines
), order_refs AS (
    -- each order's reference as a dispute may write it: as exported, and without Shopify's leading '#'. A dispute's
    -- reference r matches `source_order_ref = r OR source_order_ref = '#' || r` exactly when it equals one of these
    -- (never both for one order key), so the match is one equality: a hash join on every engine, where the OR made
    -- Spark compare every dispute with every order (a nested-loop join: 642 s of its 1M-line build).
    SELECT order_id, channel, source_order_ref AS ref FROM order_keys
    UNION ALL
    SELECT order_id, channel, substr(source_order_ref, 2) AS ref FROM order_keys WHERE source_order_ref LIKE '#%'
), matched AS (
    SELECT d.*, k.order_id AS matched_order_id, k.channel AS order_channel,
           ltrim(trim(d.order_id), '#') AS order_ref_key
    FROM d
    LEFT JOIN order_refs k
      ON k.ref = trim(d.order_id)
     AND (d.channel IS NULL OR lower(trim(d.channel)) = k.channel)
    QUALIFY row_number() OVER (PARTITION BY d.dispute_id ORDER BY k.order_id) = 1
)
SELECT * FROM matched
