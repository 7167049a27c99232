-- data_health__load_history: every file load, newest first.
-- grain: one row per load.
-- upstream: load_log
SELECT load_id, file_name, left(sha256, 12) AS sha256_short, format, rows_read, rows_loaded, rows_quarantined,
       loaded_by, loaded_at, status, size_bytes, encoding, notes
FROM load_log
ORDER BY load_id DESC
