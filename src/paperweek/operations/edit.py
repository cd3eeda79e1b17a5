"""Editing one logged paper: given fields, then (optionally) an editor session, merged safely.

The editor may stay open for minutes, so the lock is not held meanwhile; the edit
is merged into the paper as it is when saved (another command may have changed it).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

from paperweek.errors import InputError, Param, ParamError
from paperweek.models import KEEPABLE, Link, Paper
from paperweek.operations.draft import Editor, paper_to_yaml
from paperweek.operations.locate import locate
from paperweek.operations.params import user_link_param
from paperweek.operations.rebuild import rebuild_after_change
from paperweek.safetext import clean
from paperweek.store import Log
from paperweek.store.atomic import write_text_atomic


def edit_paper(
    log: Log,
    ref: str,
    *,
    editor: Editor | None = None,
    title: str | None = None,
    summary: str | None = None,
    repo: str | None = None,
    keep: Sequence[str] = (),
    unkeep: Sequence[str] = (),
    build: bool = True,
) -> Paper:
    """Change one logged paper: given fields, then (optionally) an editor session.

    ``keep``/``unkeep``: fields (``KEEPABLE``) that refresh must leave as the curator set them.
    """
    if title is not None and not title.strip():
        raise ParamError(Param("title"), " is empty; give the new title (a paper keeps a title)")
    new_repo = user_link_param(repo, "repo") if repo is not None and repo.strip() else None
    for name in (*keep, *unkeep):
        if name not in KEEPABLE:
            raise InputError(f"{name!r} cannot be kept; use any of {', '.join(KEEPABLE)}")
    _week, paper = locate(log, ref)
    original_id = paper.id
    base = copy.deepcopy(paper)
    edited = copy.deepcopy(paper)
    if title is not None:
        edited.title = " ".join(clean(title).split())
    if summary is not None:
        edited.summary = " ".join(clean(summary).split())
    if repo is not None:
        edited.links = [link for link in edited.links if link.label.lower() != "repo"]
        if new_repo is not None:
            edited.links.append(Link("Repo", new_repo))
    if keep or unkeep:
        edited.keep = [k for k in KEEPABLE if (k in edited.keep or k in keep) and k not in unkeep]
    if editor is not None:
        edited = editor(edited)  # may take minutes: the lock is not held meanwhile
    with log.locked():
        found = log.find(original_id)
        if found is None:
            kept = f"; your version is kept in {_keep_draft(log, edited)}" if edited != base else ""
            raise InputError(f"{original_id}: was removed from the log while you edited it; nothing written{kept}")
        week2, current = found
        try:
            merged = merge_edit(base, edited, current)
        except InputError as exc:
            raise InputError(f"{exc}; your version is kept in {_keep_draft(log, edited)}") from exc
        if merged.id != original_id and log.find(merged.id) is not None:
            raise InputError(f"id {merged.id!r} is already used by another paper; keep {original_id!r}")
        week2.papers = [merged if p is current else p for p in week2.papers]
        log.save_week(week2)
        if build:
            rebuild_after_change(log)
    return merged


def _keep_draft(log: Log, paper: Paper) -> Path:
    """Save an edit that could not be applied, so the user's work is not lost."""
    path = log.cache_dir / "drafts" / (re.sub(r"[^A-Za-z0-9._-]+", "_", paper.id) + ".yaml")
    write_text_atomic(path, paper_to_yaml(paper), inside=log.root)
    return path


def merge_edit(base: Paper, edited: Paper, current: Paper) -> Paper:
    """The user's changes (``base`` -> ``edited``) applied to the paper as it is now.

    Another command (``tag``, ``refresh``) may have changed the paper while the editor was
    open; those changes are kept. When both changed the same field differently, nothing is
    written: InputError names the fields.
    """
    merged = copy.deepcopy(current)
    clashes = []
    for spec in fields(Paper):
        name = spec.name
        mine, theirs, was = getattr(edited, name), getattr(current, name), getattr(base, name)
        if mine == was:
            continue
        if theirs != was and theirs != mine:
            clashes.append(name)
        setattr(merged, name, copy.deepcopy(mine))
    if clashes:
        raise InputError(
            f"{base.id}: {', '.join(clashes)} changed by another paperweek command while you edited; "
            "nothing written"
        )
    return merged
