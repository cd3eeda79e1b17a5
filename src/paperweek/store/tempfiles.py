"""Temporary files and folders of atomic writes: one naming, one cleanup, git-ignored.

Every atomic write (a week file, README.md, the config, the site folder) first
writes a sibling named ``.paperweek-tmp-<pid>-<random>-<name>`` and renames it
into place. A run killed before the rename leaves that sibling behind; the
next command that takes the log's lock removes leftovers whose process is gone
(``sweep``), and ``.gitignore`` lists the pattern (``store/gitignore.py``) so they are never committed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PREFIX = ".paperweek-tmp-"


def temp_prefix(name: str) -> str:
    """The start of a temporary sibling's name for ``name``: the pid tells a live writer from a dead one."""
    return f"{PREFIX}{os.getpid()}-"


def make_temp_file(path: Path) -> tuple[int, str]:
    """``mkstemp`` beside ``path``, named as ``sweep`` recognises."""
    import tempfile  # imported when writing: tempfile pulls in random, hashlib and shutil (bz2, lzma)

    return tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=f"-{path.name}", dir=path.parent)


def make_temp_dir(path: Path) -> Path:
    """``mkdtemp`` beside ``path``, named as ``sweep`` recognises."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix=temp_prefix(path.name), suffix=f"-{path.name}", dir=path.parent))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its files alone
    return True


# Names earlier paperweek versions gave their temporaries (no pid): ``.README.md.k3j9x_2a.tmp``,
# ``._site.new-k3j9x_2a``. Only a run of such a version, under the lock, could still own one -- and
# only of a file paperweek writes: ``.notes.20240422.tmp`` is a person's, and stays.
_LEGACY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp\Z|\._site\.(new|old)-[a-z0-9_]{8}\Z")
_WRITTEN = re.compile(r"\d{4}-\d{2}-\d{2}\.yaml\Z")  # a week file


def _leftover(name: str, written: frozenset[str]) -> bool:
    if name.startswith(PREFIX):
        pid_text = name[len(PREFIX) :].split("-", 1)[0]
        return pid_text.isdigit() and not _alive(int(pid_text))
    match = _LEGACY.match(name)
    if match is None:
        return False
    base = match.group("name")
    return base is None or base in written or bool(_WRITTEN.match(base))


def sweep(folders: list[Path], written: frozenset[str] = frozenset()) -> list[Path]:
    """Remove leftovers of killed runs in ``folders``; returns what was removed. ``written``: the names
    of the files paperweek writes there (README.md, paperweek.toml, ...) besides week files, whose
    temporaries of earlier versions go too."""
    removed: list[Path] = []
    for folder in dict.fromkeys(folders):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not _leftover(entry.name, written):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    import shutil

                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False when the
    system cannot, and the caller falls back to two renames."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)
