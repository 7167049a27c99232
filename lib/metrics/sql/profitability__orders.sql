-- profitability__orders: every order with what profitability needs at order level: scope, charged amount, refunds.
-- grain: one row per order of fct_orders (no filters; callers filter).
-- upstream: fct_orders, fct_marketplace_fees
-- Amounts are in the order's own currency (the reconciliation compares them with the source files per currency);
-- fx_rate converts them to the reporting currency (NULL: no rate, the order stays out of money totals). Refunds,
-- tax in prices and net revenue are fct_orders' columns: defined once there.
-- In scope: every order except those cancelled before shipment (METRICS.md conventions).
WITH settlement AS (
    SELECT order_id, bool_or(transaction_type = 'Order') AS has_order_rows
    FROM fct_marketplace_fees WHERE order_id IS NOT NULL GROUP BY order_id
)
SELECT o.order_id, o.channel, o.source, o.currency, o.warehouse, o.carrier, o.fulfillment_channel, o.is_shipped,
       o.order_date, o.is_in_revenue AS is_in_scope, o.has_fx_rate, o.fx_rate,
       o.gross_sales_amount, o.discount_amount, o.shipping_charged_amount, o.tax_amount,
       CASE WHEN o.prices_include_tax THEN o.tax_amount ELSE 0 END AS tax_in_prices_amount,
       CASE WHEN o.source = 'opsdesk_orders' THEN o.gross_sales_amount - o.discount_amount
            ELSE o.order_total_amount::DOUBLE END AS stated_total_amount,
       o.source = 'opsdesk_orders' AS totals_exclude_shipping,
       coalesce(o.order_total_amount::DOUBLE, o.gross_sales_amount - o.discount_amount + o.shipping_charged_amount + o.tax_amount) AS charged_amount,
       o.refund_amount, o.net_revenue_amount, o.net_revenue_reporting_amount,
       coalesce(o.label_cost_amount, 0) AS label_cost_amount,
       coalesce(s.has_order_rows, false) AS has_settlement  -- its fees come from the settlement (else the fee cards)
FROM fct_orders o LEFT JOIN settlement s USING (order_id)
