-- stg_ebay_transaction_fees: the fees of eBay's Transaction report (Seller Hub → Payments → Reports) per order, as
-- marketplace fee amounts (negative: charged; positive: credited back on a refund), in the transaction's currency.
-- grain: one row per non-zero fee column of an Order or Refund row, and one per "Other fee" row; each report row read
-- once across overlapping downloads (the latest load's).
-- upstream: raw_ebay_transactions
-- Order and Refund rows state their fees in columns (final value fee fixed and variable → referral_fee; regulatory
-- operating, international, deposit processing, below-standard and "very high item not as described" fees and
-- Promoted Listings Standard → other_fee; charity donation → other); "Other fee" rows state one fee as their Net
-- amount (its Description names it). Sales, tax, holds and payouts are not fees: the eBay Orders report holds the
-- sales. `--` means empty. Currency: the row's Transaction currency, else its order's (a multi-item order states it
-- on its summary row), else the payout currency.
WITH t AS (
    SELECT *, nullif(order_number, '--') AS ord, nullif(transaction_currency, '--') AS cur, lower(trim(type)) AS kind
    FROM raw_ebay_transactions
    QUALIFY row_number() OVER (PARTITION BY transaction_creation_date, type, order_number, item_id, transaction_id,
                                            reference_id, net_amount, gross_transaction_amount, _seq
                               ORDER BY _load_id DESC) = 1
), c AS (
    SELECT *, coalesce(cur, max(cur) OVER (PARTITION BY ord), nullif(payout_currency, '--')) AS currency,
           kind IN ('order', 'refund') AS itemised
    FROM t WHERE kind IN ('order', 'refund', 'other fee')
)
SELECT NULL::VARCHAR AS settlement_id, CASE WHEN ord IS NOT NULL THEN 'ebay:' || ord END AS order_id,
       'ebay' AS channel, nullif(custom_label, '--') AS sku, coalesce(quantity, 0) AS quantity,
       transaction_creation_date AS posted_at, type AS transaction_type, a.amount_type, a.amount_description,
       a.amount::DOUBLE AS amount, currency, a.fee_group
FROM c, LATERAL (VALUES
    ('SellingFees', 'FinalValueFeeFixed', CASE WHEN itemised THEN final_value_fee_fixed END, 'referral_fee'),
    ('SellingFees', 'FinalValueFeeVariable', CASE WHEN itemised THEN final_value_fee_variable END, 'referral_fee'),
    ('SellingFees', 'RegulatoryOperatingFee', CASE WHEN itemised THEN regulatory_operating_fee END, 'other_fee'),
    ('SellingFees', 'VeryHighItemNotAsDescribedFee', CASE WHEN itemised THEN very_high_item_not_as_described_fee END, 'other_fee'),
    ('SellingFees', 'BelowStandardPerformanceFee', CASE WHEN itemised THEN below_standard_performance_fee END, 'other_fee'),
    ('SellingFees', 'InternationalFee', CASE WHEN itemised THEN international_fee END, 'other_fee'),
    ('SellingFees', 'DepositProcessingFee', CASE WHEN itemised THEN deposit_processing_fee END, 'other_fee'),
    ('Advertising', 'PromotedListingStandardFee', CASE WHEN itemised THEN promoted_listing_standard_fee END, 'other_fee'),
    ('Other', 'CharityDonation', CASE WHEN itemised THEN charity_donation END, 'other'),
    ('OtherFee', coalesce(nullif(description, '--'), 'Other fee'), CASE WHEN NOT itemised THEN net_amount END, 'other_fee')
) AS a(amount_type, amount_description, amount, fee_group)
WHERE a.amount IS NOT NULL AND a.amount <> 0
