"""One paperweek process at a time on a log: a lock file under .paperweek/."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from paperweek.env import env_number
from paperweek.errors import LockTimeout, WriteError


@contextmanager
def log_lock(cache_dir: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the log's lock; a second process waits (``PAPERWEEK_LOCK_TIMEOUT`` s, default 120)."""
    from filelock import FileLock, Timeout

    if timeout is None:
        timeout = env_number("LOCK_TIMEOUT")
    lock = FileLock(str(cache_dir / "lock"))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        lock.acquire(timeout=timeout)
    except Timeout as exc:  # before OSError: filelock's Timeout is a TimeoutError
        raise LockTimeout(
            f"{cache_dir / 'lock'}: another paperweek process has held the log for {timeout:.0f} s; "
            "wait for it to finish, then retry"
        ) from exc
    except OSError as exc:
        raise WriteError.from_os(cache_dir / "lock", exc) from exc
    try:
        yield
    finally:
        lock.release()
