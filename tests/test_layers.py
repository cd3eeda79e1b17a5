"""The layers of docs/architecture.md hold, and the library names parameters in its own words.

Imports point one way (cli -> operations -> render/sources/summarize/cache -> store -> core):
nothing outside the CLI imports it, nothing below the operations layer imports that.
Errors about a parameter's value are ``ParamError``s: the library says ``position``, the
command line says ``--position`` -- the same sentence the user always read.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from paperweek.discover.categories import parse_categories
from paperweek.errors import ParamError
from paperweek.operations.add import add_other
from paperweek.operations.move import move_paper
from paperweek.store import open_log

PACKAGE = REPO / "src" / "paperweek"


def _imports(path: Path) -> set[str]:
    """Every paperweek module a file imports, at the top, in functions or under TYPE_CHECKING."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("paperweek.")}


def _modules() -> dict[str, set[str]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(("paperweek", *path.relative_to(PACKAGE).with_suffix("").parts))
        out[name.removesuffix(".__init__")] = _imports(path)
    return out


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_only_the_entry_point_imports_the_cli() -> None:
    upward = {m: sorted(i for i in imps if _within(i, "paperweek.cli"))
              for m, imps in _modules().items() if not _within(m, "paperweek.cli") and m != "paperweek.__main__"}
    assert {m: i for m, i in upward.items() if i} == {}


def test_nothing_below_the_operations_layer_imports_it() -> None:
    upward = {m: sorted(i for i in imps if _within(i, "paperweek.operations"))
              for m, imps in _modules().items()
              # the package's own __init__ is the public API above operations (its names load lazily)
              if not _within(m, "paperweek.cli") and not _within(m, "paperweek.operations") and m != "paperweek"}
    assert {m: i for m, i in upward.items() if i} == {}


def test_the_pure_tag_rules_do_not_write_the_log() -> None:
    """``tags`` computes tags; writing them (``paperweek tag``) is operations.tagging's job."""
    source = (PACKAGE / "tags.py").read_text(encoding="utf-8")
    assert "save_week" not in source and "locked(" not in source


def test_library_names_parameters_and_the_cli_names_flags(log_dir: Path) -> None:
    log = open_log(log_dir)
    ref = next(p.id for _, p in log.papers())
    with pytest.raises(ParamError) as raised:
        move_paper(log, ref, position=1, before=ref)
    assert str(raised.value) == "give only one of position, before, after"
    with pytest.raises(ParamError) as raised:
        add_other(log, title=" ", url="https://example.com/post", released="2024-04-20", week=log.weeks[0].start)
    assert str(raised.value) == "title is empty; give the item's title"
    with pytest.raises(ParamError) as raised:
        parse_categories("cs.XX")
    assert str(raised.value).startswith("arxiv: 'cs.XX' is not an arXiv category")

    # the command line: the very sentences paperweek printed before the library spoke its own words
    cases = [
        (["move", ref, "--position", "1", "--before", ref], "give only one of --position, --before, --after"),
        (["move", ref], "say where to: --week DATE, --position N, --before ID or --after ID"),
        (["move", ref, "--position", "99"], "--position 99 is out of range 1.."),
        (["add", "--title", " ", "--url", "https://example.com/p", "--released", "2024-04-20"],
         "--title is empty; give the item's title"),
        (["add", "--title", "T", "--url", "ftp://example.com/p", "--released", "2024-04-20"],
         "--url 'ftp://example.com/p' is not an http(s) URL"),
        (["add", "--title", "T", "--url", "https://example.com/p", "--released", "soon"], "--released: "),
        (["add", "--title", "T", "--url", "https://example.com/p", "--released", "2024-04-20", "--repo", "javascript:x"],
         "--repo 'javascript:x': only http(s) links are allowed"),
        (["edit", ref, "--title", " "], "--title is empty; give the new title (a paper keeps a title)"),
        (["refresh", "--summary"], "refresh --summary rewrites summaries: name the papers"),
        (["digest", "--intro", "missing-note.md"], "--intro missing-note.md: no such file"),
        (["site", "--out", str(log_dir)], f"--out {log_dir}: is the log's folder or above it"),
        (["site", "--base-url", "ftp://x"], "--base-url 'ftp://x' is not an absolute http(s) URL"),
        (["discover", "--arxiv", "cs.XX"], "--arxiv: 'cs.XX' is not an arXiv category"),
        (["discover", "--add", "0"], "--add '0': rank 0 does not exist"),
    ]
    for args, wanted in cases:
        result = run_cli("--dir", log_dir, *args)
        assert result.exit_code == 2, (args, result.output)
        assert f"paperweek: {wanted}" in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
