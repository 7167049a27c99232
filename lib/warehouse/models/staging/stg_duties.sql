-- stg_duties: duties, import taxes and clearance fees of cross-border orders, in Opsdesk vocabulary (latest load of
-- each order).
-- grain: one row per template row (consignment, or consignment line).
-- upstream: latest_opsdesk_duties, cfg_reporting, seed_countries
-- destination_country: the ISO 3166 two-letter code (seed_countries: "Germany", "DEU" -> "DE"), as on the orders.
SELECT order_id AS order_ref, lower(nullif(trim(channel), '')) AS channel, sku, nullif(trim(hs_code), '') AS hs_code,
       upper(nullif(trim(country_of_origin), '')) AS country_of_origin,
       coalesce(c.code, upper(nullif(trim(destination_country), ''))) AS destination_country,
       coalesce(duty, 0) AS duty_amount, coalesce(import_vat, 0) AS import_vat_amount,
       coalesce(clearance_fee, 0) AS clearance_fee_amount,
       coalesce(upper(nullif(trim(currency), '')), (SELECT reporting_currency FROM cfg_reporting)) AS currency,
       coalesce(lower(trim(paid_by)), '') IN ('customer', 'buyer', 'recipient', 'dap', 'ddu') AS is_paid_by_customer,
       coalesce(import_vat_recoverable, false) AS is_import_vat_recoverable, assessed_at, _load_id, _row
FROM latest_opsdesk_duties
LEFT JOIN seed_countries c ON c.spelling = lower(trim(destination_country))
