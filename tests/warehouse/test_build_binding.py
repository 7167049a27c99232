"""The build's binding of one-row text settings as constants, and the message of a failed build."""
import duckdb

from lib.warehouse import BuildFailed, _bind_constants, _cfg_constants, dag


def test_text_settings_of_one_row_cfg_tables_become_literals():
    con = duckdb.connect()
    con.execute("CREATE TABLE cfg_support AS SELECT '(?i)order #(\\d+)' AS order_tag_pattern, 'it''s' AS note, 4 AS n")
    con.execute("CREATE TABLE cfg_holidays AS SELECT * FROM (VALUES ('a'), ('b')) t(name)")  # two rows: never bound
    constants = _cfg_constants(con)
    assert constants == {("order_tag_pattern", "cfg_support"): "'(?i)order #(\\d+)'", ("note", "cfg_support"): "'it''s'"}
    m = dag.Model("x", "marts", "SELECT regexp_extract(s, (SELECT order_tag_pattern FROM cfg_support), 1), "
                                "(SELECT note FROM cfg_support), (SELECT n FROM cfg_support), "
                                "(SELECT name FROM cfg_holidays) FROM t")
    bound = _bind_constants(m, constants)
    assert bound.sql == ("SELECT regexp_extract(s, '(?i)order #(\\d+)', 1), 'it''s', (SELECT n FROM cfg_support), "
                         "(SELECT name FROM cfg_holidays) FROM t")
    con.execute("CREATE TABLE t AS SELECT 'order #12' AS s")
    assert con.execute(f"SELECT regexp_extract(s, {constants[('order_tag_pattern', 'cfg_support')]}, 1) FROM t"
                       ).fetchone() == ("12",)
    assert _bind_constants(dag.Model("y", "marts", "SELECT 1"), constants).sql == "SELECT 1"


def test_a_failed_build_names_the_model_and_the_setting_to_raise():
    oom = BuildFailed("fct_returns", RuntimeError("Out of Memory Error: could not allocate"),
                      {"limits": {"memory_limit_mb": 1024}})
    assert "fct_returns" in str(oom) and "1024 MB" in str(oom) and "Memory for loads and rebuilds" in str(oom)
    other = BuildFailed("fct_orders", ValueError("bad\nsecond line"), {})
    assert str(other) == "building fct_orders failed (ValueError: bad)"
