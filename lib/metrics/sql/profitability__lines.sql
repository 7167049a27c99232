-- profitability__lines: order lines in scope with their revenue and every cost of METRICS.md "Profitability" allocated to them.
-- grain: one row per order line (order_id, line_no) of orders placed in [$start, $end] (order-date basis), excluding orders
--        cancelled before shipment and orders whose currency has no exchange rate, matching the channel/warehouse/carrier filters (order level) and $categories (line level).
-- upstream: profitability__orders, fct_order_lines, fct_marketplace_fees,
--           fct_fulfillment_charges, fct_returns, fct_disputes, dim_products, dim_fx_rates, cfg_costs, cfg_reporting
-- params: $start $end $channels $warehouses $carriers $categories (lib.metrics.filters); $fee_card = [{channel, referral_rate,
--         fixed_per_unit}] (settings fee_cards); $fba_card_fees = [{sku, fee_per_unit}] (FBA fee card applied to the catalog);
--         $payment_fee_rate, $payment_fee_fixed (settings costs).
-- Money is in the reporting currency: order and line amounts and settlement fees at the order's rate, COGS from the
-- cost's currency; 3PL, label and ad costs (files without a currency) are taken as stated in the reporting currency.
-- Allocation: discounts beyond the line discounts and refunds pro rata to line net sales; shipping charged, label cost,
-- order-level 3PL lines, packaging and order-level returns cost by units; settlement fees, 3PL lines and returns that
-- name a SKU go to that SKU's lines of the order (by units); 3PL lines without an order (storage, receiving) to the
-- SKU's non-FBA lines of the invoice month, at the same warehouse when possible; Amazon storage fees (settlement rows
-- without an order) to the FBA lines of the posting month by units × ft³; chargebacks and dispute fees (fct_disputes:
-- the amount of a lost dispute plus its fee, in the reporting currency at the opened date's rate; disputes without a
-- rate add nothing) pro rata to line net sales. Account fees (subscription) stay out: they do not vary with what is sold.
WITH fee_card AS (
    SELECT * FROM (SELECT unnest($fee_card::STRUCT(channel VARCHAR, referral_rate DOUBLE, fixed_per_unit DOUBLE)[], recursive := true))
), fba_card AS (
    SELECT * FROM (SELECT unnest($fba_card_fees::STRUCT(sku VARCHAR, fee_per_unit DOUBLE)[], recursive := true))
), orders AS (
    SELECT order_id, channel, warehouse, carrier, fulfillment_channel, is_shipped, order_date, fx_rate,
           charged_amount * fx_rate AS charged_amount, discount_amount * fx_rate AS order_discount_amount,
           refund_amount * fx_rate AS order_refund_amount, tax_in_prices_amount * fx_rate AS order_tax_in_prices_amount,
           shipping_charged_amount * fx_rate AS order_shipping_amount, label_cost_amount AS order_label_amount, has_settlement
    FROM profitability__orders
    WHERE order_date BETWEEN $start AND $end AND is_in_scope AND has_fx_rate
      AND within($channels, channel)
      AND within($warehouses, warehouse)
      AND within($carriers, carrier)
), lines AS (  -- every line of the orders in scope: allocation shares need the whole order, even under a category filter
    SELECT l.order_id, l.line_no, l.sku, l.product_name, l.category, l.quantity, l.gross_sales_reporting_amount AS gross_sales_amount,
           l.discount_reporting_amount AS line_discount_amount, l.landed_unit_cost_reporting_amount AS landed_unit_cost_amount,
           o.* EXCLUDE (order_id),
           coalesce(l.quantity / nullif(sum(l.quantity) OVER w, 0), 1.0 / count(*) OVER w) AS unit_share,
           sum(l.quantity) OVER (PARTITION BY l.order_id, l.sku) AS order_sku_units,
           greatest(o.order_discount_amount - sum(l.discount_reporting_amount) OVER w, 0) AS order_extra_discount,
           sum(l.gross_sales_reporting_amount) OVER w AS order_gross_amount  -- all in the reporting currency
    FROM fct_order_lines l JOIN orders o USING (order_id)
    WINDOW w AS (PARTITION BY l.order_id)
), discounted AS (
    SELECT *, line_discount_amount + order_extra_discount * coalesce(gross_sales_amount / nullif(order_gross_amount, 0), unit_share) AS discount_amount
    FROM lines
), shared AS (
    SELECT *, gross_sales_amount - discount_amount AS net_sales_amount,
           coalesce((gross_sales_amount - discount_amount) / nullif(sum(gross_sales_amount - discount_amount) OVER (PARTITION BY order_id), 0),
                    unit_share) AS net_share,
           coalesce(quantity / nullif(order_sku_units, 0), 0) AS sku_share
    FROM discounted
), order_skus AS (
    SELECT DISTINCT order_id, sku FROM lines
), settlement AS (  -- fees are negative amounts in the settlement report; credits (refunded commission) positive
    -- in the fee's currency (none stated: the order's), at the order date's rate
    SELECT f.order_id, f.sku, (k.sku IS NOT NULL) AS sku_in_order,
           -sum(f.amount * CASE WHEN f.currency IS NULL THEN o.fx_rate ELSE fx.fx_rate END)
               FILTER (WHERE f.fee_group IN ('referral_fee', 'other_fee')) AS referral_amount,
           -sum(f.amount * CASE WHEN f.currency IS NULL THEN o.fx_rate ELSE fx.fx_rate END)
               FILTER (WHERE f.fee_group = 'fulfillment_fee') AS fba_amount
    FROM fct_marketplace_fees f
    JOIN orders o ON o.order_id = f.order_id
    LEFT JOIN dim_fx_rates fx ON fx.currency = f.currency AND fx.day = o.order_date
    LEFT JOIN order_skus k ON k.order_id = f.order_id AND k.sku = f.sku
    GROUP BY ALL
), order_charges AS (  -- 3PL invoice lines that name one of our orders
    SELECT c.order_id, c.sku, (k.sku IS NOT NULL) AS sku_in_order,
           sum(c.amount) FILTER (WHERE c.charge_type = 'packaging') AS packaging_amount,
           sum(c.amount) FILTER (WHERE c.charge_type <> 'packaging') AS handling_amount
    FROM fct_fulfillment_charges c
    LEFT JOIN order_skus k ON k.order_id = c.order_id AND k.sku = c.sku
    WHERE c.order_id IN (SELECT order_id FROM orders)
    GROUP BY ALL
), tpl_orders AS (
    SELECT order_id, bool_or(packaging_amount IS NOT NULL) AS has_tpl_packaging FROM order_charges GROUP BY order_id
), period_charges AS (  -- 3PL invoice lines without a known order (storage, receiving, account fees)
    SELECT row_number() OVER () AS charge_key, coalesce(warehouse, provider) AS warehouse, sku,
           date_trunc('month', invoice_date)::DATE AS month, amount
    FROM fct_fulfillment_charges
    WHERE order_id IS NULL OR order_id NOT IN (SELECT order_id FROM profitability__orders)
), base_lines AS (  -- every non-FBA line sold, unfiltered: the denominators of period charges
    SELECT l.order_id, l.line_no, l.sku, l.quantity, o.warehouse, date_trunc('month', o.order_date)::DATE AS month
    FROM fct_order_lines l JOIN profitability__orders o USING (order_id)
    WHERE o.is_in_scope AND coalesce(o.fulfillment_channel, '') <> 'FBA'
), candidates AS (
    SELECT c.charge_key, c.amount, b.order_id, b.line_no, b.quantity,
           CASE WHEN c.sku IS NOT NULL AND b.warehouse = c.warehouse THEN 1 WHEN c.sku IS NOT NULL THEN 2 ELSE 3 END AS level
    FROM period_charges c
    JOIN base_lines b ON b.month = c.month AND ((c.sku IS NOT NULL AND b.sku = c.sku) OR (c.sku IS NULL AND b.warehouse = c.warehouse))
    QUALIFY level = min(level) OVER (PARTITION BY c.charge_key)
), period_alloc AS (
    SELECT order_id, line_no, sum(amount * share) AS tpl_period_amount
    FROM (SELECT *, coalesce(quantity / nullif(sum(quantity) OVER (PARTITION BY charge_key), 0),
                             1.0 / count(*) OVER (PARTITION BY charge_key)) AS share FROM candidates)
    GROUP BY ALL
), fba_storage AS (  -- Amazon storage fees: settlement rows without an order
    SELECT row_number() OVER () AS charge_key, date_trunc('month', posted_at)::DATE AS month,
           -amount * CASE WHEN coalesce(f.currency, (SELECT reporting_currency FROM cfg_reporting))
                              = (SELECT reporting_currency FROM cfg_reporting) THEN 1.0 ELSE fx.fx_rate END AS amount
    FROM fct_marketplace_fees f
    LEFT JOIN dim_fx_rates fx ON fx.currency = f.currency AND fx.day = f.posted_at::DATE  -- the posting day's rate
    WHERE f.order_id IS NULL AND f.amount_description ILIKE '%storage%'
), fba_base AS (
    SELECT l.order_id, l.line_no, date_trunc('month', o.order_date)::DATE AS month,
           l.quantity * coalesce(p.length_in * p.width_in * p.height_in / 1728.0,
                                 (SELECT avg(length_in * width_in * height_in) / 1728.0 FROM dim_products), 1.0) AS weight
    FROM fct_order_lines l JOIN profitability__orders o USING (order_id) LEFT JOIN dim_products p ON p.sku = l.sku
    WHERE o.is_in_scope AND o.fulfillment_channel = 'FBA'
), fba_storage_alloc AS (
    SELECT b.order_id, b.line_no,
           sum(f.amount * coalesce(b.weight / nullif(t.weight, 0), 1.0 / t.lines)) AS fba_storage_amount
    FROM fba_storage f
    JOIN (SELECT month, sum(weight) AS weight, count(*) AS lines FROM fba_base GROUP BY month) t USING (month)
    JOIN fba_base b USING (month)
    GROUP BY ALL
), returns_cost AS (  -- METRICS refund cost without the refund itself (already deducted from net revenue)
    SELECT r.order_id, r.sku, (k.sku IS NOT NULL) AS sku_in_order,
           sum(r.return_label_cost_amount + r.processing_cost_amount - r.recovered_amount) AS cost_amount,
           sum(r.recovered_amount) AS recovered_amount, sum(r.quantity) AS returned_units
    FROM fct_returns r
    LEFT JOIN order_skus k ON k.order_id = r.order_id AND k.sku = r.sku
    WHERE r.has_order AND r.order_id IN (SELECT order_id FROM orders)
    GROUP BY ALL
), disputes AS (  -- chargebacks lost and dispute fees of the orders in scope, by order
    SELECT order_id, sum(loss_reporting_amount) AS dispute_cost_amount
    FROM fct_disputes
    WHERE has_fx_rate AND order_id IN (SELECT order_id FROM orders)
    GROUP BY order_id
), unmatched AS (  -- order-level remainders: rows naming a SKU that is not in the order, or no SKU
    SELECT order_id, sum(referral_amount) AS referral_amount, sum(fba_amount) AS fba_amount, 0 AS packaging_amount,
           0 AS handling_amount, 0 AS cost_amount, 0 AS returned_units, 0 AS recovered_amount
    FROM settlement WHERE NOT sku_in_order GROUP BY order_id
    UNION ALL
    SELECT order_id, 0, 0, sum(packaging_amount), sum(handling_amount), 0, 0, 0 FROM order_charges WHERE NOT sku_in_order GROUP BY order_id
    UNION ALL
    SELECT order_id, 0, 0, 0, 0, sum(cost_amount), sum(returned_units), sum(recovered_amount)
    FROM returns_cost WHERE NOT sku_in_order GROUP BY order_id
), order_rest AS (
    SELECT order_id, sum(referral_amount) AS referral_amount, sum(fba_amount) AS fba_amount,
           sum(packaging_amount) AS packaging_amount, sum(handling_amount) AS handling_amount,
           sum(cost_amount) AS returns_cost_amount, sum(returned_units) AS returned_units,
           sum(recovered_amount) AS returns_recovered_amount
    FROM unmatched GROUP BY order_id
), allocated AS (
    SELECT s.*,
           s.order_refund_amount * s.net_share AS refund_amount,
           s.order_tax_in_prices_amount * s.net_share AS tax_in_prices_amount,
           s.order_shipping_amount * s.unit_share AS shipping_charged_amount,
           s.quantity * coalesce(s.landed_unit_cost_amount, 0) AS cogs_amount,
           s.landed_unit_cost_amount IS NULL AS is_missing_cost,
           CASE WHEN s.has_settlement
                THEN coalesce(st.referral_amount * s.sku_share, 0) + coalesce(orr.referral_amount * s.net_share, 0)
                ELSE coalesce(fc.referral_rate * (s.gross_sales_amount - s.discount_amount) + fc.fixed_per_unit * s.quantity, 0) END AS referral_fee_amount,
           CASE WHEN s.has_settlement
                THEN coalesce(st.fba_amount * s.sku_share, 0) + coalesce(orr.fba_amount * s.net_share, 0)
                WHEN s.fulfillment_channel = 'FBA' THEN coalesce(fb.fee_per_unit * s.quantity, 0)
                ELSE 0 END + coalesce(fs.fba_storage_amount, 0) AS fba_fee_amount,
           CASE WHEN s.has_settlement THEN 'settlement'
                WHEN coalesce(fc.referral_rate, 0) <> 0 OR coalesce(fc.fixed_per_unit, 0) <> 0 OR s.fulfillment_channel = 'FBA' THEN 'fee card'
                ELSE 'none' END AS marketplace_fee_source,
           CASE WHEN s.has_settlement OR coalesce(fc.referral_rate, 0) <> 0 OR coalesce(fc.fixed_per_unit, 0) <> 0 THEN 0
                ELSE ($payment_fee_rate * s.charged_amount + $payment_fee_fixed) * s.net_share END AS payment_fee_amount,
           coalesce(oc.handling_amount * s.sku_share, 0) + coalesce(orr.handling_amount * s.unit_share, 0) AS tpl_handling_amount,
           coalesce(pa.tpl_period_amount, 0) AS tpl_period_amount,
           CASE WHEN coalesce(t.has_tpl_packaging, false)
                THEN coalesce(oc.packaging_amount * s.sku_share, 0) + coalesce(orr.packaging_amount * s.unit_share, 0)
                WHEN s.is_shipped AND coalesce(s.fulfillment_channel, '') <> 'FBA' THEN cc.packaging_per_order * s.unit_share
                ELSE 0 END AS packaging_amount,
           CASE WHEN s.is_shipped AND coalesce(s.fulfillment_channel, '') <> 'FBA' AND t.order_id IS NULL
                THEN s.quantity / cc.units_picked_per_hour * cc.labor_cost_per_hour ELSE 0 END AS labor_amount,
           s.order_label_amount * s.unit_share AS label_cost_amount,
           coalesce(rc.cost_amount * s.sku_share, 0) + coalesce(orr.returns_cost_amount * s.unit_share, 0) AS returns_cost_amount,
           coalesce(rc.recovered_amount * s.sku_share, 0) + coalesce(orr.returns_recovered_amount * s.unit_share, 0)
             AS returns_recovered_amount,  -- the part of the returns cost recovered (resale, refurbishment): shown apart
           coalesce(rc.returned_units * s.sku_share, 0) + coalesce(orr.returned_units * s.unit_share, 0) AS returned_units,
           coalesce(dp.dispute_cost_amount * s.net_share, 0) AS dispute_cost_amount,
           CASE WHEN s.fulfillment_channel = 'FBA' THEN 'FBA' WHEN t.order_id IS NOT NULL THEN '3PL'
                WHEN s.is_shipped THEN 'own warehouse' ELSE 'not shipped' END AS fulfillment_path
    FROM shared s
    CROSS JOIN cfg_costs cc
    LEFT JOIN fee_card fc ON fc.channel = s.channel
    LEFT JOIN fba_card fb ON fb.sku = s.sku
    LEFT JOIN settlement st ON st.order_id = s.order_id AND st.sku = s.sku AND st.sku_in_order
    LEFT JOIN order_charges oc ON oc.order_id = s.order_id AND oc.sku = s.sku AND oc.sku_in_order
    LEFT JOIN returns_cost rc ON rc.order_id = s.order_id AND rc.sku = s.sku AND rc.sku_in_order
    LEFT JOIN order_rest orr ON orr.order_id = s.order_id
    LEFT JOIN tpl_orders t ON t.order_id = s.order_id
    LEFT JOIN period_alloc pa ON pa.order_id = s.order_id AND pa.line_no = s.line_no
    LEFT JOIN fba_storage_alloc fs ON fs.order_id = s.order_id AND fs.line_no = s.line_no
    LEFT JOIN disputes dp ON dp.order_id = s.order_id
)
SELECT order_id, line_no, order_date, channel, warehouse, carrier, fulfillment_channel, fulfillment_path, sku, product_name,
       category, quantity AS units, returned_units, gross_sales_amount, discount_amount, refund_amount, shipping_charged_amount,
       tax_in_prices_amount,
       gross_sales_amount - discount_amount - refund_amount + shipping_charged_amount - tax_in_prices_amount AS net_revenue_amount,
       landed_unit_cost_amount, cogs_amount, is_missing_cost, referral_fee_amount, fba_fee_amount,
       referral_fee_amount + fba_fee_amount AS marketplace_fee_amount, marketplace_fee_source, payment_fee_amount,
       tpl_handling_amount, tpl_period_amount, packaging_amount, labor_amount,
       tpl_handling_amount + tpl_period_amount + packaging_amount + labor_amount AS fulfillment_amount,
       label_cost_amount, returns_cost_amount, returns_recovered_amount, dispute_cost_amount,
       gross_sales_amount - discount_amount - refund_amount + shipping_charged_amount - tax_in_prices_amount - cogs_amount - referral_fee_amount
         - fba_fee_amount - payment_fee_amount - tpl_handling_amount - tpl_period_amount - packaging_amount - labor_amount
         - label_cost_amount - returns_cost_amount - dispute_cost_amount AS margin_before_ads_amount
FROM allocated
WHERE len($categories) = 0 OR list_contains($categories, category)
ORDER BY order_date, order_id, line_no
