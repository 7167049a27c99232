-- customer__responses: the CSAT responses in scope, with the order they rate and the slices they can be cut by.
-- grain: one row per response received in [$start, $end] (response-date basis) with a score on the 1–5 scale.
--        The channel filter applies to the response's channel; the warehouse, carrier and category filters apply
--        through the order the response rates (responses without a known order drop out when one of them is set).
--        primary_category = the category of the order's largest line by gross sales ('No linked order' without one;
--        'Uncategorised' for every response unless $with_category).
--        $with_order = false skips the lookup of the rated order (a caller reading only scores and the channel): then
--        has_order is false and warehouse / carrier read 'No linked order'. It must be true when a warehouse or carrier
--        filter is set or $with_category is.
-- upstream: fct_csat, fct_orders, fct_order_lines
WITH scoped AS (
    SELECT c.response_id, c.responded_at, c.response_date, c.score::DOUBLE AS score, c.is_satisfied, c.order_id,
           c.channel, o.order_id IS NOT NULL AS has_order, o.warehouse, o.carrier, o.order_date
    FROM fct_csat c
    LEFT JOIN fct_orders o ON o.order_id = c.order_id AND $with_order  -- only when a caller reads the order's columns
    WHERE c.response_date BETWEEN $start AND $end
      AND c.score BETWEEN 1 AND 5
      AND within($channels, c.channel)
      AND within($warehouses, o.warehouse)
      AND within($carriers, o.carrier)
      AND in_categories($categories, c.order_id)
), primary_line AS (  -- only when a caller cuts by category ($with_category)
    SELECT order_id, first(category ORDER BY gross_sales_amount DESC NULLS LAST, line_no) AS category
    FROM fct_order_lines
    WHERE $with_category AND order_id IN (SELECT order_id FROM scoped WHERE has_order)
      AND order_date >= (SELECT min(order_date) FROM scoped)  -- never before its order: skips row groups
    GROUP BY order_id
)
SELECT s.response_id, s.responded_at, s.response_date, date_trunc('week', s.response_date)::DATE AS response_week,
       s.score, s.is_satisfied, s.order_id, s.has_order, coalesce(nullif(trim(s.channel), ''), $unknown_channel) AS channel,
       coalesce(s.warehouse, 'No linked order') AS warehouse, coalesce(s.carrier, 'No linked order') AS carrier,
       CASE WHEN s.has_order THEN coalesce(nullif(trim(p.category), ''), $unknown_category) ELSE 'No linked order' END AS primary_category
FROM scoped s LEFT JOIN primary_line p USING (order_id)
