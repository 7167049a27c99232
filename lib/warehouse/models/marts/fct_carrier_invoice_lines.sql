-- fct_carrier_invoice_lines: carrier invoice lines loaded (the Opsdesk carrier invoice adjustments template), matched
-- to their package by tracking number: a package on one of them has been invoiced by its carrier.
-- grain: one row per invoice line (invoice_id, tracking_number, adjustment_type; latest load).
-- upstream: stg_carrier_adjustments (each invoice line's latest load), fct_shipments
SELECT l.invoice_id, l.carrier AS invoice_carrier, l.tracking_number, l.adjustment_date AS invoice_line_date,
       lower(l.adjustment_type) AS adjustment_type, l.amount::DOUBLE AS amount, s.shipment_id
FROM stg_carrier_adjustments l
LEFT JOIN fct_shipments s ON s.tracking_number = l.tracking_number
QUALIFY row_number() OVER (PARTITION BY l.invoice_id, l.tracking_number, l.adjustment_type ORDER BY s.shipment_id) = 1
