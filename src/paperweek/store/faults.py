"""Named crash points, for the fault catalogue's kill tests.

``PAPERWEEK_FAULT=NAME`` makes the process die at crash point NAME as abruptly
as ``kill -9`` would (no cleanup, no ``finally``), so a test can kill a command
between two chosen steps instead of hoping a timed signal lands there. Unset, a
crash point costs one dictionary lookup.
"""

from __future__ import annotations

import os


def crash_point(name: str) -> None:
    """Die here, without cleanup, when ``PAPERWEEK_FAULT`` names this point."""
    if os.environ.get("PAPERWEEK_FAULT") == name:
        os._exit(137)
