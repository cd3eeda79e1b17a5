"""The package's shape holds: imports point down the layers, no cycle, internal imports at the top, modules under 500 lines.

Read with ``ast`` from the source, so the test sees what a newcomer reading ``src/paperweek/`` sees.
docs/architecture.md draws the layers this guards.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
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
    ("paperweek.operations.fetcher", "paperweek.sources.arxiv"),  # the run's clients, made when first asked
    ("paperweek.operations.fetcher", "paperweek.sources.hf"),
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
    {"paperweek", "config", "days", "env", "errors", "ids", "markdown", "models", "periods", "safetext", "serialize", "tags", "words"},
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
        if module == FACADE:
            continue  # the public API, above operations: test_public_api_is_lazy_and_complete
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                upward += [f"{module} -> {t}" for t in _target(module, node) if _layer(t) > _layer(module)]
    assert upward == []


FACADE = "paperweek"  # src/paperweek/__init__.py: the public API (docs/api.md)
CORE = LAYERS[0]


def test_cli_imports_only_operations_store_and_core() -> None:
    """The command line parses and prints: what it does to a log is an operation a library caller can call too."""
    graph, _ = _imports()
    allowed = {"cli", "operations", "store", *CORE}
    reached = {
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.startswith("paperweek.cli")
        for target in targets
        if (target.split(".")[1] if "." in target else target) not in allowed
    }
    assert reached == set()


def test_public_api_is_lazy_and_complete() -> None:
    """``import paperweek`` loads nothing else; every public name comes from its owner on first use; the
    names type checkers see (TYPE_CHECKING) are the ones ``__getattr__`` serves and ``__all__`` lists."""
    import paperweek

    tree = ast.parse(MODULES[FACADE].read_text(encoding="utf-8"))
    typed: dict[str, str] = {}
    runtime: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module
                typed.update({alias.name: imp.module for alias in imp.names})
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            runtime += [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
    assert not [name for name in runtime if name.startswith("paperweek")]
    assert typed == paperweek._API
    assert sorted(paperweek.__all__) == sorted(["__version__", *typed])
    for name, owner in typed.items():
        assert getattr(paperweek, name) is getattr(importlib.import_module(owner), name), name
        assert _layer(owner) <= _layer("paperweek.operations"), owner
    with pytest.raises(AttributeError):
        _ = paperweek.no_such_name  # type: ignore[attr-defined]

    # a fresh interpreter: the command's start-up (cli) loads no operation, store or render module
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, paperweek.cli; print(sorted(m for m in sys.modules if m.startswith('paperweek')))"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert ast.literal_eval(loaded) == ["paperweek", "paperweek.cli", "paperweek.errors"]


WEEK_FILE = "paperweek.store.weekfile"


def test_only_the_week_file_package_opens_its_private_modules() -> None:
    """Which YAML path reads or writes a week file is decided in store/weekfile/ alone: outside it,
    modules use its verbs (read_week, write_week, week_text), never the fast, round-trip or schema modules."""
    private = {
        f"{module} -> {target}"
        for module, path in MODULES.items()
        if not module.startswith(WEEK_FILE)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))  # type-only imports too
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for target in _target(module, node)
        if target.startswith(WEEK_FILE + "._")
    }
    assert private == set()
    assert {m for m in MODULES if m.startswith(WEEK_FILE + "._")} == {
        f"{WEEK_FILE}._{name}" for name in ("fast", "fastyaml", "roundtrip", "schema")
    }


def test_init_and_import_do_not_load_the_site_builder(tmp_path: Path) -> None:
    """Making a log reads a list and writes a README; the website's builder (its views, charts, feed)
    is ``site``'s and ``demo``'s: ``paperweek.site`` imports nothing, ``demo`` is its own command module."""
    seed = SRC.parents[1] / "shared" / "fixtures" / "seed-README.md"
    script = (
        "import sys; from paperweek.cli import main\n"
        f"sys.argv = ['paperweek', '--dir', {str(tmp_path / 'log')!r}, 'import', {str(seed)!r}]\n"
        "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
        "print(sorted(m for m in sys.modules if m.startswith('paperweek.site') or m.endswith('publish')))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert ast.literal_eval(loaded.strip().splitlines()[-1]) == ["paperweek.site", "paperweek.site.workflow"]
