-- data_health__freshness: the latest event of each kind and how many days ago it was.
-- grain: one row per event kind (order, shipment, delivery, return, inventory snapshot, file load).
-- upstream: fct_orders, fct_shipments, fct_returns, fct_inventory_daily, load_log
WITH latest AS (
    SELECT 'last order' AS event, max(ordered_at) AS latest_at FROM fct_orders
    UNION ALL SELECT 'last shipment', max(shipped_at) FROM fct_shipments
    UNION ALL SELECT 'last delivery', max(delivered_at) FROM fct_shipments
    UNION ALL SELECT 'last return', max(returned_at) FROM fct_returns
    UNION ALL SELECT 'last inventory snapshot', max(snapshot_date)::TIMESTAMP FROM fct_inventory_daily
    UNION ALL SELECT 'last file load', max(loaded_at) FROM load_log WHERE status = 'loaded'
)
SELECT event, latest_at, date_diff('day', latest_at::DATE, current_date) AS days_ago FROM latest
