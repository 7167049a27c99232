-- fulfillment__orders: the orders in scope of the shared filters, with their per-order KPI flags and cost stack.
-- grain: one row per order placed in [$start, $end] (order-date basis) matching the channel/warehouse/carrier/category filters.
-- upstream: fct_orders, fct_order_lines, fct_fulfillment_charges, cfg_costs
-- Costs (labels, 3PL, packaging, labour) are stated in the reporting currency; shipping charged is converted to it.
WITH scoped AS (
    SELECT * FROM scoped_orders($start, $end, $channels, $warehouses, $carriers, $categories)
), tpl AS (
    -- every charge the 3PL bills for the order besides packaging (pick/pack and other per-order fees, METRICS.md), as
    -- profitability__lines.sql counts its 3PL handling: the two pages' per-order 3PL cost is the same number
    SELECT order_id, sum(amount) FILTER (WHERE charge_type <> 'packaging') AS tpl_pick_pack_amount,
           sum(amount) FILTER (WHERE charge_type = 'packaging') AS tpl_packaging_amount
    FROM fct_fulfillment_charges WHERE order_id IN (SELECT order_id FROM scoped) GROUP BY order_id  -- scoped orders only
)
SELECT s.* REPLACE (s.shipping_charged_reporting_amount AS shipping_charged_amount),  -- money summed across orders: reporting currency
       coalesce(s.label_cost_amount, 0) AS cost_label_amount,
       coalesce(t.tpl_pick_pack_amount, 0) AS cost_3pl_amount,
       CASE WHEN NOT s.is_shipped OR s.fulfillment_channel = 'FBA' THEN 0
            ELSE coalesce(t.tpl_packaging_amount, c.packaging_per_order) END AS cost_packaging_amount,
       CASE WHEN NOT s.is_shipped OR s.fulfillment_channel = 'FBA' OR t.order_id IS NOT NULL THEN 0
            ELSE s.units / c.units_picked_per_hour * c.labor_cost_per_hour END AS cost_labor_amount
FROM scoped s
LEFT JOIN tpl t USING (order_id)
CROSS JOIN cfg_costs c
