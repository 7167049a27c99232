-- dim_product_costs: effective-dated landed cost per SKU; the row in force on a date applies.
-- grain: one row per SKU and effective_from date.
-- upstream: raw_opsdesk_product_costs, cfg_reporting (costs without a currency are in the reporting currency)
WITH latest AS (
    SELECT * FROM raw_opsdesk_product_costs
    QUALIFY row_number() OVER (PARTITION BY sku, effective_from ORDER BY _load_id DESC, _row DESC) = 1
)
SELECT sku, effective_from,
       coalesce(lead(effective_from) OVER (PARTITION BY sku ORDER BY effective_from) - 1, DATE '9999-12-31') AS effective_to,
       unit_cost::DOUBLE AS unit_cost_amount, coalesce(inbound_freight_per_unit, 0)::DOUBLE AS inbound_freight_amount,
       coalesce(duty_rate, 0) AS duty_rate, coalesce(other_cost_per_unit, 0)::DOUBLE AS other_cost_amount,
       (unit_cost + coalesce(inbound_freight_per_unit, 0) + unit_cost * coalesce(duty_rate, 0)
        + coalesce(other_cost_per_unit, 0))::DOUBLE AS landed_unit_cost_amount,
       coalesce(upper(trim(currency)), (SELECT reporting_currency FROM cfg_reporting)) AS currency
FROM latest
