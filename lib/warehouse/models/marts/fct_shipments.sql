-- fct_shipments: packages joined to their orders, with the promise, business-day transit and billed cost.
-- grain: one row per package (a package reported by several sources appears once: template > ShipStation > Amazon > Walmart > eBay).
-- upstream: stg_shipments, int_order_lines, dim_calendar, cfg_transit_days, cfg_sla, seed_carrier_aliases,
--           seed_countries, raw_opsdesk_carrier_adjustments
-- destination_country: the ISO 3166 two-letter code (seed_countries), like fct_orders' ship_to_country.
WITH order_keys AS (
    SELECT order_id, channel, source_order_ref, min(ordered_at) AS ordered_at, max(promised_delivery_date) AS order_promised_date
    FROM int_order_lines GROUP BY ALL
), picked AS (
    SELECT * FROM stg_shipments
    QUALIFY row_number() OVER (PARTITION BY coalesce(tracking_number, shipment_id) ORDER BY source_priority, shipment_id) = 1
), matched AS (
    SELECT s.*, k.order_id, k.channel AS order_channel, k.order_promised_date
    FROM picked s
    LEFT JOIN order_keys k ON k.source_order_ref = s.order_ref AND (s.channel IS NULL OR s.channel = k.channel)
    QUALIFY row_number() OVER (PARTITION BY s.shipment_id ORDER BY k.order_id) = 1
), adjustments AS (
    SELECT tracking_number, sum(amount)::DOUBLE AS adjustments_amount, max(billed_weight_lb) AS adjusted_billed_weight_lb
    FROM raw_opsdesk_carrier_adjustments GROUP BY tracking_number
), normalised AS (
    SELECT m.*, coalesce(a.carrier, m.carrier) AS carrier_name,
           coalesce(m.first_scan_at, m.label_created_at) AS shipped_ts,
           coalesce(cc.code, nullif(trim(m.destination_country), '')) AS destination_country_code
    FROM matched m LEFT JOIN seed_carrier_aliases a ON a.alias = lower(trim(m.carrier))
    LEFT JOIN seed_countries cc ON cc.spelling = lower(trim(m.destination_country))
), promised AS (
    SELECT n.*, cs.business_day_index AS ship_bdi,
           coalesce(t1.business_days, t2.business_days, (SELECT default_transit_business_days FROM cfg_sla)) AS transit_days
    FROM normalised n
    LEFT JOIN dim_calendar cs ON cs.day = n.shipped_ts::DATE
    LEFT JOIN cfg_transit_days t1 ON t1.carrier = n.carrier_name AND t1.service = n.service
    LEFT JOIN cfg_transit_days t2 ON t2.carrier = n.carrier_name AND t2.service = '*'
)
SELECT p.shipment_id, coalesce(p.order_id, coalesce(p.channel, 'unknown') || ':' || p.order_ref) AS order_id,
       p.order_id IS NOT NULL AS has_order, coalesce(p.order_channel, p.channel, 'unknown') AS channel,
       p.carrier_name AS carrier, coalesce(p.service, 'Standard') AS service, p.tracking_number,
       coalesce(p.warehouse, 'Unassigned') AS warehouse, p.label_created_at, p.first_scan_at, p.shipped_ts AS shipped_at,
       p.delivered_at,
       coalesce(p.promised_delivery_date, p.order_promised_date, sla.day) AS promised_delivery_date,
       CASE WHEN p.promised_delivery_date IS NOT NULL THEN 'shipment'
            WHEN p.order_promised_date IS NOT NULL THEN 'channel'
            WHEN sla.day IS NOT NULL THEN 'transit settings' END AS promise_source,
       coalesce(p.status, CASE WHEN p.delivered_at IS NOT NULL THEN 'delivered' ELSE 'shipped' END) AS status,
       p.delivered_at IS NOT NULL AS is_delivered,
       coalesce(p.status, '') IN ('damaged', 'damage') AS is_damaged, coalesce(p.status, '') IN ('lost') AS is_lost,
       p.zone, p.destination_region, p.destination_country_code AS destination_country,
       p.weight_lb, p.length_in, p.width_in, p.height_in,
       p.length_in * p.width_in * p.height_in / (SELECT dim_divisor FROM cfg_sla) AS dim_weight_lb,
       coalesce(a.adjusted_billed_weight_lb, p.billed_weight_lb,
                greatest(p.weight_lb, p.length_in * p.width_in * p.height_in / (SELECT dim_divisor FROM cfg_sla))) AS billed_weight_lb,
       (p.label_cost_amount + coalesce(a.adjustments_amount, 0))::DOUBLE AS label_cost_amount,
       p.quoted_cost_amount::DOUBLE AS quoted_cost_amount, coalesce(a.adjustments_amount, 0) AS adjustments_amount,
       p.shipping_charged_amount::DOUBLE AS shipping_charged_amount,
       CASE WHEN p.delivered_at IS NOT NULL AND coalesce(p.promised_delivery_date, p.order_promised_date, sla.day) IS NOT NULL
            THEN p.delivered_at::DATE <= coalesce(p.promised_delivery_date, p.order_promised_date, sla.day) END AS is_on_time_delivery,
       cd.business_day_index - p.ship_bdi AS transit_business_days,
       date_diff('minute', p.label_created_at, p.first_scan_at) / 60.0 AS first_scan_lag_hours,
       p.tracking_number IS NOT NULL AND length(p.tracking_number) >= 8 AND p.carrier_name IS NOT NULL AS has_valid_tracking,
       p.source
FROM promised p
LEFT JOIN adjustments a ON a.tracking_number = p.tracking_number
LEFT JOIN dim_calendar cd ON cd.day = p.delivered_at::DATE
LEFT JOIN dim_calendar sla ON sla.is_business_day AND sla.business_day_index = p.ship_bdi + p.transit_days
