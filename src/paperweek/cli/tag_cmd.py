"""``paperweek tag``: add (+name) or remove (-name) tags of papers; list the tags in use."""

from __future__ import annotations

from typing import Any

import click

from paperweek.cli.common import open_log_from, print_json
from paperweek.cli.options import complete_tag_args
from paperweek.operations.tagging import edit_tags, tag_counts
from paperweek.safetext import for_terminal
from paperweek.tags import effective_tags, parse_tag_ops


class _TagCommand(click.Command):
    """``tag``'s completion: ``-name`` is a tag to remove, not an option, so offer tags for it too."""

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[Any]:
        found = super().shell_complete(ctx, incomplete)
        if incomplete.startswith("-") and not incomplete.startswith("--"):
            param = next(p for p in self.params if p.name == "args")
            found = complete_tag_args(ctx, param, incomplete) + found
        return found


@click.command(cls=_TagCommand, context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED, shell_complete=complete_tag_args)
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@click.pass_context
def tag(ctx: click.Context, args: tuple[str, ...], as_json: bool) -> None:
    """Add (+name) or remove (-name) tags of papers; with no arguments, list every tag.

    \b
    paperweek tag 2404.11018 +llm -vision
    paperweek tag 2404.11018 2404.07143 +reading-group
    paperweek tag                      (all tags, with counts)
    paperweek tag 2404.11018           (that paper's tags)
    """
    log = open_log_from(ctx)
    refs, ops = parse_tag_ops(args)
    if not refs and not ops:
        counts = tag_counts(log)
        if as_json:
            print_json([count._asdict() for count in counts])
            return
        for count in counts:
            click.echo(for_terminal(f"{count.papers:>6}  {count.tag}"))
        return
    changes = edit_tags(log, refs, ops)
    if as_json:
        print_json(
            [
                {
                    "id": change.paper.id,
                    "week": change.week.start.isoformat(),
                    "tags": change.after,
                    "effective_tags": effective_tags(change.paper, log.config),
                    "changed": change.changed,
                }
                for change in changes
            ]
        )
        return
    for change in changes:
        status = "updated" if change.changed else "unchanged"
        tags = ", ".join(effective_tags(change.paper, log.config)) or "(no tags)"
        click.echo(for_terminal(f"{change.paper.id}: {tags}  [{status}]"))
