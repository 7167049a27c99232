-- fct_marketplace_fees: marketplace amounts, one amount per row, grouped into fee types: Amazon settlements, and the
-- fees other reports state: Amazon's Date Range transaction report (stg_amazon_date_range_fees, for settlements no
-- settlement report holds), eBay's Transaction report (stg_ebay_transaction_fees) and Etsy's card processing fees
-- (stg_etsy_fees), the last two without a settlement.
-- grain: one row per settlement amount component (settlement, order, item, amount type, description, posting), or
-- per amount column of a Date Range report row, per fee of an eBay transaction row, or per stated Etsy order fee.
-- upstream: raw_amazon_settlement, raw_amazon_settlement_v1, stg_amazon_date_range_fees,
--           stg_ebay_transaction_fees, stg_etsy_fees
-- Two layouts of the settlement flat file: V2 states one amount per row (amount-type, amount-description, amount);
-- the older layout carries a row's amounts in typed columns (price, item-related fee, promotion, shipment fee, order
-- fee, misc fee, other fee, direct payment, other), unpivoted here into the same amount types, so that a
-- settlement's amounts add up to its total-amount in both.
WITH settlement_currency AS (  -- the currency is stated on the settlement's summary row only
    SELECT settlement_id AS sid, max(currency) AS settlement_currency
    FROM (SELECT settlement_id, currency FROM raw_amazon_settlement
          UNION ALL SELECT settlement_id, currency FROM raw_amazon_settlement_v1)
    WHERE currency IS NOT NULL GROUP BY settlement_id
), v2 AS (
    SELECT settlement_id, order_id, sku, quantity_purchased, coalesce(posted_date_time, posted_date::TIMESTAMP) AS posted_at,
           transaction_type, amount_type, amount_description, amount::DOUBLE AS amount, currency
    FROM raw_amazon_settlement
    WHERE amount_type IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY settlement_id, order_id, order_item_code, sku, amount_type, amount_description,
                                            posted_date_time, _seq ORDER BY _load_id DESC) = 1
), v1_rows AS (  -- a settlement is replaced whole by its latest load
    SELECT * FROM raw_amazon_settlement_v1
    WHERE transaction_type IS NOT NULL
    QUALIFY _load_id = max(_load_id) OVER (PARTITION BY settlement_id)
), v1 AS (
    SELECT settlement_id, order_id, sku, quantity_purchased, posted_date AS posted_at, transaction_type,
           a.amount_type, a.amount_description, a.amount::DOUBLE AS amount, currency
    FROM v1_rows, LATERAL (VALUES
        ('ItemPrice', price_type, price_amount),
        ('ItemFees', item_related_fee_type, item_related_fee_amount),
        ('Promotion', promotion_type, promotion_amount),
        ('ShipmentFees', shipment_fee_type, shipment_fee_amount),
        ('OrderFees', order_fee_type, order_fee_amount),
        ('MiscFee', 'MiscFee', misc_fee_amount),
        ('OtherFee', coalesce(other_fee_reason_description, 'OtherFee'), other_fee_amount),
        ('DirectPayment', direct_payment_type, direct_payment_amount),
        ('Other', transaction_type, other_amount)) AS a(amount_type, amount_description, amount)
    WHERE a.amount IS NOT NULL
), amounts AS (
    SELECT * FROM v2 UNION ALL BY NAME SELECT * FROM v1
)
SELECT settlement_id, 'amazon:' || order_id AS order_id, 'amazon' AS channel, sku, coalesce(quantity_purchased, 0) AS quantity,
       posted_at, transaction_type, amount_type, amount_description, amount,
       coalesce(currency, settlement_currency) AS currency,
       CASE WHEN amount_type = 'ItemPrice' THEN 'revenue'
            WHEN amount_type = 'ItemFees' AND amount_description ILIKE '%fba%' THEN 'fulfillment_fee'
            WHEN amount_type = 'ItemFees' AND amount_description IN ('Commission', 'RefundCommission', 'VariableClosingFee', 'FixedClosingFee') THEN 'referral_fee'
            WHEN amount_type = 'ItemFees' THEN 'other_fee'
            WHEN amount_type = 'Promotion' THEN 'promotion'
            WHEN amount_type ILIKE '%withheldtax%' THEN 'tax'
            ELSE 'other' END AS fee_group
FROM amounts LEFT JOIN settlement_currency ON sid = settlement_id
UNION ALL BY NAME SELECT * FROM stg_amazon_date_range_fees
UNION ALL BY NAME SELECT * FROM stg_ebay_transaction_fees
UNION ALL BY NAME SELECT * FROM stg_etsy_fees
