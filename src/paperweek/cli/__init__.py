"""The ``paperweek`` command: a thin click layer over the library.

Subcommands are imported only when run, so ``paperweek --help`` stays fast.
Errors are mapped to exit codes in one place, ``main``.
"""

from __future__ import annotations

import importlib
import io
import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

import click

from paperweek import __version__
from paperweek.errors import InputError, PaperweekError, ParamError

# name -> "module:function", each module under paperweek.cli; one-line help shown by --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("paperweek.cli.log_cmds:init", "Start a new log here (or in --dir)."),
    "demo": ("paperweek.cli.demo_cmd:demo", "Build a complete example log from bundled sample data."),
    "import": ("paperweek.cli.log_cmds:import_", "Read an existing README of weekly tables into a new log."),
    "build": ("paperweek.cli.build_cmd:build", "Regenerate README.md from the week files."),
    "check": ("paperweek.cli.check_cmd:check", "Report problems in the log and its README (exit 1 if any)."),
    "list": ("paperweek.cli.query_cmds:list_", "List logged papers, newest week first."),
    "show": ("paperweek.cli.query_cmds:show", "Show one logged paper."),
    "theme": ("paperweek.cli.theme_cmd:theme", "List README themes; copy one into the log to edit it."),
    "search": ("paperweek.cli.search_cmd:search", "Full-text search of the log (ranked, with snippets)."),
    "tag": ("paperweek.cli.tag_cmd:tag", "Add or remove tags of papers (+name -name); list tags."),
    "export": ("paperweek.cli.export_cmd:export", "Export papers as BibTeX, CSL-JSON, CSV or JSON."),
    "add": ("paperweek.cli.paper_cmds:add", "Add arXiv papers (ids or links), or other items, to a week."),
    "remove": ("paperweek.cli.paper_cmds:remove", "Remove papers from the log."),
    "move": ("paperweek.cli.paper_cmds:move", "Move a paper to another week or another row of its week."),
    "edit": ("paperweek.cli.paper_cmds:edit", "Edit a logged paper in $EDITOR (validated)."),
    "refresh": ("paperweek.cli.paper_cmds:refresh", "Fetch arXiv metadata again for logged papers."),
    "site": ("paperweek.cli.publish_cmds:site", "Build the static website with search and an Atom feed."),
    "digest": ("paperweek.cli.publish_cmds:digest", "Print a newsletter-ready digest of one week (md or html)."),
    "discover": ("paperweek.cli.discover_cmd:discover", "Rank new arXiv papers by what this log highlights."),
    "completion": ("paperweek.cli.completion_cmd:completion", "Print the shell completion script (bash, zsh, fish)."),
}
NO_LOG = ("demo", "completion")  # commands that take no --dir


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, _, attr = COMMANDS[cmd_name][0].partition(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        if cmd_name not in NO_LOG and not any("--dir" in param.opts for param in command.params):
            from paperweek.cli.options import dir_option

            command.params.append(dir_option())  # `paperweek list --dir X` as well as `paperweek --dir X list`
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """An unknown command names the closest one (``paperweek lst``: did you mean list?)."""
        name = args[0] if args else ""
        if name in COMMANDS or name.startswith("-"):
            return super().resolve_command(ctx, args)
        import difflib

        close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        ctx.fail(f"No such command {name!r}.{hint}")

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The log's folder (default: nearest ancestor holding paperweek.toml).",
)
@click.version_option(__version__, prog_name="paperweek")
@click.pass_context
def cli(ctx: click.Context, directory: Path | None) -> None:
    """Keep a weekly log of research papers; publish it as a README, a site, a feed."""
    from paperweek.env import check_environment  # lazy, like the commands: `paperweek --help` stays small

    check_environment()  # a bad PAPERWEEK_* number stops here, before anything is fetched or written
    ctx.obj = {"dir": directory}


class _ClosedOutput(io.TextIOBase):
    """Standard output when the shell closed it (``paperweek list >&-``): writing is one clear line."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise InputError("standard output is closed (>&-); send it to a file (> out.txt) or to /dev/null")


def _output_writer() -> None:
    """The one output writer's set-up: text the terminal's encoding cannot show (``PYTHONIOENCODING=
    latin-1``) is written as ``\\u201c`` escapes instead of raising UnicodeEncodeError, and a closed
    standard output is one line (``_ClosedOutput``)."""
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _reader_went_away() -> None:
    """The reader of our output stopped (``paperweek list | head -1``): what it read is what it
    wanted, so stop quietly, exit 0, and let no later flush raise again."""
    with suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn errors into one clear line and an exit status."""
    _output_writer()
    try:
        result: Any = cli.main(args=argv, prog_name="paperweek", standalone_mode=False)
        sys.stdout.flush()  # a pipe closed by its reader shows here, not at exit
    except BrokenPipeError:
        _reader_went_away()
    except PaperweekError as exc:
        # the library names parameters in its own words; the user reads the flags they typed
        from paperweek.safetext import for_terminal  # lazy: see check_environment above

        message = exc.worded(lambda param: param.flag) if isinstance(exc, ParamError) else str(exc)
        click.echo(for_terminal(f"paperweek: {message}"), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort as exc:
        # click turns Ctrl-C and end of input at a prompt into Abort; tell them apart
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, KeyboardInterrupt):
            click.echo("paperweek: interrupted", err=True)
            sys.exit(130)
        click.echo("paperweek: aborted (no answer: end of input); nothing more was written", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("paperweek: interrupted", err=True)
        sys.exit(130)
    except OSError as exc:  # a path that cannot be read or written (permissions, read-only, full disk)
        import errno

        # atomic writes raise WriteError naming the file (store/atomic.py), never their temporary sibling
        where = str(exc.filename or "paperweek")
        click.echo(f"paperweek: {where}: {exc.strerror or exc}; check the path, its permissions and free space",
                   err=True)
        sys.exit(1 if exc.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT) else 2)
    sys.exit(result if isinstance(result, int) else 0)
