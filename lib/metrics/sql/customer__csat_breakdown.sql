-- customer__csat_breakdown: CSAT (responses scored 4–5 / responses) and the mean score per slice, optionally per week.
-- grain: one row per (period, dimension, slice): period = response week (Monday) when $by_week, else NULL;
--        dimension ∈ $dimensions: 'all', 'channel', 'warehouse', 'carrier', 'primary_category' (slices partition
--        the responses). The marker is replaced by customer__responses.sql with the same $params.
-- upstream: customer__responses
WITH csat_responses AS (
    SELECT * FROM customer__responses
), keyed AS (  -- only the columns the aggregates read, so unread parts of customer__responses drop out
    SELECT response_week, score, is_satisfied, 'all' AS dimension, 'All responses' AS slice FROM csat_responses
    WHERE list_contains($dimensions, 'all')
    UNION ALL SELECT response_week, score, is_satisfied, 'channel', channel FROM csat_responses
              WHERE list_contains($dimensions, 'channel')
    UNION ALL SELECT response_week, score, is_satisfied, 'warehouse', warehouse FROM csat_responses
              WHERE list_contains($dimensions, 'warehouse')
    UNION ALL SELECT response_week, score, is_satisfied, 'carrier', carrier FROM csat_responses
              WHERE list_contains($dimensions, 'carrier')
    UNION ALL SELECT response_week, score, is_satisfied, 'primary_category', primary_category FROM csat_responses
              WHERE list_contains($dimensions, 'primary_category')
)
SELECT CASE WHEN $by_week THEN response_week END AS period, dimension, slice,
       count(*) AS responses,
       count(*) FILTER (WHERE is_satisfied) AS satisfied_responses,
       count(*) FILTER (WHERE score <= 2) AS negative_responses,
       count(*) FILTER (WHERE is_satisfied) / count(*) AS csat,
       avg(score) AS mean_score
FROM keyed
GROUP BY ALL
ORDER BY dimension, period, slice
