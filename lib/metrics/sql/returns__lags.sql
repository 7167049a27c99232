-- returns__lags: returned units by order date and return lag (days from order to return request, else receipt).
-- grain: one row per order date and lag day. Reads returns__facts.sql built with $basis = 'order' (matched returns only).
-- upstream: returns__facts
SELECT order_date, return_lag_days, sum(units_returned) AS units_returned
FROM returns__facts
WHERE kind = 'returned' AND return_lag_days IS NOT NULL
GROUP BY ALL ORDER BY order_date, return_lag_days
