"""Issue 22, classes of failure found on held-out real lists: each class on a small list written here
(never a copy of a real one), through the CLI, with the first build writing the list back as written."""

from __future__ import annotations

from pathlib import Path

from conftest import imported


def test_a_bold_line_heads_a_period_and_bare_url_sub_bullets_make_items(tmp_path: Path) -> None:
    text = (
        "# Reading log\nWhat we liked.\n**Best Papers of the Week (Mar 4-10):**\n"
        "1. A model that folds proteins faster by sparse attention over residues.\n"
        "  - Paper: https://arxiv.org/abs/2403.01234\n"
        "2. A demo of a robot that sorts socks with a small vision model.\n"
        "  - https://socks.example.org/\n"
    )
    papers, _, _ = imported(tmp_path, text)
    assert [p["title"] for p in papers] == [
        "A model that folds proteins faster by sparse attention over residues.",
        "A demo of a robot that sorts socks with a small vision model.",
    ]
    assert papers[0]["id"] == "2403.01234" and papers[0]["week"] == "2024-03-04"
    assert [link["url"] for link in papers[1]["links"]] == ["https://socks.example.org/"]  # type: ignore[index]


def test_each_row_of_a_table_is_placed_by_its_own_date(tmp_path: Path) -> None:
    text = (
        "# Reading group\n\n| Date | Paper | Link | Presenter |\n|---|---|---|---|\n"
        "| 03/07/19 | Sparse attention for long genomes | [Arxiv](https://arxiv.org/abs/1901.00001) | Ann |\n"
        "| 03/21/19 | Protein language models at scale | [PDF](https://example.org/plm.pdf) | Bob |\n"
        "| TBD | Graph networks for cell atlases | [PDF](https://example.org/gn.pdf) | Cid |\n"
        "| 04/18/19 | Diffusion for molecules | [Arxiv](https://arxiv.org/abs/1903.00002) | Dee |\n"
    )
    papers, out, _ = imported(tmp_path, text)
    weeks = {str(p["title"]): p["week"] for p in papers}
    assert weeks == {  # not one period from the first row's day to the last's
        "Sparse attention for long genomes": "2019-03-04",
        "Protein language models at scale": "2019-03-18",
        "Graph networks for cell atlases": "2019-03-18",  # no date of its own: with the row above
        "Diffusion for molecules": "2019-04-15",
    }
    assert "week 2019-03-04: 1 item read, 1 paper made" in out and "(placed by row dates)" in out


def test_dates_written_in_the_list_win_over_arxiv_ids(tmp_path: Path) -> None:
    text = (
        "+++\ntitle = \"Seminar\"\ndate = 2021-10-03T00:00:00\n+++\n\n"
        "| Date | Title | Speaker | Refs. |\n|:--:|:--:|:--:|:--:|\n"
        "| 10.8 | [Talking to tables](https://slides.example.org/a) | Ann | [PDF](https://arxiv.org/abs/1905.01234) |\n"
        "| 11.19 | Learning to route | Bob | [PDF](https://arxiv.org/pdf/1812.04321.pdf) |\n"
    )
    papers, _, _ = imported(tmp_path, text)
    # the year is the front matter's, the day the row's; the Refs links are the papers' (their arXiv ids)
    assert sorted((p["id"], p["week"]) for p in papers) == [("1812.04321", "2021-11-15"), ("1905.01234", "2021-10-04")]
    first = next(p for p in papers if p["id"] == "1905.01234")
    assert [link["label"] for link in first["links"]] == ["Talking to tables", "PDF"]  # type: ignore[index]


def test_a_day_written_after_the_link_is_not_lost_in_a_month(tmp_path: Path) -> None:
    text = (
        "# Recently read\n\n"
        "- [Sparse codecs for speech](https://arxiv.org/abs/2511.00001) — *Speech* (2025-11-27)\n"
        "- [Poems that jailbreak models](https://arxiv.org/abs/2511.00002) — *LLM* (2025-11-04)\n"
    )
    papers, out, _ = imported(tmp_path, text)
    # days of one month: a monthly list; each paper keeps its own day
    assert sorted((p["week"], p["released"]) for p in papers) == [("2025-11-01", "2025-11-04"), ("2025-11-01", "2025-11-27")]
    assert "placed by row dates" in out and "placed by arXiv ids" not in out


def test_commonmark_link_markup_gives_clean_titles_and_keeps_links(tmp_path: Path) -> None:
    text = (
        "# Notes\n\n## 2024-03\n\n"
        "| Date | Paper | Venue |\n|---|---|---|\n"
        "| 2024-03-05 | [Markets and the news: a study](<https://doi.org/10.1000/abc(1)>) | J. Econ |\n\n"
        "* Glimpse: Recurrent Attention for Images [[link](https://arxiv.org/abs/1502.04623)] [[blog](https://b.example.org/g)]\n"
        "* Pointer Nets for Sorting [[link](https://arxiv.org/abs/1506.03134)] [[notes](notes/ptr.md)]\n"
    )
    papers, _, _ = imported(tmp_path, text)
    by_title = {str(p["title"]): p for p in papers}
    assert sorted(by_title) == ["Glimpse: Recurrent Attention for Images", "Markets and the news: a study",
                                "Pointer Nets for Sorting"]
    doi = by_title["Markets and the news: a study"]["links"]
    assert [link["url"] for link in doi] == ["https://doi.org/10.1000/abc(1)"]  # type: ignore[union-attr,index]
    assert by_title["Pointer Nets for Sorting"]["id"] == "1506.03134"


def test_counts_placeholders_file_links_navigation_and_fields_stay_text(tmp_path: Path) -> None:
    text = (
        "# Reading log\n\n## 2024-05-06\n\n**Counts**\n\n| Topic | Count |\n|---|---|\n| Speech | 12 |\n| Vision | 7 |\n"
        "| **Total** | **19** |\n\n"
        "* [**Schedule**](#schedule)\n* [**Archive**](#archive)\n\n"
        "- Map: [`docs/map.md`](docs/map.md)\n- Plan: [`docs/plan.md`](docs/plan.md)\n\n"
        "| Date | Paper | Link | Presenter |\n|---|---|---|---|\n"
        "| 2024-05-06 | Quiet speech models | [arXiv](https://arxiv.org/abs/2405.00001) | Ann |\n"
        "| TBD | TBD | TBD | Bob |\n"
        "| 2024-05-08 | Loud vision models | [arXiv](https://arxiv.org/abs/2405.00002) | Cid |\n\n"
        "| Day | Papers | File |\n|---|---|---|\n| 2024-05-06 | 2 篇 | [2024-05-06.md](daily/2024-05-06.md) |\n"
        "| 2024-05-07 | 0 篇 | [2024-05-07.md](daily/2024-05-07.md) |\n\n"
        "| Field | Value |\n|---|---|\n| **Authors** | Ann Lee, Bo Chen |\n"
        "| **Link** | [arXiv](https://arxiv.org/abs/2405.00001) |\n"
    )
    papers, _, _ = imported(tmp_path, text)
    assert sorted(str(p["title"]) for p in papers) == ["Loud vision models", "Quiet speech models"]


def test_date_field_lines_of_multi_line_entries_place_each_entry(tmp_path: Path) -> None:
    text = (
        "# Classic papers\n\n## Papers read so far\n"
        "- Paper: __A Machine That Learns Sums__ <br />\n  Author: A. Person <br />\n  Year: 1957 <br />\n"
        "  Date: March 3rd, 2021 <br />\n  Link: http://example.org/sums.pdf <br />\n"
        "- Paper: __Networks of Threshold Units__ <br />\n  Year: 1961 <br />\n"
        "  Date: May 12th, 2021 <br />\n  Link: https://example.org/units.pdf\n"
    )
    papers, _, _ = imported(tmp_path, text)
    assert sorted((str(p["title"]), p["week"]) for p in papers) == [
        ("A Machine That Learns Sums", "2021-03-01"), ("Networks of Threshold Units", "2021-05-10")]
    assert [link["url"] for link in papers[0]["links"]] in (  # type: ignore[index]
        ["http://example.org/sums.pdf"], ["https://example.org/units.pdf"])


def test_a_title_cut_in_a_table_takes_its_full_form_from_the_details_below(tmp_path: Path) -> None:
    text = (
        "# Daily\n\n## 2026-03-02\n\n| # | Title | Gist |\n|---|---|---|\n"
        "| 1 | [Sparse Retrieval Beats Dense Retrieval on Long Sci…](https://arxiv.org/abs/2603.00001) | short |\n"
        "| 2 | [Agents That Plan](https://arxiv.org/abs/2603.00002) | short |\n\n"
        "<details>\n<summary><b>1. Sparse Retrieval Beats Dense Retrieval on Long Scientific Documents</b></summary>\n\n"
        "| Field | Value |\n|---|---|\n| **Authors** | Ann Lee |\n| **Link** | [arXiv](https://arxiv.org/abs/2603.00001) |\n\n"
        "</details>\n"
    )
    papers, _, _ = imported(tmp_path, text)
    assert sorted(str(p["title"]) for p in papers) == [
        "Agents That Plan", "Sparse Retrieval Beats Dense Retrieval on Long Scientific Documents"]


def test_a_sibling_section_of_links_to_other_things_is_not_papers(tmp_path: Path) -> None:
    text = (
        "# Notes\n\n#### 2017-09\n\n* Glimpse Networks [[link](https://arxiv.org/abs/1502.04623)]\n\n"
        "#### 2017-08\n\n* Pointer Nets [[link](https://arxiv.org/abs/1506.03134)]\n\n---\n\n"
        "#### Other collections of notes\n\n* [the evening paper](https://blog.example.org/tag/ml)\n"
        "* [/someone/papernotes](https://github.com/someone/papernotes)\n"
    )
    papers, _, _ = imported(tmp_path, text)
    assert sorted(str(p["title"]) for p in papers) == ["Glimpse Networks", "Pointer Nets"]
