-- carriers__exceptions: packages that went wrong (late, damaged, lost, carrier-damage return, billed above quote,
-- slow first scan), one line each with every reason that applies, for the QBR exceptions list.
-- grain: one row per package in scope with at least one exception. Reads carriers__shipments.sql (same $params).
-- upstream: carriers__shipments
SELECT shipment_id, order_id, tracking_number, carrier, service, warehouse, zone, destination_region, weight_band,
       label_created_at, first_scan_at, delivered_at, promised_delivery_date, status,
       first_scan_lag_hours, transit_business_days, label_cost_amount, quoted_cost_amount,
       label_cost_amount - quoted_cost_amount AS billed_minus_quoted_amount,
       array_to_string(list_filter([
           CASE WHEN is_on_time_delivery = false THEN 'late' END,
           CASE WHEN is_damaged THEN 'damaged' END,
           CASE WHEN is_lost THEN 'lost' END,
           CASE WHEN has_damage_return THEN 'carrier-damage return' END,
           CASE WHEN label_cost_amount > quoted_cost_amount + 0.005 THEN 'billed above quote' END,
           CASE WHEN first_scan_lag_hours > $lag_hours THEN 'slow first scan' END], lambda x: x IS NOT NULL), ', ') AS exceptions
FROM carriers__shipments
WHERE is_on_time_delivery = false OR is_damaged_or_lost OR label_cost_amount > quoted_cost_amount + 0.005
   OR first_scan_lag_hours > $lag_hours
ORDER BY ship_date, shipment_id
LIMIT $row_limit
