"""A paper as the YAML draft an editor opens, and the draft validated back into a paper.

``store.weekfile`` owns the draft's format; this module adds what an edit needs:
the checks a hand-edited draft must pass and the open-until-valid loop.
"""

from __future__ import annotations

from collections.abc import Callable

from paperweek.errors import InputError
from paperweek.models import Paper
from paperweek.store.weekfile import paper_from_draft, paper_to_draft

# An editor hook: given a paper, give back the edited paper (or raise EditAborted).
Editor = Callable[[Paper], Paper]


class EditAborted(InputError):
    """The user gave up editing: nothing is written."""


def paper_to_yaml(paper: Paper) -> str:
    """The YAML draft of one paper that an editor opens (store/weekfile owns its format)."""
    return paper_to_draft(paper)


def paper_from_yaml(text: str, where: str = "the edited draft") -> Paper | None:
    """Validate an edited draft; None when it was emptied (abort). Raises InputError when invalid."""
    paper = paper_from_draft(text, where)
    if paper is None:
        return None
    if not paper.title.strip() and paper.raw is None:
        raise InputError(f"{where}: title is empty; every paper needs a title")
    for link in paper.links:
        if not link.url.strip() or not link.label.strip():
            raise InputError(f"{where}: a link needs both a label and a url")
    return paper


def edit_loop(
    paper: Paper,
    open_editor: Callable[[str], str | None],
    ask_reopen: Callable[[str], bool],
    check: Callable[[Paper], None] | None = None,
) -> Paper:
    """Open the draft until it validates. ``open_editor`` gives back the edited text (None: not
    saved); on an invalid draft ``ask_reopen(message)`` decides between re-opening and aborting."""
    text = paper_to_yaml(paper)
    while True:
        edited = open_editor(text)
        if edited is None:
            return paper  # closed without saving: keep the draft as it was
        try:
            result = paper_from_yaml(edited)
            if result is None:
                raise EditAborted(f"{paper.id}: the draft was emptied; nothing written")
            if check is not None:
                check(result)
            return result
        except EditAborted:
            raise
        except InputError as exc:
            if not ask_reopen(str(exc)):
                raise EditAborted(f"{paper.id}: edit abandoned ({exc}); nothing written") from exc
            text = edited
