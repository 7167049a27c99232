-- fct_returns: returned SKUs joined to their orders, reason taxonomy, and cost of the return.
-- grain: one row per return and SKU.
-- upstream: stg_returns, int_order_lines, fct_shipments, seed_return_reasons, dim_products, dim_fx_rates, cfg_reporting
-- Money: a refund goes back in its order's currency and is converted at the order date's rate (refund_reporting_amount,
-- NULL without a rate), like the order's revenue; a return whose order is not loaded is taken in the reporting
-- currency. Label, processing and recovered amounts are the operator's own costs, stated in the reporting currency.
-- order_ref: the order number as the returns file states it (order_id is the matched order, or channel:order_ref).
-- A load recomputes the returns of the orders, packages and products it touched:
-- incremental by return_id, indexed by its own rows (lib/warehouse/incremental.py):
--   int_order_lines: by source_order_ref = order_ref
--   fct_shipments: by order_ref
--   dim_products: by sku
--   dim_fx_rates: grow-only
WITH order_keys AS (
    SELECT order_id, channel, source_order_ref, min(ordered_at) AS ordered_at, min(currency) AS currency
    FROM int_order_lines GROUP BY order_id, channel, source_order_ref
), first_shipment AS (
    SELECT order_id, arg_min(warehouse, (shipped_at, shipment_id)) FILTER (WHERE shipped_at IS NOT NULL) AS warehouse, arg_min(carrier, (shipped_at, shipment_id)) FILTER (WHERE shipped_at IS NOT NULL) AS carrier
    FROM fct_shipments GROUP BY order_id
), matched AS (
    SELECT r.*, k.order_id, k.ordered_at, k.channel AS order_channel, k.currency AS order_currency
    FROM stg_returns r
    LEFT JOIN order_keys k ON k.source_order_ref = r.order_ref AND (r.channel IS NULL OR r.channel = k.channel)
    QUALIFY row_number() OVER (PARTITION BY r.return_id, r.sku ORDER BY k.order_id) = 1
), reasons AS (  -- per distinct reason text (a few dozen), not per return: the taxonomy's first match, then the longest
    SELECT x.reason_text, arg_min(t.reason_group, (t.priority::INTEGER * 1000 - length(t.pattern), t.pattern)) AS reason_group,
           arg_min(t.is_controllable, (t.priority::INTEGER * 1000 - length(t.pattern), t.pattern)) AS is_controllable,
           arg_min(t.is_fulfillment_error, (t.priority::INTEGER * 1000 - length(t.pattern), t.pattern)) AS is_fulfillment_error,
           arg_min(t.is_carrier_damage, (t.priority::INTEGER * 1000 - length(t.pattern), t.pattern)) AS is_carrier_damage
    FROM (SELECT DISTINCT lower(coalesce(reason_code, '') || ' ' || coalesce(reason, '')) AS reason_text FROM matched) x
    JOIN seed_return_reasons t ON strpos(x.reason_text, t.pattern) > 0
    GROUP BY x.reason_text
)
SELECT m.return_id, coalesce(m.order_id, coalesce(m.channel, 'unknown') || ':' || m.order_ref) AS order_id, m.order_ref,
       m.order_id IS NOT NULL AS has_order, coalesce(m.order_channel, m.channel, 'unknown') AS channel, m.sku,
       coalesce(p.category, 'Uncategorised') AS category, p.family, p.size, p.colour,
       m.quantity, m.reason_code, coalesce(m.reason, m.reason_code) AS reason,
       coalesce(r.reason_group, CASE WHEN coalesce(m.reason, m.reason_code) IS NULL THEN 'No reason given' ELSE 'Other' END) AS reason_group,
       coalesce(r.is_controllable = 'true', false) AS is_controllable,
       coalesce(r.is_fulfillment_error = 'true', false) AS is_fulfillment_error,
       coalesce(r.is_carrier_damage = 'true', false) AS is_carrier_damage,
       m.comment, m.ordered_at, m.requested_at, m.returned_at,
       date_diff('day', m.ordered_at, coalesce(m.requested_at, m.returned_at)) AS return_lag_days,
       coalesce(m.disposition, 'unknown') AS disposition, coalesce(m.outcome, 'refund') AS outcome,
       coalesce(m.refund_amount, 0)::DOUBLE AS refund_amount,
       coalesce(m.order_currency, (SELECT reporting_currency FROM cfg_reporting)) AS refund_currency,
       (coalesce(m.refund_amount, 0) * CASE WHEN m.order_id IS NULL THEN 1.0 ELSE fx.fx_rate END)::DOUBLE AS refund_reporting_amount,
       coalesce(m.return_label_cost, 0)::DOUBLE AS return_label_cost_amount,
       coalesce(m.processing_cost, m.quantity * (SELECT return_processing_per_unit FROM cfg_costs))::DOUBLE AS processing_cost_amount,
       coalesce(m.recovered_amount, 0)::DOUBLE AS recovered_amount,
       coalesce(m.warehouse, s.warehouse) AS warehouse, coalesce(m.carrier, s.carrier) AS carrier, m.source
FROM matched m
LEFT JOIN reasons r ON r.reason_text = lower(coalesce(m.reason_code, '') || ' ' || coalesce(m.reason, ''))
LEFT JOIN first_shipment s ON s.order_id = m.order_id
LEFT JOIN dim_products p ON p.sku = m.sku
LEFT JOIN dim_fx_rates fx ON fx.currency = m.order_currency AND fx.day = m.ordered_at::DATE
