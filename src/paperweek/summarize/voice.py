"""The list's own way of summarizing, learned from the summaries already in the log.

A curator's summaries have a length (one writes ~140 words, another two lines) and an
opening ("This work introduces …", "The paper proposes …", or straight in with
"Proposes …"). ``learn_voice`` reads both from the log's summaries at run time, so a
draft reads like the rest of the list; with fewer than ``MIN_SUMMARIES`` summaries there
is nothing to learn and the drafters keep their defaults.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from paperweek.summarize import text as T

MIN_SUMMARIES = 3  # fewer summaries than this say nothing about a list's habits
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _latin(text: str) -> bool:
    """Whether ``text`` is written mostly in Latin letters: drafts are English, made from English
    abstracts, so a summary in another script says nothing about their length (nor its words, by spaces)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) >= 0.8 * len(letters)


@dataclass(frozen=True)
class Voice:
    """What the log's summaries have in common (None: not learned)."""

    length: int | None = None  # characters: the median length of the log's summaries
    opening: str | None = None  # the subject they open with ("This work"); "" = straight in with the verb
    words: int | None = None  # the median number of words, for the LLM's prompt


def learn_voice(summaries: Iterable[str]) -> Voice:
    """The median length of ``summaries`` (plain text, those in Latin letters) and the opening most
    of them share.

    An opening is the words before a summary's first research verb in the third person,
    when that verb is among its first four words ("This work introduces" -> "This work",
    "Proposes" -> ""). It is learned when more than half of the summaries that have one agree.
    """
    texts = [" ".join(s.split()) for s in summaries if s and s.strip() and _latin(s)]
    if len(texts) < MIN_SUMMARIES:
        return Voice()
    openings = Counter(o for o in (opening_of(t) for t in texts) if o is not None)
    opening = None
    if openings:
        best, count = openings.most_common(1)[0]
        if count * 2 > sum(openings.values()) and count >= MIN_SUMMARIES:
            opening = best
    return Voice(
        length=round(statistics.median(len(t) for t in texts)),
        opening=opening,
        words=round(statistics.median(len(t.split()) for t in texts)),
    )


def opening_of(summary: str) -> str | None:
    """The subject a summary opens with, up to its first research verb ("The paper"), or None."""
    words = _WORD.findall(summary[:120])
    for i, word in enumerate(words[:4]):
        if T.is_research_verb_3s(word.lower()):
            subject = " ".join(words[:i])
            return subject[:1].upper() + subject[1:]
    return None


def speak_as(sentences: list[str], opening: str | None) -> list[str]:
    """The draft naming the paper as the list does: its first "The paper proposes X" becomes
    "This work proposes X"; with a verb-first habit ("") only an opening "The paper proposes X"
    becomes "Proposes X". Other sentences are kept."""
    if opening is None:
        return sentences
    out = list(sentences)
    for i, sentence in enumerate(out if opening else out[:1]):
        subject = T.paper_subject(sentence)
        if subject is None:
            continue
        rest = sentence[len(subject) :].lstrip()
        out[i] = f"{opening} {rest}" if opening else rest[:1].upper() + rest[1:]
        break
    return out


def fit_length(sentences: list[str], length: int, max_chars: int) -> str:
    """Whole sentences whose total is nearest ``length`` characters, never over ``max_chars``."""
    best = ""
    picked: list[str] = []
    for sentence in sentences:
        candidate = " ".join([*picked, T.ensure_end(sentence)])
        if len(candidate) > max_chars:
            break
        picked.append(T.ensure_end(sentence))
        if not best or abs(len(candidate) - length) < abs(len(best) - length):
            best = candidate
        if len(candidate) >= length:
            break
    return best or T.fit(sentences, max_chars)
