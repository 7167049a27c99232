"""The AST scan of SQL text in the code, shared by two tests:

* tests/security/test_sql_construction.py: what is formatted into SQL-looking strings (every interpolation reviewed);
* tests/test_architecture.py: which strings are whole SQL statements (queries belong in `.sql` files).

`sql_strings(tree)` yields every string the code writes, once each, as (node, literal text, interpolated expressions):
a plain literal (implicitly concatenated literals are one), an f-string, `"…".format(…)` and `"…" % …`.
"""
from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def sources(roots=("lib", "pages")) -> list[Path]:
    """The application's Python files: lib/ (recursively), pages/ and app.py."""
    files = [f for r in roots for f in ((REPO / r).rglob("*.py") if r == "lib" else (REPO / r).glob("*.py"))]
    return sorted(f for f in [*files, REPO / "app.py"] if f.exists())


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def constant_text(node: ast.JoinedStr) -> str:
    """The literal parts of an f-string."""
    return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))


def _is_str(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def sql_strings(tree: ast.AST):
    """(node, text, expressions) for each string the code builds; `text` holds only the literal parts (an f-string's
    replacement fields are left out), `expressions` the nodes interpolated into it."""
    inner = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    templates = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
                and _is_str(node.func.value)):
            templates.add(id(node.func.value))
            yield node, node.func.value.value, list(node.args) + [k.value for k in node.keywords]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _is_str(node.left):
            templates.add(id(node.left))
            yield node, node.left.value, [node.right]
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in inner:
            yield node, constant_text(node), [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
        elif _is_str(node) and id(node) not in inner and id(node) not in templates:
            yield node, node.value, []
