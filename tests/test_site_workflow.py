"""`paperweek init --github-actions`: the workflow file (library function write_github_actions)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SEED, run_cli

from paperweek import __version__
from paperweek.errors import InputError
from paperweek.site.workflow import write_github_actions


def load(path: Path) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_workflow_checks_pull_requests_and_deploys_main(tmp_path: Path) -> None:
    path = write_github_actions(tmp_path)
    assert path == tmp_path / ".github" / "workflows" / "paperweek.yml"
    doc = load(path)
    triggers = doc["on"] if "on" in doc else doc[True]  # YAML 1.1 readers turn `on` into True
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    jobs = doc["jobs"]
    assert any(step.get("run") == "paperweek check" for step in jobs["check"]["steps"])
    site_steps = jobs["site"]["steps"]
    build = next(s["run"] for s in site_steps if s.get("name") == "Build the site")
    assert build.startswith("paperweek site --out _site --base-url ")
    assert "pull_request" in jobs["site"]["if"] and "refs/heads/main" in jobs["site"]["if"]
    assert any(str(s.get("uses", "")).startswith("actions/upload-pages-artifact@") for s in site_steps)
    checkout = next(s for s in site_steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the feed's `updated` times read the week files' git history
    deploy = jobs["deploy"]
    assert deploy["needs"] == "site"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert doc["permissions"] == {}  # nothing by default; each job asks for what it needs
    assert jobs["check"]["permissions"] == {"contents": "read"}


def test_workflow_is_not_overwritten_silently(tmp_path: Path) -> None:
    path = write_github_actions(tmp_path)
    assert write_github_actions(tmp_path) == path  # same text: fine, nothing changes
    path.write_text("name: mine\n")
    with pytest.raises(InputError, match="exists and differs"):
        write_github_actions(tmp_path)
    assert path.read_text() == "name: mine\n"
    write_github_actions(tmp_path, branch="trunk", force=True)
    assert load(path)["jobs"]["site"]["if"].endswith("'refs/heads/trunk'")


def test_workflow_rejects_odd_branch_names(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="branch"):
        write_github_actions(tmp_path, branch="main\n  evil: true")
    assert not (tmp_path / ".github").exists()


# --- workflows that run on GitHub today -------------------------------

NODE24_MAJORS = {  # the first major of each action that runs on Node 24
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 4,
    "actions/deploy-pages": 5,
}


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]' (it is in the test extras)")
    return found


@pytest.mark.parametrize("options", [{}, {"branch": "trunk", "python": "3.13"}])
def test_actionlint_and_zizmor_report_nothing(tmp_path: Path, options: dict[str, str]) -> None:
    path = write_github_actions(tmp_path, **options)
    lint = subprocess.run([_tool("actionlint"), str(path)], capture_output=True, text=True, cwd=tmp_path)
    assert lint.returncode == 0 and lint.stdout == "", lint.stdout + lint.stderr
    audit = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress", str(path)], capture_output=True, text=True, cwd=tmp_path
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "No findings to report" in audit.stdout + audit.stderr


def test_current_action_majors_pinned_paperweek_and_deploys_not_cancelled(tmp_path: Path) -> None:
    path = write_github_actions(tmp_path)
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses: ([\w-]+/[\w-]+)@([0-9a-f]{40}) # v(\d+)\.\d+\.\d+", text)
    assert len(uses) == text.count("uses: ") == 7  # every action pinned to a commit, its version beside it
    for action, _sha, major in uses:
        assert int(major) >= NODE24_MAJORS[action], f"{action}@v{major} still runs on Node 20"
    doc = load(path)
    assert doc["env"]["PAPERWEEK_SPEC"] == f"paperweek=={__version__}"
    installs = [s for job in doc["jobs"].values() for s in job["steps"] if s.get("name") == "Install paperweek"]
    assert installs and all(s["run"] == 'python -m pip install "$PAPERWEEK_SPEC"' for s in installs)
    deploy = doc["jobs"]["deploy"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert "pull_request" in doc["concurrency"]["cancel-in-progress"]  # only PR checks are replaced
    assert doc["permissions"] == {}
    assert write_github_actions(tmp_path / "other", install="paperweek[llm]>=0.1") != path


def test_pull_request_with_a_stale_readme_names_the_command(tmp_path: Path) -> None:
    """Run the check job's README step, as GitHub would, on a log whose week file was edited by hand."""
    log = tmp_path / "log"
    assert run_cli("--dir", log, "import", SEED).exit_code == 0
    assert run_cli("--dir", log, "build").exit_code == 0
    workflow = load(write_github_actions(log))
    step = next(s for s in workflow["jobs"]["check"]["steps"] if "build --check" in str(s.get("run", "")))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "paperweek"
    shim.write_text(f"#!/bin/sh\nexec {sys.executable} -m paperweek \"$@\"\n", encoding="utf-8")
    shim.chmod(0o755)
    src = REPO / "src"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(src)}

    def run_step() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=log, env=env, capture_output=True, text=True)

    assert run_step().returncode == 0
    week = log / "weeks" / "2024-04-22.yaml"
    week.write_text(week.read_text(encoding="utf-8").replace("Many-Shot", "Many-shot"), encoding="utf-8")
    stale = run_step()
    assert stale.returncode == 1
    assert "::error file=README.md::" in stale.stdout and "run 'paperweek build' and commit README.md" in stale.stdout
    assert "differs from what build writes" in stale.stderr
