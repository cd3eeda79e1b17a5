"""``paperweek demo``: a complete example log, README and website, from bundled sample data.

Its own module because it builds a website: ``init`` and ``import`` do not load the site builder.
"""

from __future__ import annotations

from pathlib import Path

import click

from paperweek.cli.common import plural
from paperweek.operations.build import build
from paperweek.operations.create import demo_log
from paperweek.operations.publish import build_site


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("paperweek-demo"))
def demo(directory: Path) -> None:
    """Build a complete example log in DIRECTORY from bundled sample data (no network)."""
    log = demo_log(directory)
    build(log)
    site = build_site(log)
    papers = sum(len(w.papers) for w in log.weeks)
    click.echo(f"Demo log with {plural(len(log.weeks), 'week')} and {plural(papers, 'paper')} in {log.root}")
    click.echo(f"  README:     {log.readme_path}")
    click.echo(f"  week files: {log.weeks_dir}/")
    click.echo(f"  website:    {site.out / 'index.html'} (open it in a browser; search works offline)")
    click.echo(f"Try: paperweek --dir {directory} list")
