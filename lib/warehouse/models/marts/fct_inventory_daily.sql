-- fct_inventory_daily: inventory per SKU, location and day; a snapshot holds until the next one for that SKU and location.
-- grain: one row per day, SKU and location, from its first snapshot to the last snapshot date of the workspace.
-- upstream: raw_opsdesk_inventory, dim_product_costs
WITH snaps AS (
    SELECT * FROM raw_opsdesk_inventory
    QUALIFY row_number() OVER (PARTITION BY snapshot_date, sku, location ORDER BY _load_id DESC, _row DESC) = 1
), spans AS (
    SELECT sku, location, snapshot_date, on_hand, coalesce(available, on_hand - coalesce(reserved, 0)) AS available,
           coalesce(reserved, 0) AS reserved, coalesce(inbound, 0) AS inbound,
           coalesce(lead(snapshot_date) OVER (PARTITION BY sku, location ORDER BY snapshot_date) - 1,
                    (SELECT max(snapshot_date) FROM snaps)) AS valid_to
    FROM snaps
), days AS (
    SELECT sku, location, CAST(unnest(generate_series(snapshot_date, valid_to, INTERVAL 1 DAY)) AS DATE) AS day,
           snapshot_date, on_hand, available, reserved, inbound
    FROM spans WHERE valid_to >= snapshot_date
)
SELECT d.day, d.sku, d.location, d.on_hand, d.available, d.reserved, d.inbound, d.snapshot_date,
       d.available <= 0 AS is_stockout, c.landed_unit_cost_amount,
       d.on_hand * c.landed_unit_cost_amount AS inventory_value_amount
FROM days d
LEFT JOIN dim_product_costs c ON c.sku = d.sku AND d.day BETWEEN c.effective_from AND c.effective_to
