-- customers__second_order_days: how long the cohort customers who ordered again took, in bands of days.
-- grain: one row per band with repeaters (band_order 1–7: 0–7, 8–30, 31–60, 61–90, 91–180, 181–365, over 365 days).
-- upstream: customers__scope (dim_customers)
WITH scope AS (
SELECT * FROM customers__scope
)
SELECT CASE WHEN days_to_second_order <= 7 THEN 1 WHEN days_to_second_order <= 30 THEN 2
            WHEN days_to_second_order <= 60 THEN 3 WHEN days_to_second_order <= 90 THEN 4
            WHEN days_to_second_order <= 180 THEN 5 WHEN days_to_second_order <= 365 THEN 6 ELSE 7 END AS band_order,
       count(*) AS customers
FROM scope
WHERE days_to_second_order IS NOT NULL
GROUP BY band_order
ORDER BY band_order
