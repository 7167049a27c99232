-- support__summary: the period's contacts, WISMO share, service times against target and satisfaction.
-- grain: one row per help desk plus one for all of them (help_desk 'All').
--        Times are elapsed hours; medians over the tickets that have the time (a first reply, a resolution).
-- upstream: support__tickets
SELECT coalesce(help_desk, 'All') AS help_desk, count(*) AS tickets,
       count(*) FILTER (WHERE has_order) AS linked_tickets,
       count(*) FILTER (WHERE is_wismo) AS wismo_tickets,
       count(*) FILTER (WHERE is_wismo AND is_late_or_lost) AS wismo_late_or_lost_tickets,
       count(first_reply_hours) AS replied_tickets,
       median(first_reply_hours) AS first_reply_median_hours,
       quantile_cont(first_reply_hours, 0.9) AS first_reply_p90_hours,
       count(*) FILTER (WHERE is_first_reply_within_target) AS first_reply_within_target,
       count(*) FILTER (WHERE is_resolved AND resolution_hours IS NOT NULL) AS resolved_tickets,
       median(resolution_hours) FILTER (WHERE is_resolved) AS resolution_median_hours,
       quantile_cont(resolution_hours, 0.9) FILTER (WHERE is_resolved) AS resolution_p90_hours,
       count(*) FILTER (WHERE is_resolved_within_target) AS resolved_within_target,
       count(*) FILTER (WHERE is_rated) AS rated_tickets,
       count(*) FILTER (WHERE is_rated AND is_satisfied) AS satisfied_tickets
FROM (SELECT * FROM support__tickets) t
GROUP BY ROLLUP (help_desk)
ORDER BY help_desk IS NULL DESC, help_desk
