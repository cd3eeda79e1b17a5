"""paperweek search: ranking, query syntax, filters, the incremental index, terminal and JSON output."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperweek.errors import InputError
from paperweek.index.search import SearchIndex, fts_query
from paperweek.models import Link, Paper, Week
from paperweek.operations.create import init_log
from paperweek.operations.search import Found, Hit, search
from paperweek.store import Log, open_log

APRIL_15 = dt.date(2024, 4, 15)
APRIL_22 = dt.date(2024, 4, 22)
JAN_2023 = dt.date(2023, 1, 2)


def paper(pid: str, title: str, summary: str = "", abstract: str = "", **kw: object) -> Paper:
    return Paper(
        id=pid,
        title=title,
        summary=summary,
        abstract=abstract,
        released=kw.pop("released", dt.date(2024, 4, 10)),  # type: ignore[arg-type]
        links=[Link("Paper", f"https://arxiv.org/abs/{pid}")],
        **kw,  # type: ignore[arg-type]
    )


def make_log(root: Path, weeks: dict[dt.date, list[Paper]]) -> Log:
    log = init_log(root)
    with log.locked():
        for start, papers in weeks.items():
            log.save_week(Week(start=start, papers=papers))
    return open_log(root)


@pytest.fixture
def small_log(tmp_path: Path) -> Log:
    return make_log(
        tmp_path / "log",
        {
            APRIL_15: [
                paper("2404.00001", "Planning with world models", "A summary about robots.", "We study zebras."),
                paper("2404.00002", "Zebra stripes explained", "Nothing else.", "Plain abstract."),
                paper("2404.00003", "Unrelated work", "The summary mentions zebra crossings.", "Abstract."),
                paper(
                    "2404.00004",
                    "Many-Shot In-Context Learning",
                    "Scaling in-context learning to thousands of examples.",
                    "",
                    authors=["Rishabh Agarwal", "Avi Singh"],
                    categories=["cs.CL", "cs.LG"],
                ),
            ],
            APRIL_22: [
                paper("2404.00005", "Learning in context of diffusion", "Diffusion models for video.", ""),
                paper("2404.00006", "Diffusional dynamics", "Physics.", "", categories=["cs.CV"]),
                paper("2404.00007", r"\[bold\]x is not markup", "A title that looks like rich markup.", ""),
            ],
            JAN_2023: [paper("2301.00001", "Zebra finches sing", "Birdsong.", "", released=dt.date(2023, 1, 3))],
        },
    )


def ids(hits: Found | list[Hit]) -> list[str]:
    return [h.id for h in (hits.hits if isinstance(hits, Found) else hits)]


def test_title_match_ranks_above_summary_above_abstract(small_log: Log) -> None:
    hits = search(small_log, "zebra*", year=2024).hits
    assert ids(hits) == ["2404.00002", "2404.00003", "2404.00001"]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_phrase_prefix_and_punctuated_words(small_log: Log) -> None:
    assert ids(search(small_log, '"in-context learning"')) == ["2404.00004"]
    # unquoted, the words may be anywhere: the diffusion paper has "learning in context" too
    assert set(ids(search(small_log, "in-context learning"))) == {"2404.00004", "2404.00005"}
    assert set(ids(search(small_log, "diffu*"))) == {"2404.00005", "2404.00006"}
    assert ids(search(small_log, "diffusion")) == ["2404.00005"]
    assert ids(search(small_log, "title:diffusional")) == ["2404.00006"]
    assert ids(search(small_log, "authors:agarwal")) == ["2404.00004"]
    assert ids(search(small_log, "zebra* NOT stripes", year=2024)) == ["2404.00003", "2404.00001"]


def test_filters_by_tag_year_and_week(small_log: Log) -> None:
    assert ids(search(small_log, "learning", tags=["nlp"])) == ["2404.00004"]  # cs.CL -> nlp, automatically
    assert ids(search(small_log, "learning", tags=["nlp", "machine-learning"])) == ["2404.00004"]
    assert ids(search(small_log, "learning", tags=["vision"])) == []
    assert ids(search(small_log, "zebra*", year=2023)) == ["2301.00001"]
    assert set(ids(search(small_log, "zebra*", day=dt.date(2024, 4, 18)))) == {"2404.00001", "2404.00002", "2404.00003"}
    assert len(search(small_log, "zebra*", limit=1).hits) == 1


def test_json_output(small_log: Log) -> None:
    result = run_cli("--dir", small_log.root, "search", "diffusion", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 1
    hit = data[0]
    assert hit["id"] == "2404.00005"
    assert hit["title"] == "Learning in context of diffusion"
    assert hit["week"] == "2024-04-22"
    assert hit["released"] == "2024-04-10"
    assert hit["links"] == [{"label": "Paper", "url": "https://arxiv.org/abs/2404.00005"}]
    assert isinstance(hit["score"], float) and hit["score"] > 0
    assert "Diffusion models" in hit["snippet"] and "\x02" not in hit["snippet"]


def test_terminal_output_highlights_and_prints_markup_literally(small_log: Log) -> None:
    result = run_cli("--dir", small_log.root, "search", "markup")
    assert result.exit_code == 0, result.output
    assert "[bold]x is not markup" in result.stdout  # rich markup in a title is shown, not obeyed
    assert "2404.00007" in result.stdout and "week of 2024-04-22" in result.stdout
    none = run_cli("--dir", small_log.root, "search", "nonexistentword")
    assert none.exit_code == 0 and "No papers match" in none.stdout


@pytest.mark.parametrize("query", ['"unclosed', "foo AND", "(zebra", "AND", "NOT zebra"])
def test_query_syntax_error_is_one_line_and_exit_2(small_log: Log, query: str) -> None:
    result = run_cli("--dir", small_log.root, "search", query)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("paperweek: search query"), result.stderr


def test_fts_query_quotes_punctuated_words() -> None:
    assert fts_query("GPT-4 cs.CL") == '"GPT-4" "cs.CL"'
    assert fts_query('diffu* "in-context learning" OR x') == 'diffu* "in-context learning" OR x'
    assert fts_query("title:GPT-4*") == 'title : "GPT-4"*'
    assert fts_query("unknown:col") == '"unknown:col"'
    with pytest.raises(InputError):
        fts_query("   ")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
def test_any_query_gives_results_or_a_clear_error(small_log: Log, query: str) -> None:
    with SearchIndex(small_log) as index:
        index.refresh()
        try:
            index.search(query)
        except InputError as exc:
            assert "\n" not in str(exc)


def test_index_is_incremental(small_log: Log) -> None:
    with SearchIndex(small_log) as index:
        first = index.refresh()
        assert first.full and first.files_indexed == 3 and first.papers_indexed == 8
        again = index.refresh()
        assert not again.changed and again.load_seconds == 0.0

        # one week changes: only it is read again
        with small_log.locked():
            week = small_log.week(APRIL_22)
            assert week is not None
            week.papers.append(paper("2404.00008", "Quokkas", "Cute.", ""))
            small_log.save_week(week)
        stats = index.refresh()
        assert (stats.files_indexed, stats.papers_indexed, stats.full) == (1, 4, False)
        assert ids(index.search("quokkas")) == ["2404.00008"]

        # touched but identical: hashed, not re-indexed
        path = small_log.week_path(APRIL_15)
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
        stats = index.refresh()
        assert stats.files_indexed == 0 and stats.papers_indexed == 0

        # a deleted week disappears from results
        small_log.week_path(JAN_2023).unlink()
        stats = index.refresh()
        assert stats.files_removed == 1
        assert ids(index.search("finches")) == []
        assert index.count() == 8


def test_hand_edited_week_file_is_picked_up(small_log: Log) -> None:
    assert ids(search(small_log, "wombat")) == []
    path = small_log.week_path(APRIL_15)
    text = path.read_text(encoding="utf-8").replace("Zebra stripes explained", "Wombat stripes explained")
    path.write_text(text, encoding="utf-8")
    assert ids(search(open_log(small_log.root), "wombat")) == ["2404.00002"]


def test_broken_week_file_is_reported_with_file_and_line(small_log: Log) -> None:
    path = small_log.week_path(APRIL_15)
    path.write_text(path.read_text(encoding="utf-8").replace("title: Unrelated work", "title: [unclosed"), "utf-8")
    result = run_cli("--dir", small_log.root, "search", "zebra")
    assert result.exit_code == 2
    assert "2024-04-15.yaml:" in result.stderr and result.stdout == ""


def test_deleting_the_cache_loses_nothing(small_log: Log) -> None:
    before = [h.to_json() for h in search(small_log, "zebra*").hits]
    shutil.rmtree(small_log.cache_dir)
    after = [h.to_json() for h in search(open_log(small_log.root), "zebra*").hits]
    assert after == before and len(after) == 4


def test_tags_settings_change_rebuilds_the_index(small_log: Log) -> None:
    assert ids(search(small_log, "learning", tags=["language"])) == []
    config = small_log.root / "paperweek.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[tags]\ncategories = { "cs.CL" = "language" }\n', "utf-8")
    relog = open_log(small_log.root)
    with SearchIndex(relog) as index:
        assert index.refresh().full
        assert ids(index.search("learning", tags=["language"])) == ["2404.00004"]
        assert ids(index.search("tags:language")) == ["2404.00004"]


def test_abstract_from_the_arxiv_cache(small_log: Log) -> None:
    from paperweek.cache.arxiv import MetadataCache
    from paperweek.models import ArxivRecord

    def record(abstract: str) -> ArxivRecord:
        day = dt.date(2024, 4, 10)
        return ArxivRecord(
            id="2404.00006", version="v1", title="Diffusional dynamics", abstract=abstract, authors=["A B"],
            published=day, updated=day, primary_category="cs.CV", categories=["cs.CV"],
        )

    assert ids(search(small_log, "platypus")) == []
    with MetadataCache(small_log.cache_dir) as cache:
        cache.put_records([record("A platypus\nwalks into a bar.")])
    hits = search(small_log, "platypus").hits
    assert ids(hits) == ["2404.00006"] and "platypus" in hits[0].snippet
    # the file's own abstract wins over the cache: 2404.00001's abstract speaks of zebras
    with MetadataCache(small_log.cache_dir) as cache:
        cache.put_records([record("Now an echidna.")])
    assert ids(search(small_log, "platypus")) == []
    assert ids(search(small_log, "echidna")) == ["2404.00006"]


def test_search_needs_a_log(tmp_path: Path) -> None:
    result = run_cli("--dir", tmp_path, "search", "x")
    assert result.exit_code == 2 and "paperweek.toml" in result.stderr


def test_real_arxiv_records_are_searchable(tmp_path: Path) -> None:
    """A few hundred real records from ../shared (punctuation, TeX, accents) index and search."""
    import gzip

    from paperweek.markdown import escape

    sample = SAMPLE
    papers = []
    with gzip.open(sample, "rt", encoding="utf-8") as handle:
        for line, _ in zip(handle, range(300), strict=False):
            record = json.loads(line)
            papers.append(
                Paper(id=record["id"], title=escape(record["title"]), abstract=escape(record["abstract"]),
                      authors=record["authors"].split(", "), categories=record["categories"].split())
            )
    log = make_log(tmp_path / "real", {dt.date(2026, 1, 5): papers})
    hits = search(log, '"depth estimation"').hits
    assert hits and all("depth estimation" in (h.title_text + h.snippet.replace("\x02", "").replace("\x03", "")).lower()
                        for h in hits)
    assert search(log, "segment*", tags=["vision"]).hits


# --- stemming, tag weight, suggestions (issue 14, items 7-9) ---------------------------


def _real_log(root: Path, count: int) -> Log:
    import gzip

    from conftest import SHARED

    from paperweek.markdown import escape

    papers = []
    with gzip.open(SHARED / "data" / "arxiv-sample-2026.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line, _ in zip(handle, range(count), strict=False):
            record = json.loads(line)
            papers.append(
                Paper(id=record["id"], title=escape(record["title"]), abstract=escape(record["abstract"]),
                      authors=record["authors"].split(", "), categories=record["categories"].split())
            )
    weeks = {dt.date(2026, 1, 5) + dt.timedelta(days=7 * (i // 100)): papers[i : i + 100] for i in range(0, count, 100)}
    return make_log(root, weeks)


def test_search_stems_words(small_log: Log) -> None:
    learn = run_cli("--dir", small_log.root, "search", "--json", "learn")
    assert {h["id"] for h in json.loads(learn.stdout)} >= {"2404.00004", "2404.00005"}  # "Learning"
    assert ids(search(small_log, "planned")) == ["2404.00001"]  # "Planning"
    assert ids(search(small_log, "zebra")) == ids(search(small_log, "zebras"))


def test_tags_weigh_less_than_text_and_snippets_come_from_the_text(tmp_path: Path) -> None:
    log = _real_log(tmp_path / "real", 1500)
    hits = search(log, "learning", limit=5000).hits
    kinds = ["text" if "\x02" in h.snippet or "\x02" in h.title_marked else "tag" for h in hits]
    assert "tag" in kinds, "some papers match only through the automatic machine-learning tag"
    # every paper whose words say "learning" ranks above every paper that only carries the tag
    assert kinds == sorted(kinds, key=lambda kind: kind == "tag")
    for hit, kind in zip(hits, kinds, strict=True):
        assert "machine-learning" not in hit.snippet  # never a snippet of tag names
        if kind == "tag":
            assert hit.snippet and hit.snippet.split("…")[0][:40] in hit.summary + " ".join(
                p.abstract for _, p in log.papers() if p.id == hit.id
            )  # the opening of its own text
    shown = run_cli("--dir", log.root, "search", "learning", "--limit", "7")
    assert shown.stdout.count("machine-learning") <= 7  # at most once per result, in its meta line


def test_no_match_says_so_and_suggests_the_closest_terms(small_log: Log, tmp_path: Path) -> None:
    result = run_cli("--dir", small_log.root, "search", "difusion")
    assert result.exit_code == 0
    assert "No papers match 'difusion'." in result.stdout
    assert "Did you mean diffusion?" in result.stdout
    as_json = run_cli("--dir", small_log.root, "search", "--json", "zebre", "finchs")
    assert json.loads(as_json.stdout) == []
    assert "did you mean zebra finchs?" in as_json.stderr  # "finchs" is known (stem finch); "zebre" is not
    assert ids(search(small_log, "zebra finchs")) == ["2301.00001"]
    nothing = run_cli("--dir", small_log.root, "search", "qwxzv")
    assert "No papers match 'qwxzv'." in nothing.stdout and "Did you mean" not in nothing.stdout
    real = _real_log(tmp_path / "real", 600)
    typo = run_cli("--dir", real.root, "search", "segmantation")
    assert "Did you mean segmentation?" in typo.stdout  # not "semantic", although its stem is nearer
    swapped = run_cli("--dir", real.root, "search", "modle", "transfromer")
    assert "Did you mean model transformer?" in swapped.stdout  # swapped letters; "model" before "module"


def test_suggestion_keeps_the_column_the_user_named(tmp_path: Path) -> None:
    """``title:difusion`` offers ``title:diffusion``, not ``tail:diffusion`` (issue 21, item 6); a scoped
    word is corrected from the words of its own column."""
    week = [
        paper("2404.00011", "Diffusion models with heavy tails", "Abstractive summarization of long tokens.",
              authors=["Ann Smith"]),
        paper("2404.00012", "Smooth token pruning", "Fewer tokens per step.", authors=["Bo Li"]),
    ]
    log = make_log(tmp_path / "log", {APRIL_15: week})
    titled = run_cli("--dir", log.root, "search", "title:difusion")
    assert "Did you mean title:diffusion?  paperweek search title:diffusion" in titled.stdout
    scoped = run_cli("--dir", log.root, "search", "--json", "summary:tokns", "authors:smoth")
    assert "did you mean summary:tokens authors:smith?" in scoped.stderr  # "smooth" is a title word
    assert ids(search(log, "summary:tokens authors:smith")) == ["2404.00011"]
