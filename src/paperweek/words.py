"""Counted nouns in messages: ``1 paper``, ``2 papers`` -- never ``1 items`` or ``problem(s)``."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and the noun, singular for exactly one (``many``: an irregular plural)."""
    return f"{count} {noun}" if count == 1 else f"{count} {many or noun + 's'}"


__all__ = ["plural"]
