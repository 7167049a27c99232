-- stg_walmart_order_totals: each Walmart PO's total as the order report states it (item cost, shipping cost and tax of
-- its lines), for rpt_source_totals. Currency: written with the amounts, else US dollars (as stg_walmart_orders).
-- grain: one row per PO (po_no) of its latest load.
-- upstream: latest_walmart_orders
SELECT 'walmart_orders' AS source, 'walmart:' || po_no AS order_key,
       coalesce(max(nullif(item_cost_currency, '$')), 'USD') AS currency,
       sum(coalesce(item_cost, 0) + coalesce(shipping_cost, 0) + coalesce(tax, 0))::DECIMAL(18, 4) AS source_total_amount
FROM latest_walmart_orders
WHERE po_no IS NOT NULL
GROUP BY po_no
