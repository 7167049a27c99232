-- carriers__shipments: the packages in scope of the shared filters and of the carrier page's own filters (zone,
-- destination region, weight band), with their lane (zone × weight band × service level) and damage/loss flags.
-- grain: one row per package whose ship date (carrier pickup, else label print; the order date when the package has
--        neither) is in [$start, $end], matching $channels, $warehouses, $carriers, $categories, $zones, $regions,
--        $weight_bands (an empty list means all). Amazon-fulfilled (FBA) packages are left out: Amazon chooses, pays
--        and measures those carriers. A package without a carrier, zone or region is counted under the $unknown_*
--        label of that dimension (lib.metrics.UNKNOWN), never dropped.
-- upstream: fct_shipments, fct_orders, fct_order_lines, fct_returns
WITH damage_returns AS (  -- a carrier-damage return counts against the order's first package
    SELECT order_id FROM fct_returns WHERE has_order AND is_carrier_damage GROUP BY order_id
), based AS (
    SELECT s.* REPLACE (coalesce(nullif(trim(s.carrier), ''), $unknown_carrier) AS carrier,
                        coalesce(nullif(trim(s.service), ''), $unknown_service) AS service,
                        coalesce(nullif(trim(s.warehouse), ''), $unknown_warehouse) AS warehouse,
                        coalesce(nullif(trim(s.zone), ''), $unknown_zone) AS zone,
                        coalesce(nullif(trim(s.destination_region), ''), $unknown_region) AS destination_region),
           coalesce(s.shipped_at::DATE, o.order_date) AS ship_date, o.ordered_at, o.fulfillment_channel,
           coalesce(s.billed_weight_lb, s.weight_lb) AS rated_weight_lb,
           row_number() OVER (PARTITION BY s.order_id ORDER BY s.shipped_at NULLS LAST, s.shipment_id) = 1 AS is_first_package
    FROM fct_shipments s
    LEFT JOIN fct_orders o USING (order_id)
), laned AS (
    SELECT b.*,
           CASE WHEN b.rated_weight_lb IS NULL THEN 0
                ELSE 1 + len(list_filter($band_edges, lambda e: e <= b.rated_weight_lb)) END AS weight_band_order,
           coalesce(list_extract($level_names, list_position(list_transform($level_patterns, lambda p: strpos(lower(coalesce(b.service, '')), p) > 0), true)),
                    $default_level) AS service_level,
           d.order_id IS NOT NULL AND b.is_first_package AS has_damage_return
    FROM based b
    LEFT JOIN damage_returns d USING (order_id)
)
SELECT l.*,
       CASE WHEN l.weight_band_order = 0 THEN $unknown_weight_band ELSE $band_labels[l.weight_band_order] END AS weight_band,
       l.is_damaged OR l.is_lost OR l.has_damage_return AS is_damaged_or_lost,
       -- dim weight set the bill: above the actual weight and above what the actual weight bills (whole lb)
       l.dim_weight_lb > l.weight_lb AND l.billed_weight_lb > ceil(l.weight_lb - 1e-9) + 1e-9 AS is_dim_billed,
       date_trunc('week', l.ship_date)::DATE AS week_start
FROM laned l
WHERE l.ship_date BETWEEN $start AND $end AND coalesce(l.fulfillment_channel, '') <> 'FBA'
  AND within($channels, l.channel)
  AND within($warehouses, l.warehouse)
  AND within($carriers, l.carrier)
  AND in_categories($categories, l.order_id)
  AND within($zones, l.zone)
  AND within($regions, l.destination_region)
  AND (len($weight_bands) = 0 OR list_contains($weight_bands,
        CASE WHEN l.weight_band_order = 0 THEN $unknown_weight_band ELSE $band_labels[l.weight_band_order] END))
