-- data_health__reconciliation: order totals as the source files state them next to the marts, with the gap.
-- grain: one row per orders source and currency.
-- upstream: rpt_source_totals
WITH totals AS (  -- gaps under half a cent are rounding, not gaps
    SELECT *, CASE WHEN abs(gap_amount) < 0.005 THEN 0 ELSE round(gap_amount, 2) END::DOUBLE AS gap
    FROM rpt_source_totals
)
SELECT source, currency, source_orders, mart_orders, source_total_amount::DOUBLE AS source_total_amount,
       mart_total_amount::DOUBLE AS mart_total_amount, gap AS gap_amount,
       CASE WHEN source_total_amount <> 0 THEN gap / source_total_amount::DOUBLE END AS gap_rate
FROM totals
ORDER BY source, currency
