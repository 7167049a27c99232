-- data_health__checks: rows and date range per entity, and the counts of the main gaps between entities.
-- grain: one row per check.
-- upstream: rpt_data_health
SELECT entity, check_name, value::BIGINT AS value, first_date, last_date FROM rpt_data_health
