-- explorer__schema: the tables and columns an analyst can query in the current snapshot.
-- grain: one row per table and column, in table order.
-- upstream: information_schema.columns
SELECT table_name, column_name, data_type, ordinal_position
FROM information_schema.columns
WHERE table_schema = 'main' AND table_catalog = current_database()  -- not the snapshot's attached part files
ORDER BY table_name, ordinal_position
