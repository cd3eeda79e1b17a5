"""The one rule for every file paperweek reads or writes for a log: resolved once, inside the log,
a regular file.

A log comes with its repository, and a pull request can ship a symbolic link: ``themes/seed/
README.md.j2 -> ~/.ssh/id_rsa`` would be read and shown in `check`'s diff, a ``weeks -> /elsewhere``
link would receive the week files. So each path is resolved (links followed) before it is read or
written, and refused when it lands outside the log or on something that is not a regular file.
A link that stays inside the log is followed like the file it names.
"""

from __future__ import annotations

import os
from pathlib import Path

from paperweek.config import CONFIG_NAME, RESERVED, Config, load_config
from paperweek.config.options import relative_path
from paperweek.errors import ConfigError, InputError

OUTSIDE_HINT = "paperweek reads and writes only regular files inside the log; replace the link with the file itself"


def _inside(root: Path, path: Path, *, may_be_root: bool) -> Path:
    """``path`` resolved; InputError when it cannot be, or when it leads out of ``root``."""
    base = root.resolve()
    try:
        target = path.resolve()
    except (OSError, RuntimeError) as exc:  # a link loop
        raise InputError(f"{path}: cannot be resolved ({exc}); {OUTSIDE_HINT}") from exc
    if (target == base and not may_be_root) or not target.is_relative_to(base):
        raise InputError(f"{path}: leads outside the log's folder {root} (through a symbolic link); {OUTSIDE_HINT}")
    return target


def log_file(root: Path, path: Path) -> Path:
    """``path`` (a path under ``root``, as the log builds them) resolved, once; InputError when it leaves the log or
    names a folder, a device or a pipe. A file that does not exist yet is fine (it is about to be written)."""
    target = _inside(root, path, may_be_root=False)
    if target.exists() and not target.is_file():
        raise InputError(
            f"{path}: not a regular file (a folder, a device or a pipe); paperweek reads and writes only "
            "regular files of the log; move it away"
        )
    return target


def log_folder(root: Path, path: Path) -> Path:
    """A folder of the log (``weeks/``, ``themes/NAME/``, ``.paperweek/``) resolved, once; InputError
    when it leads out of the log or is not a folder."""
    target = _inside(root, path, may_be_root=True)
    if target.exists() and not target.is_dir():
        raise InputError(f"{path}: not a folder; {OUTSIDE_HINT}")
    return target


def log_files(root: Path, paths: list[Path]) -> list[Path]:
    """Every path of a write checked before the first one is written."""
    return [log_file(root, path) for path in paths]


def refuse_own_files(out: Path, files: list[Path], folders: list[Path], flag: str) -> None:
    """An output path (``export -o``, ``digest -o``, ``site --out``) may not name one of the log's
    own ``files`` or lie under one of its ``folders``. Compared after
    links are resolved and without regard to case: on macOS and Windows ``README.MD`` is README.md,
    and a log is shared between systems."""
    target = out.resolve()
    key = str(target).casefold()

    def same(path: Path) -> bool:
        resolved = path.resolve()
        if str(resolved).casefold() == key:
            return True
        try:
            return out.exists() and path.exists() and os.path.samefile(out, path)  # a hard link
        except OSError:
            return False

    def under(folder: Path) -> bool:
        return key.startswith(str(folder.resolve()).casefold() + os.sep)

    own = next((p for p in files if same(p)), None) or next((f for f in folders if same(f) or under(f)), None)
    if own is not None:  # (a folder holding the whole log: site/builder.py refuses it in its own words)
        raise InputError(
            f"{flag} {out}: is or holds the log's own {own.name} (the config, a week file, the README, themes/ "
            "and .paperweek/ are paperweek's); write the output somewhere else; nothing written"
        )


def find_root(start: Path) -> Path | None:
    """The nearest ancestor of ``start`` (itself included) holding paperweek.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def log_path(root: Path, value: str, what: str) -> Path:
    """``value`` from the config as a path inside ``root``: the one resolver for every config path.

    Refuses empty, absolute and ``..`` paths, hidden parts, paperweek's own files, and a path
    that leaves the log through a symbolic link.
    """
    relative = relative_path(value, what, RESERVED)
    base = root.resolve()
    target = (base / relative).resolve()
    if target == base or not target.is_relative_to(base):
        raise ConfigError(f"{what} = {value!r}: leads outside the log's folder {root} (through a link?)")
    return target


def check_paths(config: Config, root: Path) -> None:
    """``readme`` and ``weeks_dir`` inside the log and apart; ``prompt_file`` inside the log."""
    where = config.source
    readme = log_path(root, config.readme, f"{where}: [log] readme")
    weeks = log_path(root, config.weeks_dir, f"{where}: [log] weeks_dir")
    readme_key, weeks_key = Path(str(readme).casefold()), Path(str(weeks).casefold())  # macOS, Windows: one file
    if readme_key == weeks_key or readme_key.is_relative_to(weeks_key):
        raise ConfigError(
            f"{where}: [log] readme = {config.readme!r} is inside weeks_dir = {config.weeks_dir!r}, "
            "where the week files live; choose another path"
        )
    if weeks_key.is_relative_to(readme_key):
        raise ConfigError(f"{where}: [log] weeks_dir = {config.weeks_dir!r} is inside the readme path; fix one")
    prompt = config.summary.prompt_file
    if prompt:
        log_path(root, prompt, f"{where}: [summary] prompt_file")


def read_config(root: Path) -> Config:
    """``root``'s paperweek.toml, every table checked and every path confined to the log."""
    config = load_config(root)
    check_paths(config, root)
    return config
