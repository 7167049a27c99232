"""The Spark build through a standalone cluster, not only `local` mode: a master and two workers started on
localhost with the classes that ship with pyspark (bin/spark-class), one core each, and the same equality with
DuckDB as test_spark_equality. Skipped unless pyspark and a Java runtime are installed; several minutes."""
from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.spark, pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                       reason="pyspark is not installed (pip install -r requirements-scaleout.txt)"),
    pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime (apt-get install openjdk-17-jre-headless)"),
    pytest.mark.skipif(os.environ.get("OPSDESK_SLOW") != "1",
                       reason="several minutes of Spark: set OPSDESK_SLOW=1 (test_spark_pages runs in every test run)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise TimeoutError(f"nothing listens on port {port}")


@pytest.fixture(scope="module")
def standalone_master(tmp_path_factory):
    spark_home = Path(importlib.util.find_spec("pyspark").origin).parent
    spark_class = str(spark_home / "bin" / "spark-class")
    logs = tmp_path_factory.mktemp("spark-logs")
    env = {**os.environ, "SPARK_HOME": str(spark_home), "SPARK_LOCAL_IP": "127.0.0.1",
           "PYSPARK_PYTHON": sys.executable, "SPARK_WORKER_DIR": str(logs / "work")}
    port, ui = _free_port(), _free_port()
    url = f"spark://127.0.0.1:{port}"
    procs = [subprocess.Popen([spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                               "--port", str(port), "--webui-port", str(ui)],
                              env=env, stdout=open(logs / "master.log", "w"), stderr=subprocess.STDOUT)]
    try:
        _wait_for(port)
        for i in range(2):
            procs.append(subprocess.Popen(
                [spark_class, "org.apache.spark.deploy.worker.Worker", url, "--cores", "1", "--memory", "1g",
                 "--webui-port", str(_free_port()), "--host", "127.0.0.1"],
                env=env, stdout=open(logs / f"worker{i}.log", "w"), stderr=subprocess.STDOUT))
        yield url
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_build_through_a_master_and_two_workers(standalone_master, tmp_path):
    from lib.ingest import ingest_files
    from lib.sample import generate
    from lib.scaleout.compare import compare_marts
    from lib.scaleout.export import export_workspace
    from lib.scaleout.spark import build, session
    from lib.warehouse import MARTS, rebuild
    from lib.workspace import Workspace
    ws = Workspace.open(tmp_path / "ws")
    assert all(r.ok for r in ingest_files(ws, generate(tmp_path / "files", orders=200, seed=5), loaded_by="test"))
    rebuild(ws)
    export_workspace(ws, tmp_path / "raw")
    spark = session(standalone_master, {"spark.executor.memory": "768m", "spark.executor.cores": "1",
                                        "spark.cores.max": "2", "spark.sql.shuffle.partitions": "4"})
    try:
        master = spark.sparkContext.master
        report = build(spark, str(tmp_path / "raw"), str(tmp_path / "marts"))
        # block managers: the driver's and one per executor that ran the build's tasks
        executors = spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() - 1
    finally:
        spark.stop()
    assert master == standalone_master
    assert executors == 2, f"{executors} executor(s) ran the build"
    con = ws.reader()
    try:
        diffs = compare_marts(con, str(tmp_path / "marts"), MARTS)
    finally:
        con.close()
    assert set(report.rows) == set(MARTS)
    assert [f"{d.mart}: {d.detail}" for d in diffs if not d.equal] == []
