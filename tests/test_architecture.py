"""The architecture, enforced: where Streamlit may be imported, what a page is, where SQL lives, and which way imports
point.  Every rule reads the source (AST), so it runs in a second and names the file and line it objects to.

Exceptions are listed below with their reason, each one a known debt.  An exception that no longer matches anything
fails too, so a list only shrinks.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from sql_scan import REPO, rel, sources, sql_strings

LIB = REPO / "lib"

# ---------------------------------------------------------------- Streamlit only in lib/ui, pages/ and app.py

STREAMLIT_HOMES = ("lib/ui/", "pages/", "app.py")
STREAMLIT_ALLOWED: dict[str, str] = {}  # file -> why it needs Streamlit outside lib/ui (none today)


def _imports(tree: ast.AST):
    """(line, module) of every import statement, at any depth (a lazy import inside a function counts)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_streamlit_is_imported_only_by_the_ui_pages_and_the_router():
    found = [f"{rel(p)}:{line}: imports {mod}" for p in sources() if not rel(p).startswith(STREAMLIT_HOMES)
             and rel(p) not in STREAMLIT_ALLOWED for line, mod in _imports(ast.parse(p.read_text()))
             if mod == "streamlit" or mod.startswith("streamlit.")]
    assert not found, ("Streamlit outside lib/ui, pages/ and app.py (move the Streamlit part into lib/ui):\n"
                       + "\n".join(found))
    assert all((REPO / f).exists() for f in STREAMLIT_ALLOWED), "STREAMLIT_ALLOWED names a file that is gone"


# ---------------------------------------------------------------- pages: registered in app.py, thin

PAGE_MAX_LINES = 80


def registered_pages() -> set[str]:
    """The page modules whose `render` app.py's SECTIONS (the st.navigation it builds) lists, read from its AST."""
    tree = ast.parse((REPO / "app.py").read_text())
    imported = {a.asname or a.name: f"pages.{a.name}" for n in ast.walk(tree)
                if isinstance(n, ast.ImportFrom) and n.module == "pages" for a in n.names}
    sections = next(n.value for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AnnAssign))
                    and any(isinstance(x, ast.Name) and x.id == "SECTIONS" for x in
                            (n.targets if isinstance(n, ast.Assign) else [n.target])))
    return {imported[n.value.id] for n in ast.walk(sections) if isinstance(n, ast.Attribute) and n.attr == "render"
            and isinstance(n.value, ast.Name) and n.value.id in imported}


def test_every_page_is_registered_in_the_navigation():
    registered = registered_pages()
    pages = {f"pages.{p.stem}" for p in (REPO / "pages").glob("*.py") if p.stem != "__init__"}
    missing = sorted(pages - registered)
    assert not missing, ("pages/ files not in app.py's SECTIONS (st.navigation): "
                         + ", ".join(f"pages/{m.split('.')[1]}.py" for m in missing))


def test_pages_are_thin():
    long = [f"pages/{p.name}: {n} lines" for p in sorted((REPO / "pages").glob("*.py"))
            if (n := len(p.read_text().splitlines())) > PAGE_MAX_LINES]
    assert not long, (f"pages longer than {PAGE_MAX_LINES} lines (move the work into lib/ui/<page>.py):\n"
                      + "\n".join(long))


def test_every_page_has_its_page_test():
    """pages/<page>.py is tested in tests/ui/test_<page>_page.py (Streamlit's AppTest), so a page's tests are found
    by its name; tests across pages (the router, the filters, every page on an empty workspace) are tests/ui/test_app.py."""
    missing = [f"pages/{p.name} -> tests/ui/test_{p.stem}_page.py" for p in sorted((REPO / "pages").glob("*.py"))
               if p.stem != "__init__" and not (REPO / "tests" / "ui" / f"test_{p.stem}_page.py").exists()]
    assert not missing, "pages without their page test:\n" + "\n".join(missing)


# ---------------------------------------------------------------- SQL statements live in .sql files

# A whole statement written in Python: SELECT … FROM, WITH … AS ( … FROM, INSERT INTO, CREATE [OR REPLACE] [TEMP]
# TABLE/VIEW/MACRO, DELETE FROM, UPDATE … SET, DROP TABLE/VIEW, ALTER TABLE, ATTACH, DETACH, COPY.  Keywords in
# capitals, as every SQL of the code base writes them (so prose such as "Select a file from…" is not SQL).
# Transaction control (BEGIN, COMMIT, ROLLBACK, CHECKPOINT) and settings (SET, PRAGMA, LOAD) are plumbing, not queries.
SQL_STATEMENT = re.compile(
    r"^\s*(?:(?:WITH\b[\s\S]*?\bAS\s*\(|SELECT\b)[\s\S]*?\bFROM\b|INSERT\s+INTO\b"
    r"|CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:TABLE|VIEW|MACRO|SCHEMA|SEQUENCE|INDEX)\b"
    r"|DELETE\s+FROM\b|UPDATE\s+\w+\s+SET\b|DROP\s+(?:TABLE|VIEW|MACRO|SCHEMA)\b|ALTER\s+TABLE\b|ATTACH\b|DETACH\b"
    r"|COPY\b)")

# Modules that may write SQL statements in Python, and why.  Metric and page queries may not: they are
# lib/metrics/sql/<domain>__<question>.sql files run by lib.metrics.query / one_row.
SQL_ALLOWED = {
    # the warehouse engine: DDL and plumbing that builds tables from the model files and publishes snapshots
    "lib/warehouse/__init__.py": "the build: raw-table DDL from the format registry, cfg_* tables from the settings, "
                                 "seed tables, and CREATE … AS <model .sql file> for every model",
    "lib/warehouse/incremental.py": "builds by key: shadow views and key diffs generated from model headers",
    "lib/warehouse/publish.py": "snapshot parts: ATTACH/DETACH of part files, catalog reads, the snapshot_info view",
    # the loader: SQL generated per file from the format registry (positional columns, typed parse, quarantine)
    "lib/ingest/__init__.py": "the load: temp tables, typed parse, validation and quarantine generated from the "
                              "format registry, the load log",
    "lib/ingest/parse.py": "date-format sniffing over a reservoir sample of a file's positional columns",
    "lib/ingest/reader.py": "reading a file into a temp table of positional VARCHAR columns",
    # the Spark engine: exports inputs, publishes Spark's marts back into the workspace
    "lib/scaleout/export.py": "exports the load log and cfg_* tables for Spark",
    "lib/scaleout/publish.py": "publishes Spark's Parquet marts into the workspace (CREATE … FROM read_parquet)",
    "lib/scaleout/transpile.py": "reads DuckDB's catalog for the marts' column types",
    # files out and the store
    "lib/reports/exports.py": "export plumbing: the catalog's published tables, a Parquet file's row count to verify it",
    "lib/reports/bi.py": "BI export plumbing: the snapshot's version, a written Parquet file's row count",
    "lib/workspace/seed.py": "whether the workspace has any load yet (the load log) before seeding the sample",
    # text for people, not a query the app computes with
    "lib/warehouse/sandbox.py": "the SQL explorer's example queries, offered to the analyst in the editor",
}


def sql_statements():
    """(file, line, start of the text) of every string in lib/, pages/ and app.py that is a whole SQL statement."""
    found = []
    for path in sources():
        for node, text, _ in sql_strings(ast.parse(path.read_text())):
            if SQL_STATEMENT.match(text):
                found.append((rel(path), node.lineno, " ".join(text.split())[:60]))
    return sorted(set(found))


def test_sql_lives_in_sql_files():
    found = sql_statements()
    outside = [f"{f}:{line}: {text!r}" for f, line, text in found if f not in SQL_ALLOWED]
    assert not outside, ("SQL statements in Python (put the query in lib/metrics/sql/<domain>__<question>.sql and run "
                         "it with lib.metrics.query / one_row):\n" + "\n".join(outside))
    stale = sorted(set(SQL_ALLOWED) - {f for f, _, _ in found})
    assert not stale, f"SQL_ALLOWED lists modules that write no SQL statement any more (remove them): {stale}"


def test_the_sql_scan_sees_statements_and_not_prose():
    hits = lambda code: [t for _, t, _ in sql_strings(ast.parse(code)) if SQL_STATEMENT.match(t)]  # noqa: E731
    assert hits('con.execute("SELECT max(order_date) FROM fct_orders")')
    assert hits('con.execute(f"CREATE OR REPLACE TEMP VIEW {v} AS {sql}")')
    assert hits('q = "INSERT INTO {} VALUES (?)".format(t)')
    assert hits('x = ("WITH a AS (SELECT 1) "\n     "SELECT * FROM a")')
    assert not hits('st.caption("Select a carrier from the list")') and not hits('"SELECT statements only"')


# ---------------------------------------------------------------- every .sql file is used

def _string_constants(tree: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _prefixes(tree: ast.AST) -> set[str]:
    """Literal prefixes of f-strings that name a metric file by a variable part (`f"carriers__{name}"`)."""
    return {n.values[0].value for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) and len(n.values) == 2
            and isinstance(n.values[0], ast.Constant) and n.values[0].value.endswith("__")
            and isinstance(n.values[1], ast.FormattedValue)}


def used_metric_sql() -> set[str]:
    """Metric files the code runs: named by a string literal (`query(con, "returns__facts", …)`), or by a prefixed
    name in a module (`f"carriers__{name}"` with `"scorecard"` in the same module), and every file those read as
    a relation (lib.metrics.reads: `FROM returns__facts`)."""
    from lib.metrics import SQL_DIR, reads
    names = {p.stem for p in SQL_DIR.glob("*.sql")}
    used = set()
    for path in sources():
        tree = ast.parse(path.read_text())
        consts = _string_constants(tree)
        used |= names & consts
        used |= names & {p + c for p in _prefixes(tree) for c in consts}
    todo = list(used)
    while todo:
        for d in reads(todo.pop()):
            if d not in used:
                used.add(d)
                todo.append(d)
    return used


def test_every_sql_file_is_used():
    from lib import warehouse
    from lib.metrics import SQL_DIR
    from lib.warehouse import dag
    unused = []
    # lib/metrics/sql: loaded by name (lib.metrics.query), so each must be named by the code or read by a used file
    unused += [f"lib/metrics/sql/{n}.sql: no code runs it and no used metric file reads it"
               for n in sorted({p.stem for p in SQL_DIR.glob("*.sql")} - used_metric_sql())]
    # lib/warehouse/models: staging and intermediate are built by enumerating their folders, so each must be read by
    # another model; marts are built from the MARTS tuple, so each file must be listed there
    models = warehouse.models()
    read = set().union(*dag.graph(models, warehouse.sources()).values())
    unused += [f"lib/warehouse/models/{m.layer}/{m.name}.sql: no model reads it"
               for m in models if m.layer != "marts" and m.name not in read]
    unused += [f"lib/warehouse/models/marts/{p.name}: not in lib.warehouse.MARTS, so never built"
               for p in sorted((LIB / "warehouse" / "models" / "marts").glob("*.sql")) if p.stem not in warehouse.MARTS]
    # any other .sql file: named (with its extension) in a string of the code
    consts = set().union(*(_string_constants(ast.parse(p.read_text())) for p in sources()))
    for p in sorted(LIB.rglob("*.sql")):
        if p.parent == SQL_DIR or (LIB / "warehouse" / "models") in p.parents:
            continue
        if not any(p.name in c for c in consts):
            unused.append(f"{rel(p)}: its name is in no string of lib/, pages/ or app.py")
    assert not unused, "unused .sql files (delete them, or run them):\n" + "\n".join(unused)


# ---------------------------------------------------------------- layers: imports point down

# Lowest first.  A module may import its own layer and the layers before it, never a later one.  Each layer is a
# package of lib/ (the folders are the diagram; README "Layout"), and lib/ holds no loose module but the CLI.
LAYERS = (
    ("sample", ("lib.sample",)),  # the sample business generator (simulator, writers): imports no other layer
    ("ingest", ("lib.ingest",)),  # format registry, readers, loading, mapping presets, the upload intake, templates
    ("warehouse", ("lib.warehouse",)),  # models → marts, their documentation, the analysts' SQL sandbox
    ("store", ("lib.workspace",)),  # the workspace: snapshots, settings, seeding, pins
    ("metrics", ("lib.metrics",)),  # questions over the marts (.sql files), the metric registry, filters, display names
    ("outputs", ("lib.forecast", "lib.viz", "lib.reports", "lib.scaleout")),  # forecasts, charts, files for people and
    # BI tools (workbooks, PDF, CSV/Parquet), the same models on Spark
    ("ui", ("lib.ui",)),  # Streamlit helpers
    ("entry", ("pages", "app", "lib.__main__")),  # the pages, the router, the CLI
)

# (importing file, imported module) -> why it points up today.  A list that only shrinks.
LAYER_ALLOWED = {
    ("lib/ingest/__init__.py", "lib.warehouse"): "ingest_files loads a batch and rebuilds the marts in the same "
                                                 "transaction (load and build want an orchestrator above both)",
    ("lib/ingest/__init__.py", "lib.workspace"): "ingest_files takes the workspace's writer (WorkspaceBusy)",
    ("lib/ingest/templates.py", "lib.metrics.names"): "the table of platform exports (docs/templates.md) names each "
                                                      "platform as people write it (lib.metrics.names.platform)",
    ("lib/warehouse/dictionary.py", "lib.metrics.explorer"): "the `python -m lib.warehouse.dictionary` command reads "
                                                             "an empty workspace's schema",
    ("lib/warehouse/dictionary.py", "lib.workspace"): "the `python -m lib.warehouse.dictionary` command opens an empty "
                                                      "workspace",
    ("lib/workspace/settings.py", "lib.metrics.registry"): "a KPI target's unit (its validation and the Settings "
                                                           "table's labels) comes from the metric registry",
}


def test_lib_holds_packages_not_loose_modules():
    loose = sorted(p.name for p in LIB.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert not loose, f"modules at lib/ root (move each into the package of its job, a layer of LAYERS): {loose}"
    packages = {p.name for p in LIB.iterdir() if (p / "__init__.py").exists()}
    named = {prefix.split(".")[1] for _, prefixes in LAYERS for prefix in prefixes if prefix.startswith("lib.")}
    assert packages <= named, f"lib packages in no layer of LAYERS: {sorted(packages - named)}"


def layer_of(module: str) -> int | None:
    for i, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    return None


def _module_of(path: Path) -> tuple[str, str]:
    """(module name, the package its relative imports start from)."""
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
        return ".".join(parts), ".".join(parts)
    return ".".join(parts), ".".join(parts[:-1])


def _exists(module: str) -> bool:
    p = REPO.joinpath(*module.split("."))
    return p.with_suffix(".py").exists() or (p / "__init__.py").exists()


def project_imports(path: Path):
    """(line, module) of every import of lib, pages or app in `path`, relative imports resolved, `from lib.metrics
    import names` read as lib.metrics.names."""
    me, package = _module_of(path)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                base = ".".join(up + ([node.module] if node.module else []))
            targets = [f"{base}.{a.name}" if _exists(f"{base}.{a.name}") else base for a in node.names]
        else:
            continue
        for t in dict.fromkeys(targets):
            if t.split(".")[0] in ("lib", "pages", "app"):
                yield node.lineno, t


def layer_violations():
    """(file, line, imported module, message) of every import from a lower layer to a higher one."""
    names = [n for n, _ in LAYERS]
    out = []
    for path in sources():
        me = _module_of(path)[0]
        if me == "lib":  # the package marker: empty, and kept so
            assert not list(project_imports(path)), "lib/__init__.py imports the project: it belongs in no layer"
            continue
        mine = layer_of(me)
        assert mine is not None, f"{rel(path)} ({me}) is in no layer of LAYERS: add it to one"
        for line, target in project_imports(path):
            theirs = layer_of(target)
            if theirs is not None and theirs > mine:
                out.append((rel(path), line, target,
                            f"{rel(path)}:{line}: imports {target} ({names[theirs]}) from the {names[mine]} layer"))
    return sorted(out)


def _allowed(f: str, target: str):
    return next((k for k in LAYER_ALLOWED if k[0] == f and (target == k[1] or target.startswith(k[1] + "."))), None)


def test_imports_point_down_the_layers():
    found = layer_violations()
    up = [msg for f, _, t, msg in found if not _allowed(f, t)]
    order = " → ".join(n for n, _ in LAYERS)
    assert not up, (f"imports from a lower layer to a higher one (layers, lowest first: {order}):\n" + "\n".join(up))
    stale = sorted(set(LAYER_ALLOWED) - {_allowed(f, t) for f, _, t, _ in found})
    assert not stale, f"LAYER_ALLOWED lists imports that are gone (remove them): {stale}"


def test_the_layer_check_resolves_relative_imports():
    ui = REPO / "lib" / "ui" / "review.py"
    assert any(t == "lib.metrics.names" for _, t in project_imports(ui))  # `from ..metrics import names`
    imports = set(t for _, t in project_imports(REPO / "lib" / "warehouse" / "__init__.py"))
    assert {"lib.ingest.formats", "lib.warehouse.dag"} <= imports  # `from ..ingest.formats import …`, `from . import dag`
    assert layer_of("lib.metrics.settings") == layer_of("lib.metrics") != layer_of("lib.workspace.settings")
    assert layer_of("lib.metrics.names") == layer_of("lib.metrics") and layer_of("lib.reports.bi") == layer_of("lib.viz")


# ---------------------------------------------------------------- the README's layout is the tree

def readme_layout() -> str:
    """The code block under README's "## Layout" heading."""
    text = (REPO / "README.md").read_text()
    start = text.index("```\n", text.index("\n## Layout\n")) + 4
    return text[start:text.index("```", start)]


def test_the_readme_layout_matches_the_tree():
    block = readme_layout()
    path = r"(?<![\w/.])((?:lib|pages|docs|notebooks|sample_data|tests|bench)/[\w/]*(?:\.py)?|app\.py)"
    named = set(re.findall(path, block))
    missing = sorted(n for n in named if not (REPO / n).exists())
    assert not missing, f"README's layout names paths that do not exist (redraw it from the tree): {missing}"
    packages = sorted(f"lib/{p.name}/" for p in LIB.iterdir() if (p / "__init__.py").exists())
    unlisted = [p for p in packages if p not in named]
    assert not unlisted, f"lib packages missing from README's layout: {unlisted}"
    # the modules and folders an entry names beside its package (`dictionary.py` on the lib/warehouse/ line) exist
    entries = re.split(r"\n(?=\S)", block)
    for entry in entries:
        pkg = next((p for p in packages if entry.startswith(p)), None)
        if pkg:
            for name in re.findall(r"(?<![\w/.<>])([a-z_]+(?:\.py|/))(?=[\s,;:)])", entry[len(pkg):]):
                assert (REPO / pkg / name).exists(), f"README's layout names {pkg}{name}, which does not exist"
