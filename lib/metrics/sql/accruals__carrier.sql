-- accruals__carrier: packages shipped in [$start, $end] that are on no carrier invoice line loaded, valued at their
-- label quote, else their label cost, else the rate card (the median label cost of the carrier and service over the
-- 90 days to $end, else of the carrier).
-- grain: one row per package not yet invoiced (Amazon-fulfilled packages are Amazon's: left out).
-- upstream: fct_shipments, fct_carrier_invoice_lines, fct_orders
WITH shipped AS (
    SELECT s.* FROM fct_shipments s
    WHERE s.shipped_at::DATE BETWEEN $start AND $end
      AND coalesce(s.warehouse, '') <> 'Amazon FBA'
      AND (s.tracking_number IS NULL OR s.tracking_number NOT IN (
           SELECT tracking_number FROM fct_carrier_invoice_lines WHERE tracking_number IS NOT NULL))
), card_service AS (
    SELECT carrier, service, median(coalesce(quoted_cost_amount, label_cost_amount)) AS rate_amount
    FROM fct_shipments
    WHERE shipped_at::DATE BETWEEN $end - INTERVAL 90 DAY AND $end AND coalesce(quoted_cost_amount, label_cost_amount) > 0
    GROUP BY carrier, service
), card_carrier AS (
    SELECT carrier, median(coalesce(quoted_cost_amount, label_cost_amount)) AS rate_amount
    FROM fct_shipments
    WHERE shipped_at::DATE BETWEEN $end - INTERVAL 90 DAY AND $end AND coalesce(quoted_cost_amount, label_cost_amount) > 0
    GROUP BY carrier
)
SELECT coalesce(s.carrier, $unknown_carrier) AS vendor, s.shipment_id, s.tracking_number, s.order_id, o.source_order_ref,
       s.shipped_at, s.service, s.warehouse,
       CASE WHEN s.quoted_cost_amount > 0 THEN 'label quote'
            WHEN s.label_cost_amount > 0 THEN 'label cost'
            WHEN cs.rate_amount IS NOT NULL THEN 'rate card (carrier and service)'
            WHEN cc.rate_amount IS NOT NULL THEN 'rate card (carrier)'
            ELSE 'no basis' END AS basis,
       CASE WHEN s.quoted_cost_amount > 0 THEN s.quoted_cost_amount
            WHEN s.label_cost_amount > 0 THEN s.label_cost_amount
            ELSE coalesce(cs.rate_amount, cc.rate_amount) END::DOUBLE AS accrual_amount
FROM shipped s
LEFT JOIN card_service cs ON cs.carrier = s.carrier AND cs.service IS NOT DISTINCT FROM s.service
LEFT JOIN card_carrier cc ON cc.carrier = s.carrier
LEFT JOIN fct_orders o ON o.order_id = s.order_id
ORDER BY vendor, s.shipped_at, s.shipment_id
