"""The package is linted (ruff) and type-checked (mypy --strict); every command is documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from paperweek.cli import COMMANDS, LazyGroup, cli

REPO = Path(__file__).resolve().parents[1]


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "src/paperweek"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_dead_code() -> None:
    """vulture finds no unused code at 80 % confidence (unused imports, variables, unreachable code)."""
    result = subprocess.run(
        [sys.executable, "-m", "vulture", "src/paperweek", "--min-confidence", "80"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _options(command: click.Command) -> list[str]:
    names = []
    for param in command.params:
        if isinstance(param, click.Option):
            longs = [o for o in param.opts if o.startswith("--")]
            if longs:
                names.append(longs[0])
    return names


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_is_documented(name: str) -> None:
    doc = REPO / "docs" / "commands" / f"{name}.md"
    assert doc.is_file(), f"docs/commands/{name}.md is missing"
    text = doc.read_text(encoding="utf-8")
    assert f"paperweek {name}" in text
    group = cli
    assert isinstance(group, LazyGroup)
    command = group.get_command(click.Context(group), name)
    assert command is not None
    commands = [command]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            assert f"paperweek {name} {sub.name}" in text, f"{name} {sub.name} undocumented"
            commands.append(sub)
    for each in commands:
        for option in _options(each):
            if option == "--help":
                continue
            assert option in text, f"{option} of `paperweek {name}` is not in docs/commands/{name}.md"


def test_readme_starts_with_the_two_setup_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```")[1].splitlines()[1:]  # after the fence's info string
    assert text.index("```") < text.index("\n## "), "the set-up commands come first"
    blocks = [line for line in first_block if line.strip() and not line.startswith("#")]
    assert len(blocks) == 2
    assert blocks[0].startswith("pip install") and "paperweek demo" in blocks[0]
    assert blocks[1].startswith("pip install") and "-e '.[test]'" in blocks[1] and "pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci, ".ci/run must run README's test command"
    # what a fresh machine sees: a new virtual environment each run, the pinned versions
    assert "python3 -m venv" in ci and "-c constraints.txt" in blocks[1]
    assert (REPO / "constraints.txt").is_file()
