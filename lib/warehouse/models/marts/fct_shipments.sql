-- fct_shipments: packages joined to their orders, with the promise, business-day transit and billed cost.
-- grain: one row per package (a package reported by several sources appears once: template > ShipStation > Amazon > Walmart > eBay).
-- upstream: int_shipments (the packages, deduplicated and normalised), int_order_lines, cfg_sla
-- destination_country: the ISO 3166 two-letter code (seed_countries), like fct_orders' ship_to_country.
-- units_shipped: the units the shipments template lists in the package (NULL when it lists no items).
-- order_ref: the order number as the shipment source states it (order_id is the matched order, or channel:order_ref).
-- incremental by shipment_id (a load recomputes the packages it touched; lib/warehouse/incremental.py):
--   int_shipments: by shipment_id
--   int_order_lines: by source_order_ref = order_ref
WITH order_keys AS (
    SELECT order_id, channel, source_order_ref, min(ordered_at) AS ordered_at, max(promised_delivery_date) AS order_promised_date
    FROM int_order_lines GROUP BY ALL
), p AS (
    SELECT s.*, k.order_id, k.channel AS order_channel, k.order_promised_date
    FROM int_shipments s
    LEFT JOIN order_keys k ON k.source_order_ref = s.order_ref AND (s.channel IS NULL OR s.channel = k.channel)
    QUALIFY row_number() OVER (PARTITION BY s.shipment_id ORDER BY k.order_id) = 1
)
SELECT p.shipment_id, coalesce(p.order_id, coalesce(p.channel, 'unknown') || ':' || p.order_ref) AS order_id, p.order_ref,
       p.order_id IS NOT NULL AS has_order, coalesce(p.order_channel, p.channel, 'unknown') AS channel,
       p.carrier_name AS carrier, coalesce(p.service, 'Standard') AS service, p.tracking_number,
       coalesce(p.warehouse, 'Unassigned') AS warehouse, p.label_created_at, p.first_scan_at, p.shipped_ts AS shipped_at,
       p.delivered_at,
       coalesce(p.promised_delivery_date, p.order_promised_date, p.transit_promised_date) AS promised_delivery_date,
       CASE WHEN p.promised_delivery_date IS NOT NULL THEN 'shipment'
            WHEN p.order_promised_date IS NOT NULL THEN 'channel'
            WHEN p.transit_promised_date IS NOT NULL THEN 'transit settings' END AS promise_source,
       coalesce(p.status, CASE WHEN p.delivered_at IS NOT NULL THEN 'delivered' ELSE 'shipped' END) AS status,
       p.delivered_at IS NOT NULL AS is_delivered,
       coalesce(p.status, '') IN ('damaged', 'damage') AS is_damaged, coalesce(p.status, '') IN ('lost') AS is_lost,
       p.zone, p.destination_region, p.destination_country_code AS destination_country,
       p.weight_lb, p.length_in, p.width_in, p.height_in,
       p.length_in * p.width_in * p.height_in / (SELECT dim_divisor FROM cfg_sla) AS dim_weight_lb,
       coalesce(p.adjusted_billed_weight_lb, p.billed_weight_lb,
                greatest(p.weight_lb, p.length_in * p.width_in * p.height_in / (SELECT dim_divisor FROM cfg_sla))) AS billed_weight_lb,
       (p.label_cost_amount + coalesce(p.adjustments_amount, 0))::DOUBLE AS label_cost_amount,
       p.quoted_cost_amount::DOUBLE AS quoted_cost_amount, coalesce(p.adjustments_amount, 0) AS adjustments_amount,
       p.shipping_charged_amount::DOUBLE AS shipping_charged_amount, p.units_shipped,
       CASE WHEN p.delivered_at IS NOT NULL AND coalesce(p.promised_delivery_date, p.order_promised_date, p.transit_promised_date) IS NOT NULL
            THEN p.delivered_at::DATE <= coalesce(p.promised_delivery_date, p.order_promised_date, p.transit_promised_date) END AS is_on_time_delivery,
       p.transit_business_days,
       date_diff('minute', p.label_created_at, p.first_scan_at) / 60.0 AS first_scan_lag_hours,
       p.tracking_number IS NOT NULL AND length(p.tracking_number) >= 8 AND p.carrier_name IS NOT NULL AS has_valid_tracking,
       p.source
FROM p
