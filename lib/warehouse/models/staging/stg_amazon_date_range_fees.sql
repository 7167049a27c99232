-- stg_amazon_date_range_fees: the amounts of Amazon's Date Range transaction report as marketplace fee amounts (one
-- per typed column of a row), in the vocabulary of the settlement report's amounts.
-- grain: one row per non-zero amount column of a transaction row.
-- upstream: stg_amazon_date_range, raw_amazon_settlement, raw_amazon_settlement_v1
-- A settlement that a settlement report (flat file V2 or the older layout) also holds is read from that report:
-- the same money is never counted twice. Rows not settled yet (no settlement id) are kept. Transfers (payouts to
-- the seller's bank) are not amounts of sales or fees: left out.
-- fee_group: product sales, shipping and gift-wrap credits (and their tax) → revenue; promotional rebates → promotion;
-- selling fees → referral_fee; fba fees → fulfillment_fee; other transaction fees and regulatory fees → other_fee;
-- withheld / facilitator tax → tax; "other" (service and inventory fees, adjustments…) → other.
WITH rows_ AS (
    SELECT * FROM stg_amazon_date_range
    WHERE coalesce(kind, '') <> 'transfer' AND (settlement_id IS NULL OR settlement_id NOT IN (
        SELECT settlement_id FROM raw_amazon_settlement WHERE settlement_id IS NOT NULL
        UNION SELECT settlement_id FROM raw_amazon_settlement_v1 WHERE settlement_id IS NOT NULL))
)
SELECT settlement_id, CASE WHEN order_id IS NOT NULL THEN 'amazon:' || order_id END AS order_id, 'amazon' AS channel,
       sku, coalesce(quantity, 0) AS quantity, date_time AS posted_at, type AS transaction_type,
       a.amount_type, a.amount_description, a.amount::DOUBLE AS amount, currency, a.fee_group
FROM rows_, LATERAL (VALUES
    ('ItemPrice', 'Principal', product_sales, 'revenue'),
    ('ItemPrice', 'Tax', product_sales_tax, 'revenue'),
    ('ItemPrice', 'Shipping', shipping_credits, 'revenue'),
    ('ItemPrice', 'ShippingTax', shipping_credits_tax, 'revenue'),
    ('ItemPrice', 'GiftWrap', gift_wrap_credits, 'revenue'),
    ('ItemPrice', 'GiftWrapTax', giftwrap_credits_tax, 'revenue'),
    ('ItemPrice', 'SalesTaxCollected', sales_tax_collected, 'revenue'),
    ('Promotion', 'PromotionalRebates', promotional_rebates, 'promotion'),
    ('Promotion', 'PromotionalRebatesTax', promotional_rebates_tax, 'promotion'),
    ('ItemWithheldTax', 'MarketplaceWithheldTax', marketplace_withheld_tax, 'tax'),
    ('ItemWithheldTax', 'MarketplaceFacilitatorTax', marketplace_facilitator_tax, 'tax'),
    ('ItemFees', 'SellingFees', selling_fees, 'referral_fee'),
    ('ItemFees', 'FBAFees', fba_fees, 'fulfillment_fee'),
    ('ItemFees', 'OtherTransactionFees', other_transaction_fees, 'other_fee'),
    ('ItemFees', 'RegulatoryFee', regulatory_fee, 'other_fee'),
    ('ItemFees', 'TaxOnRegulatoryFee', tax_on_regulatory_fee, 'other_fee'),
    ('Other', coalesce(description, type, 'Other'), other, 'other')
) AS a(amount_type, amount_description, amount, fee_group)
WHERE a.amount IS NOT NULL AND a.amount <> 0
