-- workspace__reporting_currency: the currency every money total is in (Settings).
-- grain: one row.
-- upstream: cfg_reporting
SELECT reporting_currency
FROM cfg_reporting
