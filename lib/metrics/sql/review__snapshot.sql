-- review__snapshot: the version of the snapshot being read (0 when the connection is not on a published snapshot).
-- grain: one row.
-- upstream: snapshot_info
SELECT coalesce(max(version), 0) AS version, max(published_at) AS published_at FROM snapshot_info
