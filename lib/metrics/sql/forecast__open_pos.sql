-- forecast__open_pos: purchase order lines still open, with the date they are expected (for the stock projection).
-- grain: one row per open PO line (po_id, sku).
-- upstream: fct_purchase_orders
SELECT po_id, sku, supplier, location, ordered_at, expected_at, quantity_open
FROM fct_purchase_orders
WHERE is_open AND quantity_open > 0
ORDER BY expected_at, po_id
