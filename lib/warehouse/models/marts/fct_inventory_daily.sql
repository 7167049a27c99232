-- fct_inventory_daily: inventory per SKU, location and day; a snapshot holds until the next one for that SKU and location.
-- grain: one row per day, SKU and location, from its first snapshot to the last snapshot date of the workspace.
-- upstream: raw_opsdesk_inventory, stg_netsuite_inventory (NetSuite's inventory by location, dated the day it was
--           loaded), dim_product_costs, dim_fx_rates, cfg_reporting
-- Value: landed cost in its own currency (inventory_value_amount) and in the reporting currency at the day's rate
-- (inventory_value_reporting_amount; NULL when that currency has no rate).
WITH snaps AS (
    SELECT * FROM (SELECT snapshot_date, sku, location, on_hand, available, reserved, inbound, _load_id, _row
                   FROM raw_opsdesk_inventory
                   UNION ALL BY NAME SELECT * FROM stg_netsuite_inventory)
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
       d.available <= 0 AS is_stockout, c.landed_unit_cost_amount, c.currency AS cost_currency,
       d.on_hand * c.landed_unit_cost_amount AS inventory_value_amount,
       c.landed_unit_cost_amount * r.rate AS landed_unit_cost_reporting_amount,
       d.on_hand * c.landed_unit_cost_amount * r.rate AS inventory_value_reporting_amount
FROM days d
LEFT JOIN dim_product_costs c ON c.sku = d.sku AND d.day BETWEEN c.effective_from AND c.effective_to
LEFT JOIN LATERAL (  -- the day's rate; the reporting currency itself needs none (days outside the calendar too)
    SELECT CASE WHEN c.currency = (SELECT reporting_currency FROM cfg_reporting) THEN 1.0
                ELSE (SELECT fx_rate FROM dim_fx_rates x WHERE x.currency = c.currency AND x.day = d.day) END AS rate
) r ON true
