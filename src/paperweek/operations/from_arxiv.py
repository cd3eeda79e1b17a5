"""A logged Paper made from an arXiv record: escaped title, v1 date, links, draft summary.

``add`` and ``refresh`` both build papers this way, so a refreshed paper is what a
fresh ``add`` would have written.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from paperweek.config import Config
from paperweek.errors import ConfigError, PaperweekError
from paperweek.ids import abs_url
from paperweek.markdown import escape, rough_plain
from paperweek.models import Link, Paper, within_arxiv_limits
from paperweek.operations.params import user_link_param
from paperweek.sources.links import best_code_link, find_links, normalise
from paperweek.store import Log
from paperweek.summarize import Voice, draft_summary, learn_voice, make_drafter

if TYPE_CHECKING:
    from paperweek.models import ArxivRecord



VOICE_SUMMARIES = 200  # the newest summaries a draft's length and opening are learned from (a habit drifts)


class Failure(NamedTuple):
    """An input of ``add`` or ``refresh`` that gave no paper, and why."""

    ref: str
    why: str


def huggingface_enabled(config: Config) -> bool:
    """``[sources] huggingface`` (default true)."""
    return config.sources.huggingface


def check_summary_settings(log: Log) -> None:
    """The ``[summary]`` engine can be set up (endpoint, model, prompt): a ConfigError now, not per paper."""
    drafter = make_drafter(log.config, root=log.root)
    close = getattr(drafter, "close", None)
    if close is not None:
        close()


def log_voice(log: Log, leave_out: frozenset[str] = frozenset()) -> Voice:
    """How the log's newest summaries read (length, opening), for drafts that match them;
    ``leave_out``: ids of papers whose summary is about to be replaced."""
    summaries = (p.summary for _week, p in log.papers() if p.summary and p.id not in leave_out)
    return learn_voice(rough_plain(s) for s in itertools.islice(summaries, VOICE_SUMMARIES))


def draft_summary_for(
    title: str, abstract: str, config: Config, root: Path | None = None, voice: Voice | None = None
) -> str:
    """The draft summary (Markdown): the summarizer's plain text, escaped.

    ``root`` is the log's folder, where ``[summary] prompt_file`` and the LLM answer cache live;
    ``voice`` the log's summaries' length and opening (``log_voice``).
    """
    return escape(draft_summary(title, abstract, config, root=root, voice=voice))


def paper_from_record(
    record: ArxivRecord,
    config: Config,
    *,
    fragment: str = "",
    hf_repo: str = "",
    summary: str | None = None,
    repo: str | None = None,
    warnings: list[str] | None = None,
    root: Path | None = None,
    voice: Voice | None = None,
) -> Paper:
    """A Paper for an arXiv record: escaped title, v1 date, Paper and Repo links, draft summary.
    Fields past what arXiv allows are cut, with a warning (``models.within_arxiv_limits``)."""
    record, cut = within_arxiv_limits(record)
    if warnings is not None:
        warnings.extend(cut)
    found = find_links(record.abstract, record.comments)
    if hf_repo:
        hf_link = normalise(hf_repo)
        if hf_link.lower() not in {u.lower() for u in found}:
            found.append(hf_link)
    best, others = best_code_link(found)
    if repo:
        chosen = user_link_param(repo, "repo")
        others = [u for u in found if u.lower() != chosen.lower()]
        best = chosen
    if summary is None:
        try:
            summary = draft_summary_for(record.title, record.abstract, config, root, voice)
        except ConfigError:
            raise  # a setting is wrong for every paper: an input error, not a per-paper warning
        except PaperweekError as exc:
            summary = ""
            if warnings is not None:
                warnings.append(
                    f"{record.id}: no draft summary ({exc}); add one with `paperweek edit {record.id}`"
                )
    url = abs_url(record.id) + (f"#{fragment}" if fragment else "")
    links = [Link("Paper", url)]
    if best:
        links.append(Link("Repo", best))
    return Paper(
        id=record.id,
        title=escape(record.title),
        summary=" ".join(summary.split()),
        released=record.published,
        links=links,
        authors=list(record.authors),
        abstract=record.abstract,
        categories=list(record.categories),
        comments=record.comments,
        journal_ref=record.journal_ref,
        doi=record.doi,
        code_links=others,
    )
