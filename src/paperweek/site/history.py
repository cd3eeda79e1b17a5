"""When each week's content last changed, read from the log's git history.

A feed entry's ``updated`` must move when the week's content changes and only
then, whoever builds the site and whenever. The week files live in git, so a
week's time is the commit time of the oldest commit since which what the entry
shows (its fingerprint) has been what it is now: a commit that only touches
comments or citation keys does not count, adding a paper does. An uncommitted
change counts from the file's modification time. Without git history (not a
repository, or a shallow clone) there is no record of changes; callers then
fall back to dates in the data and say so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

from paperweek.errors import DataFileError
from paperweek.models import Week
from paperweek.store.weekfile import file_name, week_from_text

GIT_TIMEOUT = 60


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class _Blobs:
    """``git cat-file --batch``: many old file versions through one process."""

    def __init__(self, top: Path) -> None:
        self.proc = subprocess.Popen(
            ["git", "-C", str(top), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def get(self, commit: str, rel: str) -> str | None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{commit}:{rel}\n".encode())
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().decode().split()
        if len(header) != 3:
            return None  # "<object> missing": the file did not exist in that commit
        data = self.proc.stdout.read(int(header[2]) + 1)[:-1]
        return data.decode("utf-8", "replace")

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=GIT_TIMEOUT)


def content_times(
    weeks_dir: Path, weeks: list[Week], fingerprint: Callable[[Week], str]
) -> tuple[dict[dt.date, dt.datetime], str | None]:
    """(week start -> when its content last changed, why there are none). Weeks not found are left out."""
    top_text = _git(weeks_dir, "rev-parse", "--show-toplevel")
    if top_text is None:
        return {}, "the log is not a git repository"
    top = Path(top_text.strip())
    if (_git(top, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return {}, "the git history is shallow (check out with fetch-depth: 0)"
    rel_dir = weeks_dir.resolve().relative_to(top.resolve()).as_posix()
    log_text = _git(top, "log", "--format=%x00%H %ct", "--name-only", "--no-renames", "--", rel_dir or ".")
    if log_text is None:
        return {}, "git log failed"
    commits: dict[str, list[tuple[str, int]]] = {}  # file -> [(commit, time)], newest first
    for chunk in log_text.split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines or len(lines[0].split()) != 2:
            continue
        sha, seconds = lines[0].split()
        for name in lines[1:]:
            commits.setdefault(name, []).append((sha, int(seconds)))
    out: dict[dt.date, dt.datetime] = {}
    blobs = _Blobs(top)
    try:
        for week in weeks:
            rel = f"{rel_dir}/{file_name(week.start)}" if rel_dir else file_name(week.start)
            path = top / rel
            now = fingerprint(week)
            since: int | None = None
            for commit, stamp in commits.get(rel, []):
                text = blobs.get(commit, rel)
                if text is None:
                    break
                try:
                    old = week_from_text(text, path)
                except DataFileError:
                    break
                if fingerprint(old) != now:
                    break
                since = stamp
            if since is None:  # the newest commit already differs: changed since, not committed yet
                try:
                    since = int(path.stat().st_mtime)
                except OSError:
                    continue
            out[week.start] = dt.datetime.fromtimestamp(since, tz=dt.UTC)
    finally:
        blobs.close()
    return out, None
