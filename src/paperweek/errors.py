"""One error tree. Every message says what went wrong and how to fix it.

The CLI maps these to exit codes in one place (``cli.main``):
``InputError`` (usage, bad files, bad values) exits 2 and nothing is written;
``ItemsFailed`` (the command ran but some items failed) exits 1.
"""

from __future__ import annotations

from collections.abc import Callable


class PaperweekError(Exception):
    """Base of every error paperweek reports to a user."""

    exit_code = 2


class InputError(PaperweekError):
    """Bad usage or bad input: nothing was written."""

    exit_code = 2


class Param:
    """A parameter named in an error: ``title`` to a library caller, ``--title`` on the command line.

    (A plain class, not a dataclass: this module is imported by ``paperweek --help``.)
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Param({self.name!r})"

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


class ParamError(InputError):
    """A bad value of named parameters, in the library's own words.

    ``str()`` names each parameter as the library does (``title is empty``); the CLI
    shows ``worded(flag)`` instead (``--title is empty``), so the user reads the flag
    they typed while the library speaks of its own parameters. Text that tells the
    user what to run next (``rerun with --skip-bad``) is a command line, not a
    parameter, and stays plain text.
    """

    def __init__(self, *parts: str | Param) -> None:
        self.parts = parts
        super().__init__(self.worded(lambda p: p.name))

    def worded(self, name: Callable[[Param], str]) -> str:
        """The message with each parameter written by ``name``."""
        return "".join(name(part) if isinstance(part, Param) else part for part in self.parts)


class ConfigError(InputError):
    """paperweek.toml is missing or malformed."""


class DataFileError(InputError):
    """A week data file does not validate."""

    def __init__(self, path: str, reason: str, line: int | None = None, field: str | None = None):
        self.path = path
        self.line = line
        self.field = field
        self.reason = reason
        where = path if line is None else f"{path}:{line}"
        what = f"{field}: {reason}" if field else reason
        super().__init__(f"{where}: {what}")


class ReadmeEdited(InputError):
    """README.md holds hand edits that a rebuild would discard."""


class WriteError(PaperweekError):
    """A file could not be written (permissions, a full disk): the old one is untouched."""

    exit_code = 2

    @classmethod
    def from_os(cls, path: object, exc: OSError) -> WriteError:
        import errno

        why = exc.strerror or str(exc)
        hint = {
            errno.ENOSPC: "free some disk space",
            errno.EDQUOT: "free some disk space",
            errno.EACCES: "check the folder's permissions",
            errno.EPERM: "check the folder's permissions",
            errno.EROFS: "the file system is read-only",
        }.get(exc.errno or 0, "check the path")
        return cls(f"{path}: cannot write ({why}); {hint}, then retry (the file is unchanged)")


class LockTimeout(PaperweekError):
    """Another paperweek process holds the log for too long."""

    exit_code = 1


class ItemsFailed(PaperweekError):
    """The command ran, but some items failed (exit 1)."""

    exit_code = 1


class NetworkError(PaperweekError):
    """A remote service could not be reached or answered badly."""

    exit_code = 1


class MissingDependency(PaperweekError):
    """A command needs an optional part of paperweek that is not installed (an extra); the message says what to install."""

    exit_code = 2
