-- carriers__dim_weight: packages with dimensions and weight, their dimensional and billed weight, and what a smaller
-- box would have saved: (a) the next-smaller standard box ($box_volumes, ascending, with $box_labels), (b) dims cut
-- to the volume whose dim weight equals the actual weight (billed = actual). Pounds saved are priced at the marginal
-- label cost per billed lb: least-squares slope of label cost on billed weight within carrier × service × zone
-- (at least 3 packages of different weights), else carrier × service, else carrier; never negative. Billed weights
-- are compared in whole pounds, rounded up, as carriers bill them.
-- grain: one row per package in scope with weight and all three dimensions. Reads carriers__shipments.sql (same $params).
-- upstream: carriers__shipments, cfg_sla
WITH slopes AS (
    SELECT carrier, service, zone, grouping(service, zone) AS g,
           CASE WHEN count(*) >= 3 AND var_pop(rated_weight_lb) > 0 THEN regr_slope(label_cost_amount, rated_weight_lb) END AS slope
    FROM carriers__shipments
    WHERE label_cost_amount IS NOT NULL AND rated_weight_lb IS NOT NULL
    GROUP BY GROUPING SETS ((carrier, service, zone), (carrier, service), (carrier))
), pk AS (
    SELECT s.*, s.length_in * s.width_in * s.height_in AS volume_in3,
           list_max(list_filter($box_volumes, lambda v: v < s.length_in * s.width_in * s.height_in - 1e-9)) AS next_box_volume_in3,
           (SELECT dim_divisor FROM cfg_sla) AS dim_divisor
    FROM carriers__shipments s
    WHERE s.weight_lb IS NOT NULL AND s.length_in IS NOT NULL AND s.width_in IS NOT NULL AND s.height_in IS NOT NULL
), priced AS (
    SELECT pk.*,
           list_extract($box_labels, list_position($box_volumes, pk.next_box_volume_in3)) AS next_box,
           ceil(billed_weight_lb - 1e-9) AS billed_whole_lb,
           CASE WHEN is_dim_billed AND next_box_volume_in3 IS NOT NULL
                THEN least(ceil(billed_weight_lb - 1e-9), greatest(ceil(weight_lb - 1e-9), ceil(next_box_volume_in3 / dim_divisor - 1e-9)))
                ELSE ceil(billed_weight_lb - 1e-9) END AS next_box_billed_weight_lb,
           CASE WHEN is_dim_billed THEN least(ceil(billed_weight_lb - 1e-9), ceil(weight_lb - 1e-9))
                ELSE ceil(billed_weight_lb - 1e-9) END AS fit_billed_weight_lb,
           weight_lb * dim_divisor AS fit_volume_in3,
           greatest(coalesce(a.slope, b.slope, c.slope), 0) AS marginal_cost_per_lb
    FROM pk
    LEFT JOIN slopes a ON a.g = 0 AND a.carrier = pk.carrier AND a.service = pk.service AND a.zone = pk.zone
    LEFT JOIN slopes b ON b.g = 1 AND b.carrier = pk.carrier AND b.service = pk.service
    LEFT JOIN slopes c ON c.g = 3 AND c.carrier = pk.carrier
)
SELECT shipment_id, order_id, carrier, service, warehouse, zone, weight_band, ship_date,
       weight_lb, length_in, width_in, height_in, volume_in3, dim_divisor, dim_weight_lb, billed_weight_lb,
       is_dim_billed, CASE WHEN is_dim_billed THEN billed_weight_lb - weight_lb ELSE 0 END AS dim_excess_lb, label_cost_amount,
       billed_whole_lb,
       next_box, next_box_volume_in3, next_box_billed_weight_lb,
       billed_whole_lb - next_box_billed_weight_lb AS next_box_lb_saved,
       fit_volume_in3, fit_billed_weight_lb, billed_whole_lb - fit_billed_weight_lb AS fit_lb_saved,
       marginal_cost_per_lb,
       (billed_whole_lb - next_box_billed_weight_lb) * marginal_cost_per_lb AS next_box_savings_amount,
       (billed_whole_lb - fit_billed_weight_lb) * marginal_cost_per_lb AS fit_savings_amount
FROM priced
ORDER BY ship_date, shipment_id
