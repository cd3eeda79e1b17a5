"""One reading of Markdown text, ids and arXiv links (markdown.py, ids.py), seen through the CLI.

These are the places where copies of one job used to disagree: the id `add --title` gave an
item and the id import gave the same item; ids import handed out twice; an arXiv link that
`check` called a duplicate but `add` did not see.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli, snapshot

from paperweek.markdown import atx_headings, plain, rough_plain

TOP = "# List\n\nIntro.\n\nHere is the weekly series:\n\n## 2024\n\n- [W (April 15 - April 21)](./#w-april-15---april-21---2024)\n\n"
TABLE = "## W (April 15 - April 21) - 2024\n\n| **Paper**  | **Release Date** | **Links** |\n| ------------- | ------------- | ------------- |\n"


def _row(n: int, title: str, url: str) -> str:
    return f"| ({n}) **{title}** - A summary. | April 16, 2024 | [Paper]({url}) |\n"


def _ids(root: Path) -> list[str]:
    done = run_cli("--dir", root, "list", "--json")
    assert done.exit_code == 0, done.output
    return [p["id"] for p in json.loads(done.stdout)]


def test_import_and_add_give_an_item_the_same_id(tmp_path: Path) -> None:
    title = "Café Über_Alles - A Study of Q&A"
    readme = tmp_path / "README.md"
    readme.write_text(TOP + TABLE + _row(1, title, "https://example.org/cafe"), encoding="utf-8")
    imported = tmp_path / "imported"
    assert run_cli("--dir", imported, "import", readme).exit_code == 0
    added = tmp_path / "added"
    assert run_cli("--dir", added, "init").exit_code == 0
    done = run_cli("--dir", added, "add", "--title", title, "--url", "https://example.org/cafe",
                   "--released", "2024-04-16", "--week", "2024-04-16", "--no-build")
    assert done.exit_code == 0, done.output
    assert _ids(imported) == _ids(added) == ["cafe-uber-alles-a-study-of-q-a"]


def test_imported_items_never_share_an_id(tmp_path: Path) -> None:
    rows = [_row(1, "Foo", "https://example.org/1"), _row(2, "Foo", "https://example.org/2"),
            _row(3, "Foo 2", "https://example.org/3")]
    readme = tmp_path / "README.md"
    readme.write_text(TOP + TABLE + "".join(rows), encoding="utf-8")
    root = tmp_path / "log"
    done = run_cli("--dir", root, "import", readme)
    assert done.exit_code == 0, done.output
    ids = _ids(root)
    assert len(ids) == 3 and len(set(ids)) == 3, ids
    assert ids[:2] == ["foo", "foo-2"]
    assert run_cli("--dir", root, "build").exit_code == 0
    check = run_cli("--dir", root, "check")
    assert check.exit_code == 0, check.output


def test_add_sees_a_paper_logged_behind_any_arxiv_link(log: Path) -> None:
    week = log / "weeks" / "2024-04-22.yaml"
    week.write_text(
        week.read_text(encoding="utf-8")
        + "  - id: my-notes\n    title: My notes on a paper\n    released: 2024-05-01\n    links:\n"
        "      - {label: Slides, url: 'https://example.org/slides'}\n"
        "      - {label: PDF (v2), url: 'https://arxiv.org/pdf/2405.00001v2'}\n",
        encoding="utf-8",
    )
    assert run_cli("--dir", log, "build").exit_code == 0
    before = snapshot(log)
    done = run_cli("--dir", log, "add", "2405.00001", "--week", "2024-04-22")
    assert "2405.00001 is already in the log, in" in done.output, done.output
    assert snapshot(log) == before


def test_plain_text_readings() -> None:
    # exact (README, exports) and the site's reading (raw HTML is text there)
    assert plain(r"\*Many\* **shots** <b>x</b> &amp; ![alt](i.png)") == "*Many* shots x & alt"
    assert plain("<b>x</b> ![alt](i.png)", html=False) == "<b>x</b> !alt"
    # rough: unpaired markers of a snippet go too; tags, but not comparisons, are dropped
    assert rough_plain(r"**Mixture\-of\-Depths** uses [a link](https://x.org) and `code` <br/>") == (
        "Mixture-of-Depths uses a link and code "
    )
    assert rough_plain("a < b and **bold") == "a < b and bold"
    assert atx_headings("# A\n   ```\n# not\n```\n## B ##\n#no\n") == ["A", "B"]
