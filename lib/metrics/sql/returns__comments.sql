-- returns__comments: the free-text comments of the returns in scope, with the dimensions they can be compared by.
-- grain: one row per return and SKU with a non-empty comment. Reads returns__facts.sql (same $params).
-- upstream: returns__facts
SELECT return_id, order_id, sku, family, size, colour, category, channel, warehouse, carrier, reason, reason_group,
       dim_value, returned_date, units_returned, comment
FROM returns__facts
WHERE kind = 'returned' AND comment IS NOT NULL
ORDER BY returned_date DESC, return_id, sku
