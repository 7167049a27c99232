-- stg_amazon_date_range: rows of Amazon's Date Range transaction report, each transaction once, with its currency.
-- grain: one row per transaction row (date/time, settlement, type, order, SKU, description, total; repeats inside one
-- file kept by _seq), from the latest load that has it (overlapping date ranges download the same rows again).
-- upstream: raw_amazon_transactions, seed_marketplace_currencies, seed_vat_inclusive_marketplaces
-- Currency: the file states it only in its preamble ("All amounts in USD, unless specified"); each row's marketplace
-- names it (amazon.com → USD, amazon.co.uk → GBP, seed_marketplace_currencies). Rows without a marketplace (transfers,
-- service fees) take their settlement's, else none (no rate: out of money totals, never guessed).
-- vat_inclusive: EU and UK marketplaces, whose prices include the VAT their tax columns state (as stg_amazon_orders).
WITH t AS (
    SELECT *, lower(trim(type)) AS kind, lower(trim(marketplace)) AS mkt
    FROM raw_amazon_transactions
    QUALIFY row_number() OVER (PARTITION BY date_time, settlement_id, type, order_id, sku, description, total, _seq
                               ORDER BY _load_id DESC) = 1
)
SELECT t.*, coalesce(m.currency, max(m.currency) OVER (PARTITION BY t.settlement_id)) AS currency,
       t.mkt IN (SELECT sales_channel FROM seed_vat_inclusive_marketplaces) AS vat_inclusive
FROM t LEFT JOIN seed_marketplace_currencies m ON m.marketplace = t.mkt
