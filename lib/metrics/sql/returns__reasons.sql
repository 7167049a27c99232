-- returns__reasons: returned units and cost per reason group and value of one dimension ($dimension), with the units
--        sold of that value (the denominator of a reason's return rate).
-- grain: one row per dim_value and reason group. Reads returns__facts.sql (same $params).
-- upstream: returns__facts
SELECT r.dim_value, r.reason_group, bool_or(r.is_controllable) AS is_controllable,
       bool_or(r.is_fulfillment_error) AS is_fulfillment_error, bool_or(r.is_carrier_damage) AS is_carrier_damage,
       sum(r.units_returned) AS units_returned, count(*) AS return_lines,
       sum(r.refund_amount + r.return_label_cost_amount + r.processing_cost_amount - r.recovered_amount) AS refund_cost_amount,
       coalesce(any_value(s.units_sold), 0) AS units_sold
FROM returns__facts r
LEFT JOIN (SELECT dim_value, sum(units_sold) AS units_sold FROM returns__facts GROUP BY dim_value) s USING (dim_value)
WHERE r.kind = 'returned'
GROUP BY r.dim_value, r.reason_group
ORDER BY r.dim_value, units_returned DESC
