-- profitability__catalog: what the fulfillment-path comparison needs to know about each SKU (size, weight, FBA tier).
-- grain: one row per SKU of dim_products.
-- upstream: dim_products
SELECT sku, product_name, category, weight_lb, length_in, width_in, height_in, fba_size_tier, list_price_amount,
       landed_unit_cost_amount, has_catalog
FROM dim_products
ORDER BY sku
