-- workspace__filter_options: the values the shared sidebar filters offer.
-- grain: one row per filter dimension and value.
-- upstream: fct_orders, fct_order_lines
SELECT 'channels' AS dimension, channel AS value FROM fct_orders WHERE channel IS NOT NULL GROUP BY ALL
UNION ALL SELECT 'warehouses', warehouse FROM fct_orders WHERE warehouse IS NOT NULL GROUP BY ALL
UNION ALL SELECT 'carriers', carrier FROM fct_orders WHERE carrier IS NOT NULL GROUP BY ALL
UNION ALL SELECT 'categories', category FROM fct_order_lines WHERE category IS NOT NULL GROUP BY ALL
ORDER BY 1, 2
