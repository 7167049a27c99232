"""The models' dependency graph, read from their SQL, and the models a load has to rebuild.

A model's inputs are the workspace objects its SQL names (raw tables, `latest_<format>` views, staging and
intermediate models, marts, `cfg_*` settings tables, seeds, the load log). A load changes raw tables (and the load
log); the models to rebuild are those downstream of what changed, plus any model whose SQL changed since it was
built (an upgrade), and the models that read the clock (`current_date`) when the day has changed since they were
built. Everything else keeps its table from the last build: the same SQL over the same inputs gives the same rows.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
_WORD = re.compile(r"\b[a-z_][a-z0-9_]*\b")
_CLOCK = re.compile(r"\b(current_date|current_timestamp|now\s*\(|today\s*\()", re.I)


@dataclass(frozen=True)
class Model:
    name: str
    layer: str  # staging | intermediate | marts
    sql: str

    @property
    def sql_hash(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()[:16]

    @property
    def reads_clock(self) -> bool:
        return bool(_CLOCK.search(_COMMENT.sub(" ", self.sql)))


def refs(sql: str, known: frozenset[str]) -> frozenset[str]:
    """The known object names an SQL text reads (comments and string literals aside)."""
    body = re.sub(r"'(?:[^']|'')*'", "''", _COMMENT.sub(" ", sql))
    return frozenset(w for w in _WORD.findall(body.lower()) if w in known)


@lru_cache(maxsize=8)
def graph(models: tuple[Model, ...], sources: frozenset[str]) -> dict[str, frozenset[str]]:
    """model name → the names (models or sources) it reads directly."""
    known = frozenset(m.name for m in models) | sources
    return {m.name: refs(m.sql, known) - {m.name} for m in models}


def downstream(models: tuple[Model, ...], sources: frozenset[str], changed: set[str]) -> set[str]:
    """The models that read, directly or through other models, any of `changed`."""
    g = graph(models, sources)
    dirty: set[str] = set()
    grew = True
    while grew:
        grew = False
        for m in models:
            if m.name not in dirty and g[m.name] & (changed | dirty):
                dirty.add(m.name)
                grew = True
    return dirty


def upstream(models: tuple[Model, ...], sources: frozenset[str], names: set[str]) -> set[str]:
    """`names` and every model they read, directly or not."""
    g = graph(models, sources)
    seen, todo = set(), list(names)
    while todo:
        n = todo.pop()
        if n in seen or n not in g:
            continue
        seen.add(n)
        todo.extend(g[n])
    return seen
