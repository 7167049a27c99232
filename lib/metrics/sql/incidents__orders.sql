-- incidents__orders: the orders an incident touches: those the carrier shipped in [$start, $end] ($kind 'carrier'),
-- or placed in [$start, $end] for the warehouse ('warehouse') or the ship-to region ('region') = $value; with where
-- each stands at the data's last order date (as_of_date).
-- grain: one row per order in scope (not cancelled before shipment). The sidebar's channels, warehouses and
-- categories apply too, and its carriers to the orders shipped (one waiting to ship has no carrier yet: it stays).
-- upstream: fct_orders
-- status: waiting_to_ship, in_transit (shipped, not delivered), delivered_late, delivered (on time or no promise).
-- is_promise_at_risk: not delivered and promised by as_of_date + 2 days (past or imminent); is_to_notify: not
-- delivered (waiting or in transit).
WITH data_end AS (SELECT max(order_date) AS as_of_date FROM fct_orders)
SELECT o.order_id, o.source_order_ref, o.channel, o.ordered_at, o.warehouse, o.carrier, o.ship_to_region,
       o.first_shipped_at, o.promised_delivery_date, o.delivered_at,
       CASE WHEN NOT o.is_shipped THEN 'waiting_to_ship' WHEN NOT o.is_delivered THEN 'in_transit'
            WHEN o.is_on_time_delivery = false THEN 'delivered_late' ELSE 'delivered' END AS status,
       NOT o.is_delivered AND o.promised_delivery_date <= a.as_of_date + INTERVAL 2 DAY AS is_promise_at_risk,
       NOT o.is_delivered AS is_to_notify, o.customer_key IS NOT NULL AS is_identifiable, o.customer_key,
       o.net_revenue_reporting_amount AS net_revenue_amount, o.has_fx_rate, a.as_of_date
FROM scoped_orders(DATE '0001-01-01', DATE '9999-12-31', $channels, $warehouses, [], $categories) o
CROSS JOIN data_end a
WHERE o.is_in_revenue AND (within($carriers, o.carrier) OR o.first_shipped_at IS NULL)
  AND CASE $kind WHEN 'carrier' THEN o.carrier = $value AND o.first_shipped_at::DATE BETWEEN $start AND $end
                 WHEN 'warehouse' THEN o.warehouse = $value AND o.order_date BETWEEN $start AND $end
                 WHEN 'region' THEN coalesce(nullif(trim(o.ship_to_region), ''), $unknown_region) = $value
                                    AND o.order_date BETWEEN $start AND $end
                 ELSE false END
ORDER BY CASE WHEN NOT o.is_shipped THEN 0 WHEN NOT o.is_delivered THEN 1 WHEN o.is_on_time_delivery = false THEN 2 ELSE 3 END,
         o.promised_delivery_date NULLS LAST, o.ordered_at
