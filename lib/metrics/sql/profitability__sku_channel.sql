-- profitability__sku_channel: revenue, cost stack and contribution margin per SKU, channel and period, ad spend included.
-- grain: one row per period_start × SKU × channel. Periods: $grain in ('week', 'month', 'quarter', 'year') truncates the
--        order date; 'all' gives one period starting at $start. Reads profitability__lines.sql
--        with the same $params.
-- upstream: profitability__lines, profitability__orders, fct_ad_spend, fct_order_lines, dim_products
-- Ad spend: spend of a SKU on a channel ('all' when the row names none) in a period is shared among that SKU's lines
-- of the period (on that channel, or on every channel) by gross sales, measured over all lines so that filters keep
-- their share only. Spend with no sales to carry it stays on an ad-only row (units 0), dropped under a warehouse or
-- carrier filter (ads are not bought per warehouse).
WITH bucketed AS (
    SELECT CASE WHEN $grain = 'all' THEN $start::DATE ELSE date_trunc(if($grain = 'all', 'day', $grain), order_date)::DATE END AS period_start, *
    FROM profitability__lines
), agg AS (
    SELECT period_start, sku, channel, any_value(product_name) AS product_name, any_value(category) AS category,
           count(DISTINCT order_id) AS orders, sum(units) AS units, sum(returned_units) AS returned_units,
           sum(units) FILTER (WHERE is_missing_cost) AS units_without_cost,
           sum(units) FILTER (WHERE marketplace_fee_source = 'fee card') AS units_fee_card,
           sum(gross_sales_amount) AS gross_sales_amount, sum(discount_amount) AS discount_amount,
           sum(refund_amount) AS refund_amount, sum(shipping_charged_amount) AS shipping_charged_amount,
           sum(tax_in_prices_amount) AS tax_in_prices_amount, sum(net_revenue_amount) AS net_revenue_amount, sum(cogs_amount) AS cogs_amount,
           sum(referral_fee_amount) AS referral_fee_amount, sum(fba_fee_amount) AS fba_fee_amount,
           sum(marketplace_fee_amount) AS marketplace_fee_amount, sum(payment_fee_amount) AS payment_fee_amount,
           sum(tpl_handling_amount) AS tpl_handling_amount, sum(tpl_period_amount) AS tpl_period_amount,
           sum(packaging_amount) AS packaging_amount, sum(labor_amount) AS labor_amount,
           sum(fulfillment_amount) AS fulfillment_amount, sum(label_cost_amount) AS label_cost_amount,
           sum(returns_cost_amount) AS returns_cost_amount, sum(returns_recovered_amount) AS returns_recovered_amount,
           sum(dispute_cost_amount) AS dispute_cost_amount, sum(margin_before_ads_amount) AS margin_before_ads_amount
    FROM bucketed GROUP BY ALL
), all_sales AS (  -- denominators: every line sold in the date range, whatever the filters
    SELECT CASE WHEN $grain = 'all' THEN $start::DATE ELSE date_trunc(if($grain = 'all', 'day', $grain), o.order_date)::DATE END AS period_start,
           l.sku, l.channel, sum(l.gross_sales_reporting_amount) AS gross_amount
    FROM fct_order_lines l JOIN profitability__orders o USING (order_id)
    WHERE o.order_date BETWEEN $start AND $end AND o.is_in_scope
    GROUP BY ALL
), ads AS (
    SELECT CASE WHEN $grain = 'all' THEN $start::DATE ELSE date_trunc(if($grain = 'all', 'day', $grain), spend_date)::DATE END AS period_start,
           sku, channel, sum(spend_amount) AS spend_amount
    FROM fct_ad_spend WHERE spend_date BETWEEN $start AND $end
    GROUP BY ALL
), ad_denominators AS (
    SELECT a.period_start, a.sku, a.channel, a.spend_amount,
           (SELECT sum(s.gross_amount) FROM all_sales s
            WHERE s.period_start = a.period_start AND s.sku = a.sku AND (a.channel = 'all' OR lower(s.channel) = a.channel)) AS gross_amount
    FROM ads a
), ad_alloc AS (
    SELECT g.period_start, g.sku, g.channel, sum(d.spend_amount * g.gross_sales_amount / d.gross_amount) AS ad_spend_amount
    FROM agg g JOIN ad_denominators d
      ON d.period_start = g.period_start AND d.sku = g.sku AND (d.channel = 'all' OR d.channel = lower(g.channel)) AND d.gross_amount > 0
    GROUP BY ALL
), ad_only AS (
    SELECT d.period_start, d.sku, d.channel, p.product_name, coalesce(nullif(trim(p.category), ''), $unknown_category) AS category, d.spend_amount
    FROM ad_denominators d LEFT JOIN dim_products p ON p.sku = d.sku
    WHERE coalesce(d.gross_amount, 0) <= 0
      AND len($warehouses) = 0 AND len($carriers) = 0
      AND within($channels, d.channel)
      AND (len($categories) = 0 OR list_contains($categories, coalesce(nullif(trim(p.category), ''), $unknown_category)))
), combined AS (
    SELECT g.*, coalesce(a.ad_spend_amount, 0) AS ad_spend_amount
    FROM agg g LEFT JOIN ad_alloc a USING (period_start, sku, channel)
    UNION ALL BY NAME
    SELECT period_start, sku, channel, product_name, category, 0 AS orders, 0 AS units, 0 AS returned_units,
           0 AS gross_sales_amount, 0 AS discount_amount, 0 AS refund_amount, 0 AS shipping_charged_amount,
           0 AS tax_in_prices_amount, 0 AS net_revenue_amount, 0 AS cogs_amount, 0 AS referral_fee_amount, 0 AS fba_fee_amount,
           0 AS marketplace_fee_amount, 0 AS payment_fee_amount, 0 AS tpl_handling_amount, 0 AS tpl_period_amount,
           0 AS packaging_amount, 0 AS labor_amount, 0 AS fulfillment_amount, 0 AS label_cost_amount,
           0 AS returns_cost_amount, 0 AS returns_recovered_amount, 0 AS dispute_cost_amount, 0 AS margin_before_ads_amount, spend_amount AS ad_spend_amount
    FROM ad_only
)
SELECT period_start, sku, channel, any_value(product_name) AS product_name, any_value(category) AS category,
       sum(orders)::BIGINT AS orders, sum(units)::DOUBLE AS units, sum(returned_units)::DOUBLE AS returned_units,
       coalesce(sum(units_without_cost), 0)::DOUBLE AS units_without_cost, coalesce(sum(units_fee_card), 0)::DOUBLE AS units_fee_card,
       sum(gross_sales_amount)::DOUBLE AS gross_sales_amount, sum(discount_amount)::DOUBLE AS discount_amount,
       sum(refund_amount)::DOUBLE AS refund_amount, sum(shipping_charged_amount)::DOUBLE AS shipping_charged_amount,
       sum(tax_in_prices_amount)::DOUBLE AS tax_in_prices_amount, sum(net_revenue_amount)::DOUBLE AS net_revenue_amount, sum(cogs_amount)::DOUBLE AS cogs_amount,
       sum(referral_fee_amount)::DOUBLE AS referral_fee_amount, sum(fba_fee_amount)::DOUBLE AS fba_fee_amount,
       sum(marketplace_fee_amount)::DOUBLE AS marketplace_fee_amount, sum(payment_fee_amount)::DOUBLE AS payment_fee_amount,
       sum(tpl_handling_amount)::DOUBLE AS tpl_handling_amount, sum(tpl_period_amount)::DOUBLE AS tpl_period_amount,
       sum(packaging_amount)::DOUBLE AS packaging_amount, sum(labor_amount)::DOUBLE AS labor_amount,
       sum(fulfillment_amount)::DOUBLE AS fulfillment_amount, sum(label_cost_amount)::DOUBLE AS label_cost_amount,
       sum(returns_cost_amount)::DOUBLE AS returns_cost_amount, sum(returns_recovered_amount)::DOUBLE AS returns_recovered_amount,
       sum(dispute_cost_amount)::DOUBLE AS dispute_cost_amount,
       sum(ad_spend_amount)::DOUBLE AS ad_spend_amount,
       (sum(margin_before_ads_amount) - sum(ad_spend_amount))::DOUBLE AS contribution_margin_amount
FROM combined
GROUP BY period_start, sku, channel
ORDER BY period_start, sku, channel
