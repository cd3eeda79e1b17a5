"""The library behind the command: docs/api.md's example runs as written, and ``discover``'s
libraries are an extra that the rest of paperweek does not need."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli

API_DOC = REPO / "docs" / "api.md"


def _block(text: str, language: str) -> str:
    found = re.search(rf"```{language}\n(.*?)```", text, re.S)
    assert found, f"docs/api.md has no {language} block"
    return found.group(1)


def test_the_documented_example_prints_what_the_page_says(
    log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log.rename(tmp_path / "paperweek-demo")  # the folder the README's first command makes
    monkeypatch.chdir(tmp_path)
    doc = API_DOC.read_text(encoding="utf-8")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(_block(doc, "python"), str(API_DOC), "exec"), {})
    assert printed.getvalue() == _block(doc, "text")
    assert "Notes on sparse attention" in (tmp_path / "paperweek-demo" / "README.md").read_text(encoding="utf-8")


def test_discover_without_its_extra_says_what_to_install(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules is how Python spells "not installed" to find_spec and import
    monkeypatch.setitem(sys.modules, "sklearn", None)
    result = run_cli("--dir", log, "discover")
    assert result.exit_code == 2
    assert result.stderr == (
        "paperweek: discover needs the optional libraries of paperweek[discover] (missing: scikit-learn); "
        "install them with: pip install 'paperweek[discover]'\n"
    )
    assert "Traceback" not in result.output


def test_the_readme_commands_do_not_need_the_discover_extra(tmp_path: Path) -> None:
    """`paperweek demo` (the README's first command), build, list and search in an interpreter without them."""
    script = (
        "import sys\n"
        "for name in ('sklearn', 'numpy', 'scipy', 'orjson', 'isal'):\n"
        "    sys.modules[name] = None\n"
        "from paperweek.cli import main\n"
        "for args in (['demo', sys.argv[1]], ['--dir', sys.argv[1], 'build'], ['--dir', sys.argv[1], 'list'],\n"
        "             ['--dir', sys.argv[1], 'search', 'model']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, (args, exc.code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "demo")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "demo" / "_site" / "index.html").is_file()
