"""paperweek export: BibTeX (parsed back with bibtexparser), CSL-JSON (CSL schema), CSV, JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from pylatexenc.latex2text import LatexNodes2Text

from paperweek.export.bibtex import latex_title
from paperweek.export.names import ascii_key, first_word, split_name
from paperweek.markdown import escape
from paperweek.models import Link, Paper, Week
from paperweek.operations.create import init_log
from paperweek.store import Log, open_log

W1 = dt.date(2024, 4, 15)
W2 = dt.date(2024, 4, 22)


@pytest.fixture
def small_log(tmp_path: Path) -> Log:
    small_log = init_log(tmp_path / "log")
    with small_log.locked():
        small_log.save_week(
            Week(
                start=W1,
                papers=[
                    Paper(
                        id="2404.11018",
                        title="Many-Shot In-Context Learning",
                        summary="Uses **many** shots \\& more.",
                        released=dt.date(2024, 4, 17),
                        links=[Link("Paper", "https://arxiv.org/abs/2404.11018"), Link("Repo", "https://github.com/o/r")],
                        authors=["Rishabh Agarwal", "Avi Singh", "Lei M. Zhang"],
                        categories=["cs.LG", "cs.CL"],
                        abstract="Large language models (LLMs) excel at few-shot in-context learning.",
                        tags=["reading-group"],
                    ),
                    Paper(
                        id="2404.22222",
                        title=escape("Many shots & 50% of $\\alpha$_1 #hash {braces} ~tilde^ \\ back — Müller’s “LLMs”"),
                        released=dt.date(2024, 4, 18),
                        authors=["José Ñúñez-Müller", "Ludwig van Beethoven", "John Smith Jr.", "OpenAI"],
                        categories=["cs.CV"],
                    ),
                ],
            )
        )
        small_log.save_week(
            Week(
                start=W2,
                papers=[
                    Paper(
                        id="2404.33333",
                        title="Many Manifolds",
                        summary="=HYPERLINK(\"http://evil.example\")",
                        released=dt.date(2024, 4, 23),
                        authors=["Ada Agarwal"],
                    ),
                    Paper(id="blog-post", title="A *blog* post", links=[Link("Blog", "https://example.org/post")]),
                ],
            )
        )
    return open_log(small_log.root)


def export(small_log: Log, *args: str) -> str:
    result = run_cli("--dir", small_log.root, "export", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def parse_bib(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    keys = [e.key for e in library.entries]
    assert len(keys) == len(set(keys))
    return {e.key: {f.key: f.value for f in e.fields} | {"ENTRYTYPE": e.entry_type} for e in library.entries}


def test_bibtex_parses_with_keys_and_arxiv_fields(small_log: Log) -> None:
    entries = parse_bib(export(small_log, "--format", "bibtex"))
    assert sorted(entries) == ["agarwal2024many", "agarwal2024manya", "anon2024blog", "nunezmuller2024many"]
    e = entries["agarwal2024many"]
    assert e["ENTRYTYPE"] == "misc"
    assert e["eprint"] == "2404.11018" and e["archivePrefix"] == "arXiv" and e["primaryClass"] == "cs.LG"
    assert e["url"] == "https://arxiv.org/abs/2404.11018" and e["doi"] == "10.48550/arXiv.2404.11018"
    assert e["author"] == "Agarwal, Rishabh and Singh, Avi and Zhang, Lei M."
    assert e["year"] == "2024" and e["date"] == "2024-04-17"
    assert e["keywords"] == "reading-group, machine-learning, nlp"
    assert e["title"] == "{Many-Shot} {In-Context} Learning"
    # "Many Manifolds", logged later by another Agarwal, gets the suffix: the earlier key never moves
    assert entries["agarwal2024manya"]["eprint"] == "2404.33333"
    blog = entries["anon2024blog"]
    assert "eprint" not in blog and blog["url"] == "https://example.org/post" and blog["title"] == "A blog post"


def test_bibtex_has_abstracts_online_entries_and_braces_only_the_word(small_log: Log) -> None:
    entries = parse_bib(export(small_log, "--format", "bibtex"))
    assert entries["agarwal2024many"]["abstract"] == (
        "Large language models (LLMs) excel at few-shot in-context learning."
    )
    blog = entries["anon2024blog"]  # a blog post: biblatex's @online with the date it was read
    assert blog["ENTRYTYPE"] == "online" and blog["urldate"] == "2024-04-22" and "doi" not in blog
    assert entries["agarwal2024manya"]["ENTRYTYPE"] == "misc"
    assert latex_title("MuSViT: Multi-Scale (LoRA) Tuning, for LLMs?") == (
        "{MuSViT}: {Multi-Scale} ({LoRA}) Tuning, for {LLMs}?"
    )


def test_bibtex_escapes_latex_and_reads_back_as_the_title(small_log: Log) -> None:
    entry = parse_bib(export(small_log, "--format", "bibtex"))["nunezmuller2024many"]
    title = entry["title"]
    for raw in ("& ", "50%", "#hash", "{braces}", "~tilde", "_1"):
        assert raw not in title.replace("\\" + raw[0], ""), raw
    assert "$\\alpha$" in title  # TeX math kept as written
    text = LatexNodes2Text(math_mode="verbatim").latex_to_text(title).replace("\u02c6", "^")
    assert text == "Many shots & 50% of $\\alpha$_1 #hash {braces} ~tilde^ \\ back — Müller’s “LLMs”"
    assert entry["author"].startswith("{\\'{") or "N" in entry["author"]
    authors = LatexNodes2Text().latex_to_text(entry["author"])
    assert authors == "Ñúñez-Müller, José and van Beethoven, Ludwig and Smith, Jr., John and OpenAI"


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            # ASCII with LaTeX specials; quotes are left out (LaTeX typesets " as a curly quote, which is intended)
            st.characters(min_codepoint=32, max_codepoint=126, exclude_characters="$\"'`"),
            st.characters(min_codepoint=0xC0, max_codepoint=0xFF, categories=("Lu", "Ll")),  # Latin-1 letters
        ),
        min_size=1,
    )
)
def test_any_title_survives_latex_escaping(title: str) -> None:
    latex = latex_title(title)
    library = bibtexparser.parse_string(f"@misc{{k,\n  title = {{{latex}}}\n}}\n")
    assert not library.failed_blocks and len(library.entries) == 1
    back = LatexNodes2Text().latex_to_text(library.entries[0].fields_dict["title"].value)
    # pylatexenc reads \textasciicircum as U+02C6, and -- / --- as the dashes LaTeX typesets
    back = back.replace("\u02c6", "^").replace("\u2014", "---").replace("\u2013", "--")
    assert " ".join(back.split()) == " ".join(title.split())


def test_keys_are_stable_across_filters(small_log: Log) -> None:
    whole = parse_bib(export(small_log, "--format", "bibtex"))
    only_w2 = parse_bib(export(small_log, "--format", "bibtex", "--week", "2024-04-24"))
    assert sorted(only_w2) == ["agarwal2024manya", "anon2024blog"]
    assert only_w2["agarwal2024manya"] == whole["agarwal2024manya"]


def test_names_and_keys() -> None:
    assert split_name("Ludwig van Beethoven").full_family == "van Beethoven"
    assert split_name("Smith, Jr., John").suffix == "Jr."
    assert split_name("Aich, Ankan").family == "Aich"
    assert ascii_key("Łukasz Müller-Straße") == "lukaszmullerstrasse"
    assert first_word("On the Many Shots") == "many"
    assert first_word("A") == "a"


# Key constraints of the CSL-JSON schema (citation-style-language/schema, csl-data.json):
# an array of objects with a known "type" and an "id", only CSL variables as keys,
# names as family/given/particle/suffix or literal, dates as date-parts.
_NAME = {
    "type": "object",
    "properties": {k: {"type": "string"} for k in ("family", "given", "non-dropping-particle", "suffix", "literal")},
    "additionalProperties": False,
}
CSL_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["type", "id"],
        "properties": {
            "type": {
                "enum": ["article", "article-journal", "paper-conference", "report", "webpage", "post", "post-weblog"]
            },
            "id": {"type": ["string", "number"]},
            "author": {"type": "array", "items": _NAME},
            "issued": {
                "type": "object",
                "properties": {
                    "date-parts": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 2,
                        "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["string", "number"]}},
                    }
                },
                "additionalProperties": False,
            },
            "categories": {"type": "array", "items": {"type": "string"}},
            "accessed": {"$ref": "#/items/properties/issued"},
            **{
                k: {"type": ["string", "number"] if k == "number" else "string"}
                for k in ("title", "URL", "DOI", "abstract", "archive", "publisher", "number", "keyword", "note")
            },
        },
        "additionalProperties": False,
    },
}


def test_csl_json_follows_the_schema(small_log: Log) -> None:
    items = json.loads(export(small_log, "--format", "csl-json"))
    jsonschema.validate(items, CSL_SCHEMA)
    first = next(i for i in items if i["id"] == "agarwal2024many")
    assert first["type"] == "article" and first["archive"] == "arXiv" and first["number"] == "arXiv:2404.11018"
    assert first["issued"] == {"date-parts": [[2024, 4, 17]]}
    assert first["URL"] == "https://arxiv.org/abs/2404.11018"
    assert first["author"][0] == {"family": "Agarwal", "given": "Rishabh"}
    assert first["abstract"].startswith("Large language models")
    odd = next(i for i in items if i["id"] == "nunezmuller2024many")
    assert odd["author"][1] == {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}
    assert odd["author"][3] == {"literal": "OpenAI"}
    assert odd["title"].startswith("Many shots & 50% of $\\alpha$_1")
    blog = next(i for i in items if i["id"] == "anon2024blog")
    assert "archive" not in blog and blog["issued"] == {"date-parts": [[2024, 4, 22]]}  # no release date: the week
    assert blog["type"] == "post-weblog" and blog["accessed"] == {"date-parts": [[2024, 4, 22]]}
    assert all(i["type"] == "article" for i in items if i is not blog)


def test_csv_has_a_header_and_plain_text(small_log: Log) -> None:
    rows = list(csv.DictReader(io.StringIO(export(small_log, "--format", "csv", "--year", "2024"))))
    assert [r["id"] for r in rows] == ["2404.33333", "blog-post", "2404.11018", "2404.22222"]
    first = rows[2]
    assert first["title"] == "Many-Shot In-Context Learning" and first["summary"] == "Uses many shots & more."
    assert first["authors"] == "Rishabh Agarwal; Avi Singh; Lei M. Zhang"
    assert first["links"] == "Paper: https://arxiv.org/abs/2404.11018 ; Repo: https://github.com/o/r"
    assert first["week"] == "2024-04-15" and first["number"] == "1"
    assert rows[0]["summary"] == "'=HYPERLINK(\"http://evil.example\")"  # never a spreadsheet formula
    assert rows[1]["title"] == "A blog post"


def test_json_has_every_field(small_log: Log) -> None:
    data = json.loads(export(small_log, "--format", "json", "--tag", "reading-group"))
    assert len(data) == 1
    item = data[0]
    for key in ("id", "title", "summary", "released", "links", "authors", "categories", "tags", "comments",
                "journal_ref", "doi", "code_links", "abstract", "week", "week_end", "number"):
        assert key in item, key
    assert item["summary"] == "Uses **many** shots \\& more." and item["summary_text"] == "Uses many shots & more."
    assert item["effective_tags"] == ["reading-group", "machine-learning", "nlp"]
    assert item["citation_key"] == "agarwal2024many"


def test_out_file_and_bad_options(small_log: Log, tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    result = run_cli("--dir", small_log.root, "export", "--format", "bibtex", "--tag", "vision", "--out", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert "Wrote 1 paper to" in result.stderr
    assert list(parse_bib(out.read_text(encoding="utf-8"))) == ["nunezmuller2024many"]
    bad = run_cli("--dir", small_log.root, "export", "--format", "bibtex", "--week", "someday", "--out", tmp_path / "x.bib")
    assert bad.exit_code == 2 and "--week" in bad.stderr and not (tmp_path / "x.bib").exists()
    assert run_cli("--dir", small_log.root, "export", "--format", "docx").exit_code == 2


def test_arxiv_cache_fills_missing_metadata(small_log: Log) -> None:
    from paperweek.cache.arxiv import MetadataCache
    from paperweek.models import ArxivRecord

    day = dt.date(2024, 4, 23)
    with MetadataCache(small_log.cache_dir) as cache:
        cache.put_records([
            ArxivRecord(id="2404.33333", version="v2", title="x", abstract="Cached  abstract.", authors=["Ada Agarwal"],
                        published=day, updated=day, primary_category="math.DG", categories=["math.DG", "cs.LG"])
        ])
    entries = parse_bib(export(small_log, "--format", "bibtex"))
    assert entries["agarwal2024manya"]["primaryClass"] == "math.DG"
    items = json.loads(export(small_log, "--format", "csl-json"))
    assert next(i for i in items if i["id"] == "agarwal2024manya")["abstract"] == "Cached abstract."
