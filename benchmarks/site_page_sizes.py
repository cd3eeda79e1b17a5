"""The size of the site's pages for a real list: the home page and the largest page.

Imports a list (default: the largest of ../shared/lists, 1,142 papers in one period) into a
temporary log and builds its site twice: with `[site] page_papers = 0` (no paging: the home page
holds its newest periods whole, as before paging) and with the default (100 papers a page).

    python benchmarks/site_page_sizes.py [LIST.md]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_LIST = REPO.parent / "shared" / "lists" / "Vincentqyw+cv-arxiv-daily--910061b8.md"


def paperweek(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "paperweek", *args], check=True, capture_output=True)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_LIST
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "log"
        paperweek("--dir", str(log), "import", str(source))
        config = log / "paperweek.toml"
        base = config.read_text(encoding="utf-8")
        print(f"list: {source.name}")
        for label, extra in (("page_papers = 0 (no paging)", "\n[site]\npage_papers = 0\n"), ("default paging", "")):
            config.write_text(base + extra, encoding="utf-8")
            out = Path(tmp) / "site"
            paperweek("--dir", str(log), "site", "--out", str(out))
            pages = sorted(out.rglob("*.html"), key=lambda p: p.stat().st_size)
            home = (out / "index.html").stat().st_size
            print(f"{label}: {len(pages)} pages; index.html {home / 1000:.0f} kB; "
                  f"largest {pages[-1].relative_to(out)} {pages[-1].stat().st_size / 1000:.0f} kB")


if __name__ == "__main__":
    main()
