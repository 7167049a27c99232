-- stg_shipments: every package from every shipment source, in Opsdesk vocabulary.
-- grain: one row per package and source (the same package may arrive from several sources; fct_shipments picks one).
-- upstream: raw_opsdesk_shipments, raw_shipstation_shipments, raw_amazon_shipments, raw_walmart_orders, raw_ebay_orders,
--           latest_tiktok_orders (TikTok Shop: RTS time = label, shipped time = first scan, delivered time),
--           raw_netsuite_fulfillments (NetSuite item fulfillments: one package per fulfillment, its first tracking
--           number; the sales order number of Created From as the order reference; shipped ones only)
-- units_shipped: the units the shipments template lists in the package (its item rows; NULL for every other source).
-- Rows collapsing into one package take each value from the latest load, first row, that states it (arg_max over
-- (_load_id, -_row)): the same files give the same packages, build after build.
WITH tmpl AS (
    SELECT * FROM raw_opsdesk_shipments
    QUALIFY _load_id = max(_load_id) OVER (PARTITION BY shipment_id)
), tmpl_pkg AS (  -- item rows of one package collapse to the package
    SELECT shipment_id, arg_max(order_id, (_load_id, -_row)) FILTER (WHERE order_id IS NOT NULL) AS order_id, arg_max(channel, (_load_id, -_row)) FILTER (WHERE channel IS NOT NULL) AS channel, arg_max(carrier, (_load_id, -_row)) FILTER (WHERE carrier IS NOT NULL) AS carrier,
           arg_max(service, (_load_id, -_row)) FILTER (WHERE service IS NOT NULL) AS service, arg_max(tracking_number, (_load_id, -_row)) FILTER (WHERE tracking_number IS NOT NULL) AS tracking_number, arg_max(warehouse, (_load_id, -_row)) FILTER (WHERE warehouse IS NOT NULL) AS warehouse,
           min(label_created_at) AS label_created_at, min(first_scan_at) AS first_scan_at, max(delivered_at) AS delivered_at,
           max(promised_delivery_date) AS promised_delivery_date, arg_max(status, (_load_id, -_row)) FILTER (WHERE status IS NOT NULL) AS status, arg_max(zone, (_load_id, -_row)) FILTER (WHERE zone IS NOT NULL) AS zone,
           arg_max(destination_region, (_load_id, -_row)) FILTER (WHERE destination_region IS NOT NULL) AS destination_region, arg_max(destination_country, (_load_id, -_row)) FILTER (WHERE destination_country IS NOT NULL) AS destination_country,
           max(weight_lb) AS weight_lb, max(length_in) AS length_in, max(width_in) AS width_in, max(height_in) AS height_in,
           max(billed_weight_lb) AS billed_weight_lb, max(label_cost) AS label_cost, max(quoted_cost) AS quoted_cost,
           max(shipping_charged) AS shipping_charged,
           sum(quantity) FILTER (WHERE sku IS NOT NULL AND quantity IS NOT NULL) AS units_shipped  -- items listed
    FROM tmpl GROUP BY shipment_id
), shipstation AS (
    SELECT order_number, tracking_number, arg_max(coalesce(carrier, split_part(carrier_service_requested, ' ', 1)), (_load_id, -_row)) FILTER (WHERE coalesce(carrier, split_part(carrier_service_requested, ' ', 1)) IS NOT NULL) AS carrier,
           arg_max(coalesce(service, carrier_service_requested), (_load_id, -_row)) FILTER (WHERE coalesce(service, carrier_service_requested) IS NOT NULL) AS service, arg_max(item_location, (_load_id, -_row)) FILTER (WHERE item_location IS NOT NULL) AS warehouse,
           min(date_shipped_date) AS shipped_at, max(amount_shipping_cost) AS label_cost,
           max(amount_order_shipping) AS shipping_charged, arg_max(ship_to_state, (_load_id, -_row)) FILTER (WHERE ship_to_state IS NOT NULL) AS region, arg_max(ship_to_country, (_load_id, -_row)) FILTER (WHERE ship_to_country IS NOT NULL) AS country
    FROM raw_shipstation_shipments
    GROUP BY order_number, tracking_number
), amazon AS (
    SELECT shipment_id, arg_max(amazon_order_id, (_load_id, -_row)) FILTER (WHERE amazon_order_id IS NOT NULL) AS amazon_order_id, arg_max(carrier, (_load_id, -_row)) FILTER (WHERE carrier IS NOT NULL) AS carrier,
           arg_max(ship_service_level, (_load_id, -_row)) FILTER (WHERE ship_service_level IS NOT NULL) AS service, arg_max(tracking_number, (_load_id, -_row)) FILTER (WHERE tracking_number IS NOT NULL) AS tracking_number,
           arg_max(fulfillment_center_id, (_load_id, -_row)) FILTER (WHERE fulfillment_center_id IS NOT NULL) AS fc, min(shipment_date) AS shipped_at,
           max(estimated_arrival_date)::DATE AS promised_delivery_date, arg_max(ship_state, (_load_id, -_row)) FILTER (WHERE ship_state IS NOT NULL) AS region,
           arg_max(ship_country, (_load_id, -_row)) FILTER (WHERE ship_country IS NOT NULL) AS country, sum(coalesce(shipping_price, 0)) AS shipping_charged
    FROM raw_amazon_shipments
    GROUP BY shipment_id
)
SELECT shipment_id, order_id AS order_ref, lower(channel) AS channel, carrier, service, tracking_number, warehouse,
       label_created_at, first_scan_at, delivered_at, promised_delivery_date, lower(status) AS status, zone,
       destination_region, destination_country, weight_lb, length_in, width_in, height_in, billed_weight_lb,
       label_cost AS label_cost_amount, quoted_cost AS quoted_cost_amount, shipping_charged AS shipping_charged_amount, units_shipped,
       'opsdesk_shipments' AS source, 1 AS source_priority
FROM tmpl_pkg
UNION ALL
SELECT 'shipstation:' || order_number || ':' || coalesce(tracking_number, ''), order_number, NULL, carrier, service,
       tracking_number, warehouse, shipped_at, NULL, NULL, NULL, 'shipped', NULL, region, country,
       NULL, NULL, NULL, NULL, NULL, label_cost, NULL, shipping_charged, NULL, 'shipstation_shipments', 2
FROM shipstation
UNION ALL
SELECT 'amazon:' || shipment_id, amazon_order_id, 'amazon', carrier, service, tracking_number, 'Amazon FBA',
       shipped_at, shipped_at, NULL, promised_delivery_date, 'shipped', NULL, region, country,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, shipping_charged, NULL, 'amazon_shipments', 3
FROM amazon
UNION ALL
SELECT 'walmart:' || po_no || ':' || tracking_number, po_no, 'walmart', arg_max(carrier, (_load_id, -_row)) FILTER (WHERE carrier IS NOT NULL), arg_max(shipping_method, (_load_id, -_row)) FILTER (WHERE shipping_method IS NOT NULL),
       tracking_number, NULL, NULL, NULL, NULL, max(delivery_date)::DATE, 'shipped', NULL, arg_max(state, (_load_id, -_row)) FILTER (WHERE state IS NOT NULL), 'US',
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'walmart_orders', 4
FROM raw_walmart_orders WHERE tracking_number IS NOT NULL
GROUP BY po_no, tracking_number
UNION ALL
SELECT 'ebay:' || order_number || ':' || tracking_number, order_number, 'ebay', NULL, arg_max(shipping_service, (_load_id, -_row)) FILTER (WHERE shipping_service IS NOT NULL),
       tracking_number, NULL, min(shipped_on_date), NULL, NULL, max(maximum_estimated_delivery_date)::DATE, 'shipped',
       NULL, arg_max(ship_to_state, (_load_id, -_row)) FILTER (WHERE ship_to_state IS NOT NULL), arg_max(ship_to_country, (_load_id, -_row)) FILTER (WHERE ship_to_country IS NOT NULL),
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'ebay_orders', 5
FROM raw_ebay_orders WHERE tracking_number IS NOT NULL
GROUP BY order_number, tracking_number
UNION ALL
SELECT 'tiktok:' || order_id || ':' || coalesce(tracking_id, package_id, ''), order_id, 'tiktok',
       arg_max(shipping_provider_name, (_load_id, -_row)) FILTER (WHERE shipping_provider_name IS NOT NULL),
       arg_max(delivery_option, (_load_id, -_row)) FILTER (WHERE delivery_option IS NOT NULL), tracking_id,
       arg_max(warehouse_name, (_load_id, -_row)) FILTER (WHERE warehouse_name IS NOT NULL), min(rts_time),
       min(shipped_time), max(delivered_time), NULL, CASE WHEN max(delivered_time) IS NOT NULL THEN 'delivered' ELSE 'shipped' END,
       NULL, arg_max(state, (_load_id, -_row)) FILTER (WHERE state IS NOT NULL),
       arg_max(country, (_load_id, -_row)) FILTER (WHERE country IS NOT NULL),
       max(weight_kg) * 2.20462, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'tiktok_orders', 6
FROM latest_tiktok_orders WHERE coalesce(tracking_id, package_id) IS NOT NULL AND shipped_time IS NOT NULL
GROUP BY order_id, coalesce(tracking_id, package_id, ''), tracking_id
UNION ALL
SELECT 'netsuite:' || document_number, arg_max(nullif(trim(regexp_extract(created_from, '#\s*(\S+)\s*$', 1)), ''), (_load_id, -_row)),
       NULL,  -- Shipping Carrier is "UPS" or "FedEx/USPS/More": then the carrier is Ship Via's first word
       arg_max(CASE WHEN shipping_carrier IS NULL OR lower(shipping_carrier) LIKE '%/more' THEN split_part(trim(ship_via), ' ', 1)
                    ELSE shipping_carrier END, (_load_id, -_row)) FILTER (WHERE coalesce(shipping_carrier, ship_via) IS NOT NULL),
       arg_max(ship_via, (_load_id, -_row)) FILTER (WHERE ship_via IS NOT NULL),
       arg_max(nullif(trim(regexp_extract(tracking_numbers, '^[^,;<\s]+', 0)), ''), (_load_id, -_row))
           FILTER (WHERE tracking_numbers IS NOT NULL),
       arg_max(location, (_load_id, -_row)) FILTER (WHERE location IS NOT NULL), min(date)::TIMESTAMP,
       min(ship_date)::TIMESTAMP, NULL, NULL, 'shipped', NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'netsuite_fulfillments', 7
FROM raw_netsuite_fulfillments
WHERE coalesce(lower(trim(status)), 'shipped') = 'shipped'
GROUP BY document_number
