-- forecast__stock_position: what each SKU has and expects, as of its last inventory snapshot, with the
-- replenishment attributes of the catalog (supplier, default lead time, MOQ, case pack, cost in the reporting
-- currency).
-- grain: one row per SKU of the catalog (or with inventory).
-- upstream: fct_inventory_daily, fct_purchase_orders, fct_order_lines, dim_products
WITH last_day AS (
    SELECT sku, max(day) AS as_of FROM fct_inventory_daily GROUP BY sku
), stock AS (
    SELECT i.sku, l.as_of, sum(i.on_hand) AS on_hand, sum(i.available) AS available
    FROM fct_inventory_daily i JOIN last_day l ON l.sku = i.sku AND l.as_of = i.day
    GROUP BY i.sku, l.as_of
), open_po AS (
    SELECT sku, sum(quantity_open) AS on_order, min(expected_at) AS next_expected_at
    FROM fct_purchase_orders WHERE is_open AND quantity_open > 0 GROUP BY sku
), sold_since AS (  -- units sold after the snapshot, up to the end of the order data
    SELECT o.sku, sum(o.quantity) AS units_sold_since_snapshot, max(o.order_date) AS last_order_date
    FROM fct_order_lines o JOIN last_day l ON l.sku = o.sku AND o.order_date > l.as_of
    WHERE NOT coalesce(o.is_cancelled, false)
    GROUP BY o.sku
)
SELECT p.sku, p.product_name, p.category, p.supplier, p.is_active, p.lead_time_days AS default_lead_time_days,
       coalesce(p.moq, 0) AS moq, coalesce(nullif(p.case_pack, 0), 1) AS case_pack,
       p.landed_unit_cost_reporting_amount, p.list_price_amount,
       s.as_of, coalesce(s.on_hand, 0) AS on_hand, coalesce(s.available, 0) AS available,
       coalesce(q.on_order, 0) AS on_order, q.next_expected_at,
       coalesce(u.units_sold_since_snapshot, 0) AS units_sold_since_snapshot
FROM dim_products p
LEFT JOIN stock s ON s.sku = p.sku
LEFT JOIN open_po q ON q.sku = p.sku
LEFT JOIN sold_since u ON u.sku = p.sku
WHERE within($categories, p.category)
ORDER BY p.sku
