"""The package's shape holds: imports point down the layers, no cycle, internal imports at the top, modules under 500 lines.

Read with ``ast`` from the source, so the test sees what a newcomer reading ``src/paperweek/`` sees.
docs/architecture.md draws the layers this guards.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from conftest import REPO

SRC = REPO / "src"
PACKAGE = SRC / "paperweek"
# The lazy command group imports each command's module when it runs: that is what keeps --help fast.
LAZY_GROUP = "paperweek.cli"
# The few internal imports kept inside a function, each with the cost it saves measured in a comment
# at the import (docs/architecture.md): a whole subsystem a common path does not need.
LAZY_ON_PURPOSE = {
    ("paperweek.render.context", "paperweek.render.kept"),  # the item grammar, only for kept layouts
    ("paperweek.operations.check", "paperweek.importer.parse"),  # the README parser, only when it differs
    ("paperweek.operations.check", "paperweek.operations.check_online"),  # arXiv client, only with --online
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _target(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        if node.level:
            parts = base.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1])
            stem = base + ("." + node.module if node.module else "")
        else:
            stem = node.module or ""
        names = [f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in MODULES else stem for alias in node.names]
    resolved = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name.startswith("paperweek") and name != module:
            resolved.append(name)
    return resolved


def _imports() -> tuple[dict[str, set[str]], list[tuple[str, str, int]]]:
    """Every internal import (type-checking blocks aside), and the ones made inside a function."""
    graph: dict[str, set[str]] = defaultdict(set)
    local: list[tuple[str, str, int]] = []

    def walk(module: str, node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for target in _target(module, child):
                    graph[module].add(target)
                    if inside:
                        local.append((module, target, child.lineno))
            walk(module, child, inside)

    for module, path in MODULES.items():
        walk(module, ast.parse(path.read_text(encoding="utf-8")), False)
    return graph, local


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle() -> None:
    graph, _ = _imports()
    assert _cycles(graph) == []


def test_internal_imports_are_at_the_top() -> None:
    _, local = _imports()
    hidden = [
        f"{module}:{line} imports {target}"
        for module, target, line in local
        if module != LAZY_GROUP and (module, target) not in LAZY_ON_PURPOSE
    ]
    assert hidden == []
    # An exception nobody needs any more goes from the list too.
    assert {(module, target) for module, target, _ in local} >= LAZY_ON_PURPOSE


def test_no_module_over_500_lines() -> None:
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}


# docs/architecture.md's layers, lowest first; a module may import its own layer or those below.
LAYERS = [
    {"paperweek", "config", "env", "errors", "ids", "markdown", "models", "periods", "safetext", "sections", "serialize", "tags", "words"},
    {"store"},
    {"grammar"},
    {"cache", "discover", "export", "index", "render", "site", "sources", "summarize"},
    {"importer"},
    {"operations"},
    {"cli", "__main__"},
]


def _layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else module
    return next(i for i, names in enumerate(LAYERS) if part in names)


def test_imports_point_down_the_layers() -> None:
    """Every import, type-only ones included: a module never names one from a layer above it."""
    upward = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                upward += [f"{module} -> {t}" for t in _target(module, node) if _layer(t) > _layer(module)]
    assert upward == []
