-- fct_marketplace_fees: Amazon settlement amounts, one amount per row, grouped into fee types.
-- grain: one row per settlement amount component (settlement, order, item, amount type, description, posting).
-- upstream: raw_amazon_settlement
WITH settlement_currency AS (  -- the currency is stated on the settlement's summary row only
    SELECT settlement_id AS sid, any_value(currency) AS settlement_currency
    FROM raw_amazon_settlement WHERE currency IS NOT NULL GROUP BY settlement_id
)
SELECT settlement_id, 'amazon:' || order_id AS order_id, 'amazon' AS channel, sku, coalesce(quantity_purchased, 0) AS quantity,
       coalesce(posted_date_time, posted_date::TIMESTAMP) AS posted_at, transaction_type, amount_type, amount_description,
       amount::DOUBLE AS amount, coalesce(currency, settlement_currency) AS currency,
       CASE WHEN amount_type = 'ItemPrice' THEN 'revenue'
            WHEN amount_type = 'ItemFees' AND amount_description ILIKE '%fba%' THEN 'fulfillment_fee'
            WHEN amount_type = 'ItemFees' AND amount_description IN ('Commission', 'RefundCommission', 'VariableClosingFee', 'FixedClosingFee') THEN 'referral_fee'
            WHEN amount_type = 'ItemFees' THEN 'other_fee'
            WHEN amount_type = 'Promotion' THEN 'promotion'
            WHEN amount_type ILIKE '%withheldtax%' THEN 'tax'
            ELSE 'other' END AS fee_group
FROM raw_amazon_settlement LEFT JOIN settlement_currency ON sid = settlement_id
WHERE amount_type IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY settlement_id, order_id, order_item_code, sku, amount_type, amount_description,
                                        posted_date_time, _seq ORDER BY _load_id DESC) = 1
