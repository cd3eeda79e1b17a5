"""Words in text a reader sees: counted nouns (``1 paper``, ``2 papers`` -- never ``1 items`` or
``problem(s)``), and text cut at a word with "…" (summaries, page descriptions, the digest)."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and the noun, singular for exactly one (``many``: an irregular plural)."""
    return f"{count} {noun}" if count == 1 else f"{count} {many or noun + 's'}"


ELLIPSIS = "…"


def cut_at_word(text: str, max_chars: int) -> str:
    """``text`` cut at the last word boundary that leaves room for "…" (at most ``max_chars`` in all)."""
    if len(text) <= max_chars:
        return text
    room = max(1, max_chars - len(ELLIPSIS))
    cut = text[: room + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > 0 else text[:room]
    return cut.rstrip(" ,;:-–—(") + ELLIPSIS


__all__ = ["ELLIPSIS", "cut_at_word", "plural"]
