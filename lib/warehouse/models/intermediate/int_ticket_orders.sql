-- incremental by ticket_id, indexed by its own rows (lib/warehouse/incremental.py):
--   int_order_lines: by order_ref_key
-- int_ticket_orders: the order each help desk ticket names (int_ticket_refs' order_ref_key matched to int_order_lines'
-- order_ref_key: the channel's own order number, case and a leading '#' aside; a changed order line touches the
-- tickets naming its number). A load of tickets rebuilds it whole (int_ticket_refs is not declared: a ticket's
-- reference may change, and the key index is its previous rows).
-- grain: one row per ticket; order_id NULL when no loaded order has the reference (of two, the lowest order_id).
WITH order_keys AS (
    SELECT DISTINCT order_id, channel, order_ref_key AS ref_key FROM int_order_lines
)
SELECT r.ticket_id, r.order_ref_key, k.order_id, k.channel
FROM int_ticket_refs r
LEFT JOIN order_keys k ON k.ref_key = r.order_ref_key
QUALIFY row_number() OVER (PARTITION BY r.ticket_id ORDER BY k.order_id) = 1
