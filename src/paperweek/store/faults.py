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


def pause_point(name: str) -> None:
    """Stop here when ``PAPERWEEK_PAUSE`` names this point: create ``$PAPERWEEK_PAUSE_FILE.reached``,
    then wait (at most 60 s) for ``$PAPERWEEK_PAUSE_FILE.go``. A test so runs another command at
    exactly this step -- an interleaving chosen, not hoped for."""
    if os.environ.get("PAPERWEEK_PAUSE") != name:
        return
    import time
    from pathlib import Path

    base = os.environ["PAPERWEEK_PAUSE_FILE"]
    Path(base + ".reached").write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + 60
    while not Path(base + ".go").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
