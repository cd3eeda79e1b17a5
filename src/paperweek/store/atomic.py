"""Atomic file writes: a temporary file in the same folder, fsync, rename."""

from __future__ import annotations

import os
from pathlib import Path

from paperweek.errors import WriteError
from paperweek.store.faults import crash_point
from paperweek.store.tempfiles import make_temp_file


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that readers see the old or the new file, never half."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Bytes version of ``write_text_atomic``. A failure (permission denied, a full disk)
    leaves the old file as it was and raises WriteError: one line naming the file."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = make_temp_file(path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        crash_point("atomic:before-rename")
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise WriteError.from_os(path, exc) from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_texts_atomic(files: list[tuple[Path, str]], workers: int = 16) -> None:
    """Many ``write_text_atomic`` at once (an import writes hundreds of week files).

    Each file keeps the same guarantee; the fsyncs, which wait on the disk and
    release the GIL, overlap in threads instead of queueing one after another.
    """
    if len(files) < 2:
        for path, text in files:
            write_text_atomic(path, text)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(workers, len(files))) as pool:
        for _ in pool.map(lambda item: write_text_atomic(*item), files):
            pass
