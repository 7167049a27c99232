-- fct_marketplace_fees: Amazon settlement amounts, one amount per row, grouped into fee types.
-- grain: one row per settlement amount component (settlement, order, item, amount type, description, posting).
-- upstream: raw_amazon_settlement
SELECT settlement_id, 'amazon:' || order_id AS order_id, 'amazon' AS channel, sku, coalesce(quantity_purchased, 0) AS quantity,
       coalesce(posted_date_time, posted_date::TIMESTAMP) AS posted_at, transaction_type, amount_type, amount_description,
       amount::DOUBLE AS amount, currency,
       CASE WHEN amount_type = 'ItemPrice' THEN 'revenue'
            WHEN amount_type = 'ItemFees' AND amount_description ILIKE '%fba%' THEN 'fulfillment_fee'
            WHEN amount_type = 'ItemFees' AND amount_description IN ('Commission', 'RefundCommission', 'VariableClosingFee', 'FixedClosingFee') THEN 'referral_fee'
            WHEN amount_type = 'ItemFees' THEN 'other_fee'
            WHEN amount_type = 'Promotion' THEN 'promotion'
            WHEN amount_type ILIKE '%withheldtax%' THEN 'tax'
            ELSE 'other' END AS fee_group
FROM raw_amazon_settlement
WHERE amount_type IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY settlement_id, order_id, order_item_code, sku, amount_type, amount_description,
                                        posted_date_time, _seq ORDER BY _load_id DESC) = 1
