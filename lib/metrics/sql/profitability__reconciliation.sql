-- profitability__reconciliation: Σ order totals stated in the source files vs Σ net revenue in the marts, with the parts
-- of the gap (METRICS.md "Reconciliation"); whole workspace, no filters.
-- grain: one row per orders source and currency.
-- upstream: rpt_source_totals, profitability__orders
-- Net revenue is fct_orders' (orders not cancelled before shipment, refunds counted once, without tax), per currency;
-- net_revenue_reporting_amount is its sum in the reporting currency (orders without a rate add nothing).
WITH mart AS (
    SELECT source, currency, count(*) AS mart_orders,
           count(*) FILTER (WHERE NOT is_in_scope) AS cancelled_orders,
           coalesce(sum(stated_total_amount) FILTER (WHERE NOT is_in_scope), 0) AS cancelled_amount,
           coalesce(sum(tax_amount) FILTER (WHERE is_in_scope), 0) AS tax_amount,
           coalesce(sum(shipping_charged_amount) FILTER (WHERE is_in_scope AND totals_exclude_shipping), 0) AS shipping_added_amount,
           coalesce(sum(shipping_charged_amount) FILTER (WHERE is_in_scope), 0) AS shipping_charged_amount,
           coalesce(sum(refund_amount) FILTER (WHERE is_in_scope), 0) AS refund_amount,
           coalesce(sum(discount_amount) FILTER (WHERE is_in_scope), 0) AS discount_amount,
           coalesce(sum(gross_sales_amount) FILTER (WHERE is_in_scope), 0) AS gross_sales_amount,
           coalesce(sum(net_revenue_amount) FILTER (WHERE is_in_scope), 0) AS net_revenue_amount,
           coalesce(sum(net_revenue_reporting_amount) FILTER (WHERE is_in_scope), 0) AS net_revenue_reporting_amount
    FROM profitability__orders GROUP BY source, currency
)
SELECT coalesce(s.source, m.source) AS source, coalesce(s.currency, m.currency) AS currency,
       coalesce(s.source_orders, 0) AS source_orders, coalesce(m.mart_orders, 0) AS mart_orders,
       coalesce(s.source_total_amount, 0)::DOUBLE AS source_total_amount,
       coalesce(s.gap_amount, 0)::DOUBLE AS load_difference_amount,
       coalesce(m.cancelled_orders, 0) AS cancelled_orders, coalesce(m.cancelled_amount, 0) AS cancelled_amount,
       coalesce(m.tax_amount, 0) AS tax_amount, coalesce(m.shipping_added_amount, 0) AS shipping_added_amount,
       coalesce(m.shipping_charged_amount, 0) AS shipping_charged_amount, coalesce(m.refund_amount, 0) AS refund_amount,
       coalesce(m.discount_amount, 0) AS discount_amount, coalesce(m.gross_sales_amount, 0) AS gross_sales_amount,
       coalesce(m.net_revenue_amount, 0) AS net_revenue_amount,
       coalesce(m.net_revenue_reporting_amount, 0) AS net_revenue_reporting_amount
FROM rpt_source_totals s
FULL OUTER JOIN mart m ON m.source = s.source AND m.currency IS NOT DISTINCT FROM s.currency
ORDER BY source, currency
