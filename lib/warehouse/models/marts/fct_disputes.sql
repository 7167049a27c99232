-- fct_disputes: payment disputes and chargebacks (the Opsdesk disputes template) matched to their orders, with the
-- money at stake and lost.
-- grain: one row per dispute_id (its latest load).
-- upstream: int_dispute_orders, fct_orders, dim_fx_rates, cfg_reporting
-- incremental by dispute_id (a load recomputes the disputes whose order it touched; lib/warehouse/incremental.py):
--   int_dispute_orders: by dispute_id
--   fct_orders: by order_id = matched_order_id
--   dim_fx_rates: grow-only
-- The order: int_dispute_orders (the template's order number matched to the export's, Shopify's "#1001" also as
-- "1001"); order_id NULL when no loaded order matches (still counted, by its own channel).
-- status: needs_response, under_review, won, lost, accepted, else as written; is_lost: lost or accepted (the money
-- went back to the buyer); is_open: neither won nor lost. lost_amount: the disputed amount of a lost dispute;
-- loss_amount = lost_amount + fee (a processor charges the fee whatever the outcome). Money in `currency` (the
-- template's, else the order's, else the reporting currency); *_reporting_amount at the opened date's rate.
WITH typed AS (
    SELECT m.*, lower(coalesce(nullif(trim(m.status), ''), 'unknown')) AS status_code,
           coalesce(upper(nullif(trim(m.currency), '')), o.currency, (SELECT reporting_currency FROM cfg_reporting))
               AS dispute_currency,
           o.risk_level, o.warehouse, o.carrier, o.is_shipped
    FROM int_dispute_orders m LEFT JOIN fct_orders o ON o.order_id = m.matched_order_id
)
SELECT t.dispute_id, t.matched_order_id AS order_id, t.order_id AS dispute_order_ref,
       coalesce(t.order_channel, lower(nullif(trim(t.channel), '')), 'unknown') AS channel,
       t.opened_at, t.opened_at::DATE AS opened_date, t.resolved_at,
       coalesce(nullif(lower(trim(t.reason)), ''), 'unknown') AS reason, t.status_code AS status,
       coalesce(nullif(lower(trim(t.payment_method)), ''), 'unknown') AS payment_method,
       t.status_code IN ('lost', 'accepted') AS is_lost, t.status_code = 'won' AS is_won,
       t.status_code NOT IN ('lost', 'accepted', 'won') AS is_open,
       t.dispute_currency AS currency, abs(t.amount)::DOUBLE AS dispute_amount, abs(coalesce(t.fee, 0))::DOUBLE AS fee_amount,
       CASE WHEN t.status_code IN ('lost', 'accepted') THEN abs(t.amount) ELSE 0 END::DOUBLE AS lost_amount,
       (CASE WHEN t.status_code IN ('lost', 'accepted') THEN abs(t.amount) ELSE 0 END + abs(coalesce(t.fee, 0)))::DOUBLE
           AS loss_amount,
       fx.reporting_currency, fx.fx_rate, coalesce(fx.has_fx_rate, false) AS has_fx_rate,
       abs(t.amount) * fx.fx_rate AS dispute_reporting_amount, abs(coalesce(t.fee, 0)) * fx.fx_rate AS fee_reporting_amount,
       (CASE WHEN t.status_code IN ('lost', 'accepted') THEN abs(t.amount) ELSE 0 END + abs(coalesce(t.fee, 0))) * fx.fx_rate
           AS loss_reporting_amount,
       t.risk_level, t.warehouse, t.carrier, coalesce(t.is_shipped, false) AS is_order_shipped
FROM typed t
LEFT JOIN dim_fx_rates fx ON fx.currency = t.dispute_currency AND fx.day = t.opened_at::DATE
ORDER BY t.opened_at, t.dispute_id
