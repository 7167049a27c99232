-- rpt_source_totals: order totals as the source files state them, next to the marts, for reconciliation.
-- grain: one row per orders source and currency.
-- upstream: int_source_orders (each order's total as its source file states it: Shopify, Amazon All Orders, Walmart,
--           eBay, the Opsdesk template), stg_channel_source_totals (the stated totals of the other channels' exports),
--           fct_orders
-- Stated totals are added up as DECIMAL(18, 4) per order: the sum does not depend on the order rows are added in.
WITH src AS (
    SELECT source, currency, count(*) AS source_orders, sum(source_total_amount) AS source_total_amount
    FROM int_source_orders GROUP BY source, currency
    UNION ALL
    SELECT source, currency, source_orders, source_total_amount FROM stg_channel_source_totals
), mart AS (
    SELECT source, currency, count(*) AS mart_orders, sum(order_total_amount) AS mart_total_amount,
           sum(CASE WHEN source = 'opsdesk_orders' THEN gross_sales_amount - discount_amount ELSE order_total_amount END) AS mart_comparable_amount
    FROM fct_orders GROUP BY source, currency
)
-- amounts rounded to 4 dp: DOUBLE sums differ in the last bits with the summation order, so the report would
-- change between identical rebuilds and show a gap of 1e-13 where there is none
SELECT s.source, s.currency, s.source_orders, round(s.source_total_amount, 4) AS source_total_amount,
       coalesce(m.mart_orders, 0) AS mart_orders, round(coalesce(m.mart_comparable_amount, 0), 4) AS mart_total_amount,
       round(coalesce(m.mart_comparable_amount, 0) - coalesce(s.source_total_amount, 0), 4) AS gap_amount
FROM src s LEFT JOIN mart m ON m.source = s.source AND m.currency IS NOT DISTINCT FROM s.currency
WHERE s.source_orders > 0
