-- customers__repeat_rates: repeat-purchase counts per slice of the cohort customers and window of N days.
-- grain: one row per slice × window_days (slices of $dimension: cohort_month 'YYYY-MM', first_channel,
-- first_category, first_order_experience, or 'all').
-- upstream: customers__scope (dim_customers)
-- mature_customers: customers whose first order is ≥ N days before the data's end; repeat_customers: those of them
-- whose second order came within N days of the first; median_days_to_second_order among the slice's repeaters (any gap).
WITH scope AS (
SELECT * FROM customers__scope
), sliced AS (
    SELECT CASE $dimension WHEN 'cohort_month' THEN strftime(cohort_month, '%Y-%m')
                           WHEN 'first_channel' THEN first_channel
                           WHEN 'first_category' THEN first_category
                           WHEN 'first_order_experience' THEN first_order_experience
                           ELSE 'all' END AS slice,
           age_days, days_to_second_order
    FROM scope
), windows AS (
    SELECT unnest($windows::INTEGER[]) AS window_days
)
SELECT s.slice, w.window_days, count(*) AS customers,
       count(*) FILTER (WHERE s.age_days >= w.window_days) AS mature_customers,
       count(*) FILTER (WHERE s.age_days >= w.window_days AND s.days_to_second_order <= w.window_days) AS repeat_customers,
       count(s.days_to_second_order) AS repeaters,
       median(s.days_to_second_order) AS median_days_to_second_order
FROM sliced s CROSS JOIN windows w
GROUP BY s.slice, w.window_days
ORDER BY s.slice, w.window_days
