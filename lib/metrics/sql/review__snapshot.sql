-- review__snapshot: the version of the snapshot being read (0 when the connection is not on a published snapshot) and
-- the reporting currency of its money figures.
-- grain: one row.
-- upstream: snapshot_info, cfg_reporting
SELECT coalesce(max(version), 0) AS version, max(published_at) AS published_at,
       (SELECT max(reporting_currency) FROM cfg_reporting) AS reporting_currency
FROM snapshot_info
