"""``paperweek completion bash|zsh|fish``: the shell's completion script, printed for the rc file."""

from __future__ import annotations

import click

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_PAPERWEEK_COMPLETE"  # click's switch; the script the shell runs sets it


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL (bash, zsh or fish); see docs/cli.md.

    \b
    bash: eval "$(paperweek completion bash)"   in ~/.bashrc
    zsh:  eval "$(paperweek completion zsh)"    in ~/.zshrc
    fish: paperweek completion fish > ~/.config/fish/completions/paperweek.fish
    """
    from click.shell_completion import get_completion_class

    script = get_completion_class(shell)
    assert script is not None  # click ships all three
    root = ctx.find_root().command
    click.echo(script(root, {}, "paperweek", COMPLETE_VAR).source())
