-- int_shipments: every package from every shipment source, before it is joined to its order: a package reported by
-- several sources appears once (template > ShipStation > Amazon > Walmart > eBay), carriers and countries normalised,
-- business-day transit, the promise from the transit settings and the carrier's billing adjustments.
-- grain: one row per package (shipment_id).
-- upstream: stg_shipments, dim_calendar, cfg_transit_days, cfg_sla, seed_carrier_aliases, seed_countries,
--           stg_carrier_adjustments (each invoice line once: its latest load)
-- Built whole when what it reads changes, except the calendar: new days change only the packages whose business-day
-- lookup found nothing (a package dated past the calendar's end: a shipments file loaded before its orders), so when
-- the calendar only grew those packages are recomputed and the others kept (fct_shipments compares by shipment_id).
-- incremental by shipment_id (lib/warehouse/incremental.py):
--   dim_calendar: grow-only, except rows where (shipped_ts IS NOT NULL AND ship_bdi IS NULL) OR (ship_bdi IS NOT NULL AND transit_days IS NOT NULL AND transit_promised_date IS NULL) OR (delivered_at IS NOT NULL AND ship_bdi IS NOT NULL AND transit_business_days IS NULL)
WITH picked AS (
    SELECT * FROM stg_shipments
    QUALIFY row_number() OVER (PARTITION BY coalesce(tracking_number, shipment_id) ORDER BY source_priority, shipment_id) = 1
), adjustments AS (
    SELECT tracking_number, sum(amount)::DOUBLE AS adjustments_amount, max(billed_weight_lb) AS adjusted_billed_weight_lb
    FROM stg_carrier_adjustments GROUP BY tracking_number
), normalised AS (
    SELECT s.*, coalesce(a.carrier, s.carrier) AS carrier_name,
           coalesce(s.first_scan_at, s.label_created_at) AS shipped_ts,
           coalesce(cc.code, nullif(trim(s.destination_country), '')) AS destination_country_code
    FROM picked s LEFT JOIN seed_carrier_aliases a ON a.alias = lower(trim(s.carrier))
    LEFT JOIN seed_countries cc ON cc.spelling = lower(trim(s.destination_country))
), promised AS (
    SELECT n.*, cs.business_day_index AS ship_bdi,
           coalesce(t1.business_days, t2.business_days, (SELECT default_transit_business_days FROM cfg_sla)) AS transit_days
    FROM normalised n
    LEFT JOIN dim_calendar cs ON cs.day = n.shipped_ts::DATE
    LEFT JOIN cfg_transit_days t1 ON t1.carrier = n.carrier_name AND t1.service = n.service
    LEFT JOIN cfg_transit_days t2 ON t2.carrier = n.carrier_name AND t2.service = '*'
)
SELECT p.*, sla.day AS transit_promised_date, cd.business_day_index - p.ship_bdi AS transit_business_days,
       a.adjustments_amount, a.adjusted_billed_weight_lb
FROM promised p
LEFT JOIN adjustments a ON a.tracking_number = p.tracking_number
LEFT JOIN dim_calendar cd ON cd.day = p.delivered_at::DATE
LEFT JOIN dim_calendar sla ON sla.is_business_day AND sla.business_day_index = p.ship_bdi + p.transit_days
