-- returns__cost: cost of returns (METRICS.md "Refund cost") and retained revenue by disposition and outcome.
-- grain: one row per disposition and outcome. Reads returns__facts.sql (same $params).
-- upstream: returns__facts
SELECT disposition, outcome, sum(units_returned) AS units_returned, count(*) AS return_lines,
       sum(refund_amount) AS refund_amount, sum(return_label_cost_amount) AS return_label_cost_amount,
       sum(processing_cost_amount) AS processing_cost_amount, sum(recovered_amount) AS recovered_amount,
       sum(refund_amount + return_label_cost_amount + processing_cost_amount - recovered_amount) AS refund_cost_amount,
       sum(returned_value_amount) AS returned_value_amount
FROM returns__facts
WHERE kind = 'returned'
GROUP BY ALL ORDER BY refund_cost_amount DESC, disposition, outcome
