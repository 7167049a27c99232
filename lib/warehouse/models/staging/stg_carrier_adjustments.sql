-- stg_carrier_adjustments: carrier invoice lines (the Opsdesk carrier invoice adjustments template), each line's
-- latest load: an invoice loaded again replaces its lines, never adds them a second time.
-- grain: one row per invoice line (invoice_id, tracking_number, adjustment_type).
-- upstream: raw_opsdesk_carrier_adjustments
SELECT * FROM raw_opsdesk_carrier_adjustments
QUALIFY row_number() OVER (PARTITION BY invoice_id, tracking_number, adjustment_type ORDER BY _load_id DESC, _row DESC) = 1
