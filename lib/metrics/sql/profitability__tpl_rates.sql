-- profitability__tpl_rates: the 3PL rate card as observed on its invoices (per provider).
-- grain: one row per provider with invoice lines dated in [$start, $end]: handling (pick/pack and other order-level
--        charges) per unit shipped, packaging per order, and storage per ft³-month = its average monthly storage bill ÷
--        the average ft³ it held (inventory snapshots at the location named like the invoice's warehouse × catalog
--        volume; averages, because snapshots and invoices rarely cover the same months), NULL without snapshots there.
-- upstream: fct_fulfillment_charges, fct_orders, fct_inventory_daily, dim_products
WITH lines AS (
    SELECT c.*, coalesce(c.warehouse, c.provider) AS location, o.units AS order_units, o.order_id IS NOT NULL AS has_order
    FROM fct_fulfillment_charges c LEFT JOIN fct_orders o ON o.order_id = c.order_id
    WHERE c.invoice_date BETWEEN $start AND $end
), per_order AS (
    SELECT provider, order_id, any_value(order_units) AS units,
           sum(amount) FILTER (WHERE charge_type <> 'packaging') AS handling_amount,
           sum(amount) FILTER (WHERE charge_type = 'packaging') AS packaging_amount
    FROM lines WHERE has_order GROUP BY ALL
), storage AS (
    SELECT provider, sum(amount) AS storage_amount, count(DISTINCT date_trunc('month', invoice_date)) AS storage_months,
           any_value(location) AS location
    FROM lines WHERE charge_type = 'storage' AND NOT has_order GROUP BY provider
), held AS (  -- average ft³ on hand per location over the days with a snapshot
    SELECT location, avg(cuft) AS avg_cuft
    FROM (SELECT i.location, i.day, sum(greatest(i.on_hand, 0) * p.length_in * p.width_in * p.height_in / 1728.0) AS cuft
          FROM fct_inventory_daily i JOIN dim_products p USING (sku)
          WHERE i.day BETWEEN $start AND $end GROUP BY ALL)
    GROUP BY location
), providers AS (
    SELECT DISTINCT provider FROM lines
)
SELECT p.provider, count(o.order_id) AS orders, coalesce(sum(o.units), 0) AS units,
       sum(o.handling_amount) / nullif(sum(o.units), 0) AS handling_per_unit,
       sum(o.packaging_amount) / nullif(count(o.order_id), 0) AS packaging_per_order,
       coalesce(any_value(s.storage_amount), 0) AS storage_amount, coalesce(any_value(s.storage_months), 0) AS storage_months,
       any_value(h.avg_cuft) AS avg_cuft_held,
       any_value(s.storage_amount) / nullif(any_value(s.storage_months), 0) / nullif(any_value(h.avg_cuft), 0) AS storage_per_cuft_month
FROM providers p
LEFT JOIN per_order o USING (provider)
LEFT JOIN storage s USING (provider)
LEFT JOIN held h ON h.location = s.location
GROUP BY p.provider
ORDER BY units DESC, p.provider
