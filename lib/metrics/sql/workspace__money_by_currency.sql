-- workspace__money_by_currency: net revenue per order currency, in that currency and in the reporting currency, for
-- the shared filters, with the orders left out of money totals for want of a rate on their order date (marketplaces
-- pay out per currency; every headline adds up the reporting amounts only).
-- grain: one row per order currency (NULL = the export states none) with orders in the period.
-- upstream: fct_orders, fct_order_lines
-- params: $start, $end (dates); $channels, $warehouses, $carriers, $categories (lib.metrics.filters)
SELECT o.currency, count(*) AS orders, sum(o.net_revenue_amount)::DOUBLE AS net_revenue_amount,
       min(o.reporting_currency) AS reporting_currency,
       sum(o.net_revenue_reporting_amount)::DOUBLE AS net_revenue_reporting_amount,
       count(*) FILTER (WHERE NOT o.has_fx_rate) AS orders_without_rate,
       coalesce(sum(o.net_revenue_amount) FILTER (WHERE NOT o.has_fx_rate), 0)::DOUBLE AS net_revenue_without_rate_amount,
       min(o.order_date) FILTER (WHERE NOT o.has_fx_rate) AS first_date_without_rate,
       max(o.order_date) FILTER (WHERE NOT o.has_fx_rate) AS last_date_without_rate,
       string_agg(DISTINCT o.fx_rate_source, ', ' ORDER BY o.fx_rate_source) AS fx_rate_sources
FROM scoped_orders($start, $end, $channels, $warehouses, $carriers, $categories) o
WHERE o.is_in_revenue
GROUP BY o.currency
ORDER BY net_revenue_reporting_amount DESC NULLS LAST, o.currency
