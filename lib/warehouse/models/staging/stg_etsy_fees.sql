-- stg_etsy_fees: the card processing fees EtsySoldOrders states per order, as marketplace fee amounts (negative:
-- money the seller pays, as in Amazon's settlement), in the order's currency.
-- grain: one row per order with a card processing fee, of each order's latest load.
-- upstream: latest_etsy_orders
-- After a refund (Adjusted Order Total above 0) the adjusted fee is the one charged. Etsy's other fees (transaction,
-- listing, offsite ads) are in its monthly statement, which Opsdesk does not read.
SELECT NULL::VARCHAR AS settlement_id, 'etsy:' || ltrim(trim(order_id), '#') AS order_id, 'etsy' AS channel,
       NULL::VARCHAR AS sku, 0 AS quantity, sale_date AS posted_at, 'Order' AS transaction_type,
       'CardProcessingFee' AS amount_type, 'Card processing fees' AS amount_description,
       -(CASE WHEN adjusted_order_total > 0 THEN coalesce(adjusted_card_processing_fees, card_processing_fees)
              ELSE card_processing_fees END)::DOUBLE AS amount,
       upper(trim(currency)) AS currency, 'other_fee' AS fee_group
FROM latest_etsy_orders
WHERE card_processing_fees IS NOT NULL AND card_processing_fees <> 0
QUALIFY row_number() OVER (PARTITION BY ltrim(trim(order_id), '#') ORDER BY _row DESC) = 1
