-- dim_calendar: business-day calendar from the SLA settings (weekend days, holidays).
-- grain: one row per day, from 60 days before the first order to 370 days after the last.
-- upstream: int_order_lines, cfg_weekend, cfg_holidays
WITH bounds AS (
    SELECT coalesce(min(ordered_at)::DATE, current_date) - 60 AS lo, coalesce(max(ordered_at)::DATE, current_date) + 370 AS hi
    FROM int_order_lines
), days AS (
    SELECT CAST(unnest(generate_series(lo, hi, INTERVAL 1 DAY)) AS DATE) AS day FROM bounds
), flagged AS (
    SELECT day, isodow(day) - 1 AS weekday,
           (isodow(day) - 1) NOT IN (SELECT weekday FROM cfg_weekend) AND day NOT IN (SELECT day FROM cfg_holidays) AS is_business_day,
           day IN (SELECT day FROM cfg_holidays) AS is_holiday
    FROM days
)
SELECT day, weekday, is_business_day, is_holiday,
       (sum(CASE WHEN is_business_day THEN 1 ELSE 0 END) OVER (ORDER BY day))::INTEGER AS business_day_index,
       date_trunc('week', day)::DATE AS week_start
FROM flagged
