-- dim_products: the product catalog, plus SKUs sold but missing from it (has_catalog = false).
-- grain: one row per SKU.
-- upstream: raw_opsdesk_products, int_order_lines, dim_product_costs, dim_fx_rates, cfg_reporting
-- The current cost is the cost row in force today, in its own currency (cost_currency), and in the reporting
-- currency at the rate of the calendar's last day up to today (NULL where that currency has no rate then: never
-- added as another one).
WITH catalog AS (
    SELECT * FROM raw_opsdesk_products
    QUALIFY row_number() OVER (PARTITION BY sku ORDER BY _load_id DESC, _row DESC) = 1
), sold AS (
    -- a SKU sold under several names (renamed variants) takes the name of its latest line, deterministically
    SELECT sku, arg_max(product_name, (ordered_at, order_id, line_no)) AS product_name,
           -- the orders template's category column, for SKUs the catalog does not list (the catalog wins)
           arg_max(category, (ordered_at, order_id, line_no)) FILTER (WHERE category IS NOT NULL) AS category
    FROM int_order_lines WHERE sku IS NOT NULL GROUP BY sku
), current_cost AS (
    SELECT sku, unit_cost_amount, landed_unit_cost_amount, currency
    FROM dim_product_costs WHERE current_date BETWEEN effective_from AND effective_to
), current_rate AS (  -- each currency's rate on the calendar's last day up to today (dim_fx_rates' rules: NULL when
                      -- no rate is recent enough, never an older one); the reporting currency is itself
    SELECT currency, fx_rate FROM (
        SELECT reporting_currency AS currency, 1.0 AS fx_rate, DATE '9999-12-31' AS day FROM cfg_reporting
        UNION ALL
        SELECT currency, fx_rate, day FROM dim_fx_rates WHERE day <= current_date)
    QUALIFY row_number() OVER (PARTITION BY currency ORDER BY day DESC) = 1
)
SELECT coalesce(c.sku, s.sku) AS sku, coalesce(c.product_name, s.product_name) AS product_name,
       coalesce(c.category, s.category, 'Uncategorised') AS category, c.subcategory, coalesce(c.family, c.product_name, s.product_name) AS family,
       c.size, c.colour, c.brand, c.supplier, c.price::DOUBLE AS list_price_amount, c.weight_lb, c.length_in, c.width_in,
       c.height_in, c.lead_time_days, c.moq, c.case_pack, c.fba_size_tier, coalesce(c.is_active, true) AS is_active,
       c.sku IS NOT NULL AS has_catalog, k.unit_cost_amount, k.landed_unit_cost_amount, k.currency AS cost_currency,
       (k.landed_unit_cost_amount * r.fx_rate)::DOUBLE AS landed_unit_cost_reporting_amount,
       k.sku IS NOT NULL AS has_cost
FROM catalog c FULL OUTER JOIN sold s ON c.sku = s.sku
LEFT JOIN current_cost k ON k.sku = coalesce(c.sku, s.sku)
LEFT JOIN current_rate r ON r.currency = k.currency
