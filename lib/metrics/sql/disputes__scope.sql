-- disputes__scope: the disputes opened in [$start, $end] matching the shared filters (channel: the dispute's;
-- warehouse, carrier, category: through its order). A fragment composed into other disputes__ files.
-- grain: one row per dispute.
-- upstream: fct_disputes, fct_order_lines
SELECT d.* FROM fct_disputes d
WHERE d.opened_date BETWEEN $start AND $end
  AND (len($channels::VARCHAR[]) = 0 OR list_contains($channels::VARCHAR[], d.channel))
  AND (len($warehouses::VARCHAR[]) = 0 OR list_contains($warehouses::VARCHAR[], d.warehouse))
  AND (len($carriers::VARCHAR[]) = 0 OR list_contains($carriers::VARCHAR[], d.carrier))
  AND (len($categories::VARCHAR[]) = 0
       OR d.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories::VARCHAR[], category)))
