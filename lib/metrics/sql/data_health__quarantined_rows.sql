-- data_health__quarantined_rows: the rows of one load that were kept out, with the column and reason.
-- grain: one row per quarantined row and problem.
-- upstream: quarantine
-- params: $load_id
SELECT row_number AS "row", column_name AS "column", reason, value
FROM quarantine
WHERE load_id = $load_id
ORDER BY row_number, column_name
