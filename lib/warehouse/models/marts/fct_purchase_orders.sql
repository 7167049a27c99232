-- fct_purchase_orders: purchase order lines with measured lead time.
-- grain: one row per PO line (po_id, sku).
-- upstream: raw_opsdesk_purchase_orders
SELECT po_id, sku, supplier, location, ordered_at, expected_at, received_at, quantity_ordered,
       coalesce(quantity_received, 0) AS quantity_received, unit_cost::DOUBLE AS unit_cost_amount,
       date_diff('day', ordered_at, received_at) AS lead_time_days, received_at IS NULL AS is_open,
       greatest(quantity_ordered - coalesce(quantity_received, 0), 0) AS quantity_open
FROM raw_opsdesk_purchase_orders
QUALIFY row_number() OVER (PARTITION BY po_id, sku ORDER BY _load_id DESC, _row DESC) = 1
