-- review__return_slices: units sold and units returned per week of the basis date, overall and per slice, for the
-- review's unit return rate (event basis: units returned in the week / units sold in the week).
-- grain: one row per (period, dimension, slice): period = week (Monday) of basis_date; dimension 'all' (slice 'All')
--        for every week, and 'channel' / 'warehouse' / 'carrier' / 'category' / 'sku' for weeks from $slices_from.
-- Reads returns__facts.sql (lib.metrics.returns: one definition of sold and returned units) with the same $params
-- ($basis = 'event', $dimension = 'all').
-- upstream: returns__facts
WITH weekly AS MATERIALIZED (
    SELECT date_trunc('week', basis_date)::DATE AS period, units_sold, units_returned, channel, warehouse, carrier,
           category, sku
    FROM returns__facts
), sliced AS (
    SELECT period, units_sold, units_returned, 'channel' AS dimension, channel AS slice FROM weekly WHERE period >= $slices_from
    UNION ALL SELECT period, units_sold, units_returned, 'warehouse', warehouse FROM weekly WHERE period >= $slices_from
    UNION ALL SELECT period, units_sold, units_returned, 'carrier', carrier FROM weekly WHERE period >= $slices_from
    UNION ALL SELECT period, units_sold, units_returned, 'category', category FROM weekly WHERE period >= $slices_from
    UNION ALL SELECT period, units_sold, units_returned, 'sku', sku FROM weekly WHERE period >= $slices_from
)
SELECT period, 'all' AS dimension, 'All' AS slice, sum(units_sold) AS units_sold, sum(units_returned) AS units_returned
FROM weekly GROUP BY period
UNION ALL
SELECT period, dimension, coalesce(slice, 'Unknown'), sum(units_sold), sum(units_returned)
FROM sliced GROUP BY ALL
