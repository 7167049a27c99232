-- stg_netsuite_inventory: NetSuite's inventory by location (an item saved search's CSV) as inventory snapshots in the
-- Opsdesk inventory template's vocabulary.
-- grain: one row per item and location of each load (fct_inventory_daily keeps the latest load of a day).
-- upstream: raw_netsuite_inventory, loaded_netsuite_inventory (the load log's rows of this format)
-- The export states no date: NetSuite's location columns are the quantities when the search ran, so a load's
-- snapshot date is the day it was loaded (loaded_at). SKU: the item's Name; a matrix item's name is written
-- "Parent : Child" and its SKU is the child's part. Location On Hand empty (NetSuite leaves zero quantities blank)
-- is 0; Location Committed is reserved, Location On Order is inbound, Location Available as stated (else on hand −
-- committed, as for the template).
SELECT l.loaded_at::DATE AS snapshot_date, trim(regexp_extract(n.name, '([^:]*)$', 1)) AS sku,
       n.inventory_location AS location, coalesce(n.location_on_hand, 0) AS on_hand,
       n.location_available AS available, n.location_committed AS reserved, n.location_on_order AS inbound,
       n._load_id, n._row
FROM raw_netsuite_inventory n
JOIN loaded_netsuite_inventory l ON l.load_id = n._load_id
WHERE nullif(trim(regexp_extract(n.name, '([^:]*)$', 1)), '') IS NOT NULL
