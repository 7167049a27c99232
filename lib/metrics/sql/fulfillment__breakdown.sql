-- fulfillment__breakdown: the fulfillment and delivery KPIs of METRICS.md per (period, dimension, slice) of the scoped
-- orders (fulfillment__slices.sql); the overall summary is its one 'all' slice. Every KPI is defined here, once.
-- grain: one row per (period, dimension, slice) present in the scoped orders.
-- Median and p90 come from one quantile_cont(x, [0.5, 0.9]) per column (one sort, the same values as two calls).
-- upstream: fulfillment__slices
SELECT period, dimension, slice,
    count(*) FILTER (WHERE is_in_revenue) AS orders,  -- METRICS.md: orders exclude those cancelled before shipment
    count(*) AS orders_incl_cancelled,
    count(*) FILTER (WHERE is_shipped) AS shipped_orders,
    count(*) FILTER (WHERE is_cancelled AND NOT is_shipped) AS cancelled_orders,
    count(*) FILTER (WHERE is_cancelled AND NOT is_shipped) / nullif(count(*), 0) AS cancellation_rate,
    count(*) FILTER (WHERE is_on_time_ship IS NOT NULL) AS on_time_ship_measurable,
    avg(CASE WHEN is_on_time_ship THEN 1.0 ELSE 0.0 END) FILTER (WHERE is_on_time_ship IS NOT NULL) AS on_time_ship_rate,
    count(*) FILTER (WHERE is_on_time_delivery IS NOT NULL) AS on_time_delivery_measurable,
    avg(CASE WHEN is_on_time_delivery THEN 1.0 ELSE 0.0 END) FILTER (WHERE is_on_time_delivery IS NOT NULL) AS on_time_delivery_rate,
    count(*) FILTER (WHERE is_in_full IS NOT NULL) AS in_full_measurable,
    avg(CASE WHEN is_in_full THEN 1.0 ELSE 0.0 END) FILTER (WHERE is_in_full IS NOT NULL) AS in_full_rate,
    count(*) FILTER (WHERE is_on_time_delivery IS NOT NULL AND is_in_full IS NOT NULL) AS otif_measurable,
    avg(CASE WHEN is_on_time_delivery AND is_in_full THEN 1.0 ELSE 0.0 END)
        FILTER (WHERE is_on_time_delivery IS NOT NULL AND is_in_full IS NOT NULL) AS otif_rate,
    avg(CASE WHEN is_on_time_delivery AND is_in_full AND NOT has_damage AND NOT has_fulfillment_error THEN 1.0 ELSE 0.0 END)
        FILTER (WHERE is_on_time_delivery IS NOT NULL AND is_in_full IS NOT NULL) AS perfect_order_rate,
    count(*) FILTER (WHERE is_on_time_delivery IS NOT NULL AND is_in_full IS NOT NULL AND NOT is_on_time_delivery) AS perfect_fail_late,
    count(*) FILTER (WHERE is_on_time_delivery IS NOT NULL AND is_in_full IS NOT NULL AND NOT is_in_full) AS perfect_fail_not_in_full,
    count(*) FILTER (WHERE is_on_time_delivery IS NOT NULL AND is_in_full IS NOT NULL AND has_damage) AS perfect_fail_damaged,
    count(*) FILTER (WHERE is_on_time_delivery IS NOT NULL AND is_in_full IS NOT NULL AND has_fulfillment_error) AS perfect_fail_inaccurate,
    1 - count(*) FILTER (WHERE is_shipped AND has_fulfillment_error) / nullif(count(*) FILTER (WHERE is_shipped), 0) AS fulfillment_accuracy,
    avg(CASE WHEN has_valid_tracking THEN 1.0 ELSE 0.0 END) FILTER (WHERE is_shipped) AS valid_tracking_rate,
    quantile_cont(cycle_hours, [0.5, 0.9])[1] AS cycle_hours_median, quantile_cont(cycle_hours, [0.5, 0.9])[2] AS cycle_hours_p90,
    quantile_cont(processing_hours, [0.5, 0.9])[1] AS processing_hours_median, quantile_cont(processing_hours, [0.5, 0.9])[2] AS processing_hours_p90,
    quantile_cont(dock_hours, [0.5, 0.9])[1] AS dock_hours_median, quantile_cont(dock_hours, [0.5, 0.9])[2] AS dock_hours_p90,
    quantile_cont(transit_hours, [0.5, 0.9])[1] AS transit_hours_median, quantile_cont(transit_hours, [0.5, 0.9])[2] AS transit_hours_p90,
    quantile_cont(click_to_door_hours, [0.5, 0.9])[1] AS click_to_door_hours_median, quantile_cont(click_to_door_hours, [0.5, 0.9])[2] AS click_to_door_hours_p90,
    sum(cost_label_amount) FILTER (WHERE is_shipped) / nullif(count(*) FILTER (WHERE is_shipped), 0) AS label_cost_per_order,
    sum(cost_3pl_amount) FILTER (WHERE is_shipped) / nullif(count(*) FILTER (WHERE is_shipped), 0) AS tpl_cost_per_order,
    sum(cost_packaging_amount) FILTER (WHERE is_shipped) / nullif(count(*) FILTER (WHERE is_shipped), 0) AS packaging_cost_per_order,
    sum(cost_labor_amount) FILTER (WHERE is_shipped) / nullif(count(*) FILTER (WHERE is_shipped), 0) AS labor_cost_per_order,
    sum(cost_label_amount + cost_3pl_amount + cost_packaging_amount + cost_labor_amount) FILTER (WHERE is_shipped)
        / nullif(count(*) FILTER (WHERE is_shipped), 0) AS cost_per_order,
    -- shipping charged is the customer's money in the order's currency: orders without a rate are left out of both
    sum(shipping_charged_amount) FILTER (WHERE is_shipped AND has_fx_rate)
        / nullif(count(*) FILTER (WHERE is_shipped AND has_fx_rate), 0) AS shipping_charged_per_order,
    sum(cost_label_amount - shipping_charged_amount) FILTER (WHERE is_shipped AND has_fx_rate)
        / nullif(count(*) FILTER (WHERE is_shipped AND has_fx_rate), 0) AS net_shipping_cost_per_order
FROM fulfillment__slices
GROUP BY period, dimension, slice
ORDER BY dimension, period, slice
