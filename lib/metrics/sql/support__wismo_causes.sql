-- support__wismo_causes: "where is my order" contacts by the carrier and warehouse of the package at issue.
-- grain: one row per carrier × warehouse with WISMO tickets in scope ('No linked order' / 'Not shipped' included).
-- upstream: support__tickets
SELECT carrier, warehouse, count(*) AS wismo_tickets,
       count(*) FILTER (WHERE delivery_issue = 'late') AS late_tickets,
       count(*) FILTER (WHERE delivery_issue = 'lost') AS lost_tickets,
       count(*) FILTER (WHERE is_late_or_lost) / count(*) AS late_or_lost_share
FROM (SELECT * FROM support__tickets) t
WHERE is_wismo
GROUP BY ALL
ORDER BY wismo_tickets DESC, carrier, warehouse
