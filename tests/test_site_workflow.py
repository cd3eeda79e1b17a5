"""`paperweek init --github-actions`: the workflow file (library function write_github_actions)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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
    deploy = jobs["deploy"]
    assert deploy["needs"] == "site"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert doc["permissions"] == {"contents": "read"}


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
