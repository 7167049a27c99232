"""The warehouse's models on Apache Spark, for businesses one machine no longer serves (docs/scaleout.md).

transpile: the DuckDB models as Spark SQL (sqlglot + rules); rules: the project's AST rules; export: a workspace's
raw, cfg and seed tables as Parquet; spark: the session and the build; compare: the equality harness; cli:
`python -m lib scaleout`; pages: the page queries on Spark (recorded as the pages run them); publish: Spark's marts
as the workspace's snapshot (`python -m lib build --engine spark`). Only `spark` imports pyspark
(requirements-scaleout.txt).
"""
