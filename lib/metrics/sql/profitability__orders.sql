-- profitability__orders: every order with what profitability needs at order level: scope, charged amount, refunds.
-- grain: one row per order of fct_orders (no filters; callers filter).
-- upstream: fct_orders, fct_marketplace_fees
-- Refunds: the largest of the order's refunded amount (Shopify, template), the refunds recorded on its returns and the
-- item price refunded in Amazon settlement Refund rows: they describe the same money, counted once. Refunds are
-- revenue given back, so tax comes out: the first two are taken net of the order's tax share (tax ÷ charged amount),
-- settlement refunds are stated without tax.
-- In scope: every order except those cancelled before shipment (METRICS.md conventions).
WITH settlement AS (
    SELECT order_id, bool_or(transaction_type = 'Order') AS has_order_rows,
           -sum(amount) FILTER (WHERE transaction_type = 'Refund' AND fee_group = 'revenue'
                                  AND amount_description NOT ILIKE '%tax%') AS settlement_refund_amount
    FROM fct_marketplace_fees WHERE order_id IS NOT NULL GROUP BY order_id
)
SELECT o.order_id, o.channel, o.source, o.currency, o.warehouse, o.carrier, o.fulfillment_channel, o.is_shipped,
       o.order_date, NOT (o.is_cancelled AND NOT o.is_shipped) AS is_in_scope,
       o.gross_sales_amount, o.discount_amount, o.shipping_charged_amount, o.tax_amount,
       CASE WHEN o.source = 'opsdesk_orders' THEN o.gross_sales_amount - o.discount_amount
            ELSE o.order_total_amount::DOUBLE END AS stated_total_amount,
       o.source = 'opsdesk_orders' AS totals_exclude_shipping,
       coalesce(o.order_total_amount::DOUBLE, o.gross_sales_amount - o.discount_amount + o.shipping_charged_amount + o.tax_amount) AS charged_amount,
       greatest(greatest(o.refunded_amount, o.return_refund_amount)
                  * CASE WHEN o.tax_amount > 0 AND o.order_total_amount > 0 THEN 1 - o.tax_amount / o.order_total_amount::DOUBLE ELSE 1 END,
                coalesce(s.settlement_refund_amount, 0)) AS refund_amount,
       coalesce(o.label_cost_amount, 0) AS label_cost_amount,
       coalesce(s.has_order_rows, false) AS has_settlement  -- its fees come from the settlement (else the fee cards)
FROM fct_orders o LEFT JOIN settlement s USING (order_id)
