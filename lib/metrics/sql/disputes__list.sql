-- disputes__list: the disputes opened in the period with their order and outcome, newest first.
-- grain: one row per dispute.
-- upstream: disputes__scope (fct_disputes)
WITH scoped AS (
SELECT * FROM disputes__scope
)
SELECT opened_date, dispute_id, dispute_order_ref, channel, reason, status, payment_method, risk_level,
       is_order_shipped, currency, dispute_amount, fee_amount, loss_amount
FROM scoped
ORDER BY opened_at DESC, dispute_id
