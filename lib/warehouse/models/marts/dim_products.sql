-- dim_products: the product catalog, plus SKUs sold but missing from it (has_catalog = false).
-- grain: one row per SKU.
-- upstream: raw_opsdesk_products, int_order_lines, raw_opsdesk_product_costs
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
    SELECT sku, arg_max(unit_cost, effective_from)::DOUBLE AS unit_cost_amount,
           arg_max(unit_cost + coalesce(inbound_freight_per_unit, 0) + unit_cost * coalesce(duty_rate, 0)
                   + coalesce(other_cost_per_unit, 0), effective_from)::DOUBLE AS landed_unit_cost_amount
    FROM raw_opsdesk_product_costs WHERE effective_from <= current_date GROUP BY sku
)
SELECT coalesce(c.sku, s.sku) AS sku, coalesce(c.product_name, s.product_name) AS product_name,
       coalesce(c.category, s.category, 'Uncategorised') AS category, c.subcategory, coalesce(c.family, c.product_name, s.product_name) AS family,
       c.size, c.colour, c.brand, c.supplier, c.price::DOUBLE AS list_price_amount, c.weight_lb, c.length_in, c.width_in,
       c.height_in, c.lead_time_days, c.moq, c.case_pack, c.fba_size_tier, coalesce(c.is_active, true) AS is_active,
       c.sku IS NOT NULL AS has_catalog, k.unit_cost_amount, k.landed_unit_cost_amount,
       k.sku IS NOT NULL AS has_cost
FROM catalog c FULL OUTER JOIN sold s ON c.sku = s.sku
LEFT JOIN current_cost k ON k.sku = coalesce(c.sku, s.sku)
