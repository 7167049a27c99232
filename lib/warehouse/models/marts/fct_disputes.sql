-- fct_disputes: payment disputes and chargebacks (the Opsdesk disputes template) matched to their orders, with the
-- money at stake and lost.
-- grain: one row per dispute_id (its latest load).
-- upstream: raw_opsdesk_disputes, int_order_lines, fct_orders, dim_fx_rates, cfg_reporting
-- The order: the template's order_id matched to the export's order number (Shopify's "#1001" also as "1001") on the
-- channel when one is given; order_id NULL when no loaded order matches (still counted, by its own channel).
-- status: needs_response, under_review, won, lost, accepted, else as written; is_lost: lost or accepted (the money
-- went back to the buyer); is_open: neither won nor lost. lost_amount: the disputed amount of a lost dispute;
-- loss_amount = lost_amount + fee (a processor charges the fee whatever the outcome). Money in `currency` (the
-- template's, else the order's, else the reporting currency); *_reporting_amount at the opened date's rate.
WITH d AS (
    SELECT * FROM raw_opsdesk_disputes
    QUALIFY row_number() OVER (PARTITION BY dispute_id ORDER BY _load_id DESC, _row DESC) = 1
), order_keys AS (
    SELECT DISTINCT order_id, channel, source_order_ref FROM int_order_lines
), order_refs AS (
    -- each order's reference as a dispute may write it: as exported, and without Shopify's leading '#'. A dispute's
    -- reference r matches `source_order_ref = r OR source_order_ref = '#' || r` exactly when it equals one of these
    -- (never both for one order key), so the match is one equality: a hash join on every engine, where the OR made
    -- Spark compare every dispute with every order (a nested-loop join: 642 s of its 1M-line build).
    SELECT order_id, channel, source_order_ref AS ref FROM order_keys
    UNION ALL
    SELECT order_id, channel, substr(source_order_ref, 2) AS ref FROM order_keys WHERE source_order_ref LIKE '#%'
), matched AS (
    SELECT d.*, k.order_id AS matched_order_id, k.channel AS order_channel
    FROM d
    LEFT JOIN order_refs k
      ON k.ref = trim(d.order_id)
     AND (d.channel IS NULL OR lower(trim(d.channel)) = k.channel)
    QUALIFY row_number() OVER (PARTITION BY d.dispute_id ORDER BY k.order_id) = 1
), typed AS (
    SELECT m.*, lower(coalesce(nullif(trim(m.status), ''), 'unknown')) AS status_code,
           coalesce(upper(nullif(trim(m.currency), '')), o.currency, (SELECT reporting_currency FROM cfg_reporting))
               AS dispute_currency,
           o.risk_level, o.warehouse, o.carrier, o.is_shipped
    FROM matched m LEFT JOIN fct_orders o ON o.order_id = m.matched_order_id
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
