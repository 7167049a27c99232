-- fct_orders: one row per order with its promise, first shipment, delivery and the per-order KPI flags.
-- grain: one row per order (order_id = channel:native id).
-- upstream: int_order_lines, fct_shipments, fct_returns, fct_marketplace_fees, dim_calendar,
--           dim_fx_rates, cfg_sla
-- incremental by order_id (a load recomputes the orders it touched; lib/warehouse/incremental.py):
--   int_order_lines, fct_shipments, fct_returns, fct_marketplace_fees: by order_id
--   dim_calendar, dim_fx_rates: grow-only
-- Money: *_amount in the order's own `currency`; *_reporting_amount converted to `reporting_currency` at the order
-- date's rate (NULL where the currency has no rate: has_fx_rate = false, left out of every money total).
-- Net revenue (METRICS.md, the one definition every page uses): item price × qty − discounts + shipping charged −
-- refunds, without tax, 0 for orders cancelled before shipment (is_in_revenue = false). Tax comes out of VAT-inclusive
-- prices (prices_include_tax: the whole tax_amount) and out of refunds (their tax share, tax ÷ order total). Refunds
-- are counted once: the largest of the order's refunded amount, the refunds on its returns and the Amazon
-- settlement's refunded item price (all three describe the same money).
-- customer_key: the buyer's opaque key from the export (SHA-256 of the customer id, else of the normalised e-mail;
-- see the staging models): Shopify e-mail, eBay buyer username, the Opsdesk template's customer_id. Amazon's All Orders
-- report and Walmart's order report carry neither: their orders have none (not identifiable), never a guess.
-- carrier, service, zone: those of the order's first package (earliest ship time, then shipment id).
-- risk_level: the platform's fraud-risk level of the order (Shopify Risk Level: low, medium, high); NULL elsewhere.
WITH orders AS (  -- order-level values repeat on every line: min/max pick them deterministically
    SELECT order_id, min(channel) AS channel, min(source) AS source, min(source_order_ref) AS source_order_ref,
           min(ordered_at) AS ordered_at, min(currency) AS currency,
           max(order_total_amount)::DECIMAL(18,4) AS order_total_amount, max(subtotal_amount)::DOUBLE AS subtotal_amount,
           coalesce(max(shipping_charged_amount), 0)::DOUBLE AS shipping_charged_amount,
           coalesce(max(tax_amount), 0)::DOUBLE AS tax_amount,
           greatest(coalesce(max(order_discount_amount), 0), sum(discount_amount))::DOUBLE AS discount_amount,
           coalesce(max(refunded_amount), 0)::DOUBLE AS refunded_amount,
           bool_or(is_cancelled) AS is_cancelled, max(cancelled_at) AS cancelled_at,
           max(financial_status) AS financial_status, max(fulfillment_status) AS fulfillment_status,
           max(ship_by_at) AS channel_ship_by_at, max(promised_delivery_date) AS channel_promised_date,
           min(fulfillment_channel) AS fulfillment_channel, min(warehouse) AS order_warehouse,
           min(ship_to_region) AS ship_to_region, min(ship_to_country) AS ship_to_country,
           min(sub_channel) AS sub_channel, sum(quantity) AS units, count(*) AS lines,
           sum(coalesce(quantity, 1) * unit_price_amount)::DOUBLE AS gross_sales_amount,  -- no quantity: the amount once
           coalesce(bool_or(prices_include_tax), false) AS prices_include_tax,
           min(customer_key) AS customer_key, min(customer_key_source) AS customer_key_source,
           max(risk_level) AS risk_level
    FROM int_order_lines GROUP BY order_id
), settlement_refunds AS (  -- item price refunded in Amazon settlement Refund rows (stated without tax)
    SELECT order_id, -sum(amount) FILTER (WHERE transaction_type = 'Refund' AND fee_group = 'revenue'
                                           AND amount_description NOT ILIKE '%tax%') AS settlement_refund_amount
    FROM fct_marketplace_fees WHERE order_id IS NOT NULL GROUP BY order_id
), ships AS (
    SELECT order_id, count(*) AS shipments, min(label_created_at) AS first_label_at, min(first_scan_at) AS first_scan_at,
           min(shipped_at) AS first_shipped_at, max(delivered_at) AS last_delivered_at,
           bool_and(is_delivered) AS all_delivered, bool_or(is_damaged OR is_lost) AS has_damage_or_loss,
           bool_and(is_on_time_delivery) AS all_on_time, min(promised_delivery_date) AS shipment_promised_date,
           arg_min(carrier, (shipped_at, shipment_id)) FILTER (WHERE shipped_at IS NOT NULL) AS carrier, arg_min(service, (shipped_at, shipment_id)) FILTER (WHERE shipped_at IS NOT NULL) AS service,
           arg_min(zone, (shipped_at, shipment_id)) FILTER (WHERE shipped_at IS NOT NULL) AS zone,
           arg_min(warehouse, (shipped_at, shipment_id)) FILTER (WHERE shipped_at IS NOT NULL) AS warehouse, sum(label_cost_amount) AS label_cost_amount,
           bool_and(has_valid_tracking) AS has_valid_tracking
    FROM fct_shipments WHERE has_order GROUP BY order_id
), shipped_units AS (  -- only where the shipments template lists package items
    SELECT order_id, sum(units_shipped) AS units_shipped
    FROM fct_shipments WHERE units_shipped IS NOT NULL GROUP BY order_id
), rets AS (
    SELECT order_id, sum(quantity) AS returned_units, bool_or(is_fulfillment_error) AS has_fulfillment_error,
           bool_or(is_carrier_damage) AS has_carrier_damage_return, sum(refund_amount) AS return_refund_amount
    FROM fct_returns WHERE has_order GROUP BY order_id
), sla AS (
    SELECT o.order_id,
           c.business_day_index
             + CASE WHEN c.is_business_day AND hour(o.ordered_at) < (SELECT cutoff_hour FROM cfg_sla) THEN 0 ELSE 1 END
             + (SELECT handling_business_days FROM cfg_sla) AS ship_by_bdi
    FROM orders o JOIN dim_calendar c ON c.day = o.ordered_at::DATE
), base AS (
    SELECT o.*, s.* EXCLUDE (order_id), u.units_shipped, r.* EXCLUDE (order_id), sr.settlement_refund_amount,
           coalesce(CASE WHEN o.channel_ship_by_at = date_trunc('day', o.channel_ship_by_at)  -- a date: ships by its end
                         THEN o.channel_ship_by_at + INTERVAL 1 DAY - INTERVAL 1 SECOND ELSE o.channel_ship_by_at END,
                    (sb.day + INTERVAL 1 DAY - INTERVAL 1 SECOND)) AS ship_by_at,
           CASE WHEN o.channel_ship_by_at IS NOT NULL THEN 'channel' ELSE 'SLA settings' END AS ship_by_source,
           coalesce(o.channel_promised_date, s.shipment_promised_date) AS promised_delivery_date
    FROM orders o
    LEFT JOIN ships s USING (order_id)
    LEFT JOIN shipped_units u USING (order_id)
    LEFT JOIN rets r USING (order_id)
    LEFT JOIN settlement_refunds sr USING (order_id)
    LEFT JOIN sla USING (order_id)
    LEFT JOIN dim_calendar sb ON sb.is_business_day AND sb.business_day_index = sla.ship_by_bdi
), revenue AS (
    SELECT *, NOT (is_cancelled AND first_shipped_at IS NULL) AS is_in_revenue,
           greatest(greatest(refunded_amount, coalesce(return_refund_amount, 0))
                      * CASE WHEN tax_amount > 0 AND order_total_amount > 0 THEN 1 - tax_amount / order_total_amount::DOUBLE ELSE 1 END,
                    coalesce(settlement_refund_amount, 0)) AS refund_amount,
           CASE WHEN prices_include_tax THEN tax_amount ELSE 0 END AS tax_in_prices_amount
    FROM base
), converted AS (
    SELECT r.*, fx.reporting_currency, fx.fx_rate, fx.fx_rate_date, fx.fx_rate_source, coalesce(fx.has_fx_rate, false) AS has_fx_rate,
           CASE WHEN is_in_revenue
                THEN gross_sales_amount - discount_amount + shipping_charged_amount - tax_in_prices_amount - refund_amount
                ELSE 0 END AS net_revenue_amount
    FROM revenue r LEFT JOIN dim_fx_rates fx ON fx.currency = r.currency AND fx.day = r.ordered_at::DATE
)
SELECT order_id, channel, source, source_order_ref, sub_channel, ordered_at, ordered_at::DATE AS order_date, currency,
       order_total_amount, subtotal_amount, gross_sales_amount, discount_amount, shipping_charged_amount, tax_amount,
       prices_include_tax, refunded_amount, refund_amount, is_in_revenue, net_revenue_amount,
       reporting_currency, fx_rate, fx_rate_date, fx_rate_source, has_fx_rate,
       (order_total_amount::DOUBLE * fx_rate) AS order_total_reporting_amount,
       (gross_sales_amount * fx_rate) AS gross_sales_reporting_amount,
       (discount_amount * fx_rate) AS discount_reporting_amount,
       (shipping_charged_amount * fx_rate) AS shipping_charged_reporting_amount,
       (tax_amount * fx_rate) AS tax_reporting_amount,
       (refund_amount * fx_rate) AS refund_reporting_amount,
       (net_revenue_amount * fx_rate) AS net_revenue_reporting_amount,
       is_cancelled, cancelled_at, financial_status, fulfillment_status, fulfillment_channel,
       coalesce(warehouse, order_warehouse, CASE WHEN fulfillment_channel = 'FBA' THEN 'Amazon FBA' END, 'Unassigned') AS warehouse,
       coalesce(carrier, 'Unknown') AS carrier, service, zone, ship_to_region, ship_to_country, units, lines,
       ship_by_at, ship_by_source, promised_delivery_date,
       coalesce(shipments, 0) AS shipments, first_label_at, first_scan_at, first_shipped_at,
       CASE WHEN all_delivered THEN last_delivered_at END AS delivered_at,
       label_cost_amount, coalesce(returned_units, 0) AS returned_units, coalesce(return_refund_amount, 0) AS return_refund_amount,
       first_shipped_at IS NOT NULL AS is_shipped, coalesce(all_delivered, false) AS is_delivered,
       CASE WHEN first_shipped_at IS NOT NULL AND ship_by_at IS NOT NULL THEN first_shipped_at <= ship_by_at END AS is_on_time_ship,
       CASE WHEN all_delivered AND promised_delivery_date IS NOT NULL THEN last_delivered_at::DATE <= promised_delivery_date END AS is_on_time_delivery,
       CASE WHEN first_shipped_at IS NULL THEN NULL
            WHEN units_shipped IS NOT NULL THEN units_shipped >= units
            ELSE lower(coalesce(fulfillment_status, '')) NOT IN ('partial', 'partially_fulfilled', 'partially shipped') END AS is_in_full,
       coalesce(has_damage_or_loss, false) OR coalesce(has_carrier_damage_return, false) AS has_damage,
       coalesce(has_fulfillment_error, false) AS has_fulfillment_error,
       coalesce(has_valid_tracking, false) AS has_valid_tracking,
       date_diff('second', ordered_at, first_label_at) / 3600.0 AS processing_hours,
       date_diff('second', first_label_at, first_scan_at) / 3600.0 AS dock_hours,
       date_diff('second', coalesce(first_scan_at, first_shipped_at), last_delivered_at) / 3600.0 AS transit_hours,
       date_diff('second', ordered_at, first_shipped_at) / 3600.0 AS cycle_hours,
       CASE WHEN all_delivered THEN date_diff('second', ordered_at, last_delivered_at) / 3600.0 END AS click_to_door_hours,
       customer_key, customer_key_source, risk_level
FROM converted
ORDER BY ordered_at, order_id  -- stored in date order: date filters skip row groups
