"""`paperweek digest`: a week as Markdown or e-mail HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_cli
from site_sample import UNIQUE_TITLE, XSS_TITLE, make_log


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    """This file's log (not conftest's): site_sample's, three weeks of two papers."""
    make_log(tmp_path / "log", weeks=3, per_week=2)
    return tmp_path / "log"


def test_markdown_digest_of_a_week(log_dir: Path) -> None:
    result = run_cli("--dir", log_dir, "digest", "--week", "2024-04-17", "--format", "md")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Reading Group \\<Log\\>: Papers of the Week (April 15 - April 21)\n")
    assert "4 papers · April 15, 2024 – April 21, 2024" in text
    assert "## 1. [Paper 0: *Scaling* laws for topic llm](https://arxiv.org/abs/2404.10000)" in text
    assert "[Paper](https://arxiv.org/abs/2404.10000) · [Repo](https://github.com/example/repo0)" in text
    assert f"## 3. [{UNIQUE_TITLE}](https://arxiv.org/abs/2404.99999)" in text
    assert "Tags: marsupials" in text
    assert "javascript:alert(5)" not in text  # unsafe link targets are dropped
    # raw HTML in stored text is shown as text by any Markdown renderer
    assert "\\<img src=x onerror=alert(1)>" in text
    assert "\\<script>alert(2)\\</script>" in text
    assert "\\<b\\>Mallory\\</b\\>" in text


def test_week_names(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERWEEK_TODAY", "2024-04-12")
    this = run_cli("--dir", log_dir, "digest", "--week", "this")
    assert "(April 8 - April 14)" in this.stdout.splitlines()[0]
    last = run_cli("--dir", log_dir, "digest", "--week", "last")
    assert "(April 1 - April 7)" in last.stdout.splitlines()[0]
    latest = run_cli("--dir", log_dir, "digest")
    assert "(April 15 - April 21)" in latest.stdout.splitlines()[0]


def test_unknown_week_and_bad_date_are_input_errors(log_dir: Path) -> None:
    result = run_cli("--dir", log_dir, "digest", "--week", "2020-01-01")
    assert result.exit_code == 2
    assert "no logged week holds January 1, 2020" in result.stderr and result.stdout == ""
    result = run_cli("--dir", log_dir, "digest", "--week", "someday")
    assert result.exit_code == 2 and "--week 'someday'" in result.stderr
    result = run_cli("--dir", log_dir, "digest", "--format", "pdf")
    assert result.exit_code == 2


class MailScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_digest_is_mail_ready_and_escaped(log_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "digest.html"
    result = run_cli(
        "--dir", log_dir, "digest", "--week", "2024-04-15", "--format", "html",
        "--base-url", "https://example.org/log", "-o", out,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    # says what it wrote, as export does (issue 21, item 11)
    assert result.stderr == f"Wrote the digest of Papers of the Week (April 15 - April 21) (4 papers) to {out} (html)\n"
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>")
    scan = MailScan()
    scan.feed(html)
    names = [t for t, _ in scan.tags]
    assert "style" not in names and "link" not in names and "script" not in names and "img" not in names
    tables = [a for t, a in scan.tags if t == "table"]
    assert tables and all(a.get("role") == "presentation" for a in tables)
    anchors = [a for t, a in scan.tags if t == "a"]
    assert anchors and all("color:" in (a.get("style") or "") for a in anchors)  # inline CSS on every link
    assert all(not (a.get("href") or "").startswith("javascript") for a in anchors)
    assert any(a.get("href") == "https://example.org/log/weeks/2024-04-15.html" for a in anchors)
    text = "".join(scan.text)
    assert XSS_TITLE in text and "<script>alert(2)</script>" in text and "<b>Mallory</b>" in text
    assert "<em>Scaling</em>" in html


def test_title_is_not_doubled_and_a_blog_post_is_not_a_paper(tmp_path: Path) -> None:
    root = tmp_path / "log"
    assert run_cli("--dir", root, "init").exit_code == 0
    for title, url in (("A post", "https://example.org/blog/a-post"), ("A page", "https://example.org/about")):
        added = run_cli("--dir", root, "add", "--title", title, "--url", url, "--released", "2024-06-17",
                        "--week", "2024-06-17")
        assert added.exit_code == 0, added.output
    md = run_cli("--dir", root, "digest", "--base-url", "https://x.org/log/").stdout
    first = md.splitlines()[0]
    assert first == "# Papers of the Week (June 17 - June 23)" and first.lower().count("papers of the week") == 1
    assert "[Blog post](https://example.org/blog/a-post)" in md and "[Web page](https://example.org/about)" in md
    assert "[Paper]" not in md
    assert "## 1. [A post](https://x.org/log/weeks/2024-06-17.html#a-post)" in md  # the title links to its anchor
    html = run_cli("--dir", root, "digest", "--format", "html").stdout
    scan = MailScan()
    scan.feed(html)
    text = "".join(scan.text)
    assert text.count("Papers of the Week") == 2  # the <title> and the heading, each said once
    assert "<title>Papers of the Week (June 17 - June 23)</title>" in html
    assert ">Blog post</a>" in html and ">Paper</a>" not in html
    links = [a.get("href") for t, a in scan.tags if t == "a"]
    assert "https://example.org/blog/a-post" in links  # no site address: the title links to the post itself


def _preheader(html: str) -> str:
    scan = MailScan()
    scan.feed(html)
    body = next(i for i, (t, _) in enumerate(scan.tags) if t == "body")
    tag, attrs = scan.tags[body + 1]
    assert tag == "div" and "display:none" in (attrs.get("style") or "")
    start = html.index(">", html.index("<div", html.index("<body"))) + 1
    return html[start : html.index("</div>", start)].split("&#847;")[0]


def test_editor_note_and_preheader(log_dir: Path, tmp_path: Path) -> None:
    args = ("--dir", log_dir, "digest", "--week", "2024-04-15")
    plain = run_cli(*args, "--format", "html").stdout
    assert _preheader(plain).startswith("4 papers: Paper 0: Scaling laws for topic llm; Paper 1")
    note = "A **short** week: see [the talk](https://example.org/talk). <b>x</b>"
    md = run_cli(*args, "--intro", note).stdout
    assert "\n\nA **short** week: see [the talk](https://example.org/talk). \\<b>x\\</b>\n\n## 1." in md
    html = run_cli(*args, "--format", "html", "--intro", note).stdout
    assert "<strong>short</strong>" in html and "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x" not in html
    assert _preheader(html) == "A short week: see the talk. &lt;b&gt;x&lt;/b&gt;"
    custom = run_cli(*args, "--format", "html", "--preheader", "Five papers & one talk").stdout
    assert _preheader(custom) == "Five papers &amp; one talk"
    # the note from a file, or kept in the week file
    path = tmp_path / "note.md"
    path.write_text("First paragraph.\n\nSecond *one*.\n", encoding="utf-8")
    assert "First paragraph.\n\nSecond *one*.\n\n## 1." in run_cli(*args, "--intro", path).stdout
    week_file = log_dir / "weeks" / "2024-04-15.yaml"
    week_file.write_text(week_file.read_text().replace("papers:", "intro: From the week file.\npapers:", 1))
    assert "\n\nFrom the week file.\n\n" in run_cli(*args).stdout
    assert run_cli("--dir", log_dir, "build").exit_code == 0
    assert "From the week file." not in (log_dir / "README.md").read_text()  # the note is the digest's only
    missing = run_cli(*args, "--intro", tmp_path / "nope.md")
    assert missing.exit_code == 2 and "nope.md: no such file" in missing.stderr and missing.stdout == ""


def test_editor_note_follows_the_url_policy_and_is_cleaned(log_dir: Path) -> None:
    args = ("--dir", log_dir, "digest", "--week", "2024-04-15")
    week_file = log_dir / "weeks" / "2024-04-15.yaml"
    note = "See [this](&#106;avascript:alert(1)) and [that](https://example.org/ok).\x1b[31m"
    week_file.write_text(week_file.read_text().replace("papers:", f"intro: {json.dumps(note)}\npapers:", 1))
    md = run_cli(*args)
    assert md.exit_code == 0, md.output
    assert "See [this\\](" in md.stdout and "[that](https://example.org/ok)" in md.stdout  # not a link: shown as text
    assert "\x1b" not in md.stdout and "[31m" not in md.stdout
    html = run_cli(*args, "--format", "html").stdout
    assert 'href="https://example.org/ok"' in html and not re.search(r'href="[^"]*avascript', html)
