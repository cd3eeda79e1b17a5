"""markdown.py, the one owner of inline Markdown: untrusted text escaped so a table row never breaks,
cells and links read back, Markdown read as plain text, ATX headings outside code fences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from paperweek import markdown as md
from paperweek.models import Link


@given(st.lists(st.text(), min_size=1, max_size=4))
def test_a_row_of_escaped_cells_splits_back_into_as_many_cells(texts: list[str]) -> None:
    row = "| " + " | ".join(md.cell(md.escape(text)) for text in texts) + " |"
    assert "\n" not in row
    assert len(md.split_row(row)) == len(texts)


def test_escape_shows_the_text_and_plain_reads_it_back() -> None:
    text = "a | b *c* [d](e) `f`"
    escaped = md.escape(text)
    assert "|" not in escaped.replace("\\|", "")
    assert md.plain(escaped, html=False) == text


def test_cell_keeps_a_multi_line_value_on_one_line() -> None:
    assert md.cell("line1\nline2 | pipe") == "line1 line2 \\| pipe"


def test_links_cell_and_parse_links_are_inverse() -> None:
    links = [Link("Paper", "https://arxiv.org/abs/2404.11018"), Link("Code", "https://github.com/a/b")]
    found, gaps = md.parse_links_with_gaps(md.links_cell(links))
    assert found == links and gaps == ["", ", ", ""]


def test_markdown_read_as_plain_text() -> None:
    assert md.plain("**bold** [link](https://x.org) `code`", html=False) == "bold link code"
    assert md.rough_plain("**bold** [link](https://x.org)") == "bold link"


def test_atx_headings_skip_fenced_code() -> None:
    assert md.atx_headings("# One\n\ntext\n## Two ##\n```\n# not a heading\n```\n") == ["One", "Two"]
