"""Tags: the ones written in the week files, plus automatic ones.

A paper's *effective* tags are, in this order:

1. its explicit tags (``tags:`` in the week file), lower-cased;
2. a readable name for each of its arXiv categories (``cs.CL`` -> ``nlp``), from
   ``DEFAULT_CATEGORY_TAGS`` updated by ``[tags] categories`` in paperweek.toml
   (map a category to ``""`` to give it no tag);
3. the tag of every keyword rule (``[tags] rules = {llm = ["language model", "LLM"]}``)
   whose keyword occurs in the title, summary or abstract (case-insensitive, at a
   word start, so ``LLM`` also matches ``LLMs``).

An explicit ``-name`` entry in ``tags:`` hides an automatic tag ``name`` for that
paper (``paperweek tag ID -vision`` writes one when ``vision`` only comes from a
category). ``effective_tags`` is what ``list --tag``, ``search --tag`` and
``export --tag`` filter on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from paperweek.errors import InputError

if TYPE_CHECKING:
    from paperweek.config import Config
    from paperweek.models import Paper

# arXiv category -> readable tag. Categories not listed get no automatic tag.
DEFAULT_CATEGORY_TAGS: dict[str, str] = {
    "cs.AI": "ai",
    "cs.CL": "nlp",
    "cs.CV": "vision",
    "cs.LG": "machine-learning",
    "stat.ML": "machine-learning",
    "cs.NE": "neural-evolutionary",
    "cs.RO": "robotics",
    "cs.IR": "retrieval",
    "cs.CR": "security",
    "cs.HC": "hci",
    "cs.MA": "multi-agent",
    "cs.SE": "software-engineering",
    "cs.DC": "distributed-computing",
    "cs.PL": "programming-languages",
    "cs.GR": "graphics",
    "cs.SD": "audio",
    "eess.AS": "audio",
    "eess.IV": "image-processing",
    "eess.SP": "signal-processing",
    "eess.SY": "control",
    "cs.SY": "control",
    "cs.CY": "society",
    "cs.DB": "databases",
    "cs.DS": "algorithms",
    "cs.GT": "game-theory",
    "cs.IT": "information-theory",
    "cs.MM": "multimedia",
    "cs.NI": "networking",
    "cs.SI": "social-networks",
    "cs.AR": "hardware",
    "cs.CE": "computational-engineering",
    "math.OC": "optimization",
    "q-bio.NC": "neuroscience",
    "q-bio.QM": "biology",
    "physics.comp-ph": "computational-physics",
    "quant-ph": "quantum",
}

_TAG_CHARS = re.compile(r"^[\w][\w.+#-]*$", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalize_tag(text: str) -> str:
    """``"Large Models"`` -> ``large-models``; raises InputError for text that cannot be a tag."""
    tag = _SPACES.sub("-", text.strip().lower())
    if not tag or not _TAG_CHARS.match(tag):
        raise InputError(
            f"{text!r} is not a tag; use letters, digits and - _ . + # (e.g. llm, in-context-learning)"
        )
    return tag


def _lenient(text: str) -> str:
    return _SPACES.sub("-", text.strip().lower())


@dataclass(frozen=True)
class TagRules:
    """The automatic tagging rules of one log."""

    categories: dict[str, str]
    rules: tuple[tuple[str, re.Pattern[str]], ...]


def tag_rules(config: Config) -> TagRules:
    """The rules of ``[tags]`` in paperweek.toml, compiled (the table was checked and its names normalised at load)."""
    table = config.tags
    payload = {"automatic": table.automatic, "categories": table.categories, "rules": table.rules}
    return _compiled(json.dumps(payload, sort_keys=True))


def rules_signature(config: Config) -> str:
    """A text that changes whenever the ``[tags]`` settings (or the defaults) change."""
    section = json.dumps(config.section("tags"), sort_keys=True, default=str)
    return section + json.dumps(DEFAULT_CATEGORY_TAGS, sort_keys=True)


@lru_cache(maxsize=16)
def _compiled(text: str) -> TagRules:
    section: dict[str, Any] = json.loads(text)
    categories = dict(DEFAULT_CATEGORY_TAGS) if section["automatic"] else {}
    for category, tag in section["categories"].items():
        if tag:
            categories[category] = tag
        else:
            categories.pop(category, None)
    rules: list[tuple[str, re.Pattern[str]]] = []
    for tag, keywords in section["rules"].items():
        alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keywords)
        rules.append((tag, re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)))
    return TagRules(categories=categories, rules=tuple(rules))


def automatic_tags(paper: Paper, config: Config) -> list[str]:
    """Tags from the paper's categories and from keyword rules (before explicit ``-tag`` entries)."""
    rules = tag_rules(config)
    out: dict[str, None] = {}
    for category in paper.categories:
        tag = rules.categories.get(category)
        if tag:
            out[tag] = None
    if rules.rules:
        text = "\n".join((paper.title, paper.summary, paper.abstract))
        for tag, pattern in rules.rules:
            if tag not in out and pattern.search(text):
                out[tag] = None
    return list(out)


def explicit_tags(paper: Paper) -> list[str]:
    """The tags the curator wrote (``tags:``), normalised; not the ``-name`` entries that hide one."""
    return [_lenient(raw.lstrip("+")) for raw in paper.tags if raw.strip() and not raw.startswith("-")]


def effective_tags(paper: Paper, config: Config) -> list[str]:
    """Explicit tags, then automatic ones not hidden by an explicit ``-tag``; no duplicates."""
    out: dict[str, None] = {}
    hidden: set[str] = set()
    for raw in paper.tags:
        if raw.startswith("-"):
            hidden.add(_lenient(raw[1:]))
        elif raw.strip():
            out[_lenient(raw.lstrip("+"))] = None
    for tag in automatic_tags(paper, config):
        if tag not in hidden:
            out.setdefault(tag, None)
    return list(out)


def has_tags(paper: Paper, config: Config, wanted: Iterable[str]) -> bool:
    """True when the paper carries every tag in ``wanted`` (normalised)."""
    tags = set(effective_tags(paper, config))
    return all(_lenient(t) in tags for t in wanted)


# --- tag operations (pure: operations/tagging.py writes them to the log) ------


class TagOp(NamedTuple):
    """``+tag`` (op ``+``) or ``-tag`` (op ``-``), the tag normalised."""

    op: str
    tag: str


class TagCount(NamedTuple):
    tag: str
    papers: int


def parse_tag_ops(args: Sequence[str]) -> tuple[list[str], list[TagOp]]:
    """Split ``ID... +tag -tag`` into paper refs and tag operations (normalised tags)."""
    refs: list[str] = []
    ops: list[TagOp] = []
    for arg in args:
        if arg[:1] in ("+", "-"):
            if arg == "--":
                continue
            ops.append(TagOp(arg[0], normalize_tag(arg[1:])))
        else:
            refs.append(arg)
    return refs, ops


def apply_ops(paper: Paper, config: Config, ops: Sequence[tuple[str, str]]) -> list[str]:
    """The new explicit ``tags`` list of ``paper`` after ``ops`` (the paper is not changed)."""
    tags = list(paper.tags)
    for op, tag in ops:
        lowered = [_lenient(t) for t in tags]
        if op == "+":
            tags = [t for t, low in zip(tags, lowered, strict=True) if low != "-" + tag]
            if tag not in (_lenient(t.lstrip("+")) for t in tags):
                tags.append(tag)
        else:
            tags = [t for t, low in zip(tags, lowered, strict=True) if low.lstrip("+") != tag]
            probe = _copy_with_tags(paper, tags)
            if tag in automatic_tags(probe, config) and "-" + tag not in (_lenient(t) for t in tags):
                tags.append("-" + tag)
    return tags


def _copy_with_tags(paper: Paper, tags: list[str]) -> Paper:
    return replace(paper, tags=list(tags))
