"""Atomic file writes: a temporary file in the same folder, fsync, rename."""

from __future__ import annotations

import os
from pathlib import Path

from paperweek.errors import WriteError
from paperweek.store.faults import crash_point
from paperweek.store.paths import log_file, log_files
from paperweek.store.tempfiles import make_temp_file


def write_text_atomic(path: Path, text: str, *, inside: Path | None = None) -> None:
    """Replace ``path`` with ``text`` so that readers see the old or the new file, never half.

    ``inside``: the log's folder, for a file of the log; the path is then resolved once and must
    lie inside it (store/paths.py), checked before anything is written."""
    write_bytes_atomic(path, text.encode("utf-8"), inside=inside)


def write_bytes_atomic(path: Path, data: bytes, *, inside: Path | None = None) -> None:
    """Bytes version of ``write_text_atomic``. A failure (permission denied, a full disk)
    leaves the old file as it was and raises WriteError: one line naming the file."""
    if inside is not None:
        path = log_file(inside, path)
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


def write_texts_atomic(files: list[tuple[Path, str]], workers: int = 16, *, inside: Path | None = None) -> None:
    """Many ``write_text_atomic`` at once (an import writes hundreds of week files).

    Each file keeps the same guarantee; the fsyncs, which wait on the disk and
    release the GIL, overlap in threads instead of queueing one after another.
    With ``inside``, every path is checked before the first is written.
    """
    if inside is not None:
        files = list(zip(log_files(inside, [path for path, _ in files]), [text for _, text in files], strict=True))
    if len(files) < 2:
        for path, text in files:
            write_text_atomic(path, text)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(workers, len(files))) as pool:
        for _ in pool.map(lambda item: write_text_atomic(*item), files):
            pass
