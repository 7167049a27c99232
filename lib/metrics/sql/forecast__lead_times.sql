-- forecast__lead_times: measured lead time per supplier (METRICS.md "Lead time": received date − order date).
-- grain: one row per supplier with at least one received PO line.
-- upstream: fct_purchase_orders
SELECT supplier, count(*) AS received_po_lines, avg(lead_time_days)::DOUBLE AS lead_time_mean_days,
       coalesce(stddev_samp(lead_time_days), 0)::DOUBLE AS lead_time_std_days,
       min(lead_time_days) AS lead_time_min_days, max(lead_time_days) AS lead_time_max_days
FROM fct_purchase_orders
WHERE received_at IS NOT NULL AND lead_time_days IS NOT NULL AND lead_time_days >= 0 AND supplier IS NOT NULL
GROUP BY supplier
ORDER BY supplier
