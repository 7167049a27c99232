-- fct_order_landed_costs: each order's landed cost: the landed COGS of its lines plus what the merchant paid at the
-- border for it (duties, import VAT not reclaimed, clearance fees: the duties template), beside its net revenue.
-- Border costs are costs, never revenue: net_revenue_reporting_amount is fct_orders' own. Rows paid by the customer
-- (DAP) are shown but cost the merchant nothing; import VAT marked recoverable is not a cost. Amounts are in the
-- duties' currency (empty: the reporting currency), converted at the order date's rate (dim_fx_rates); an order
-- whose duties are in a currency without a rate has has_duties_fx_rate false and no reporting border cost.
-- These are the consignment's duties; the inbound duty rate of the cost history (dim_product_costs) is already in
-- landed COGS, so one duty must not be entered in both.
-- destination_country: the duties template's importing country, else the order's ship-to country. A duties row that
-- names an order number without a channel, when two channels have that number, is counted once (the first order id).
-- grain: one row per order of fct_orders.
-- upstream: fct_orders, fct_order_lines, stg_duties, int_order_lines, dim_fx_rates
-- incremental by order_id (a load recomputes the orders it touched; lib/warehouse/incremental.py):
--   fct_orders, fct_order_lines: by order_id
--   int_order_lines: by source_order_ref (a duties row naming a number on two channels goes to one of their orders)
--   dim_fx_rates: grow-only
WITH keys AS (
    SELECT DISTINCT order_id, channel, source_order_ref FROM int_order_lines
), matched AS (
    SELECT k.order_id, d.*
    FROM stg_duties d JOIN keys k ON k.source_order_ref = d.order_ref AND (d.channel IS NULL OR d.channel = k.channel)
    QUALIFY row_number() OVER (PARTITION BY d._load_id, d._row ORDER BY k.order_id) = 1  -- one order per row
), by_currency AS (
    SELECT m.order_id, m.currency, sum(m.duty_amount) AS duty_amount, sum(m.import_vat_amount) AS import_vat_amount,
           sum(m.clearance_fee_amount) AS clearance_fee_amount,
           sum(CASE WHEN m.is_paid_by_customer THEN 0
                    ELSE m.duty_amount + m.clearance_fee_amount
                         + CASE WHEN m.is_import_vat_recoverable THEN 0 ELSE m.import_vat_amount END END) AS border_cost_amount,
           bool_or(m.is_paid_by_customer) AS any_paid_by_customer, bool_and(m.is_paid_by_customer) AS all_paid_by_customer,
           string_agg(DISTINCT m.hs_code, ', ' ORDER BY m.hs_code) AS hs_codes,
           min(m.destination_country) AS destination_country
    FROM matched m GROUP BY ALL
), duties AS (
    SELECT b.order_id, count(*) AS duty_currencies, min(b.currency) AS duties_currency,
           sum(b.duty_amount) AS duty_amount, sum(b.import_vat_amount) AS import_vat_amount,
           sum(b.clearance_fee_amount) AS clearance_fee_amount, sum(b.border_cost_amount) AS border_cost_amount,
           bool_and(fx.fx_rate IS NOT NULL) AS has_duties_fx_rate,
           sum(b.border_cost_amount * fx.fx_rate)::DOUBLE AS border_cost_reporting_amount,
           bool_and(b.all_paid_by_customer) AS is_paid_by_customer,
           string_agg(b.hs_codes, ', ') AS hs_codes, min(b.destination_country) AS destination_country
    FROM by_currency b
    JOIN fct_orders o USING (order_id)
    LEFT JOIN dim_fx_rates fx ON fx.currency = b.currency AND fx.day = o.order_date
    GROUP BY b.order_id
), cogs AS (
    SELECT order_id, sum(cogs_reporting_amount)::DOUBLE AS landed_cogs_reporting_amount,
           bool_and(cogs_reporting_amount IS NOT NULL) AS has_cogs
    FROM fct_order_lines GROUP BY order_id
)
SELECT o.order_id, o.channel, o.order_date, o.is_in_revenue, o.reporting_currency,
       coalesce(d.destination_country, o.ship_to_country) AS destination_country,
       d.order_id IS NOT NULL AS has_duties, d.hs_codes,
       CASE WHEN d.duty_currencies = 1 THEN d.duties_currency END AS duties_currency,
       CASE WHEN d.duty_currencies = 1 THEN d.duty_amount END AS duty_amount,
       CASE WHEN d.duty_currencies = 1 THEN d.import_vat_amount END AS import_vat_amount,
       CASE WHEN d.duty_currencies = 1 THEN d.clearance_fee_amount END AS clearance_fee_amount,
       CASE WHEN d.duty_currencies = 1 THEN d.border_cost_amount END AS border_cost_amount,
       coalesce(d.is_paid_by_customer, false) AS is_paid_by_customer,
       coalesce(d.has_duties_fx_rate, true) AS has_duties_fx_rate,
       CASE WHEN d.order_id IS NULL THEN 0.0 WHEN d.has_duties_fx_rate THEN d.border_cost_reporting_amount END AS border_cost_reporting_amount,
       coalesce(c.has_cogs, false) AS has_cogs, c.landed_cogs_reporting_amount,
       CASE WHEN c.has_cogs AND coalesce(d.has_duties_fx_rate, true)
            THEN c.landed_cogs_reporting_amount + coalesce(d.border_cost_reporting_amount, 0) END AS landed_cost_reporting_amount,
       o.net_revenue_reporting_amount,
       CASE WHEN c.has_cogs AND coalesce(d.has_duties_fx_rate, true)
            THEN o.net_revenue_reporting_amount - c.landed_cogs_reporting_amount - coalesce(d.border_cost_reporting_amount, 0)
       END AS landed_margin_reporting_amount
FROM fct_orders o
LEFT JOIN duties d USING (order_id)
LEFT JOIN cogs c USING (order_id)
