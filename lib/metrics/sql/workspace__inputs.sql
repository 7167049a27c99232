-- workspace__inputs: how many rows of each kind of input the current snapshot holds (the pages' guards read it to
-- say what is missing and which export fills it: lib.ui.components.guard).
-- grain: one row.
-- upstream: fct_orders, fct_shipments, fct_returns, fct_inventory_daily, dim_products, fct_purchase_orders,
--           fct_marketplace_fees, fct_fulfillment_charges, fct_csat, fct_ad_spend, dim_promotions, fct_support_tickets,
--           fct_order_landed_costs, fct_disputes, fct_carrier_invoice_lines
SELECT (SELECT count(*) FROM fct_orders) AS orders,
       (SELECT count(*) FROM fct_shipments) AS shipments,
       (SELECT count(*) FROM fct_returns) AS returns,
       (SELECT count(*) FROM fct_inventory_daily) AS inventory,
       (SELECT count(*) FILTER (WHERE has_catalog) FROM dim_products) AS products,
       (SELECT count(*) FILTER (WHERE has_cost) FROM dim_products) AS product_costs,
       (SELECT count(*) FROM fct_purchase_orders) AS purchase_orders,
       (SELECT count(*) FROM fct_marketplace_fees) AS fees,
       (SELECT count(*) FROM fct_fulfillment_charges) AS fulfillment_charges,
       (SELECT count(*) FROM fct_csat) AS csat,
       (SELECT count(*) FROM fct_ad_spend) AS ad_spend,
       (SELECT count(*) FROM dim_promotions) AS promotions,
       (SELECT count(*) FROM fct_support_tickets) AS tickets,
       (SELECT count(*) FROM fct_order_landed_costs WHERE has_duties) AS duties,
       (SELECT count(*) FROM fct_disputes) AS disputes,
       (SELECT count(*) FROM fct_carrier_invoice_lines) AS carrier_adjustments
